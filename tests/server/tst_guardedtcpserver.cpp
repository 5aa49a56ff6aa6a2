// SPDX-License-Identifier: GPL-3.0-or-later
// The connection guard in front of QHttpServer: limits, 100-continue, idle and garbage input.
#include "core/ollamaconnection.h"
#include "server/guardedtcpserver.h"
#include "server/localserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestGuardedTcpServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void expectContinue_answeredBeforeTheBody();
    void expectContinue_fromHttp10_isIgnored();
    void declaredBodyOverLimit_gets413WithoutUpload();
    void bodyOverLimit_gets413_data();
    void bodyOverLimit_gets413();
    void bodyWithinLimit_reachesTheProxy();
    void hugeHeaderBlock_gets431();
    void garbage_gets400_andServerStaysUp();
    void idleConnection_isClosed();
    void activeConnection_outlivesTheIdleLimit();
    void tricklingHeaders_areCutOff();
    void busyResponses_hearOnceThatTheClientLeft_data();
    void busyResponses_hearOnceThatTheClientLeft();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<LocalServer> m_server;
    quint16 m_deadPort = 0;
};

void TestGuardedTcpServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::ServerPort, 0);
    m_settings->setValue(SettingsKey::ServerMaxBodyBytes, 1024);
    m_settings->setValue(SettingsKey::ServerIdleTimeout, 1);
    // A port that refuses connections: take one, then free it.
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        m_deadPort = probe.serverPort();
    }
    m_settings->setValue(SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:%1").arg(m_deadPort));
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->bindSettings(m_settings.get());
    m_server = std::make_unique<LocalServer>(m_connection.get(), m_settings.get());
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestGuardedTcpServer::cleanup()
{
    m_server.reset();
    m_connection.reset();
    m_settings.reset();
    m_dir.reset();
}

void TestGuardedTcpServer::expectContinue_answeredBeforeTheBody()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(client.pending().startsWith("HTTP/1.1 100 Continue\r\n\r\n"), 10000);
    client.send("hello world");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 404);
}

void TestGuardedTcpServer::expectContinue_fromHttp10_isIgnored()
{
    // RFC 9110 §10.1.1: an HTTP/1.0 client cannot read interim responses.
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("POST /nowhere HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 11\r\nExpect: 100-continue\r\n\r\n"
                "hello world");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 404);
    QVERIFY2(!response.raw.contains("100 Continue"), response.raw.constData());
}

void TestGuardedTcpServer::declaredBodyOverLimit_gets413WithoutUpload()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("POST /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 10485760\r\n"
                "Expect: 100-continue\r\n\r\n");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 413);
    QVERIFY(!response.raw.contains("100 Continue"));
    const QString error = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString();
    QVERIFY2(error.contains(QLatin1String("1024")), qPrintable(error));
    QVERIFY(client.waitForClose());
}

void TestGuardedTcpServer::bodyOverLimit_gets413_data()
{
    QTest::addColumn<QByteArray>("request");
    const QByteArray big(1500, 'x');
    QTest::newRow("content-length") << QByteArray("POST /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                  "Content-Length: 1500\r\n\r\n" + big);
    const QByteArray piece(800, 'y');
    QTest::newRow("chunked") << QByteArray("POST /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                           "Transfer-Encoding: chunked\r\n\r\n320\r\n" + piece + "\r\n320\r\n"
                                           + piece + "\r\n0\r\n\r\n");
}

void TestGuardedTcpServer::bodyOverLimit_gets413()
{
    QFETCH(QByteArray, request);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    // Dribble it in small pieces so the guard sees many reads.
    for (qsizetype i = 0; i < request.size(); i += 100)
        client.send(request.mid(i, 100));
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 413);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
}

void TestGuardedTcpServer::bodyWithinLimit_reachesTheProxy()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const QByteArray body(1000, 'z');
    client.send("POST /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n" + body);
    const RawResponse response = client.readResponse();
    // It went through to the (refusing) upstream: 502 with the troubleshooting JSON.
    QCOMPARE(response.status, 502);
    const QJsonObject json = QJsonDocument::fromJson(response.body).object();
    QVERIFY(json.value(QStringLiteral("error")).toString().contains(QStringLiteral("127.0.0.1:%1").arg(m_deadPort)));
}

void TestGuardedTcpServer::hugeHeaderBlock_gets431()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /ollama/api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + QByteArray(70 * 1024, 'a') + "\r\n\r\n");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 431);
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
    QCOMPARE(response.header("X-Content-Type-Options"), QByteArray("nosniff"));
    QCOMPARE(response.repeatedHeaderNames(), QList<QByteArray>());
    QVERIFY(client.waitForClose());
}

void TestGuardedTcpServer::garbage_gets400_andServerStaysUp()
{
    {
        RawHttpClient client;
        QVERIFY(client.connectTo(m_server->port()));
        static const char tlsHello[] = "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n";
        client.send(QByteArray(tlsHello, sizeof tlsHello - 1));
        const RawResponse response = client.readResponse();
        QCOMPARE(response.status, 400);
        QVERIFY(client.waitForClose());
    }
    RawHttpClient again;
    QVERIFY(again.connectTo(m_server->port()));
    again.send("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QCOMPARE(again.readResponse().status, 404);
}

void TestGuardedTcpServer::idleConnection_isClosed()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QVERIFY(client.waitForClose(15000));
}

void TestGuardedTcpServer::activeConnection_outlivesTheIdleLimit()
{
    // Requests every 200 ms for over twice the one-second idle limit, all on one connection;
    // once it goes quiet, the limit applies again.
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    QTimer pace;
    QObject::connect(&pace, &QTimer::timeout, &client.socket(),
                     [&client] { client.send("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); });
    pace.start(200);
    QTRY_VERIFY_WITH_TIMEOUT(client.pending().count("HTTP/1.1 404") >= 12, 30000);
    pace.stop();
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QVERIFY(client.waitForClose(15000));
}

void TestGuardedTcpServer::tricklingHeaders_areCutOff()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send("GET /ollama/api/tags HTTP/1.1\r\n");
    // Keep sending a header byte now and then, each within the idle limit, never finishing.
    QTimer trickle;
    QObject::connect(&trickle, &QTimer::timeout, &client.socket(), [&client] { client.send("X"); });
    trickle.start(300);
    QVERIFY(client.waitForClose(15000));
    QVERIFY(client.pending().contains("408") || client.pending().isEmpty());
}


void TestGuardedTcpServer::busyResponses_hearOnceThatTheClientLeft_data()
{
    QTest::addColumn<bool>("destroySocket");
    QTest::newRow("the client disconnects") << false;
    QTest::newRow("the socket is destroyed") << true;
}

void TestGuardedTcpServer::busyResponses_hearOnceThatTheClientLeft()
{
    // The proxy learns from the guard that its client left (to stop Ollama): every response
    // still in progress hears it exactly once, a response that ended hears nothing.
    QFETCH(bool, destroySocket);
    GuardedTcpServer listener;
    QVERIFY(listener.listen(QHostAddress::LocalHost, 0));
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, listener.serverPort());
    QVERIFY(listener.waitForNewConnection(10000));
    QTcpSocket *socket = listener.nextPendingConnection();
    QVERIFY(socket);
    QVERIFY(client.waitForConnected(10000));

    QObject first, second, ended;
    int firstHeard = 0, secondHeard = 0, endedHeard = 0;
    QVERIFY(GuardedTcpServer::markBusy(socket, &first, [&firstHeard] { ++firstHeard; }));
    QVERIFY(GuardedTcpServer::markBusy(socket, &second, [&secondHeard] { ++secondHeard; }));
    QVERIFY(GuardedTcpServer::markBusy(socket, &ended, [&endedHeard] { ++endedHeard; }));
    GuardedTcpServer::markIdle(socket, &ended);

    if (destroySocket) {
        delete socket;
    } else {
        client.disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(firstHeard, 1, 10000);
        delete socket; // told already: nobody hears it twice
    }
    QCOMPARE(firstHeard, 1);
    QCOMPARE(secondHeard, 1);
    QCOMPARE(endedHeard, 0);

    // Sockets from other listeners have no guard to tell them.
    QTcpSocket unguarded;
    QVERIFY(!GuardedTcpServer::markBusy(&unguarded, &first, [&firstHeard] { ++firstHeard; }));
}

QTEST_GUILESS_MAIN(TestGuardedTcpServer)
#include "tst_guardedtcpserver.moc"
