// SPDX-License-Identifier: GPL-3.0-or-later
// The local server's life cycle: listening, live settings, restarts.
#include "server/localserver.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QByteArray get(const QByteArray &path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

} // namespace

class TestLocalServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listensOnLoopbackByDefault();
    void connectionClose_andHttp10_closeAfterTheAnswer_data();
    void connectionClose_andHttp10_closeAfterTheAnswer();
    void portTaken_startFailsWithMessage();
    void portChange_movesTheListener();
    void portChangeToTakenPort_keepsTheOldListener();
    void streamInFlight_survivesARestart();
    void ollamaUrlChange_isUsedByTheNextRequest();
    void unknownPath_gets404Json();
    void serverSwitch_stopsAndStartsTheListener();
    void networkAccessWithoutTls_warns();

private:
    std::unique_ptr<TestServer> m_env;
};

void TestLocalServer::init()
{
    m_env = std::make_unique<TestServer>();
    QVERIFY2(m_env->isReady() && m_env->createServer(), qPrintable(m_env->errorString()));
}

void TestLocalServer::cleanup()
{
    m_env.reset();
}

void TestLocalServer::listensOnLoopbackByDefault()
{
    QSignalSpy listening(m_env->server(), &LocalServer::listening);
    QVERIFY(m_env->server()->start());
    QCOMPARE(m_env->server()->address(), QHostAddress(QHostAddress::LocalHost));
    QVERIFY(m_env->server()->port() != 0);
    QCOMPARE(m_env->server()->url(), QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_env->server()->port())));
    QCOMPARE(listening.count(), 1);
}

void TestLocalServer::portTaken_startFailsWithMessage()
{
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    m_env->settings()->setValue(SettingsKey::ServerPort, squatter.serverPort());
    QVERIFY(!m_env->server()->start());
    QVERIFY2(m_env->server()->errorString().contains(QString::number(squatter.serverPort())), qPrintable(m_env->server()->errorString()));
    QVERIFY(m_env->server()->errorString().contains(QLatin1String("--port")));
    QVERIFY(!m_env->server()->isListening());
}

void TestLocalServer::portChange_movesTheListener()
{
    QVERIFY(m_env->server()->start());
    const quint16 oldPort = m_env->server()->port();
    const quint16 newPort = freePort();
    QSignalSpy listening(m_env->server(), &LocalServer::listening);
    m_env->settings()->setValue(SettingsKey::ServerPort, newPort);
    QCOMPARE(listening.count(), 1);
    QCOMPARE(m_env->server()->port(), newPort);

    RawHttpClient client;
    QVERIFY(client.connectTo(newPort));
    client.send(get("/ollama/api/version"));
    QCOMPARE(client.readResponse().status, 200);

    QTcpSocket old;
    old.connectToHost(QHostAddress::LocalHost, oldPort);
    QVERIFY(!old.waitForConnected(5000)); // refused
}

void TestLocalServer::portChangeToTakenPort_keepsTheOldListener()
{
    QVERIFY(m_env->server()->start());
    const quint16 oldPort = m_env->server()->port();
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
    QSignalSpy failed(m_env->server(), &LocalServer::listenFailed);
    m_env->settings()->setValue(SettingsKey::ServerPort, squatter.serverPort());
    QCOMPARE(failed.count(), 1);
    QVERIFY(failed.first().at(0).toString().contains(QString::number(squatter.serverPort())));
    QCOMPARE(m_env->server()->port(), oldPort);
    RawHttpClient client;
    QVERIFY(client.connectTo(oldPort));
    client.send(get("/ollama/api/version"));
    QCOMPARE(client.readResponse().status, 200);
}

void TestLocalServer::streamInFlight_survivesARestart()
{
    QVERIFY(m_env->server()->start());
    m_env->fake()->setReplyTokenCount(10);
    m_env->fake()->setTokenDelayMs(100);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    const QByteArray body = R"({"model":"llama3.2:latest","prompt":"x"})";
    client.send("POST /ollama/api/generate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QTRY_VERIFY_WITH_TIMEOUT(client.pending().contains("tok1"), 20000);
    m_env->settings()->setValue(SettingsKey::ServerPort, freePort());
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 200);
    QVERIFY(response.body.contains("\"done\":true"));
}

void TestLocalServer::ollamaUrlChange_isUsedByTheNextRequest()
{
    QVERIFY(m_env->server()->start());
    FakeOllama second;
    QVERIFY(second.listen());
    second.setVersion(QStringLiteral("9.9.9"));
    m_env->settings()->setValue(SettingsKey::OllamaUrl, second.url().toString());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(get("/ollama/api/version"));
    const RawResponse response = client.readResponse();
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("version")).toString(),
             QStringLiteral("9.9.9"));
    QCOMPARE(second.requests().size(), 1);
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestLocalServer::connectionClose_andHttp10_closeAfterTheAnswer_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<bool>("closes");
    QTest::newRow("HTTP/1.1") << QByteArray("GET /nothing/here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") << false;
    QTest::newRow("HTTP/1.1, Connection: close")
        << QByteArray("GET /nothing/here HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Keep-Alive, Close\r\n\r\n") << true;
    QTest::newRow("HTTP/1.0") << QByteArray("GET /nothing/here HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n") << true;
}

void TestLocalServer::connectionClose_andHttp10_closeAfterTheAnswer()
{
    // QtHttpServer 6.4 keeps every connection open; Corral closes where HTTP says so.
    QFETCH(QByteArray, request);
    QFETCH(bool, closes);
    QVERIFY(m_env->server()->start());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(request);
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 404);
    QCOMPARE(response.header("Connection"), closes ? QByteArray("close") : QByteArray());
    QCOMPARE(response.repeatedHeaderNames(), QList<QByteArray>());
    if (closes) {
        QVERIFY(client.waitForClose());
    } else {
        client.send(request); // still open: the next request gets its answer
        QCOMPARE(client.readResponse().status, 404);
    }
}

void TestLocalServer::unknownPath_gets404Json()
{
    QVERIFY(m_env->server()->start());
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(get("/nothing/here"));
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 404);
    QVERIFY(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString().contains(QLatin1String("/ollama")));
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.repeatedHeaderNames(), QList<QByteArray>());
}

void TestLocalServer::serverSwitch_stopsAndStartsTheListener()
{
    QVERIFY(m_env->server()->start());
    m_env->settings()->setValue(SettingsKey::ServerEnabled, false);
    QVERIFY(!m_env->server()->isListening());
    QSignalSpy listening(m_env->server(), &LocalServer::listening);
    m_env->settings()->setValue(SettingsKey::ServerEnabled, true);
    QVERIFY(m_env->server()->isListening());
    QCOMPARE(listening.count(), 1);
}

void TestLocalServer::networkAccessWithoutTls_warns()
{
    // Checked without listening: tests only ever listen on 127.0.0.1.
    const QString warning = LocalServer::exposureWarning(QHostAddress(QHostAddress::AnyIPv4), false);
    QVERIFY(warning.contains(QLatin1String("0.0.0.0")));
    QVERIFY(warning.contains(QLatin1String("Without TLS")));
    QVERIFY(LocalServer::exposureWarning(QHostAddress(QStringLiteral("192.168.1.20")), false).contains(QLatin1String("192.168.1.20")));
    QVERIFY(LocalServer::exposureWarning(QHostAddress(QHostAddress::AnyIPv4), true).isEmpty());
    QVERIFY(LocalServer::exposureWarning(QHostAddress(QHostAddress::LocalHost), false).isEmpty());
    QVERIFY(LocalServer::exposureWarning(QHostAddress(QHostAddress::LocalHostIPv6), false).isEmpty());
}

QTEST_GUILESS_MAIN(TestLocalServer)
#include "tst_localserver.moc"
