// SPDX-License-Identifier: GPL-3.0-or-later
// Who uses Ollama through Corral: the activity registry (live list, Stop, ring, totals), token
// counting, per-key limits (models, requests in flight, expiry) and /api/v1/activity, through
// the whole front door (guard, gate, proxy) against the fake Ollama.
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/activity.h"
#include "server/activityapi.h"
#include "server/localserver.h"
#include "server/tokenmeter.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray Token = "activity-owner-token-0123456789abcdef";

QJsonObject jsonOf(const RawResponse &response)
{
    return QJsonDocument::fromJson(response.body).object();
}

QByteArray generate(const QByteArray &model = "llama3.2:latest")
{
    return R"({"model":")" + model + R"(","prompt":"go"})";
}

QStringList modelNames(const QJsonArray &models, const QString &field)
{
    QStringList names;
    for (const QJsonValue &model : models)
        names.append(model.toObject().value(field).toString());
    return names;
}

} // namespace

class TestActivity : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tokenMeter_countsNdjsonLinesThenOllamasCount();
    void tokenMeter_countsSseEventsAndReadsUsage();
    void tokenMeter_readsAJsonAnswersCounts();
    void liveList_showsEachKindOfCaller();
    void ended_goesToTheRingWithTokensAndStatus();
    void sse_tokensAreCountedThroughTheProxy();
    void stop_abortsUpstreamWithin100ms();
    void stopThroughTheApi_endsTheStream();
    void snapshots_arePublishedWhileRequestsRun();
    void ring_isBounded();
    void totals_surviveARestart_andOldDaysArePruned();
    void allowedModels_refuseOtherModelsOnEveryRoute_data();
    void allowedModels_refuseOtherModelsOnEveryRoute();
    void allowedModels_filterTheModelLists();
    void inFlightLimit_gives429WithRetryAfter();
    void expiredKey_isRefusedLikeARevokedOne();
    void oldKeys_keepWorkingWithoutLimits();
    void limits_areStoredAndEditable();
    void activityApi_isForTheOwnerAndSessionsOnly();

private:
    QByteArray host() const { return m_env->hostAndPort(); }
    QByteArray requestWith(const QByteArray &credentials, const QByteArray &method, const QByteArray &target,
                           const QByteArray &body = QByteArray()) const;
    QByteArray owner(const QByteArray &method, const QByteArray &target, const QByteArray &body = QByteArray()) const
    {
        return requestWith("Authorization: Bearer " + Token + "\r\n", method, target, body);
    }
    QByteArray withKey(const QByteArray &key, const QByteArray &method, const QByteArray &target,
                       const QByteArray &body = QByteArray()) const
    {
        return requestWith("Authorization: Bearer " + key + "\r\n", method, target, body);
    }
    /// Headers of a signed-in browser tab (cookie and page key).
    QByteArray browserSession();
    QByteArray createKey(const QString &name, const KeyLimits &limits = {}, ApiKeyStore::Scope scope = ApiKeyStore::Scope::Chat);

    std::unique_ptr<TestServer> m_env;
    std::unique_ptr<ActivityApi> m_api;
};

void TestActivity::init()
{
    m_env = std::make_unique<TestServer>(
        QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("llama3.2:1b"), QStringLiteral("qwen3:8b")});
    QVERIFY2(m_env->isReady() && m_env->createServer(Token), qPrintable(m_env->errorString()));
    m_api = std::make_unique<ActivityApi>(m_env->server(), m_env->server()->activity());
    QVERIFY2(m_env->startServer(), qPrintable(m_env->errorString()));
}

void TestActivity::cleanup()
{
    m_api.reset();
    m_env.reset();
}

QByteArray TestActivity::requestWith(const QByteArray &credentials, const QByteArray &method, const QByteArray &target,
                                     const QByteArray &body) const
{
    return httpRequest(method, target, body, credentials, host());
}

QByteArray TestActivity::browserSession()
{
    AccessRequest signIn;
    signIn.method = "POST";
    signIn.path = "/auth/signin";
    signIn.host = host();
    signIn.peer = QHostAddress(QHostAddress::LocalHost);
    const QByteArray session = m_env->access()->signIn(Token, signIn);
    AccessRequest page = signIn;
    page.cookie = m_env->access()->cookieName() + '=' + session;
    const QByteArray pageKey = m_env->access()->claimPageKey(page);
    return "Cookie: " + page.cookie + "\r\nX-Corral-Session: " + pageKey + "\r\nOrigin: http://" + host() + "\r\n";
}

QByteArray TestActivity::createKey(const QString &name, const KeyLimits &limits, ApiKeyStore::Scope scope)
{
    QString error;
    const QByteArray key = m_env->keys()->create(name, scope, &error, false, limits);
    if (key.isEmpty())
        qWarning() << error;
    return key;
}

void TestActivity::tokenMeter_countsNdjsonLinesThenOllamasCount()
{
    TokenMeter meter;
    meter.setContentType("application/x-ndjson");
    meter.feed("{\"response\":\"a\",\"done\":false}\n{\"respo");
    QCOMPARE(meter.tokensOut(), 1);
    meter.feed("nse\":\"b\",\"done\":false}\n");
    QCOMPARE(meter.tokensOut(), 2);
    meter.feed("{\"done\":true,\"prompt_eval_count\":7,\"eval_count\":");
    meter.feed("41}\n");
    meter.finish();
    QCOMPARE(meter.tokensOut(), 41);
    QCOMPARE(meter.tokensIn(), 7);
}

void TestActivity::tokenMeter_countsSseEventsAndReadsUsage()
{
    TokenMeter meter;
    meter.setContentType("text/event-stream; charset=utf-8");
    meter.feed("data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\n\ndata: {\"choices\":[{\"delta\":");
    meter.feed("{\"content\":\"b\"}}]}\n\n");
    QCOMPARE(meter.tokensOut(), 2);
    meter.feed("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":9}}\n\ndata: [DONE]\n\n");
    meter.finish();
    QCOMPARE(meter.tokensOut(), 9);
    QCOMPARE(meter.tokensIn(), 5);

    // Anthropic: input in message_start, output in message_delta.
    TokenMeter anthropic;
    anthropic.setContentType("text/event-stream");
    anthropic.feed("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":0}}}\n\n");
    anthropic.feed("event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n");
    anthropic.feed("event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":3}}\n\n");
    anthropic.finish();
    QCOMPARE(anthropic.tokensIn(), 12);
    QCOMPARE(anthropic.tokensOut(), 3);
    // The same events in one piece, as a fast stream delivers them.
    TokenMeter whole;
    whole.setContentType("text/event-stream");
    whole.feed("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}\n\n"
               "event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n"
               "event: content_block_delta\ndata: {\"type\":\"content_block_delta\"}\n\n"
               "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":5}}\n\n"
               "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    QCOMPARE(whole.tokensOut(), 5); // five events so far
    whole.finish();
    QCOMPARE(whole.tokensIn(), 12);
    QCOMPARE(whole.tokensOut(), 5);
}

void TestActivity::tokenMeter_readsAJsonAnswersCounts()
{
    TokenMeter meter;
    meter.setContentType("application/json; charset=utf-8");
    meter.feed("{\"message\":{\"content\":\"hi\"},\"prompt_eval_count\":4,");
    meter.feed("\"eval_count\":2}");
    meter.finish();
    QCOMPARE(meter.tokensIn(), 4);
    QCOMPARE(meter.tokensOut(), 2);
    TokenMeter error;
    error.setContentType("application/json");
    error.setFailed(true);
    error.feed("{\"error\":\"model 'x' not found\"}");
    error.finish();
    QCOMPARE(error.errorMessage(), QStringLiteral("model 'x' not found"));
    // Answers of routes that run no model (/api/tags, /api/version) are never scanned.
    TokenMeter list;
    list.setContentType("application/json");
    list.setCountsExpected(false);
    list.feed("{\"models\":[{\"name\":\"eval_count\",\"prompt_eval_count\":4}]}");
    list.finish();
    QCOMPARE(list.tokensIn(), 0);
}

void TestActivity::liveList_showsEachKindOfCaller()
{
    m_env->fake()->setReplyTokenCount(40);
    m_env->fake()->setTokenDelayMs(50);
    const QByteArray key = createKey(QStringLiteral("editor plugin"));
    QVERIFY(!key.isEmpty());
    RawHttpClient ownerClient, keyClient, browserClient;
    QVERIFY(ownerClient.connectTo(m_env->server()->port()));
    QVERIFY(keyClient.connectTo(m_env->server()->port()));
    QVERIFY(browserClient.connectTo(m_env->server()->port()));
    ownerClient.send(owner("POST", "/ollama/api/generate", generate()));
    keyClient.send(withKey(key, "POST", "/ollama/api/chat", R"({"model":"qwen3:8b","messages":[{"role":"user","content":"hi"}]})"));
    browserClient.send(requestWith(browserSession(), "POST", "/ollama/api/generate", generate("llama3.2:1b")));
    Activity *activity = m_env->server()->activity();
    QTRY_COMPARE(activity->liveCount(), 3);
    QTRY_VERIFY([&] {
        for (const ActivityEntry &entry : activity->snapshot().live) {
            if (entry.tokensOut < 1)
                return false;
        }
        return true;
    }());
    const ActivitySnapshot snapshot = activity->snapshot();
    QHash<ActivityEntry::CallerKind, ActivityEntry> byKind;
    for (const ActivityEntry &entry : snapshot.live) {
        byKind.insert(entry.callerKind, entry);
        QCOMPARE(entry.peer, QStringLiteral("127.0.0.1"));
        QCOMPARE(entry.endedMs, 0);
        QVERIFY(entry.startedMs > 0);
    }
    QCOMPARE(byKind.size(), 3);
    QCOMPARE(byKind[ActivityEntry::CallerKind::Owner].route, QStringLiteral("POST /api/generate"));
    QCOMPARE(byKind[ActivityEntry::CallerKind::Owner].model, QStringLiteral("llama3.2:latest"));
    QCOMPARE(byKind[ActivityEntry::CallerKind::ApiKey].caller, QStringLiteral("editor plugin"));
    QCOMPARE(byKind[ActivityEntry::CallerKind::ApiKey].model, QStringLiteral("qwen3:8b"));
    QCOMPARE(byKind[ActivityEntry::CallerKind::ApiKey].route, QStringLiteral("POST /api/chat"));
    QCOMPARE(byKind[ActivityEntry::CallerKind::Session].caller.size(), 8); // a tag, not the session id
    QCOMPARE(byKind[ActivityEntry::CallerKind::Session].model, QStringLiteral("llama3.2:1b"));

    // The same list through the API.
    const QJsonObject json = jsonOf(m_env->roundTrip(owner("GET", "/api/v1/activity")));
    QCOMPARE(json.value(QStringLiteral("live")).toArray().size(), 3);
    QStringList kinds = modelNames(json.value(QStringLiteral("live")).toArray(), QStringLiteral("caller_kind"));
    kinds.sort();
    QCOMPARE(kinds, (QStringList{QStringLiteral("key"), QStringLiteral("owner"), QStringLiteral("session")}));
}

void TestActivity::ended_goesToTheRingWithTokensAndStatus()
{
    m_env->fake()->setReplyTokenCount(10);
    const RawResponse response = m_env->roundTrip(owner("POST", "/ollama/api/generate", generate()));
    QCOMPARE(response.status, 200);
    const ActivitySnapshot snapshot = m_env->server()->activity()->snapshot();
    QVERIFY(snapshot.live.isEmpty());
    QCOMPARE(snapshot.recent.size(), 1);
    const ActivityEntry &entry = snapshot.recent.first();
    QCOMPARE(entry.status, 200);
    QCOMPARE(entry.tokensOut, 3); // the fake's eval_count: Ollama's own count replaces the line count
    QCOMPARE(entry.tokensIn, 12);
    QVERIFY(entry.endedMs >= entry.startedMs);
    QVERIFY(entry.error.isEmpty());

    QCOMPARE(m_env->roundTrip(owner("POST", "/ollama/api/generate", generate("missing:latest"))).status, 404);
    const ActivityEntry failed = m_env->server()->activity()->snapshot().recent.first();
    QCOMPARE(failed.status, 404);
    QVERIFY2(failed.error.contains(QStringLiteral("not found")), qPrintable(failed.error));
}

void TestActivity::sse_tokensAreCountedThroughTheProxy()
{
    m_env->fake()->setReplyTokenCount(7);
    const RawResponse response = m_env->roundTrip(owner("POST", "/ollama/v1/chat/completions",
                                                 R"({"model":"llama3.2:latest","stream":true,"messages":[{"role":"user","content":"hi"}]})"));
    QCOMPARE(response.status, 200);
    const ActivityEntry entry = m_env->server()->activity()->snapshot().recent.first();
    QCOMPARE(entry.tokensOut, 8); // 7 token events and the finish event; [DONE] does not count
    QCOMPARE(entry.model, QStringLiteral("llama3.2:latest"));
}

void TestActivity::stop_abortsUpstreamWithin100ms()
{
    m_env->fake()->setReplyTokenCount(1000);
    m_env->fake()->setTokenDelayMs(20);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(owner("POST", "/ollama/api/generate", generate()));
    Activity *activity = m_env->server()->activity();
    QTRY_VERIFY(activity->liveCount() == 1 && activity->snapshot().live.first().tokensOut >= 2);
    QSignalSpy aborted(m_env->fake(), &FakeOllama::streamAborted);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(activity->stop(activity->snapshot().live.first().id));
    QVERIFY(aborted.count() == 1 || aborted.wait(1000));
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed < 100, qPrintable(QStringLiteral("upstream saw the close after %1 ms").arg(elapsed)));
    QCOMPARE(activity->liveCount(), 0);
    const ActivityEntry entry = activity->snapshot().recent.first();
    QVERIFY(entry.stopped);
    QVERIFY(!entry.error.isEmpty());
    // The client gets the end of its stream with the reason.
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 200);
    QVERIFY2(response.body.contains("Stopped in Corral"), response.body.right(200).constData());
}

void TestActivity::stopThroughTheApi_endsTheStream()
{
    m_env->fake()->setReplyTokenCount(1000);
    m_env->fake()->setTokenDelayMs(20);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(owner("POST", "/ollama/api/generate", generate()));
    Activity *activity = m_env->server()->activity();
    QTRY_COMPARE(activity->liveCount(), 1);
    const QByteArray id = QByteArray::number(activity->snapshot().live.first().id);
    QSignalSpy aborted(m_env->fake(), &FakeOllama::streamAborted);
    const RawResponse stopped = m_env->roundTrip(owner("POST", "/api/v1/activity/" + id + "/stop", "{}"));
    QCOMPARE(stopped.status, 200);
    QVERIFY(aborted.count() == 1 || aborted.wait(1000));
    QCOMPARE(m_env->roundTrip(owner("POST", "/api/v1/activity/" + id + "/stop", "{}")).status, 404);
    QCOMPARE(m_env->roundTrip(owner("GET", "/api/v1/activity/" + id + "/stop")).status, 405);
}

void TestActivity::snapshots_arePublishedWhileRequestsRun()
{
    m_env->fake()->setReplyTokenCount(20);
    m_env->fake()->setTokenDelayMs(20);
    Activity *activity = m_env->server()->activity();
    QSignalSpy published(activity, &Activity::snapshotReady);
    activity->setPublishInterval(30); // off by default (headless: nobody watches)
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(owner("POST", "/ollama/api/generate", generate()));
    // While it runs, the window hears about it (elapsed and tokens change) ...
    QTRY_VERIFY(!published.isEmpty() && !published.last().first().value<ActivitySnapshot>().live.isEmpty());
    QCOMPARE(client.readResponse().status, 200);
    // ... and once more when it ended.
    QTRY_VERIFY(published.last().first().value<ActivitySnapshot>().live.isEmpty());
    QCOMPARE(published.last().first().value<ActivitySnapshot>().recent.first().route, QStringLiteral("POST /api/generate"));
}

void TestActivity::ring_isBounded()
{
    Activity activity;
    for (int i = 0; i < Activity::RingSize + 50; ++i) {
        ActivityEntry entry;
        entry.route = QStringLiteral("GET /api/version");
        entry.model = QString::number(i);
        activity.end(activity.begin(entry, {}));
    }
    const ActivitySnapshot snapshot = activity.snapshot();
    QCOMPARE(snapshot.recent.size(), Activity::RingSize);
    QCOMPARE(snapshot.recent.first().model, QString::number(Activity::RingSize + 49)); // newest first
    QCOMPARE(snapshot.recent.last().model, QStringLiteral("50"));
    QCOMPARE(snapshot.totals.value(0).requestsToday, Activity::RingSize + 50); // totals count them all
}

void TestActivity::totals_surviveARestart_andOldDaysArePruned()
{
    const QString path = m_env->dir()->filePath(QStringLiteral("activity.db"));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 day = 24 * 3600 * 1000;
    {
        Activity activity;
        QString error;
        QVERIFY2(activity.openTotals(path, &error), qPrintable(error));
        for (const qint64 at : {now, now, now - 3 * day, now - 40 * day}) {
            activity.setClock([at] { return at; });
            ActivityEntry entry;
            entry.callerKind = ActivityEntry::CallerKind::ApiKey;
            entry.caller = QStringLiteral("script");
            Activity::Live *live = activity.begin(entry, {});
            live->entry.tokensIn = 10;
            live->entry.tokensOut = 5;
            activity.end(live);
        }
        ActivityEntry browser;
        browser.callerKind = ActivityEntry::CallerKind::Session;
        browser.caller = QStringLiteral("ab12cd34");
        activity.setClock([now] { return now; });
        activity.end(activity.begin(browser, {}));
        activity.end(activity.begin(ActivityEntry(), {})); // the owner token: no caller name
    } // stored at exit
    Activity reopened;
    QString error;
    QVERIFY2(reopened.openTotals(path, &error), qPrintable(error));
    const QList<ActivityTotal> totals = reopened.snapshot().totals;
    QCOMPARE(totals.size(), 3);
    const ActivityTotal &script = totals.first(); // busiest first
    QCOMPARE(script.caller, QStringLiteral("script"));
    QCOMPARE(script.requestsToday, 2);
    QCOMPARE(script.tokensToday, 30);
    QCOMPARE(script.requests30Days, 3); // the one from 40 days ago is gone
    QCOMPARE(script.tokens30Days, 45);
    for (const auto kind : {ActivityEntry::CallerKind::Session, ActivityEntry::CallerKind::Owner}) {
        const auto total = std::find_if(totals.cbegin(), totals.cend(), [kind](const ActivityTotal &t) { return t.callerKind == kind; });
        QVERIFY(total != totals.cend());
        QCOMPARE(total->requestsToday, 1);
    }
}

void TestActivity::allowedModels_refuseOtherModelsOnEveryRoute_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("allowed");
    const QByteArray chat = R"({"model":"%1","messages":[{"role":"user","content":"hi"}]})";
    const auto with = [](QByteArray text, const QByteArray &model) { return text.replace("%1", model); };
    for (const char *name : {"llama3.2", "llama3.2:1b", "qwen3:8b"}) {
        const QByteArray model(name);
        const bool allowed = model != "qwen3:8b";
        QTest::addRow("generate %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/api/generate") << generate(model) << allowed;
        QTest::addRow("chat %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/api/chat") << with(chat, model) << allowed;
        QTest::addRow("embed %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/api/embed")
                                                     << with(R"({"model":"%1","input":"x"})", model) << allowed;
        QTest::addRow("embeddings %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/api/embeddings")
                                                          << with(R"({"model":"%1","prompt":"x"})", model) << allowed;
        QTest::addRow("show %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/api/show")
                                                    << with(R"({"name":"%1"})", model) << allowed;
        QTest::addRow("openai chat %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/v1/chat/completions")
                                                           << with(chat, model) << allowed;
        QTest::addRow("openai completions %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/v1/completions")
                                                                  << with(R"({"model":"%1","prompt":"x"})", model) << allowed;
        QTest::addRow("openai embeddings %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/v1/embeddings")
                                                                 << with(R"({"model":"%1","input":"x"})", model) << allowed;
        QTest::addRow("responses %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/v1/responses")
                                                         << with(R"({"model":"%1","input":"x"})", model) << allowed;
        QTest::addRow("anthropic %s", model.constData()) << QByteArray("POST") << QByteArray("/ollama/v1/messages")
                                                         << with(R"({"model":"%1","max_tokens":9,"messages":[{"role":"user","content":"hi"}]})", model)
                                                         << allowed;
        QTest::addRow("openai model %s", model.constData()) << QByteArray("GET") << QByteArray("/ollama/v1/models/" + model)
                                                            << QByteArray() << allowed;
    }
}

void TestActivity::allowedModels_refuseOtherModelsOnEveryRoute()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(bool, allowed);
    KeyLimits limits;
    limits.models = {QStringLiteral("llama3.2:*")};
    const QByteArray key = createKey(QStringLiteral("limited"), limits);
    QVERIFY(!key.isEmpty());
    const RawResponse response = m_env->roundTrip(withKey(key, method, path, body));
    if (allowed) {
        QVERIFY2(response.status != 403, response.body.constData());
        return;
    }
    QCOMPARE(response.status, 403);
    QVERIFY2(response.body.contains("qwen3:8b"), response.body.constData()); // names the model
    QVERIFY(m_env->fake()->requests().isEmpty()); // never reached Ollama
}

void TestActivity::allowedModels_filterTheModelLists()
{
    KeyLimits limits;
    limits.models = {QStringLiteral("llama3.2")};
    const QByteArray key = createKey(QStringLiteral("one model"), limits);
    const RawResponse tags = m_env->roundTrip(withKey(key, "GET", "/ollama/api/tags"));
    QCOMPARE(tags.status, 200);
    QCOMPARE(modelNames(jsonOf(tags).value(QStringLiteral("models")).toArray(), QStringLiteral("name")),
             QStringList{QStringLiteral("llama3.2:latest")});
    QCOMPARE(tags.header("Content-Length").toInt(), tags.body.size());
    const RawResponse models = m_env->roundTrip(withKey(key, "GET", "/ollama/v1/models"));
    QCOMPARE(models.status, 200);
    QCOMPARE(modelNames(jsonOf(models).value(QStringLiteral("data")).toArray(), QStringLiteral("id")),
             QStringList{QStringLiteral("llama3.2:latest")});
    // Without limits, and for the owner, the whole list.
    const QByteArray open = createKey(QStringLiteral("open"));
    QCOMPARE(jsonOf(m_env->roundTrip(withKey(open, "GET", "/ollama/api/tags"))).value(QStringLiteral("models")).toArray().size(), 3);
    QCOMPARE(jsonOf(m_env->roundTrip(owner("GET", "/ollama/api/tags"))).value(QStringLiteral("models")).toArray().size(), 3);
}

void TestActivity::inFlightLimit_gives429WithRetryAfter()
{
    m_env->fake()->setReplyTokenCount(30);
    m_env->fake()->setTokenDelayMs(20);
    KeyLimits limits;
    limits.maxInFlight = 1;
    const QByteArray key = createKey(QStringLiteral("one at a time"), limits);
    RawHttpClient first;
    QVERIFY(first.connectTo(m_env->server()->port()));
    first.send(withKey(key, "POST", "/ollama/api/generate", generate()));
    QTRY_COMPARE(m_env->server()->activity()->liveCount(), 1);
    const RawResponse second = m_env->roundTrip(withKey(key, "POST", "/ollama/api/generate", generate()));
    QCOMPARE(second.status, 429);
    QCOMPARE(second.header("Retry-After"), QByteArray("1"));
    QVERIFY(second.body.contains("one at a time"));
    // The owner and other keys are not held back by this key's limit.
    QCOMPARE(m_env->roundTrip(owner("GET", "/ollama/api/version")).status, 200);
    QCOMPARE(first.readResponse().status, 200);
    QTRY_COMPARE(m_env->server()->activity()->liveCount(), 0);
    QCOMPARE(m_env->roundTrip(withKey(key, "GET", "/ollama/api/version")).status, 200);
}

void TestActivity::expiredKey_isRefusedLikeARevokedOne()
{
    KeyLimits limits;
    limits.expires = QDateTime::currentDateTimeUtc().addSecs(-60);
    const QByteArray expired = createKey(QStringLiteral("last week"), limits);
    const RawResponse response = m_env->roundTrip(withKey(expired, "GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 401);
    QVERIFY2(response.body.contains("expired"), response.body.constData());
    QVERIFY(response.body.contains("last week"));
    QVERIFY(m_env->fake()->requests().isEmpty());
    limits.expires = QDateTime::currentDateTimeUtc().addDays(1);
    const QByteArray valid = createKey(QStringLiteral("until tomorrow"), limits);
    QCOMPARE(m_env->roundTrip(withKey(valid, "GET", "/ollama/api/tags")).status, 200);
    // Renewed: works again.
    QString error;
    QVERIFY(m_env->keys()->setLimits(QStringLiteral("last week"), limits, &error));
    QCOMPARE(m_env->roundTrip(withKey(expired, "GET", "/ollama/api/tags")).status, 200);
}

void TestActivity::oldKeys_keepWorkingWithoutLimits()
{
    // api-keys.json as Corral wrote it before limits existed.
    const QByteArray plain = "crl_oldkey0123456789";
    const QByteArray stored = R"({"version":1,"keys":[{"name":"old tool","scope":"chat","sha256":")"
        + Credentials::sha256Hex(plain) + R"(","created":"2026-01-01T00:00:00Z","last_used":""}]})";
    QFile file(m_env->dir()->filePath(QStringLiteral("api-keys.json")));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(stored);
    file.close();
    const auto keys = m_env->keys()->list();
    QCOMPARE(keys.size(), 1);
    QVERIFY(keys.first().limits.isEmpty());
    QCOMPARE(m_env->roundTrip(withKey(plain, "POST", "/ollama/api/generate", generate("qwen3:8b"))).status, 200);
    QCOMPARE(jsonOf(m_env->roundTrip(withKey(plain, "GET", "/ollama/api/tags"))).value(QStringLiteral("models")).toArray().size(), 3);
    // Saving the store (another key created) writes the old key without limit fields.
    createKey(QStringLiteral("new"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject old = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("keys")).toArray().at(0).toObject();
    QCOMPARE(old.value(QStringLiteral("name")).toString(), QStringLiteral("old tool"));
    QVERIFY(!old.contains(QStringLiteral("models")) && !old.contains(QStringLiteral("max_in_flight")) && !old.contains(QStringLiteral("expires")));
}

void TestActivity::limits_areStoredAndEditable()
{
    KeyLimits limits;
    limits.models = {QStringLiteral("qwen3:*"), QStringLiteral("llama3.2")};
    limits.maxInFlight = 2;
    limits.expires = QDateTime(QDate(2030, 1, 1), QTime(0, 0), Qt::UTC);
    QVERIFY(!createKey(QStringLiteral("stored"), limits).isEmpty());
    ApiKeyStore reread(m_env->dir()->path());
    KeyLimits read = reread.list().first().limits;
    QCOMPARE(read.models, limits.models);
    QCOMPARE(read.maxInFlight, 2);
    QCOMPARE(read.expires, limits.expires);
    QString error;
    QVERIFY(reread.setLimits(QStringLiteral("stored"), KeyLimits(), &error));
    QVERIFY(ApiKeyStore(m_env->dir()->path()).list().first().limits.isEmpty());
    KeyLimits bad;
    bad.models = {QStringLiteral("no spaces allowed")};
    QVERIFY(!reread.setLimits(QStringLiteral("stored"), bad, &error));
    QVERIFY(error.contains(QStringLiteral("no spaces allowed")));
    QVERIFY(!reread.setLimits(QStringLiteral("missing"), KeyLimits(), &error));
    // Matching: a bare name is its :latest, name:* every tag of that name only.
    KeyLimits match;
    match.models = {QStringLiteral("qwen3:*"), QStringLiteral("llama3.2")};
    QVERIFY(match.allowsModel(u"qwen3:8b"));
    QVERIFY(match.allowsModel(u"QWEN3:latest"));
    QVERIFY(!match.allowsModel(u"qwen3-coder:8b"));
    QVERIFY(match.allowsModel(u"llama3.2:latest"));
    QVERIFY(match.allowsModel(u"registry.ollama.ai/library/llama3.2"));
    QVERIFY(!match.allowsModel(u"llama3.2:1b"));
}

void TestActivity::activityApi_isForTheOwnerAndSessionsOnly()
{
    const QByteArray full = createKey(QStringLiteral("full key"), {}, ApiKeyStore::Scope::Full);
    const RawResponse byKey = m_env->roundTrip(withKey(full, "GET", "/api/v1/activity"));
    QCOMPARE(byKey.status, 403);
    QCOMPARE(m_env->roundTrip(withKey(full, "POST", "/api/v1/activity/1/stop", "{}")).status, 403);
    QCOMPARE(m_env->roundTrip(requestWith(QByteArray(), "GET", "/api/v1/activity")).status, 401);
    const RawResponse byOwner = m_env->roundTrip(owner("GET", "/api/v1/activity"));
    QCOMPARE(byOwner.status, 200);
    QVERIFY(jsonOf(byOwner).value(QStringLiteral("live")).isArray());
    QVERIFY(jsonOf(byOwner).value(QStringLiteral("recent")).isArray());
    QVERIFY(jsonOf(byOwner).value(QStringLiteral("totals")).isArray());
    const QByteArray session = browserSession();
    QCOMPARE(m_env->roundTrip(requestWith(session, "GET", "/api/v1/activity")).status, 200);
    QCOMPARE(m_env->roundTrip(requestWith(session, "POST", "/api/v1/activity/99/stop", "{}")).status, 404);
    // Another site cannot make the browser stop anything (OWASP: verify Origin).
    QByteArray foreign = session;
    foreign.replace("Origin: http://" + host(), "Origin: https://evil.example");
    QCOMPARE(m_env->roundTrip(requestWith(foreign, "POST", "/api/v1/activity/99/stop", "{}")).status, 403);
}

QTEST_GUILESS_MAIN(TestActivity)
#include "tst_activity.moc"
