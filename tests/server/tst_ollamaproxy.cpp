// SPDX-License-Identifier: GPL-3.0-or-later
// The /ollama reverse proxy against the in-test fake Ollama.
#include "core/ollamaconnection.h"
#include "server/localserver.h"
#include "server/ollamaproxy.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

/// A response whose body ends where the connection closes: head and body, split.
struct ClosedResponse
{
    QByteArray head;
    QByteArray body;
    bool closed = false;
    QByteArray header(const QByteArray &name) const
    {
        RawResponse parsed;
        parsed.headerBlock = head;
        return parsed.header(name);
    }
};

ClosedResponse readUntilClose(RawHttpClient &client)
{
    ClosedResponse response;
    response.closed = client.waitForClose(30000);
    const QByteArray all = client.pending();
    const qsizetype end = all.indexOf("\r\n\r\n");
    response.head = end < 0 ? all : all.left(end);
    response.body = end < 0 ? QByteArray() : all.mid(end + 4);
    return response;
}

QList<QJsonObject> ndjsonLines(const QByteArray &body)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : body.split('\n')) {
        if (!line.trimmed().isEmpty())
            lines.append(QJsonDocument::fromJson(line).object());
    }
    return lines;
}

} // namespace

class TestOllamaProxy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void forward_keepsMethodPathQueryAndBody_data();
    void forward_keepsMethodPathQueryAndBody();
    void rootPaths_reachUpstreamRoot_data();
    void rootPaths_reachUpstreamRoot();
    void dotSegments_areRefused_data();
    void dotSegments_areRefused();
    void absoluteFormTarget_cannotChooseTheHost();
    void requestHeaders_dropHopByHopAndCredentials();
    void responseHeaderFilter();
    void cloudModels_refusedInEachFamilysShape_data();
    void cloudModels_refusedInEachFamilysShape();
    void head_hasNoBody();
    void connectionClose_isHonoured();
    void lengthFramedAnswer_keepsItsContentLength();
    void bodylessStatuses_getNoFraming_data();
    void bodylessStatuses_getNoFraming();
    void truncatedAnswer_closesTheConnection();
    void http10Client_getsNoChunks_data();
    void http10Client_getsNoChunks();
    void stream_forwardsEachChunkImmediately();
    void sse_isForwardedAsItArrives();
    void clientDisconnect_abortsUpstream();
    void slowClient_holdsOllamaBack_thenGetsEverything();
    void stalledClientThatLeaves_endsTheExchangeOnce();
    void silentAnswer_outlivesTheIdleLimit();
    void streams_runInParallel();
    void timeoutBeforeAnswer_gives504();
    void timeoutMidStream_endsWithErrorLine();
    void endedExchanges_areFreed();
    void resetMidStream_endsWithErrorLine_data();
    void resetMidStream_endsWithErrorLine();
    void unreachable_gives502WithHints();
    void upstreamErrors_passThroughUnchanged_data();
    void upstreamErrors_passThroughUnchanged();
    void securityHeaders_onStreamedAndErrorResponses();

private:
    std::unique_ptr<TestServer> m_env;
};

void TestOllamaProxy::init()
{
    m_env = std::make_unique<TestServer>();
    QVERIFY2(m_env->isReady() && m_env->createServer() && m_env->startServer(), qPrintable(m_env->errorString()));
}

void TestOllamaProxy::cleanup()
{
    m_env.reset();
}

void TestOllamaProxy::forward_keepsMethodPathQueryAndBody_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("expectedPath");
    QTest::addColumn<QByteArray>("expectedQuery");
    QTest::newRow("GET with encoded query") << QByteArray("GET") << QByteArray("/ollama/api/tags?a=%2F%20b&c=d+e&e=%E2%82%AC")
                                            << QByteArray() << QByteArray("/api/tags")
                                            << QByteArray("a=%2F%20b&c=d+e&e=%E2%82%AC");
    QTest::newRow("POST chat") << QByteArray("POST") << QByteArray("/ollama/api/chat")
                               << QByteArray(R"({"model":"llama3.2:latest","stream":false,"messages":[{"role":"user","content":"hi"}]})")
                               << QByteArray("/api/chat") << QByteArray();
    QTest::newRow("DELETE with body") << QByteArray("DELETE") << QByteArray("/ollama/api/delete")
                                      << QByteArray(R"({"model":"llama3.2:latest"})") << QByteArray("/api/delete")
                                      << QByteArray();
    QTest::newRow("PUT") << QByteArray("PUT") << QByteArray("/ollama/api/x%2Fy") << QByteArray(R"({"a":1})")
                         << QByteArray("/api/x%2Fy") << QByteArray();
    QTest::newRow("PATCH") << QByteArray("PATCH") << QByteArray("/ollama/api/thing") << QByteArray(R"({"b":2})")
                           << QByteArray("/api/thing") << QByteArray();
}

void TestOllamaProxy::forward_keepsMethodPathQueryAndBody()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, expectedPath);
    QFETCH(QByteArray, expectedQuery);
    const RawResponse response = m_env->roundTrip(httpRequest(method, target, body));
    QVERIFY2(response.status > 0, response.raw.constData());
    QCOMPARE(m_env->fake()->requests().size(), 1);
    const RecordedRequest seen = m_env->fake()->lastRequest();
    QCOMPARE(seen.method, method);
    QCOMPARE(seen.path, expectedPath);
    QCOMPARE(seen.query, expectedQuery);
    QCOMPARE(seen.body, body);
}

void TestOllamaProxy::rootPaths_reachUpstreamRoot_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("/ollama") << QByteArray("/ollama");
    QTest::newRow("/ollama/") << QByteArray("/ollama/");
}

void TestOllamaProxy::rootPaths_reachUpstreamRoot()
{
    QFETCH(QByteArray, target);
    const RawResponse response = m_env->roundTrip(httpRequest("GET", target));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, QByteArray("Ollama is running"));
    QCOMPARE(m_env->fake()->lastRequest().path, QByteArray("/"));
}

void TestOllamaProxy::dotSegments_areRefused_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::newRow("plain") << QByteArray("/ollama/../api/tags");
    QTest::newRow("middle") << QByteArray("/ollama/api/../../etc/passwd");
    QTest::newRow("encoded") << QByteArray("/ollama/%2e%2e/api/tags");
    QTest::newRow("encoded upper") << QByteArray("/ollama/api/%2E%2E/tags");
    QTest::newRow("single dot") << QByteArray("/ollama/./api/tags");
}

void TestOllamaProxy::dotSegments_areRefused()
{
    QFETCH(QByteArray, target);
    const RawResponse response = m_env->roundTrip(httpRequest("GET", target));
    // Either refused by the proxy (400) or never matched as an /ollama path (404): never forwarded.
    QVERIFY2(response.status == 400 || response.status == 404, response.raw.constData());
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestOllamaProxy::absoluteFormTarget_cannotChooseTheHost()
{
    // An absolute-form target names a host of its own: the guard takes origin-form targets only
    // (what clients send to a server that is not a proxy, RFC 9112 §3.2.1), so nothing is
    // forwarded anywhere.
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "http://example.invalid:9999/ollama/api/version"));
    QCOMPARE(response.status, 400);
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestOllamaProxy::requestHeaders_dropHopByHopAndCredentials()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags", QByteArray(),
                                                   "Authorization: Bearer secret-token\r\n"
                                                   "Cookie: corral_session=abc\r\n"
                                                   "Origin: http://127.0.0.1:5173\r\n"
                                                   "Referer: http://127.0.0.1:5173/page\r\n"
                                                   "Connection: keep-alive, X-Drop-Me\r\n"
                                                   "X-Drop-Me: 1\r\n"
                                                   "Keep-Alive: timeout=5\r\n"
                                                   "Proxy-Authorization: Basic abc\r\n"
                                                   "x-api-key: crl_secret-key\r\n"
                                                   "X-Custom: kept\r\n"
                                                   "User-Agent: ollama-js/0.5\r\n"));
    QCOMPARE(response.status, 200); // the fake's own Origin check did not fire
    const RecordedRequest seen = m_env->fake()->lastRequest();
    for (const char *dropped : {"Authorization", "Cookie", "Origin", "Referer", "X-Drop-Me", "Keep-Alive",
                                      "Proxy-Authorization", "X-Api-Key"})
        QVERIFY2(!seen.hasHeader(dropped), dropped);
    QCOMPARE(seen.header("X-Custom"), QByteArray("kept"));
    QCOMPARE(seen.header("User-Agent"), QByteArray("ollama-js/0.5"));
    QCOMPARE(seen.header("Host"), QByteArray("127.0.0.1:") + QByteArray::number(m_env->fake()->port()));
}

void TestOllamaProxy::cloudModels_refusedInEachFamilysShape_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("family");
    QTest::newRow("ollama chat") << QByteArray("POST") << QByteArray("/ollama/api/chat")
                                 << QByteArray(R"({"model":"gpt-oss:120b-cloud","messages":[{"role":"user","content":"hi"}]})")
                                 << QStringLiteral("ollama");
    QTest::newRow("ollama show") << QByteArray("POST") << QByteArray("/ollama/api/show")
                                 << QByteArray(R"({"model":"gpt-oss:120b-cloud"})") << QStringLiteral("ollama");
    QTest::newRow("openai chat") << QByteArray("POST") << QByteArray("/ollama/v1/chat/completions")
                                 << QByteArray(R"({"model":"gpt-oss:120b-cloud","messages":[]})") << QStringLiteral("openai");
    QTest::newRow("openai model") << QByteArray("GET") << QByteArray("/ollama/v1/models/gpt-oss:120b-cloud") << QByteArray()
                                  << QStringLiteral("openai");
    QTest::newRow("anthropic") << QByteArray("POST") << QByteArray("/ollama/v1/messages")
                               << QByteArray(R"({"model":"gpt-oss:120b-cloud","max_tokens":10,"messages":[]})")
                               << QStringLiteral("anthropic");
}

void TestOllamaProxy::cloudModels_refusedInEachFamilysShape()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(QString, family);
    bool refuseCloud = true;
    m_env->server()->setGate([&refuseCloud](const QHttpServerRequest &, QHttpServerResponder &, RequestContext &context, const HeadVerdict *) {
        context.cloudModelsRefused = refuseCloud;
        return true;
    });
    RawResponse response = m_env->roundTrip(httpRequest(method, target, body));
    QCOMPARE(response.status, 403);
    QVERIFY(m_env->fake()->requests().isEmpty());
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QString message;
    if (family == QLatin1String("ollama")) {
        message = json.value(QStringLiteral("error")).toString();
    } else if (family == QLatin1String("openai")) {
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("permission_error"));
        QVERIFY(error.contains(QStringLiteral("param")) && error.contains(QStringLiteral("code")));
        message = error.value(QStringLiteral("message")).toString();
    } else {
        QCOMPARE(json.value(QStringLiteral("type")).toString(), QStringLiteral("error"));
        const QJsonObject error = json.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("type")).toString(), QStringLiteral("permission_error"));
        message = error.value(QStringLiteral("message")).toString();
    }
    QVERIFY2(message.contains(QLatin1String("gpt-oss:120b-cloud")), qPrintable(message));
    QVERIFY2(message.contains(SettingsKey::KeysMayUseCloudModels), qPrintable(message));
    QVERIFY2(message.contains(QLatin1String("--allow-cloud")), qPrintable(message)); // the other way to allow it

    // A local model passes, and so does the cloud model for a caller that may use it.
    QByteArray local = body;
    local.replace("gpt-oss:120b-cloud", "llama3.2:latest");
    response = m_env->roundTrip(httpRequest(method, QByteArray(target).replace("gpt-oss:120b-cloud", "llama3.2:latest"), local));
    QCOMPARE(m_env->fake()->requests().size(), 1);
    refuseCloud = false;
    response = m_env->roundTrip(httpRequest(method, target, body));
    QCOMPARE(m_env->fake()->requests().size(), 2);
    QCOMPARE(m_env->fake()->lastRequest().body, body);
}

void TestOllamaProxy::responseHeaderFilter()
{
    for (const char *name : {"set-cookie", "content-length", "connection", "keep-alive",
                                   "transfer-encoding", "access-control-allow-origin", "trailer"})
        QVERIFY2(OllamaProxy::isDroppedResponseHeader(name), name);
    // Corral does not decode bodies: a coding Ollama applied anyway must reach the client.
    for (const char *name : {"content-type", "date", "x-custom", "content-encoding"})
        QVERIFY(!OllamaProxy::isDroppedResponseHeader(name));
}

void TestOllamaProxy::head_hasNoBody()
{
    const QByteArray tags = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags")).body;
    QVERIFY(!tags.isEmpty());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("HEAD", "/ollama/api/tags"));
    const RawResponse response = client.readResponse(30000, true);
    QCOMPARE(response.status, 200);
    QCOMPARE(m_env->fake()->lastRequest().method, QByteArray("HEAD"));
    // The length a GET would get, as Ollama said it; no framing for a body that is not there.
    QCOMPARE(response.header("Content-Length"), QByteArray::number(tags.size()));
    QVERIFY(!response.hasHeader("Transfer-Encoding"));
    // The connection stays usable: the next request gets its own answer.
    client.send(httpRequest("GET", "/ollama/api/version"));
    const RawResponse next = client.readResponse();
    QCOMPARE(next.status, 200);
    QVERIFY(next.body.contains("version"));
}

void TestOllamaProxy::connectionClose_isHonoured()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"x"})", "Connection: close\r\n"));
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitForClose(10000));
}

void TestOllamaProxy::lengthFramedAnswer_keepsItsContentLength()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Length"), QByteArray::number(response.body.size()));
    QVERIFY(!response.hasHeader("Transfer-Encoding"));
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("models")).toArray().size(), 1);
    QCOMPARE(response.repeatedHeaderNames(), QList<QByteArray>());
}

void TestOllamaProxy::bodylessStatuses_getNoFraming_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentLength");
    QTest::newRow("204") << 204 << QByteArray(); // RFC 9110 §8.6: never a Content-Length
    QTest::newRow("304") << 304 << QByteArray("0"); // the length Ollama gave, as for HEAD
}

void TestOllamaProxy::bodylessStatuses_getNoFraming()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentLength);
    m_env->fake()->setNextError(status, QByteArray());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("GET", "/ollama/api/tags"));
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, status);
    QVERIFY(!response.hasHeader("Transfer-Encoding"));
    QCOMPARE(response.header("Content-Length"), contentLength);
    QCOMPARE(response.hasHeader("Content-Length"), !contentLength.isEmpty());
    // Nothing stray follows the head: the next answer on the connection starts clean.
    client.send(httpRequest("GET", "/ollama/api/version"));
    const RawResponse next = client.readResponse();
    QCOMPARE(next.status, 200);
    QVERIFY(next.body.contains("version"));
}

void TestOllamaProxy::truncatedAnswer_closesTheConnection()
{
    // Ollama announces a length and breaks off: the client must not take the half for the whole.
    const QByteArray whole = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags")).body;
    m_env->fake()->setTruncateNextAnswer(true);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("GET", "/ollama/api/tags"));
    const ClosedResponse response = readUntilClose(client);
    QVERIFY(response.closed);
    QVERIFY2(response.head.startsWith("HTTP/1.1 200"), response.head.constData());
    QCOMPARE(response.header("Content-Length"), QByteArray::number(whole.size()));
    QCOMPARE(response.body, whole.left(whole.size() / 2));
}

void TestOllamaProxy::http10Client_getsNoChunks_data()
{
    QTest::addColumn<int>("resetAfter");
    QTest::newRow("whole stream") << -1;
    QTest::newRow("stream broken by Ollama") << 3;
}

void TestOllamaProxy::http10Client_getsNoChunks()
{
    // RFC 9112 §6.1: no chunked framing for an HTTP/1.0 client. A stream ends where the
    // connection closes; a small answer keeps Ollama's Content-Length.
    QFETCH(int, resetAfter);
    m_env->fake()->setReplyTokenCount(5);
    m_env->fake()->setResetAfterTokens(resetAfter);
    const QByteArray body = R"({"model":"llama3.2:latest","prompt":"x"})";
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send("POST /ollama/api/generate HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    const ClosedResponse stream = readUntilClose(client);
    QVERIFY(stream.closed);
    QVERIFY2(stream.head.startsWith("HTTP/1.1 200"), stream.head.constData());
    QVERIFY(stream.header("Transfer-Encoding").isEmpty());
    QVERIFY(stream.header("Content-Length").isEmpty());
    QCOMPARE(stream.header("Connection"), QByteArray("close"));
    const QList<QJsonObject> lines = ndjsonLines(stream.body);
    if (resetAfter < 0) {
        QCOMPARE(lines.size(), 6); // five tokens and the final done line
        QVERIFY(lines.last().value(QStringLiteral("done")).toBool());
    } else {
        QVERIFY(lines.size() >= 2);
        QVERIFY2(lines.last().contains(QStringLiteral("error")), stream.body.constData());
    }

    RawHttpClient small;
    QVERIFY(small.connectTo(m_env->server()->port()));
    small.send("GET /ollama/api/version HTTP/1.0\r\n\r\n");
    const ClosedResponse version = readUntilClose(small);
    QVERIFY(version.closed);
    QCOMPARE(version.header("Content-Length"), QByteArray::number(version.body.size()));
    QVERIFY(version.body.contains("version"));
}

void TestOllamaProxy::stream_forwardsEachChunkImmediately()
{
    m_env->fake()->setReplyTokens({QStringLiteral("one "), QStringLiteral("two "), QStringLiteral("three "),
                            QStringLiteral("four "), QStringLiteral("five")});
    m_env->fake()->setTokenDelayMs(300);
    int lastSent = -1;
    connect(m_env->fake(), &FakeOllama::tokenSent, this, [&lastSent](int index) { lastSent = index; });

    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("POST", "/ollama/api/chat",
                        R"({"model":"llama3.2:latest","messages":[{"role":"user","content":"count"}]})"));
    // The first token must reach us while the fake has not yet sent the last one.
    QTRY_VERIFY_WITH_TIMEOUT(client.pending().contains("one "), 20000);
    QVERIFY2(lastSent < 4, qPrintable(QStringLiteral("last token sent before the first arrived: %1").arg(lastSent)));
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("Content-Type").startsWith("application/x-ndjson"));
    QCOMPARE(response.header("X-Accel-Buffering"), QByteArray("no"));
    QCOMPARE(response.header("Transfer-Encoding"), QByteArray("chunked"));
    const QList<QJsonObject> lines = ndjsonLines(response.body);
    QVERIFY(lines.size() >= 6);
    QVERIFY(lines.last().value(QStringLiteral("done")).toBool());
}

void TestOllamaProxy::sse_isForwardedAsItArrives()
{
    m_env->fake()->setReplyTokens({QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma")});
    m_env->fake()->setTokenDelayMs(300);
    int lastSent = -1;
    connect(m_env->fake(), &FakeOllama::tokenSent, this, [&lastSent](int index) { lastSent = index; });
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("POST", "/ollama/v1/chat/completions",
                        R"({"model":"llama3.2:latest","stream":true,"messages":[{"role":"user","content":"x"}]})"));
    QTRY_VERIFY_WITH_TIMEOUT(client.pending().contains("alpha"), 20000);
    QVERIFY(lastSent < 2);
    const RawResponse response = client.readResponse();
    QVERIFY(response.header("Content-Type").startsWith("text/event-stream"));
    QVERIFY(response.body.contains("data: [DONE]"));
}

void TestOllamaProxy::clientDisconnect_abortsUpstream()
{
    m_env->fake()->setReplyTokenCount(1000);
    m_env->fake()->setTokenDelayMs(50);
    QSignalSpy aborted(m_env->fake(), &FakeOllama::streamAborted);
    QSignalSpy finishedExchanges(m_env->server()->proxy(), &OllamaProxy::exchangeFinished);
    QElapsedTimer sinceAbort;
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_env->server()->port()));
        client.send(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"go"})"));
        QTRY_VERIFY_WITH_TIMEOUT(client.pending().contains("tok1"), 20000);
        client.socket().abort();
        sinceAbort.start();
    }
    QVERIFY(aborted.count() == 1 || aborted.wait(20000));
    // Reported, not asserted: timing targets belong in benchmarks.
    qInfo("upstream saw the abort %lld ms after the client left", sinceAbort.elapsed());
    QCOMPARE(m_env->fake()->abortedStreams(), 1);
    QTRY_COMPARE(finishedExchanges.count(), 1);
    QCOMPARE(finishedExchanges.first().at(0).toBool(), true);
    QCOMPARE(m_env->server()->proxy()->activeExchanges(), 0);
    QCOMPARE(m_env->connection()->activeCalls(), 0);
}

void TestOllamaProxy::slowClient_holdsOllamaBack_thenGetsEverything()
{
    // 64 MiB of answer, more than the socket buffers on the way hold. While the client reads
    // nothing, Corral's write buffer reaches its limit and Corral stops reading from Ollama, whose
    // own socket then backs up. Once the client reads again, the rest must follow, whole and in
    // order (a proxy that waited for more upstream data to resume would stall here for good).
    constexpr int Tokens = 2048;
    const QString token(32 * 1024, QLatin1Char('x'));
    m_env->fake()->setReplyTokens(QStringList(Tokens, token));
    QSignalSpy blocked(m_env->fake(), &FakeOllama::streamBlocked);
    QSignalSpy sent(m_env->fake(), &FakeOllama::tokenSent);
    RawHttpClient client;
    client.socket().setReadBufferSize(64 * 1024); // Qt must not read ahead on the client's behalf
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"x"})"));
    QVERIFY(blocked.wait(60000));
    QVERIFY(sent.count() < Tokens);

    QByteArray data;
    QDeadlineTimer deadline(120000);
    while (!data.endsWith("\r\n0\r\n\r\n") && !deadline.hasExpired()) {
        data += client.socket().readAll();
        if (!data.endsWith("\r\n0\r\n\r\n"))
            client.waitForData(200);
    }
    RawResponse response;
    QVERIFY(parseResponse(data, &response) > 0);
    QCOMPARE(response.status, 200);
    const QList<QJsonObject> lines = ndjsonLines(response.body);
    QCOMPARE(lines.size(), Tokens + 1); // every token and the final "done" line
    for (int i = 0; i < Tokens; ++i)
        QCOMPARE(lines.at(i).value(QStringLiteral("response")).toString().size(), token.size());
    QCOMPARE(lines.last().value(QStringLiteral("done")).toBool(), true);
}

void TestOllamaProxy::stalledClientThatLeaves_endsTheExchangeOnce()
{
    // A browser tab closed during a fast answer: the client stopped reading, Ollama has sent all
    // of a long answer, and Corral holds its last bytes in the call while the client's socket is
    // full. Then the client leaves. The call's end hands those bytes to the exchange once more,
    // which finds the client gone: that must end the exchange, not abort the call again from
    // inside its own finish() (that recursed until the stack overflowed).
    m_env->fake()->setReplyTokenCount(60000);
    QSignalSpy upstreamDone(m_env->fake(), &FakeOllama::streamFinished);
    QSignalSpy finishedExchanges(m_env->server()->proxy(), &OllamaProxy::exchangeFinished);
    {
        RawHttpClient client;
        client.socket().setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 4096);
        client.socket().setReadBufferSize(4096);
        QVERIFY(client.connectTo(m_env->server()->port()));
        client.send(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"x"})"));
        QVERIFY(upstreamDone.wait(60000));
        QVERIFY(finishedExchanges.isEmpty()); // the answer waits for the client
        client.socket().abort(); // unread data: the peer gets a reset
    }
    QVERIFY(finishedExchanges.count() == 1 || finishedExchanges.wait(20000));
    QCOMPARE(finishedExchanges.count(), 1);
    QCOMPARE(finishedExchanges.first().at(0).toBool(), true);
    QCOMPARE(m_env->server()->proxy()->activeExchanges(), 0);
    QTRY_COMPARE(m_env->connection()->activeCalls(), 0);
    // The server still serves.
    const RawResponse after = m_env->roundTrip(httpRequest("GET", "/ollama/api/version"));
    QCOMPARE(after.status, 200);
}

void TestOllamaProxy::silentAnswer_outlivesTheIdleLimit()
{
    // A model that loads for longer than the idle limit sends nothing meanwhile: the connection is
    // busy, not idle, and must stay open until the answer comes.
    m_env->settings()->setValue(SettingsKey::ServerIdleTimeout, 1);
    m_env->fake()->setHeaderDelayMs(2500);
    QElapsedTimer timer;
    timer.start();
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 200);
    QVERIFY(timer.elapsed() > 2000); // the answer really came after the idle limit (coarse timers may fire early)
}

void TestOllamaProxy::streams_runInParallel()
{
    constexpr int Streams = 64;
    // Each stream lasts about four seconds, so all of them overlap even on a loaded machine.
    m_env->fake()->setReplyTokenCount(8);
    m_env->fake()->setTokenDelayMs(500);
    int peak = 0;
    connect(m_env->fake(), &FakeOllama::tokenSent, this, [this, &peak] { peak = qMax(peak, m_env->fake()->activeStreams()); });
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < Streams; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(m_env->server()->port()));
        clients.back()->send(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"p"})"));
    }
    // Every stream is open upstream at the same time (no queueing behind six connections).
    QTRY_COMPARE_WITH_TIMEOUT(peak, Streams, 60000);
    for (auto &client : clients) {
        const RawResponse response = client->readResponse(60000);
        QCOMPARE(response.status, 200);
        QVERIFY(ndjsonLines(response.body).last().value(QStringLiteral("done")).toBool());
    }
}

void TestOllamaProxy::timeoutBeforeAnswer_gives504()
{
    m_env->settings()->setValue(SettingsKey::ResponseTimeout, 1);
    m_env->fake()->setHeaderDelayMs(4000);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/chat",
                                                   R"({"model":"llama3.2:latest","messages":[]})"));
    QCOMPARE(response.status, 504);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    const QString error = json.value(QStringLiteral("error")).toString();
    QVERIFY2(error.contains(QLatin1String("1-second")) && error.contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT")),
             qPrintable(error));
}

void TestOllamaProxy::timeoutMidStream_endsWithErrorLine()
{
    m_env->settings()->setValue(SettingsKey::ResponseTimeout, 1);
    m_env->fake()->setReplyTokenCount(50);
    m_env->fake()->setTokenDelayMs(200);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/generate",
                                                   R"({"model":"llama3.2:latest","prompt":"long"})"));
    QCOMPARE(response.status, 200); // headers had gone out already
    const QList<QJsonObject> lines = ndjsonLines(response.body);
    QVERIFY(lines.size() >= 2);
    QVERIFY(lines.last().value(QStringLiteral("error")).toString().contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT")));
    QVERIFY(!lines.at(lines.size() - 2).value(QStringLiteral("done")).toBool());
    // readResponse only returns a complete chunked body: the terminating chunk was written.
    QVERIFY(response.raw.endsWith("0\r\n\r\n"));
}

void TestOllamaProxy::endedExchanges_areFreed()
{
    // Ended exchanges are not deleteLater()'d: the next request frees them, or a timer does.
    // Either way, memory stays flat however many requests a connection carries.
    const auto exchanges = [this] {
        return m_env->server()->proxy()->findChildren<QObject *>(QString(), Qt::FindDirectChildrenOnly).size();
    };
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    for (int i = 0; i < 20; ++i) {
        client.send(httpRequest("GET", "/ollama/api/version"));
        QCOMPARE(client.readResponse(30000).status, 200);
        QVERIFY2(exchanges() <= 1, QByteArray::number(exchanges()).constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(exchanges(), 0, 10000);
    QCOMPARE(m_env->server()->proxy()->activeExchanges(), 0);
}

void TestOllamaProxy::resetMidStream_endsWithErrorLine_data()
{
    QTest::addColumn<int>("delayMs");
    QTest::newRow("paused before the reset") << 20;
    // The reset often arrives in the same read as the last tokens: still a broken stream (Qt 6.4's
    // QNAM reported this case as a clean end; the connection layer's own parser does not).
    QTest::newRow("reset right behind the data") << 0;
}

void TestOllamaProxy::resetMidStream_endsWithErrorLine()
{
    QFETCH(int, delayMs);
    m_env->fake()->setReplyTokenCount(20);
    m_env->fake()->setTokenDelayMs(delayMs);
    m_env->fake()->setResetAfterTokens(3);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/generate",
                                                   R"({"model":"llama3.2:latest","prompt":"x"})"));
    QCOMPARE(response.status, 200);
    const QList<QJsonObject> lines = ndjsonLines(response.body);
    QVERIFY(!lines.isEmpty());
    QVERIFY(lines.last().contains(QStringLiteral("error")));
    QVERIFY(response.raw.endsWith("0\r\n\r\n"));
}

void TestOllamaProxy::unreachable_gives502WithHints()
{
    const QString url = m_env->fake()->url().toString();
    m_env->fake()->close();
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 502);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QVERIFY(json.value(QStringLiteral("error")).toString().startsWith(QStringLiteral("Could not connect to Ollama at ") + url));
    QVERIFY(json.value(QStringLiteral("hints")).toArray().size() >= 3);
}

void TestOllamaProxy::upstreamErrors_passThroughUnchanged_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("expectedBody");
    QTest::newRow("missing model") << QByteArray(R"({"model":"nope","messages":[{"role":"user","content":"x"}]})") << 404
                                   << QByteArray(R"({"error":"model 'nope' not found"})");
    QTest::newRow("bad json") << QByteArray("{not json") << 400 << QByteArray();
}

void TestOllamaProxy::upstreamErrors_passThroughUnchanged()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, expectedBody);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", body));
    QCOMPARE(response.status, status);
    QVERIFY(QJsonDocument::fromJson(response.body).object().contains(QStringLiteral("error")));
    if (!expectedBody.isEmpty())
        QCOMPARE(response.body.trimmed(), expectedBody);

    m_env->fake()->setNextError(500, R"({"error":"llama runner process has terminated"})");
    const RawResponse failed = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(failed.status, 500);
    QCOMPARE(failed.body.trimmed(), QByteArray(R"({"error":"llama runner process has terminated"})"));
}

void TestOllamaProxy::securityHeaders_onStreamedAndErrorResponses()
{
    m_env->fake()->setReplyTokenCount(3);
    const RawResponse streamed = m_env->roundTrip(httpRequest("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"x"})"));
    m_env->fake()->close();
    const RawResponse failed = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    for (const RawResponse &response : {streamed, failed}) {
        QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
        QCOMPARE(response.header("X-Frame-Options"), QByteArray("DENY"));
        QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
        QVERIFY(response.hasHeader("Content-Security-Policy"));
        QCOMPARE(response.repeatedHeaderNames(), QList<QByteArray>());
    }
}

QTEST_GUILESS_MAIN(TestOllamaProxy)
#include "tst_ollamaproxy.moc"
