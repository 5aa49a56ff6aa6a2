// SPDX-License-Identifier: GPL-3.0-or-later
// The shared connection layer: its HTTP/1.1 client on the wire (exact requests, keep-alive reuse,
// stale connections, framing, back-pressure, broken answers), failures, time limits and their
// texts. Streaming behaviour is covered through the proxy tests against the fake Ollama.
#include "core/ollamacall.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"

#include <QJsonArray>
#include <QFile>
#include <QPointer>
#include <QProcess>
#include <QScopeGuard>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

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

/// Hands each complete request (headers plus Content-Length body) to a script, with the
/// connection it came on and its number on that connection; records every request's raw bytes.
class ScriptedServer : public QTcpServer
{
public:
    using Script = std::function<void(QTcpSocket *socket, int connection, int index, const QByteArray &request)>;

    explicit ScriptedServer(Script script)
        : m_script(std::move(script))
    {
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = nextPendingConnection()) {
                const int connection = m_connections++;
                auto buffer = std::make_shared<QByteArray>();
                auto index = std::make_shared<int>(0);
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket, connection, buffer, index] {
                    *buffer += socket->readAll();
                    for (;;) {
                        const qsizetype end = buffer->indexOf("\r\n\r\n");
                        if (end < 0)
                            return;
                        qsizetype length = 0;
                        for (const QByteArray &line : buffer->left(end).split('\n')) {
                            if (line.toLower().startsWith("content-length:"))
                                length = line.mid(15).trimmed().toLongLong();
                        }
                        if (buffer->size() < end + 4 + length)
                            return;
                        const QByteArray request = buffer->left(end + 4 + length);
                        buffer->remove(0, request.size());
                        requests.append(request);
                        m_script(socket, connection, (*index)++, request);
                    }
                });
            }
        });
    }
    int connections() const { return m_connections; }
    QList<QByteArray> requests;

private:
    Script m_script;
    int m_connections = 0;
};

QByteArray okResponse(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n\r\n" + body;
}

/// Runs a call to its end and returns everything it delivered.
QByteArray finish(OllamaCall *call)
{
    QByteArray body;
    const QMetaObject::Connection reader =
        QObject::connect(call, &OllamaCall::dataAvailable, call, [call, &body] { body += call->readAll(); });
    if (!call->isFinished()) {
        QSignalSpy finished(call, &OllamaCall::finished);
        if (!finished.wait(20000))
            qWarning("call did not finish");
    }
    QObject::disconnect(reader);
    return body + call->readAll();
}

QUrl urlOf(const QTcpServer &server, const QString &path = QString())
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(server.serverPort()).arg(path));
}

/// Logs the observer's calls and the signals in one sequence.
class LoggingObserver final : public OllamaCall::Observer
{
public:
    explicit LoggingObserver(OllamaCall *call)
        : m_call(call)
    {
        call->setObserver(this);
        QObject::connect(call, &OllamaCall::responseStarted, call, [this](int status) {
            log.append("signal started " + QByteArray::number(status));
        });
        QObject::connect(call, &OllamaCall::dataAvailable, call, [this] { log.append("signal data"); });
        QObject::connect(call, &OllamaCall::finished, call, [this] { log.append("signal finished"); });
    }
    void responseStarted(int status) override
    {
        log.append("observer started " + QByteArray::number(status));
        if (abortOnStart)
            m_call->abort();
    }
    void dataAvailable() override
    {
        if (abortWhileEnding && m_call->isEnding()) {
            log.append("observer aborts while ending");
            m_call->abort(); // leaves the last bytes unread, as a proxy whose client left does
            return;
        }
        log.append("observer data " + m_call->readAll());
    }
    void finished() override { log.append("observer finished"); }

    QByteArrayList log;
    bool abortOnStart = false;
    bool abortWhileEnding = false;

private:
    OllamaCall *m_call;
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
    void request_isExactOnTheWire();
    void keepAlive_reusesOneConnection();
    void staleKeepAlive_isRetriedOnAFreshConnection();
    void staleKeepAlive_isRetriedOnlyOnce();
    void idleConnection_closedByOllama_isDropped();
    void surplusIdleConnections_closeSoon();
    void connectionClose_isNotReused();
    void earlyAnswer_leavesTheConnectionUnused();
    void truncatedBody_isInterrupted();
    void garbageAnswer_isUnreachableWithReason();
    void readLimit_appliesBackPressure();
    void https_verifiesTheCertificate();
    void observer_hearsEachEventJustBeforeTheSignal();
    void observer_thatAborts_endsTheCall();
    void observer_thatAbortsWhileTheCallEnds_hearsTheEndOnce();
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

void TestOllamaConnection::request_isExactOnTheWire()
{
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) { socket->write(okResponse("{}")); });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server, QStringLiteral("/behind/a/prefix/")));
    OllamaConnection::Request request;
    request.method = "POST";
    request.pathAndQuery = "/api/chat?x=%2F%20y";
    // Framing and connection headers are the layer's own: the caller's are never sent.
    request.headers = {{"Content-Type", "application/json"}, {"Host", "evil.example"}, {"Content-Length", "999"},
                       {"Connection", "close"}, {"Transfer-Encoding", "chunked"}, {"X-Custom", "1"}};
    request.body = R"({"model":"m"})";
    std::unique_ptr<OllamaCall> call(connection.send(request));
    QCOMPARE(finish(call.get()), QByteArray("{}"));
    QCOMPARE(call->status(), 200);
    QCOMPARE(server.requests.size(), 1);
    QCOMPARE(server.requests.first(),
             QByteArray("POST /behind/a/prefix/api/chat?x=%2F%20y HTTP/1.1\r\nHost: 127.0.0.1:")
                 + QByteArray::number(server.serverPort())
                 + "\r\nContent-Type: application/json\r\nX-Custom: 1\r\nContent-Length: 13\r\n\r\n{\"model\":\"m\"}");

    // A GET without a body sends no Content-Length; POST with an empty body sends 0.
    std::unique_ptr<OllamaCall> get(connection.get("/api/tags"));
    finish(get.get());
    QVERIFY(!server.requests.last().toLower().contains("content-length"));
    std::unique_ptr<OllamaCall> post(connection.postJson("/api/x", QByteArray()));
    finish(post.get());
    QVERIFY(server.requests.last().contains("\r\nContent-Length: 0\r\n\r\n"));
}

void TestOllamaConnection::keepAlive_reusesOneConnection()
{
    ScriptedServer server([](QTcpSocket *socket, int, int index, const QByteArray &request) {
        if (request.startsWith("HEAD"))
            socket->write("HTTP/1.1 200 OK\r\nContent-Length: 12345\r\n\r\n"); // no body after HEAD
        else if (index == 2)
            socket->write("HTTP/1.1 204 No Content\r\n\r\n");
        else
            socket->write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n" + QByteArray::number(index % 10)
                          + "\r\n0\r\n\r\n");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    for (int i = 0; i < 6; ++i) {
        OllamaConnection::Request request;
        request.method = i == 3 ? "HEAD" : "GET";
        request.pathAndQuery = "/api/version";
        std::unique_ptr<OllamaCall> call(connection.send(request));
        const QByteArray body = finish(call.get());
        QVERIFY2(!call->failure().isFailure(), qPrintable(call->failure().message()));
        QCOMPARE(body, i == 2 || i == 3 ? QByteArray() : QByteArray::number(i % 10));
        QCOMPARE(connection.idleConnections(), 1);
    }
    QCOMPARE(server.connections(), 1);
    QCOMPARE(connection.connectionsOpened(), 1);
}

void TestOllamaConnection::staleKeepAlive_isRetriedOnAFreshConnection()
{
    // Ollama (or a proxy in front of it) closes a kept-alive connection just as the next request
    // goes out on it: nothing was answered, so the request goes again on a new connection.
    ScriptedServer server([](QTcpSocket *socket, int connection, int index, const QByteArray &) {
        if (connection == 0 && index == 1)
            socket->abort();
        else
            socket->write(okResponse("{\"on\":" + QByteArray::number(connection) + "}"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> first(connection.postJson("/api/show", R"({"model":"a"})"));
    QCOMPARE(finish(first.get()), QByteArray(R"({"on":0})"));
    std::unique_ptr<OllamaCall> second(connection.postJson("/api/show", R"({"model":"b"})"));
    QCOMPARE(finish(second.get()), QByteArray(R"({"on":1})"));
    QVERIFY(!second->failure().isFailure());
    QCOMPARE(server.connections(), 2);
    QCOMPARE(server.requests.size(), 3);
    QCOMPARE(server.requests.at(1), server.requests.at(2)); // the same request, sent again whole
}

void TestOllamaConnection::staleKeepAlive_isRetriedOnlyOnce()
{
    ScriptedServer server([](QTcpSocket *socket, int connection, int index, const QByteArray &) {
        if (connection == 0 && index == 0)
            socket->write(okResponse("{}"));
        else
            socket->abort(); // every later connection breaks without an answer
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> first(connection.get("/api/version"));
    finish(first.get());
    // The kept-alive connection now breaks, and so does the fresh one: one retry, then a failure.
    std::unique_ptr<OllamaCall> second(connection.get("/api/tags"));
    finish(second.get());
    QCOMPARE(second->failure().kind, OllamaFailure::Kind::Unreachable);
    QCOMPARE(server.connections(), 2);
    QCOMPARE(connection.activeCalls(), 0);
}

void TestOllamaConnection::idleConnection_closedByOllama_isDropped()
{
    QList<QPointer<QTcpSocket>> sockets;
    ScriptedServer server([&sockets](QTcpSocket *socket, int, int, const QByteArray &) {
        sockets.append(socket);
        socket->write(okResponse("{}"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> first(connection.get("/api/version"));
    finish(first.get());
    QCOMPARE(connection.idleConnections(), 1);
    sockets.first()->disconnectFromHost(); // Ollama's side ends the idle connection
    QTRY_COMPARE_WITH_TIMEOUT(connection.idleConnections(), 0, 20000);
    std::unique_ptr<OllamaCall> second(connection.get("/api/version"));
    QCOMPARE(finish(second.get()), QByteArray("{}"));
    QCOMPARE(connection.connectionsOpened(), 2);
}

void TestOllamaConnection::surplusIdleConnections_closeSoon()
{
    // Twelve parallel calls leave twelve idle connections. The four most recently used stay for
    // the next calls; the other eight close within seconds, and Ollama sees them go.
    constexpr int Parallel = 12;
    QList<QTcpSocket *> waiting;
    int closedByCorral = 0;
    ScriptedServer server([&](QTcpSocket *socket, int, int index, const QByteArray &) {
        if (index > 0) { // a later call on a kept connection
            socket->write(okResponse("{}"));
            return;
        }
        connect(socket, &QTcpSocket::disconnected, this, [&closedByCorral] { ++closedByCorral; });
        waiting.append(socket);
        if (waiting.size() == Parallel) { // every call has its own connection: answer them all
            for (QTcpSocket *each : std::as_const(waiting))
                each->write(okResponse("{}"));
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::vector<std::unique_ptr<OllamaCall>> calls;
    for (int i = 0; i < Parallel; ++i)
        calls.emplace_back(connection.get("/api/version"));
    for (const auto &call : calls)
        QCOMPARE(finish(call.get()), QByteArray("{}"));
    QCOMPARE(connection.connectionsOpened(), Parallel);
    // (Not asserted: that all twelve wait in the pool for the first second. On a loaded machine
    // that second may be over before the test looks.)

    QTRY_COMPARE_WITH_TIMEOUT(connection.idleConnections(), OllamaConnection::KeptIdlePerEndpoint, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(closedByCorral, Parallel - OllamaConnection::KeptIdlePerEndpoint, 20000);

    // The kept ones serve the next parallel calls without a new connection.
    calls.clear();
    for (int i = 0; i < OllamaConnection::KeptIdlePerEndpoint; ++i)
        calls.emplace_back(connection.get("/api/version"));
    for (const auto &call : calls)
        QCOMPARE(finish(call.get()), QByteArray("{}"));
    QCOMPARE(connection.connectionsOpened(), Parallel);
    QCOMPARE(server.connections(), Parallel);
    QCOMPARE(closedByCorral, Parallel - OllamaConnection::KeptIdlePerEndpoint);
}

void TestOllamaConnection::connectionClose_isNotReused()
{
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) {
        socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    for (int i = 0; i < 2; ++i) {
        std::unique_ptr<OllamaCall> call(connection.get("/api/version"));
        QCOMPARE(finish(call.get()), QByteArray("ok"));
        QCOMPARE(connection.idleConnections(), 0);
    }
    QCOMPARE(server.connections(), 2);
}

void TestOllamaConnection::earlyAnswer_leavesTheConnectionUnused()
{
    // Ollama may refuse a request before reading its body; the rest of that body is still on its
    // way, so the connection cannot carry the next request.
    QTcpServer server;
    int connections = 0;
    connect(&server, &QTcpServer::newConnection, this, [&server, &connections] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            const int number = connections++;
            connect(socket, &QTcpSocket::readyRead, socket, [socket, number] {
                if (number == 0) {
                    if (!socket->property("answered").toBool()) {
                        socket->setProperty("answered", true);
                        socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 2\r\n\r\n{}");
                    }
                    return; // and never reads the body
                }
                if (socket->readAll().contains("\r\n\r\n"))
                    socket->write(okResponse("{\"fresh\":true}"));
            });
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    connection.setResponseTimeoutSecs(20);
    std::unique_ptr<OllamaCall> upload(connection.postJson("/api/blobs/sha256:x", QByteArray(32 * 1024 * 1024, 'b')));
    QCOMPARE(finish(upload.get()), QByteArray("{}"));
    QCOMPARE(upload->status(), 400);
    QCOMPARE(connection.idleConnections(), 0);
    std::unique_ptr<OllamaCall> next(connection.get("/api/tags"));
    QCOMPARE(finish(next.get()), QByteArray(R"({"fresh":true})"));
    QCOMPARE(connections, 2);
}

void TestOllamaConnection::truncatedBody_isInterrupted()
{
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"part");
        socket->disconnectFromHost();
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.postJson("/api/chat", "{}"));
    QCOMPARE(finish(call.get()), QByteArray("{\"part"));
    QCOMPARE(call->status(), 200);
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::Interrupted);
    QVERIFY2(call->failure().message().contains(QLatin1String("broke during the answer")),
             qPrintable(call->failure().message()));
    QCOMPARE(connection.idleConnections(), 0);
}

void TestOllamaConnection::garbageAnswer_isUnreachableWithReason()
{
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) { socket->write("SSH-2.0-OpenSSH_9.2\r\n"); });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.get("/api/version"));
    finish(call.get());
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::Unreachable);
    QVERIFY2(call->failure().message().contains(QLatin1String("not a valid HTTP response")),
             qPrintable(call->failure().message()));
    QCOMPARE(connection.idleConnections(), 0);
}

void TestOllamaConnection::readLimit_appliesBackPressure()
{
    // 32 MiB is more than the kernel's loopback buffers hold, so Ollama's side must wait for us.
    constexpr qint64 Size = 32 * 1024 * 1024;
    constexpr qint64 Limit = 64 * 1024;
    QByteArray payload(Size, Qt::Uninitialized);
    for (qint64 i = 0; i < Size; ++i)
        payload[i] = char('a' + (i * 7 + i / 4096) % 26);
    QPointer<QTcpSocket> upstream;
    ScriptedServer server([&upstream, &payload](QTcpSocket *socket, int, int, const QByteArray &) {
        upstream = socket;
        socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(Size) + "\r\n\r\n");
        socket->write(payload);
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.get("/api/pull"));
    call->setReadBufferSize(Limit);

    // Nobody reads: the call fills to its limit and stops taking data, so most of the body
    // stays on Ollama's side.
    QTRY_VERIFY_WITH_TIMEOUT(call->bytesAvailable() >= Limit && upstream && upstream->bytesToWrite() > 0, 20000);
    QVERIFY2(call->bytesAvailable() <= Limit + 256 * 1024, QByteArray::number(call->bytesAvailable()).constData());
    QVERIFY2(upstream->bytesToWrite() > Size / 2, QByteArray::number(upstream->bytesToWrite()).constData());

    // Reading releases it, and every byte arrives in order.
    QByteArray received;
    QSignalSpy finished(call.get(), &OllamaCall::finished);
    while (!call->isFinished() || call->bytesAvailable() > 0) {
        received += call->read(Limit / 2);
        QVERIFY2(call->bytesAvailable() <= Limit + 256 * 1024, QByteArray::number(call->bytesAvailable()).constData());
        if (call->bytesAvailable() == 0 && !call->isFinished())
            QTRY_VERIFY_WITH_TIMEOUT(call->bytesAvailable() > 0 || call->isFinished(), 20000);
    }
    QCOMPARE(received.size(), Size);
    QVERIFY(received == payload);
    QVERIFY(!call->failure().isFailure());
}

void TestOllamaConnection::https_verifiesTheCertificate()
{
    // An Ollama behind TLS: the certificate is checked against the trusted CAs, like Open WebUI's
    // client does by default.
    QTemporaryDir dir;
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"), QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath,
                   QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                   QStringLiteral("-addext"), QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
    QVERIFY(openssl.waitForFinished(60000));
    QCOMPARE(openssl.exitCode(), 0);
    QFile certFile(certPath);
    QFile keyFile(keyPath);
    QVERIFY(certFile.open(QIODevice::ReadOnly) && keyFile.open(QIODevice::ReadOnly));
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QSslKey key(&keyFile, QSsl::Rsa, QSsl::Pem);
    QVERIFY(!certificate.isNull() && !key.isNull());

    QSslServer server;
    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(certificate);
    serverConfiguration.setPrivateKey(key);
    server.setSslConfiguration(serverConfiguration);
    connect(&server, &QTcpServer::pendingConnectionAvailable, this, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            auto buffer = std::make_shared<QByteArray>();
            connect(socket, &QTcpSocket::readyRead, socket, [socket, buffer] {
                *buffer += socket->readAll();
                if (buffer->contains("\r\n\r\n")) {
                    buffer->clear();
                    socket->write(okResponse(R"({"version":"0.12.6"})"));
                }
            });
        }
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.serverPort())));

    std::unique_ptr<OllamaCall> untrusted(connection.get("/api/version"));
    finish(untrusted.get());
    QCOMPARE(untrusted->failure().kind, OllamaFailure::Kind::Unreachable);
    QVERIFY2(untrusted->failure().reason.contains(QLatin1String("certificate"), Qt::CaseInsensitive),
             qPrintable(untrusted->failure().reason));

    const QSslConfiguration original = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = original;
    trusting.addCaCertificate(certificate);
    QSslConfiguration::setDefaultConfiguration(trusting);
    const auto restore = qScopeGuard([&original] { QSslConfiguration::setDefaultConfiguration(original); });
    for (int i = 0; i < 2; ++i) {
        std::unique_ptr<OllamaCall> trusted(connection.get("/api/version"));
        QCOMPARE(finish(trusted.get()), QByteArray(R"({"version":"0.12.6"})"));
        QVERIFY(!trusted->failure().isFailure());
    }
    QCOMPARE(connection.connectionsOpened(), 2); // the failed handshake, then one kept-alive TLS connection
}

void TestOllamaConnection::observer_hearsEachEventJustBeforeTheSignal()
{
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) {
        socket->write(okResponse(R"({"version":"0.12.3"})"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.get("/api/version"));
    LoggingObserver observer(call.get());
    QCOMPARE(finish(call.get()), QByteArray()); // the observer took every byte first
    const QByteArrayList expected{"observer started 200", "signal started 200",
                                  R"(observer data {"version":"0.12.3"})", "signal data", "observer finished",
                                  "signal finished"};
    QCOMPARE(observer.log, expected);
    QVERIFY(!call->failure().isFailure());
}

void TestOllamaConnection::observer_thatAborts_endsTheCall()
{
    // An observer that aborts in a callback ends the call there: the signal for that event does
    // not follow, finished() does, for both, as after any abort.
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) {
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n");
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.postJson("/api/chat", "{}"));
    LoggingObserver observer(call.get());
    observer.abortOnStart = true;
    QCOMPARE(finish(call.get()), QByteArray());
    const QByteArrayList expected{"observer started 200", "observer finished", "signal finished"};
    QCOMPARE(observer.log, expected);
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::Cancelled);
    QCOMPARE(connection.idleConnections(), 0); // a connection left mid-answer is not reused
}

void TestOllamaConnection::observer_thatAbortsWhileTheCallEnds_hearsTheEndOnce()
{
    // The last bytes come with the call's end; a reader that cannot take them (its client left)
    // aborts there. The abort changes how the call ends, once: the call must not start ending
    // over again and hand it the same bytes (that recursed until the stack overflowed).
    ScriptedServer server([](QTcpSocket *socket, int, int, const QByteArray &) {
        socket->write(okResponse(R"({"version":"0.12.3"})"));
    });
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    OllamaConnection connection;
    connection.setBaseUrl(urlOf(server));
    std::unique_ptr<OllamaCall> call(connection.get("/api/version"));
    LoggingObserver observer(call.get());
    observer.abortWhileEnding = true;
    finish(call.get());
    const QByteArrayList expected{"observer started 200", "signal started 200", "observer aborts while ending",
                                  "observer finished", "signal finished"};
    QCOMPARE(observer.log, expected);
    QCOMPARE(call->failure().kind, OllamaFailure::Kind::Cancelled);
}

QTEST_GUILESS_MAIN(TestOllamaConnection)
#include "tst_ollamaconnection.moc"
