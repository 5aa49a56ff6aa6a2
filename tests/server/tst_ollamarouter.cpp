// SPDX-License-Identifier: GPL-3.0-or-later
// Several Ollama servers behind one /ollama: merging, model-aware routing, least-busy choice,
// failover, the index route and per-server keys, against three in-test fakes.
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "server/access/accesscontrol.h"
#include "server/localserver.h"
#include "server/ollamaproxy.h"
#include "server/ollamarouter.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

QByteArray chatBody(const QString &model, bool stream = false)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("model"), model},
                                     {QStringLiteral("stream"), stream},
                                     {QStringLiteral("messages"),
                                      QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                             {QStringLiteral("content"), QStringLiteral("hi")}}}}})
        .toJson(QJsonDocument::Compact);
}

int countPath(const FakeOllama &fake, const QByteArray &path)
{
    int count = 0;
    for (const RecordedRequest &seen : fake.requests())
        count += seen.path == path;
    return count;
}

QStringList serversOf(const QJsonArray &list, const QString &idField, const QString &id)
{
    for (const QJsonValue &value : list) {
        if (value.toObject().value(idField).toString() == id) {
            QStringList names;
            for (const QJsonValue &name : value.toObject().value(QStringLiteral("servers")).toArray())
                names.append(name.toString());
            return names;
        }
    }
    return {QStringLiteral("<missing>")};
}

QStringList g_log;
void collectLog(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_log.append(message);
}

} // namespace

class TestOllamaRouter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void tags_mergedEachModelOnceWithItsServers();
    void openAiModels_merged();
    void ps_merged();
    void version_isTheLowest();
    void oneServerDown_othersStillListed();
    void chat_goesToAServerWithTheModel_data();
    void chat_goesToAServerWithTheModel();
    void unknownModel_getsOllamasNotFound_data();
    void unknownModel_getsOllamasNotFound();
    void justPulledModel_isFoundByAskingAgain();
    void leastBusy_first_thenTiesInTurn();
    void refusedServer_failsOverBeforeTheFirstByte();
    void brokenStream_isNeverRetried();
    void indexRoute_addressesThatServerOnly();
    void indexRoute_unknownIndexIs404();
    void pull_goesToTheDownloadServer();
    void delete_goesToEveryServerWithTheModel();
    void serverKeys_reachOnlyTheirServer_andNoLog();
    void accessRules_applyBehindTheIndex();
    void oneServer_answersAsBefore();

private:
    void configure(const QList<OllamaServerConfig> &servers);

    std::unique_ptr<TestServer> m_env;
};

void TestOllamaRouter::init()
{
    m_env = std::make_unique<TestServer>(QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("qwen3:8b")}, 3);
    QVERIFY2(m_env->isReady(), qPrintable(m_env->errorString()));
    m_env->fake(1)->addModel(QStringLiteral("llama3.2:latest"));
    m_env->fake(1)->addModel(QStringLiteral("mistral:latest"));
    m_env->fake(2)->addModel(QStringLiteral("nomic-embed-text:latest"));
    m_env->fake(0)->setVersion(QStringLiteral("0.12.6"));
    m_env->fake(1)->setVersion(QStringLiteral("0.11.10"));
    m_env->fake(2)->setVersion(QStringLiteral("0.12.0"));
    OllamaServers *servers = m_env->createServers();
    servers->setProbeIntervals(60000, 50, 400);
    servers->bindSettings(m_env->settings());
    QVERIFY2(m_env->createServer(), qPrintable(m_env->errorString()));
    m_env->server()->proxy()->setServers(servers);
    QVERIFY2(m_env->startServer(), qPrintable(m_env->errorString()));
    configure({{m_env->fake(0)->url(), QStringLiteral("alpha"), true, {}},
               {m_env->fake(1)->url(), QStringLiteral("beta"), true, {}},
               {m_env->fake(2)->url(), QStringLiteral("gamma"), true, {}}});
}

void TestOllamaRouter::configure(const QList<OllamaServerConfig> &servers)
{
    m_env->settings()->setValue(SettingsKey::OllamaServers, OllamaServers::toJson(servers));
    QCOMPARE(m_env->servers()->count(), servers.size());
    if (m_env->servers()->isMulti())
        QTRY_VERIFY(!m_env->servers()->someModelsUnknown());
    for (auto &fake : m_env->fakes())
        fake->clearRequests();
}

void TestOllamaRouter::cleanup()
{
    m_env.reset();
}

void TestOllamaRouter::tags_mergedEachModelOnceWithItsServers()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 200);
    const QJsonArray models = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("models")).toArray();
    QCOMPARE(models.size(), 4);
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("llama3.2:latest")),
             (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("mistral:latest")), QStringList{QStringLiteral("beta")});
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("nomic-embed-text:latest")),
             QStringList{QStringLiteral("gamma")});
    // Ollama's own fields are kept.
    QVERIFY(models.at(0).toObject().contains(QStringLiteral("details")));
    for (auto &fake : m_env->fakes())
        QCOMPARE(countPath(*fake, "/api/tags"), 1);
}

void TestOllamaRouter::openAiModels_merged()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/v1/models"));
    QCOMPARE(response.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(json.value(QStringLiteral("object")).toString(), QStringLiteral("list"));
    const QJsonArray data = json.value(QStringLiteral("data")).toArray();
    QCOMPARE(data.size(), 4);
    QCOMPARE(serversOf(data, QStringLiteral("id"), QStringLiteral("llama3.2:latest")),
             (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
}

void TestOllamaRouter::ps_merged()
{
    m_env->fake(0)->setLoadedModels({QStringLiteral("qwen3:8b")});
    m_env->fake(1)->setLoadedModels({QStringLiteral("mistral:latest")});
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/ps"));
    QCOMPARE(response.status, 200);
    const QJsonArray models = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("models")).toArray();
    QCOMPARE(models.size(), 2);
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("qwen3:8b")), QStringList{QStringLiteral("alpha")});
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("mistral:latest")), QStringList{QStringLiteral("beta")});
}

void TestOllamaRouter::version_isTheLowest()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/version"));
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("version")).toString(),
             QStringLiteral("0.11.10"));
    QCOMPARE(OllamaRouter::lowestVersion({QStringLiteral("0.9.0"), QStringLiteral("0.10.1")}), QStringLiteral("0.9.0"));
}

void TestOllamaRouter::oneServerDown_othersStillListed()
{
    m_env->fake(1)->close();
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 200);
    const QJsonArray models = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("models")).toArray();
    QCOMPARE(models.size(), 3);
    QCOMPARE(serversOf(models, QStringLiteral("name"), QStringLiteral("llama3.2:latest")), QStringList{QStringLiteral("alpha")});
    QCOMPARE(m_env->servers()->health(1), OllamaServers::Health::Down);
    QCOMPARE(m_env->servers()->answeringCount(), 2);
}

void TestOllamaRouter::chat_goesToAServerWithTheModel_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("server");
    QTest::newRow("chat") << QByteArray("/api/chat") << chatBody(QStringLiteral("mistral:latest")) << 1;
    QTest::newRow("generate") << QByteArray("/api/generate") << QByteArray(R"({"model":"qwen3:8b","prompt":"x","stream":false})") << 0;
    QTest::newRow("embed") << QByteArray("/api/embed") << QByteArray(R"({"model":"nomic-embed-text:latest","input":"x"})") << 2;
    QTest::newRow("embeddings") << QByteArray("/api/embeddings") << QByteArray(R"({"model":"nomic-embed-text:latest","prompt":"x"})") << 2;
    QTest::newRow("show") << QByteArray("/api/show") << QByteArray(R"({"model":"mistral:latest"})") << 1;
    QTest::newRow("openai chat") << QByteArray("/v1/chat/completions")
                                 << QByteArray(R"({"model":"mistral:latest","messages":[{"role":"user","content":"hi"}]})") << 1;
    QTest::newRow("openai completions") << QByteArray("/v1/completions") << QByteArray(R"({"model":"qwen3:8b","prompt":"x"})") << 0;
    QTest::newRow("openai embeddings") << QByteArray("/v1/embeddings") << QByteArray(R"({"model":"nomic-embed-text:latest","input":"x"})") << 2;
}

void TestOllamaRouter::chat_goesToAServerWithTheModel()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, server);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama" + path, body));
    QVERIFY2(response.status == 200, response.raw.constData());
    for (int i = 0; i < 3; ++i)
        QCOMPARE(countPath(*m_env->fake(i), path), i == server ? 1 : 0);
    QCOMPARE(response.header("X-Corral-Server"), m_env->servers()->displayName(server).toUtf8());
    QCOMPARE(response.header("X-Corral-Server-Index"), QByteArray::number(server));
}

void TestOllamaRouter::unknownModel_getsOllamasNotFound_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("ollama") << QByteArray("/api/chat") << chatBody(QStringLiteral("nope:1b"))
                            << QStringLiteral("model \"nope:1b\" not found, try pulling it first");
    QTest::newRow("openai") << QByteArray("/v1/chat/completions") << QByteArray(R"({"model":"nope:1b","messages":[]})")
                            << QStringLiteral("model \"nope:1b\" not found, try pulling it first");
}

void TestOllamaRouter::unknownModel_getsOllamasNotFound()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama" + path, body));
    QCOMPARE(response.status, 404);
    const QJsonValue message = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error"));
    if (path.startsWith("/v1/")) {
        QCOMPARE(message.toObject().value(QStringLiteral("message")).toString(), error);
        QCOMPARE(message.toObject().value(QStringLiteral("type")).toString(), QStringLiteral("not_found_error"));
    } else {
        QCOMPARE(response.body, QByteArray("{\"error\":\"model \\\"nope:1b\\\" not found, try pulling it first\"}\n"));
    }
    for (auto &fake : m_env->fakes())
        QCOMPARE(countPath(*fake, path), 0);
}

void TestOllamaRouter::justPulledModel_isFoundByAskingAgain()
{
    m_env->fake(2)->addModel(QStringLiteral("gemma3:4b"));
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("gemma3:4b"))));
    QCOMPARE(response.status, 200);
    QCOMPARE(countPath(*m_env->fake(2), "/api/chat"), 1);
}

void TestOllamaRouter::leastBusy_first_thenTiesInTurn()
{
    for (auto &fake : m_env->fakes())
        fake->setTokenDelayMs(200);
    // Two long streams held on alpha through its index.
    std::vector<std::unique_ptr<RawHttpClient>> held;
    for (int i = 0; i < 2; ++i) {
        held.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(held.back()->connectTo(m_env->server()->port()));
        held.back()->send(httpRequest("POST", "/ollama/0/api/chat", chatBody(QStringLiteral("llama3.2:latest"), true)));
    }
    QTRY_COMPARE(m_env->fake(0)->activeStreams(), 2);
    // llama3.2 is on alpha and beta: beta is less busy, twice; then both have two: in turn.
    std::vector<std::unique_ptr<RawHttpClient>> routed;
    for (int i = 0; i < 2; ++i) {
        routed.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(routed.back()->connectTo(m_env->server()->port()));
        routed.back()->send(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("llama3.2:latest"), true)));
        QTRY_COMPARE(m_env->fake(1)->activeStreams(), i + 1);
    }
    QCOMPARE(m_env->fake(0)->activeStreams(), 2);
    for (int i = 0; i < 2; ++i) {
        routed.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(routed.back()->connectTo(m_env->server()->port()));
        routed.back()->send(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("llama3.2:latest"), true)));
        QTRY_COMPARE(m_env->fake(0)->activeStreams() + m_env->fake(1)->activeStreams(), 5 + i);
    }
    QCOMPARE(m_env->fake(0)->activeStreams(), 3);
    QCOMPARE(m_env->fake(1)->activeStreams(), 3);
    QCOMPARE(countPath(*m_env->fake(2), "/api/chat"), 0);
}

void TestOllamaRouter::refusedServer_failsOverBeforeTheFirstByte()
{
    QCOMPARE(m_env->servers()->health(0), OllamaServers::Health::Up);
    m_env->fake(0)->close(); // alpha refuses; Corral still believes it is up
    for (int i = 0; i < 4; ++i) {
        const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("llama3.2:latest"))));
        QVERIFY2(response.status == 200, response.raw.constData());
        QCOMPARE(response.header("X-Corral-Server"), QByteArray("beta"));
    }
    QCOMPARE(countPath(*m_env->fake(1), "/api/chat"), 4);
    QCOMPARE(m_env->servers()->health(0), OllamaServers::Health::Down);
    // Back once it answers again (probed with back-off in the background).
    QVERIFY(m_env->fake(0)->listen(m_env->fake(0)->port()));
    QTRY_COMPARE_WITH_TIMEOUT(m_env->servers()->health(0), OllamaServers::Health::Up, 5000);
}

void TestOllamaRouter::brokenStream_isNeverRetried()
{
    m_env->fake(0)->setReplyTokenCount(10);
    m_env->fake(0)->setResetAfterTokens(3);
    const RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("llama3.2:latest"), true)));
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("X-Corral-Server"), QByteArray("alpha"));
    const QList<QByteArray> lines = response.body.trimmed().split('\n');
    QVERIFY(lines.size() >= 2);
    QVERIFY2(QJsonDocument::fromJson(lines.last()).object().contains(QStringLiteral("error")), response.body.constData());
    QCOMPARE(countPath(*m_env->fake(1), "/api/chat"), 0);
}

void TestOllamaRouter::indexRoute_addressesThatServerOnly()
{
    const RawResponse tags = m_env->roundTrip(httpRequest("GET", "/ollama/1/api/tags"));
    QCOMPARE(tags.status, 200);
    const QJsonArray models = QJsonDocument::fromJson(tags.body).object().value(QStringLiteral("models")).toArray();
    QCOMPARE(models.size(), 2);
    QVERIFY(!models.at(0).toObject().contains(QStringLiteral("servers"))); // beta's own answer
    QCOMPARE(tags.header("X-Corral-Server"), QByteArray("beta"));
    // A model beta does not have: beta says so itself; nobody else is asked.
    const RawResponse chat = m_env->roundTrip(httpRequest("POST", "/ollama/1/api/chat", chatBody(QStringLiteral("qwen3:8b"))));
    QCOMPARE(chat.status, 404);
    QCOMPARE(countPath(*m_env->fake(0), "/api/chat"), 0);
    const RawResponse root = m_env->roundTrip(httpRequest("GET", "/ollama/2"));
    QCOMPARE(root.status, 200);
    QCOMPARE(m_env->fake(2)->lastRequest().path, QByteArray("/"));
}

void TestOllamaRouter::indexRoute_unknownIndexIs404()
{
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/3/api/tags"));
    QCOMPARE(response.status, 404);
    QVERIFY(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString().contains(QLatin1String("3")));
    auto list = m_env->servers()->servers();
    list[1].enabled = false;
    configure(list);
    QCOMPARE(m_env->roundTrip(httpRequest("GET", "/ollama/1/api/tags")).status, 404);
    QCOMPARE(countPath(*m_env->fake(1), "/api/tags"), 0);
}

void TestOllamaRouter::pull_goesToTheDownloadServer()
{
    const QByteArray body = R"({"model":"gemma3:1b"})";
    RawResponse response = m_env->roundTrip(httpRequest("POST", "/ollama/api/pull", body));
    QCOMPARE(response.status, 200);
    QCOMPARE(countPath(*m_env->fake(0), "/api/pull"), 1);
    QCOMPARE(response.header("X-Corral-Server"), QByteArray("alpha"));
    m_env->settings()->setValue(SettingsKey::OllamaPullServer, 2);
    response = m_env->roundTrip(httpRequest("POST", "/ollama/api/pull", body));
    QCOMPARE(response.header("X-Corral-Server"), QByteArray("gamma"));
    QCOMPARE(countPath(*m_env->fake(2), "/api/pull"), 1);
    response = m_env->roundTrip(httpRequest("POST", "/ollama/1/api/pull", body));
    QCOMPARE(countPath(*m_env->fake(1), "/api/pull"), 1);
    QCOMPARE(countPath(*m_env->fake(0), "/api/pull"), 1);
}

void TestOllamaRouter::delete_goesToEveryServerWithTheModel()
{
    RawResponse response = m_env->roundTrip(httpRequest("DELETE", "/ollama/api/delete", R"({"model":"llama3.2:latest"})"));
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("servers")).toArray(),
             (QJsonArray{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QCOMPARE(countPath(*m_env->fake(0), "/api/delete"), 1);
    QCOMPARE(countPath(*m_env->fake(1), "/api/delete"), 1);
    QCOMPARE(countPath(*m_env->fake(2), "/api/delete"), 0);
    response = m_env->roundTrip(httpRequest("POST", "/ollama/api/copy", R"({"source":"mistral:latest","destination":"mine"})"));
    QCOMPARE(response.status, 200);
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("servers")).toArray(),
             QJsonArray{QStringLiteral("beta")});
    QCOMPARE(countPath(*m_env->fake(1), "/api/copy"), 1);
    QCOMPARE(countPath(*m_env->fake(0), "/api/copy"), 0);
    response = m_env->roundTrip(httpRequest("DELETE", "/ollama/api/delete", R"({"model":"nope"})"));
    QCOMPARE(response.status, 404);
}

void TestOllamaRouter::serverKeys_reachOnlyTheirServer_andNoLog()
{
    auto list = m_env->servers()->servers();
    list[0].apiKey = "alpha-secret-key";
    list[1].apiKey = "beta-secret-key";
    configure(list);
    g_log.clear();
    const QtMessageHandler previous = qInstallMessageHandler(collectLog);
    QCOMPARE(m_env->roundTrip(httpRequest("GET", "/ollama/api/tags")).status, 200);
    QCOMPARE(m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("mistral:latest")),
                               "Authorization: Bearer client-token\r\n"))
                 .status,
             200);
    QCOMPARE(m_env->roundTrip(httpRequest("POST", "/ollama/api/embed", R"({"model":"nomic-embed-text:latest","input":"x"})")).status, 200);
    m_env->fake(0)->close(); // a failure is logged, naming the server, never its key
    QCOMPARE(m_env->roundTrip(httpRequest("POST", "/ollama/0/api/chat", chatBody(QStringLiteral("qwen3:8b")))).status, 502);
    qInstallMessageHandler(previous);
    const QByteArray keys[] = {"Bearer alpha-secret-key", "Bearer beta-secret-key", QByteArray()};
    int seen = 0;
    for (int i = 0; i < 3; ++i) {
        for (const RecordedRequest &request : m_env->fake(i)->requests()) {
            QCOMPARE(request.header("Authorization"), keys[i]);
            ++seen;
        }
    }
    QVERIFY(seen >= 5);
    QVERIFY(!g_log.isEmpty());
    for (const QString &line : std::as_const(g_log))
        QVERIFY2(!line.contains(QLatin1String("secret")), qPrintable(line));
}

void TestOllamaRouter::accessRules_applyBehindTheIndex()
{
    // A chat key reaches inference through an index, never model management or account routes.
    QVERIFY(AccessControl::chatScopeAllows("/1/api/chat"));
    QVERIFY(AccessControl::chatScopeAllows("/0/api/tags"));
    QVERIFY(!AccessControl::chatScopeAllows("/0/api/pull"));
    QVERIFY(!AccessControl::chatScopeAllows("/2/api/delete"));
    QVERIFY(!AccessControl::chatScopeAllows("/0/api/copy"));
    QVERIFY(AccessControl::isAccountRoute("/0/api/me"));
    QVERIFY(AccessControl::isAccountRoute("/12/api/experimental/web_search"));
    QCOMPARE(AccessControl::cloudModelIn("/0/v1/models/gpt-oss:120b-cloud", {}), QStringLiteral("gpt-oss:120b-cloud"));
}

void TestOllamaRouter::oneServer_answersAsBefore()
{
    configure({{m_env->fake(1)->url(), QStringLiteral("beta"), true, {}}});
    QVERIFY(!m_env->servers()->isMulti());
    const RawResponse response = m_env->roundTrip(httpRequest("GET", "/ollama/api/tags"));
    QCOMPARE(response.status, 200);
    QVERIFY(!response.hasHeader("X-Corral-Server"));
    const QJsonArray models = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("models")).toArray();
    QCOMPARE(models.size(), 2);
    QVERIFY(!models.at(0).toObject().contains(QStringLiteral("servers")));
    QCOMPARE(m_env->roundTrip(httpRequest("POST", "/ollama/api/chat", chatBody(QStringLiteral("nope")))).status, 404);
    QCOMPARE(countPath(*m_env->fake(1), "/api/chat"), 1); // Ollama's own answer, as before
}

QTEST_GUILESS_MAIN(TestOllamaRouter)
#include "tst_ollamarouter.moc"
