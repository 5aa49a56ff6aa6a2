// SPDX-License-Identifier: GPL-3.0-or-later
// The local server on its own thread (ServerHost): settings, credentials and chats shared with
// the GUI thread, and a clean shutdown with streams in flight.
#include "core/chatstore.h"
#include "core/settings.h"
#include "server/access/apikeystore.h"
#include "server/access/tokenstore.h"
#include "server/historyapi.h"
#include "server/localserver.h"
#include "server/routes.h"
#include "server/serverhost.h"
#include "server/serverside.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray OwnerToken = "tst-serverhost-owner-token-0123456789";

QByteArray request(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &credential,
                   const QByteArray &body = QByteArray())
{
    return httpRequest(method, path, body, "Authorization: Bearer " + credential + "\r\n",
                       "127.0.0.1:" + QByteArray::number(port));
}

QByteArray chatBody()
{
    return R"({"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]})";
}

} // namespace

class TestServerHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void serverObjects_liveOnTheServerThread();
    void routeTable_holdsEveryRouteOnce();
    void settingsMirror_followsOnItsOwnThread();
    void settingsChange_reachesTheServerThread();
    void portChange_movesTheListenerFromTheGuiThread();
    void serverSwitch_fromPreferences_stopsAndStartsTheListener();
    void keyRevokedDuringStream_nextRequestRefused_streamIntact();
    void tokenRotated_nextRequestRefused();
    void windowAndPage_seeEachOthersChats();
    void changesFeed_tellsThePageWhatTheWindowChanged();
    void shutdown_withStreamsInFlight_endsThemAndJoins();
    void heldHistorySearch_leavesStreamsAndVersionAnswering();

private:
    RawResponse call(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body = QByteArray(),
                     const QByteArray &credential = OwnerToken);

    std::unique_ptr<TestServer> m_env;
};

void TestServerHost::init()
{
    m_env = std::make_unique<TestServer>();
    QVERIFY2(m_env->isReady() && m_env->createHost(OwnerToken), qPrintable(m_env->errorString()));
}

void TestServerHost::cleanup()
{
    m_env.reset();
}


RawResponse TestServerHost::call(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body,
                                 const QByteArray &credential)
{
    RawHttpClient client;
    if (!client.connectTo(port))
        return RawResponse();
    client.send(request(port, method, path, credential, body));
    return client.readResponse();
}

void TestServerHost::serverObjects_liveOnTheServerThread()
{
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    QVERIFY(m_env->host()->thread() != QThread::currentThread());
    ServerSide *side = m_env->host()->serverSide();
    QCOMPARE(side->thread(), m_env->host()->thread());
    QThread *serverThread = nullptr;
    QThread *storeThread = nullptr;
    QMetaObject::invokeMethod(side, [&] {
        serverThread = side->server()->thread();
        storeThread = side->store()->thread();
    }, Qt::BlockingQueuedConnection);
    QCOMPARE(serverThread, m_env->host()->thread());
    QCOMPARE(storeThread, m_env->host()->thread());
    QCOMPARE(call(port, "GET", "/ollama/api/version").status, 200);
}

void TestServerHost::routeTable_holdsEveryRouteOnce()
{
    QVERIFY(m_env->startHost() != 0);
    QList<QByteArray> routes;
    QMetaObject::invokeMethod(m_env->host()->serverSide(), [&] { routes = m_env->host()->serverSide()->server()->routeList(); },
                              Qt::BlockingQueuedConnection);
    std::sort(routes.begin(), routes.end());
    const QList<QByteArray> expected{"/", "/api/v1/*", "/api/v1/activity/*", "/auth/session", "/auth/signin", "/auth/signout", "/ollama/*", "/static/*"};
    QCOMPARE(routes, expected);
    // One prefix rule: a tree is its root and what lies below it, nothing that merely starts alike.
    QVERIFY(Routes::isUnder("/ollama", Routes::Ollama));
    QVERIFY(Routes::isUnder("/ollama/api/tags", Routes::Ollama));
    QVERIFY(!Routes::isUnder("/ollamafoo", Routes::Ollama));
    QVERIFY(!Routes::needsCredential("/apix"));
    QVERIFY(Routes::needsCredential("/api"));
    QCOMPARE(QByteArray(Routes::below("/ollama/api/tags", Routes::Ollama).toByteArray()), QByteArray("/api/tags"));
}

void TestServerHost::settingsMirror_followsOnItsOwnThread()
{
    std::unique_ptr<Settings> mirror;
    struct JoinedThread : QThread
    {
        ~JoinedThread() override { quit(); wait(); }
    } thread; // joined before the mirror goes, even when a check fails
    thread.start();
    mirror = m_env->settings()->mirror();
    QVERIFY(mirror->isMirror());
    QCOMPARE(mirror->value(SettingsKey::OllamaUrl).toString(), m_env->fake()->url().toString());
    mirror->moveToThread(&thread);
    QThread *changedOn = nullptr;
    QVariant seen;
    connect(mirror.get(), &Settings::changed, mirror.get(), [&, m = mirror.get()](const QString &key) {
        if (key == SettingsKey::ServerAllowedOrigins) {
            seen = m->value(key);
            changedOn = QThread::currentThread();
        }
    }, Qt::DirectConnection);
    m_env->settings()->setValue(SettingsKey::ServerAllowedOrigins, QStringLiteral("https://example.org"));
    QTRY_COMPARE(seen.toString(), QStringLiteral("https://example.org"));
    QCOMPARE(changedOn, &thread);
    // Read-only: a write to the mirror changes nothing.
    QTest::ignoreMessage(QtWarningMsg, "Settings: server/port was not changed: a mirror is read-only");
    mirror->setValue(SettingsKey::ServerPort, 1234);
    QCOMPARE(mirror->value(SettingsKey::ServerPort).toInt(), 0);
}

void TestServerHost::settingsChange_reachesTheServerThread()
{
    // An allowed origin set in Preferences (the GUI thread's Settings) decides the server
    // thread's next CORS preflight.
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    const QByteArray preflight = "OPTIONS /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nOrigin: https://editor.example\r\n"
                                 "Access-Control-Request-Method: POST\r\n"
                                 "Access-Control-Request-Headers: authorization\r\n\r\n";
    const auto preflightAllowed = [&] {
        RawHttpClient client;
        if (!client.connectTo(port))
            return false;
        client.send(preflight);
        const RawResponse response = client.readResponse();
        return response.header("Access-Control-Allow-Origin") == "https://editor.example";
    };
    QVERIFY(!preflightAllowed());
    m_env->settings()->setValue(SettingsKey::ServerAllowedOrigins, QStringLiteral("https://editor.example"));
    QTRY_VERIFY_WITH_TIMEOUT(preflightAllowed(), 5000);

    // The server's own Ollama connection follows the URL too.
    FakeOllama second;
    QVERIFY(second.listen());
    second.setVersion(QStringLiteral("9.9.9"));
    m_env->settings()->setValue(SettingsKey::OllamaUrl, second.url().toString());
    QTRY_VERIFY_WITH_TIMEOUT(call(port, "GET", "/ollama/api/version").body.contains("9.9.9"), 5000);
}

void TestServerHost::portChange_movesTheListenerFromTheGuiThread()
{
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 newPort = probe.serverPort();
    probe.close();
    QSignalSpy listening(m_env->host(), &ServerHost::listening);
    m_env->settings()->setValue(SettingsKey::ServerPort, newPort);
    QVERIFY(listening.wait(5000));
    QCOMPARE(m_env->host()->url().port(), int(newPort));
    QCOMPARE(call(newPort, "GET", "/ollama/api/version").status, 200);
}

void TestServerHost::serverSwitch_fromPreferences_stopsAndStartsTheListener()
{
    // The window started with the server off (Preferences > Local server), then turns it on.
    m_env->settings()->setValue(SettingsKey::ServerEnabled, false);
    QSignalSpy started(m_env->host(), &ServerHost::started);
    m_env->host()->start(false);
    QVERIFY(started.wait(10000));
    QVERIFY(!started.first().at(0).toBool());
    QVERIFY(m_env->host()->url().isEmpty());
    QSignalSpy listening(m_env->host(), &ServerHost::listening);
    m_env->settings()->setValue(SettingsKey::ServerEnabled, true);
    QVERIFY(listening.wait(5000));
    const quint16 port = quint16(m_env->host()->url().port());
    QCOMPARE(call(port, "GET", "/ollama/api/version").status, 200);
    m_env->settings()->setValue(SettingsKey::ServerEnabled, false);
    // The listener is on the server thread: this thread may block while it probes.
    const auto refused = [port] {
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        return !probe.waitForConnected(2000);
    };
    QTRY_VERIFY_WITH_TIMEOUT(refused(), 5000);
}

void TestServerHost::keyRevokedDuringStream_nextRequestRefused_streamIntact()
{
    m_env->fake()->setReplyTokenCount(30);
    m_env->fake()->setTokenDelayMs(20);
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    QString error;
    const QByteArray key = m_env->host()->keys()->create(QStringLiteral("editor"), ApiKeyStore::Scope::Chat, &error);
    QVERIFY2(!key.isEmpty(), qPrintable(error));

    RawHttpClient stream;
    QVERIFY(stream.connectTo(port));
    stream.send(request(port, "POST", "/ollama/api/chat", key, chatBody()));
    QSignalSpy tokens(m_env->fake(), &FakeOllama::tokenSent);
    QTRY_VERIFY_WITH_TIMEOUT(tokens.count() >= 3, 10000);

    // Revoked from the GUI thread (Preferences) while the server thread streams.
    QVERIFY2(m_env->host()->keys()->revoke(QStringLiteral("editor"), &error), qPrintable(error));
    const RawResponse refused = call(port, "POST", "/ollama/api/chat", chatBody(), key);
    QCOMPARE(refused.status, 401);

    // The stream that was let in runs to its end, every line whole.
    const RawResponse streamed = stream.readResponse();
    QCOMPARE(streamed.status, 200);
    const QList<QByteArray> lines = streamed.body.trimmed().split('\n');
    QCOMPARE(lines.size(), 31); // 30 tokens and the done line
    for (const QByteArray &line : lines) {
        QJsonParseError parseError;
        QJsonDocument::fromJson(line, &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
    }
    QVERIFY(QJsonDocument::fromJson(lines.last()).object().value(QStringLiteral("done")).toBool());
}

void TestServerHost::tokenRotated_nextRequestRefused()
{
    // CORRAL_TOKEN can't be rotated: use a token from the file.
    QVERIFY2(m_env->createHost(QByteArray()), qPrintable(m_env->errorString()));
    QString error;
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    const QByteArray before = m_env->host()->tokens()->token();
    QCOMPARE(call(port, "GET", "/ollama/api/version", {}, before).status, 200);
    QVERIFY(m_env->host()->tokens()->rotate(&error));
    QCOMPARE(call(port, "GET", "/ollama/api/version", {}, before).status, 401);
    QCOMPARE(call(port, "GET", "/ollama/api/version", {}, m_env->host()->tokens()->token()).status, 200);
}

void TestServerHost::windowAndPage_seeEachOthersChats()
{
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);

    // The page creates a chat and a message on the server thread's store: the window's store
    // says so on the GUI thread, for that chat only.
    QSignalSpy created(m_env->store(), &ChatStore::chatCreated);
    QSignalSpy messages(m_env->store(), &ChatStore::messagesChanged);
    const RawResponse chat = call(port, "POST", "/api/v1/chats", R"({"title":"From the page","model":"llama3.2:latest"})");
    QCOMPARE(chat.status, 201);
    const QString uuid = QJsonDocument::fromJson(chat.body).object().value(QStringLiteral("id")).toString();
    QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 1000);
    const qint64 chatId = created.first().at(0).toLongLong();
    QCOMPARE(m_env->store()->chat(chatId)->uuid, uuid);
    QCOMPARE(call(port, "POST", "/api/v1/chats/" + uuid.toLatin1() + "/messages", R"({"role":"user","content":"typed in the page"})").status, 201);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 1000);
    QCOMPARE(messages.last().at(0).toLongLong(), chatId);
    QCOMPARE(m_env->store()->messages(chatId).value(0).content, QStringLiteral("typed in the page"));

    // The window adds a message: the server thread's store hears it on its own thread.
    ChatStore *serverStore = m_env->host()->serverSide()->store();
    qint64 heard = 0;
    QThread *heardOn = nullptr;
    QMetaObject::invokeMethod(m_env->host()->serverSide(), [&] {
        connect(serverStore, &ChatStore::messagesChanged, serverStore, [&](qint64 id) {
            heardOn = QThread::currentThread();
            heard = id;
        });
    }, Qt::BlockingQueuedConnection);
    QVERIFY(m_env->store()->appendMessage(chatId, QStringLiteral("assistant"), QStringLiteral("answered in the window")));
    QTRY_COMPARE_WITH_TIMEOUT(heard, chatId, 1000);
    QCOMPARE(heardOn, m_env->host()->thread());
    const RawResponse read = call(port, "GET", "/api/v1/chats/" + uuid.toLatin1());
    QVERIFY(read.body.contains("answered in the window"));
    // The window's own change is not echoed back to it.
    QTest::qWait(0);
    QCOMPARE(created.count(), 1);
}

void TestServerHost::changesFeed_tellsThePageWhatTheWindowChanged()
{
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    const ChatSummary chat = m_env->store()->createChat(QStringLiteral("In the window"), QStringLiteral("llama3.2:latest"));
    // The page learns the current position, then waits for what comes after it.
    qint64 seq = -1;
    QTRY_VERIFY_WITH_TIMEOUT((seq = QJsonDocument::fromJson(call(port, "GET", "/api/v1/changes").body)
                                        .object().value(QStringLiteral("seq")).toInteger(-1)) >= 1, 2000);
    RawHttpClient held;
    QVERIFY(held.connectTo(port));
    held.send(request(port, "GET", "/api/v1/changes?after=" + QByteArray::number(seq), OwnerToken));
    QVERIFY(m_env->store()->appendMessage(chat.id, QStringLiteral("user"), QStringLiteral("typed in the window")));
    const RawResponse response = held.readResponse(5000);
    QCOMPARE(response.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QVERIFY(!json.value(QStringLiteral("reset")).toBool());
    bool sawMessages = false;
    for (const QJsonValue &change : json.value(QStringLiteral("changes")).toArray()) {
        sawMessages = sawMessages || (change[QStringLiteral("chat")].toString() == chat.uuid
                                      && change[QStringLiteral("kind")].toString() == QLatin1String("messages"));
    }
    QVERIFY2(sawMessages, response.body.constData());
    QVERIFY(json.value(QStringLiteral("seq")).toInteger() > seq);
}

void TestServerHost::shutdown_withStreamsInFlight_endsThemAndJoins()
{
    m_env->fake()->setReplyTokenCount(1000);
    m_env->fake()->setTokenDelayMs(20);
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 3; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(port));
        clients.back()->send(request(port, "POST", "/ollama/api/chat", OwnerToken, chatBody()));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_env->fake()->activeStreams(), 3, 10000);
    QSignalSpy tokens(m_env->fake(), &FakeOllama::tokenSent);
    QTRY_VERIFY_WITH_TIMEOUT(tokens.count() >= 6, 10000);

    QSignalSpy stopped(m_env->host(), &ServerHost::stopped);
    m_env->host()->shutdown();
    QCOMPARE(stopped.count(), 1);
    QVERIFY(!m_env->host()->isRunning());
    QVERIFY(m_env->host()->serverSide() == nullptr);
    // Each client got its last line and the connection closed; Ollama stopped generating.
    for (const auto &client : clients) {
        QVERIFY(client->waitForClose(5000));
        const QByteArray received = client->pending();
        QVERIFY2(received.contains("\"done\":true") || received.contains("\"error\""), received.right(200).constData());
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_env->fake()->activeStreams(), 0, 5000);
    m_env->host()->shutdown(); // twice is fine
    QCOMPARE(stopped.count(), 1);
}

void TestServerHost::heldHistorySearch_leavesStreamsAndVersionAnswering()
{
    // A page's history search (/api/v1/chats?q=) is held where it runs; meanwhile another
    // client's proxied stream and /ollama/api/version must finish. Were the search run on the
    // server's thread, it would hold them too, and both would time out.
    QVERIFY(m_env->store()->createChat(QStringLiteral("A needle in the history"), QStringLiteral("llama3.2:latest")).id > 0);
    m_env->fake()->setReplyTokenCount(20);
    m_env->fake()->setTokenDelayMs(10);
    const quint16 port = m_env->startHost();
    QVERIFY(port != 0);

    struct Gate
    {
        QSemaphore entered;
        QSemaphore release;
    };
    const auto gate = std::make_shared<Gate>(); // shared: the pool thread may outlive this scope's return
    HistoryApi::setSearchHook([gate] {
        gate->entered.release();
        gate->release.acquire();
    });
    const auto unhold = qScopeGuard([gate] {
        HistoryApi::setSearchHook({});
        gate->release.release(100);
    });

    RawHttpClient search;
    QVERIFY(search.connectTo(port));
    search.send(request(port, "GET", "/api/v1/chats?q=needle", OwnerToken));
    QTRY_COMPARE_WITH_TIMEOUT(gate->entered.available(), 1, 10000); // the search is in the hook

    RawHttpClient stream;
    QVERIFY(stream.connectTo(port));
    stream.send(request(port, "POST", "/ollama/api/chat", OwnerToken, chatBody()));
    const RawResponse streamed = stream.readResponse(10000);
    QCOMPARE(streamed.status, 200);
    QCOMPARE(streamed.body.count('\n'), 21); // 20 tokens and the last line
    QVERIFY2(streamed.body.contains("\"done\":true"), streamed.body.right(200).constData());
    QCOMPARE(call(port, "GET", "/ollama/api/version").status, 200);
    QVERIFY2(search.pending().isEmpty(), search.pending().constData()); // still held

    gate->release.release();
    const RawResponse found = search.readResponse(10000);
    QCOMPARE(found.status, 200);
    const QJsonObject json = QJsonDocument::fromJson(found.body).object();
    QCOMPARE(json.value(QStringLiteral("total")).toInt(), 1);
}

QTEST_GUILESS_MAIN(TestServerHost)
#include "tst_serverhost.moc"
