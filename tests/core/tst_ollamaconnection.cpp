// SPDX-License-Identifier: GPL-3.0-or-later
// The shared connection layer: failures, time limits and their texts. Streaming behaviour is
// covered through the proxy tests against the fake Ollama.
#include "ollamaconnection.h"
#include "settings.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

namespace {

/// Accepts connections, reads requests, never answers: a hung Ollama.
class SilentServer : public QTcpServer
{
public:
    SilentServer()
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] { socket->readAll(); });
                connect(socket, &QTcpSocket::disconnected, this, [this] { ++m_disconnects; });
            }
        });
    }
    int m_disconnects = 0;
};

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestOllamaConnection : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timeoutClass_modelListsAreShort();
    void refused_isUnreachableWithUrlAndHints();
    void responseTimeout_expiresAndAbortsUpstream();
    void modelListTimeout_usesItsOwnLimit();
    void noLimit_whenZero();
    void settings_areFollowedLive();
    void poolGrows_beyondSixParallelCalls();
};

void TestOllamaConnection::timeoutClass_modelListsAreShort()
{
    using TC = OllamaConnection::TimeoutClass;
    QCOMPARE(OllamaConnection::timeoutClassFor("GET", "/api/tags"), TC::ModelList);
    QCOMPARE(OllamaConnection::timeoutClassFor("GET", "/api/version"), TC::ModelList);
    QCOMPARE(OllamaConnection::timeoutClassFor("HEAD", "/api/tags"), TC::ModelList);
    QCOMPARE(OllamaConnection::timeoutClassFor("GET", "/api/ps?x=1"), TC::ModelList);
    QCOMPARE(OllamaConnection::timeoutClassFor("POST", "/api/chat"), TC::Response);
    QCOMPARE(OllamaConnection::timeoutClassFor("POST", "/api/tags"), TC::Response);
    QCOMPARE(OllamaConnection::timeoutClassFor("GET", "/api/tagsx"), TC::Response);
}

void TestOllamaConnection::refused_isUnreachableWithUrlAndHints()
{
    OllamaConnection connection;
    const quint16 port = freePort();
    connection.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    OllamaCall *call = connection.get("/api/tags");
    QSignalSpy finished(call, &OllamaCall::finished);
    QVERIFY(finished.wait(20000));
    const OllamaFailure &failure = call->failure();
    QCOMPARE(failure.kind, OllamaFailure::Kind::Unreachable);
    QCOMPARE(failure.httpStatus(), 502);
    QCOMPARE(failure.title(), QStringLiteral("Server connection error"));
    QVERIFY(failure.message().contains(QStringLiteral("http://127.0.0.1:%1").arg(port)));
    QVERIFY2(failure.message().contains(QLatin1String("refused"), Qt::CaseInsensitive), qPrintable(failure.message()));
    const QString hints = failure.hints().join(QLatin1Char('\n'));
    QVERIFY(hints.contains(QLatin1String("running")));
    QVERIFY(hints.contains(QLatin1String("http://192.168.1.1:11434")));
    QVERIFY(hints.contains(QLatin1String("container")));
    const QJsonObject json = failure.toJson();
    QCOMPARE(json.value(QStringLiteral("error")).toString(), failure.message());
    QCOMPARE(json.value(QStringLiteral("hints")).toArray().size(), failure.hints().size());
    QCOMPARE(connection.activeCalls(), 0);
    delete call;
}

void TestOllamaConnection::responseTimeout_expiresAndAbortsUpstream()
{
    SilentServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
    connection.setResponseTimeoutSecs(1);
    OllamaCall *call = connection.postJson("/api/chat", R"({"model":"m"})");
    QSignalSpy finished(call, &OllamaCall::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::ResponseTimeout);
    QCOMPARE(call->failure().limitSecs, 1);
    QCOMPARE(call->failure().httpStatus(), 504);
    QVERIFY(call->failure().message().contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT")));
    QTRY_COMPARE_WITH_TIMEOUT(server.m_disconnects, 1, 10000);
    delete call;
}

void TestOllamaConnection::modelListTimeout_usesItsOwnLimit()
{
    SilentServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
    connection.setResponseTimeoutSecs(0);
    connection.setModelListTimeoutSecs(1);
    std::unique_ptr<OllamaCall> call(connection.get("/api/tags"));
    QSignalSpy finished(call.get(), &OllamaCall::finished);
    QVERIFY(finished.wait(20000));
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::ModelListTimeout);
    QVERIFY(call->failure().message().contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST")));
}

void TestOllamaConnection::noLimit_whenZero()
{
    SilentServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
    connection.setResponseTimeoutSecs(0);
    connection.setModelListTimeoutSecs(1);
    std::unique_ptr<OllamaCall> chat(connection.postJson("/api/chat", "{}"));
    std::unique_ptr<OllamaCall> tags(connection.get("/api/tags"));
    QSignalSpy tagsDone(tags.get(), &OllamaCall::finished);
    QVERIFY(tagsDone.wait(20000)); // the one-second model-list limit has passed ...
    QVERIFY(!chat->isFinished());  // ... and the unlimited chat is still waiting
    chat->abort();
    QCOMPARE(chat->failure().kind, OllamaFailure::Kind::Cancelled);
}

void TestOllamaConnection::settings_areFollowedLive()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("s.ini")));
    OllamaConnection connection;
    connection.bindSettings(&settings);
    QCOMPARE(connection.baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:11434")));
    QCOMPARE(connection.responseTimeoutSecs(), 300);
    QSignalSpy changed(&connection, &OllamaConnection::baseUrlChanged);
    settings.setValue(SettingsKey::OllamaUrl, QStringLiteral("http://192.168.1.1:11434"));
    settings.setValue(SettingsKey::ResponseTimeout, 900);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(connection.baseUrl(), QUrl(QStringLiteral("http://192.168.1.1:11434")));
    QCOMPARE(connection.responseTimeoutSecs(), 900);
}

void TestOllamaConnection::poolGrows_beyondSixParallelCalls()
{
    SilentServer server;
    int connections = 0;
    connect(&server, &QTcpServer::newConnection, this, [&connections] { ++connections; });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())));
    std::vector<std::unique_ptr<OllamaCall>> calls;
    for (int i = 0; i < 20; ++i)
        calls.emplace_back(connection.postJson("/api/chat", "{}"));
    // One QNAM alone would open six connections and queue the rest.
    QTRY_COMPARE_WITH_TIMEOUT(connections, 20, 20000);
    QCOMPARE(connection.activeCalls(), 20);
    calls.clear();
    QCOMPARE(connection.activeCalls(), 0);
}

QTEST_GUILESS_MAIN(TestOllamaConnection)
#include "tst_ollamaconnection.moc"
