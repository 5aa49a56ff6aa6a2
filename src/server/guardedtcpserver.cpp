// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/guardedtcpserver.h"

#include "server/httpsupport.h"
#include "server/requestframer.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QVarLengthArray>

#include <typeinfo>

Q_LOGGING_CATEGORY(lcGuard, "corral.server.guard", QtInfoMsg)

namespace Corral {

namespace {

/// A whole answer written by the guard itself (QtHttpServer never saw the request), JSON, after
/// which the connection closes. @p headers come first; the security headers are added unless
/// they are among them.
QByteArray refusal(int status, const QByteArray &reason, const HttpHeaders &headers, const QByteArray &body)
{
    QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    bool hasSecurityHeaders = false;
    for (const auto &[name, value] : headers) {
        if (name.compare("connection", Qt::CaseInsensitive) == 0 || name.compare("content-length", Qt::CaseInsensitive) == 0)
            continue;
        hasSecurityHeaders = hasSecurityHeaders || name.compare("content-security-policy", Qt::CaseInsensitive) == 0;
        Http::appendHeader(response, name, value);
    }
    if (!hasSecurityHeaders) {
        for (const auto &[name, value] : Http::securityHeaders("/")) // with Cache-Control: no-store
            Http::appendHeader(response, name, value);
    }
    response += "Content-Type: application/json; charset=utf-8\r\n"
                "Connection: close\r\n"
                "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return response;
}

/// Reads the requests of one connection before QtHttpServer does, without consuming anything.
class ConnectionGuard final : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, const GuardConfig &config)
        : QObject(socket)
        , m_socket(socket)
        , m_framer(RequestFramer::Limits{config.maxBodyBytes, GuardedTcpServer::MaxHeaderBytes, RequestFramer::QtMaxFields})
        , m_gate(config.gate)
        , m_idleMs(qMax(1, config.idleTimeoutSecs) * 1000)
    {
        m_idle.setSingleShot(true);
        m_idle.setTimerType(Qt::CoarseTimer);
        connect(&m_idle, &QTimer::timeout, this, &ConnectionGuard::onIdle);
        connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
        connect(socket, &QTcpSocket::bytesWritten, this, [this] { m_activity.restart(); });
        connect(socket, &QTcpSocket::disconnected, this, &ConnectionGuard::clientGone);
        m_activity.start();
        m_idle.start(m_idleMs);
    }

    /// The guard goes with its socket (it is the socket's child). A connected socket emits
    /// disconnected() as it is destroyed, so this is a backstop: nobody is left waiting.
    ~ConnectionGuard() override { clientGone(); }

    void addResponse(const QObject *key, std::function<void()> onClientGone)
    {
        m_responses.append(Response{key, std::move(onClientGone)});
    }

    void removeResponse(const QObject *key)
    {
        m_responses.removeIf([key](const Response &response) { return response.key == key; });
    }

    bool isBusy() const { return !m_responses.isEmpty(); }

    std::optional<HeadVerdict> takeVerdict()
    {
        if (m_verdicts.isEmpty())
            return std::nullopt;
        return m_verdicts.takeFirst();
    }

    /// Connected after QtHttpServer's readyRead slot: what is still unread now, QtHttpServer has
    /// not taken (it reads in a transaction, or leaves pipelined requests for a later pass), and
    /// this guard has read already. Only bytes after those are new on the next readyRead.
    void afterQt() { m_unconsumed = m_socket->bytesAvailable(); }
    bool m_watchingQt = false;

    bool m_http10 = false; // the last request head said HTTP/1.0

private:
    void onReadyRead()
    {
        // Activity only moves a timestamp: re-arming a timer on every read and write costs a
        // timer registration each time, twice per request (measured in bench/RESULTS.md).
        m_activity.restart();
        if (m_rejected) {
            m_socket->readAll(); // drain, so the client can read our error before we close
            return;
        }
        // A request head trickled in slower than the idle limit is a slow-loris attack.
        if (!m_framer.idleBetweenMessages() && !m_framer.inBody() && m_headTimer.isValid()
            && m_headTimer.hasExpired(m_idleMs)) {
            reject(408, "Request Timeout", GuardedTcpServer::tr("The request headers took too long to arrive."));
            return;
        }
        const qint64 available = m_socket->bytesAvailable();
        const qint64 seen = qBound<qint64>(0, m_unconsumed, available);
        m_unconsumed = available; // until afterQt() says how much QtHttpServer took
        if (available <= seen)
            return;
        const QByteArray data = m_socket->peek(available);
        QByteArrayView rest = QByteArrayView(data).sliced(seen);
        for (;;) {
            const bool wasIdle = m_framer.idleBetweenMessages();
            const RequestFramer::Step step = m_framer.feed(rest);
            rest = rest.sliced(step.consumed);
            if (wasIdle && !m_framer.idleBetweenMessages())
                m_headTimer.start();
            switch (step.event) {
            case RequestFramer::Event::NeedMore:
                return;
            case RequestFramer::Event::HeadComplete:
                if (!admitHead())
                    return;
                break;
            case RequestFramer::Event::MessageComplete:
                m_headTimer.invalidate();
                if (rest.isEmpty())
                    return;
                break;
            case RequestFramer::Event::Error:
                reject(m_framer.errorStatus(), m_framer.errorReason(), m_framer.errorMessage());
                return;
            }
        }
    }

    /// A head is complete: let the gate decide before any byte of the body is read.
    bool admitHead()
    {
        const RequestHead &head = m_framer.head();
        m_http10 = head.http10;
        HeadVerdict verdict = m_gate && *m_gate ? (*m_gate)(head, m_socket) : HeadVerdict();
        if (!verdict.allowed) {
            if (!m_verdicts.isEmpty() || isBusy()) {
                // Pipelined behind requests still being answered: an answer now would land in
                // the middle of theirs. Nobody pipelines into a refusal by accident; close.
                qCInfo(lcGuard).noquote() << "refused a pipelined request from" << m_socket->peerAddress().toString()
                                          << "with" << verdict.status << "and closed the connection";
                stopQt();
                m_socket->abort();
                return false;
            }
            refuse(verdict.status, verdict.reason, verdict.headers, verdict.body);
            return false;
        }
        if (verdict.bodyLimit >= 0 && !m_framer.setBodyLimit(verdict.bodyLimit)) {
            reject(m_framer.errorStatus(), m_framer.errorReason(), m_framer.errorMessage());
            return false;
        }
        // RFC 9110 §10.1.1: answer 100 Continue so the client sends the body without waiting
        // (the framer notes the expectation for HTTP/1.1 only: 1.0 cannot read interim answers).
        if (head.expectContinue && head.hasBody())
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        verdict.method = head.method;
        verdict.target = head.target;
        verdict.path = head.path;
        m_verdicts.append(std::move(verdict));
        return true;
    }

    /// Takes QtHttpServer off this connection: what is still unread never reaches a handler.
    void stopQt()
    {
        m_rejected = true;
        disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
        // Whatever the client still sends is dropped as it comes, a little at a time.
        m_socket->setReadBufferSize(64 * 1024);
    }

    void reject(int status, const QByteArray &reason, const QString &message)
    {
        refuse(status, reason, {}, Http::jsonBody({{QStringLiteral("error"), message}}));
    }

    void refuse(int status, const QByteArray &reason, const HttpHeaders &headers, const QByteArray &body)
    {
        qCInfo(lcGuard).noquote() << "refused request from" << m_socket->peerAddress().toString() << "with" << status;
        stopQt();
        m_socket->write(refusal(status, reason, headers, body));
        // Keep reading (and dropping) what the client still sends for a moment, so it sees the
        // answer instead of a reset; the idle timer closes the connection for good.
        m_idleMs = 2000;
        m_activity.restart();
        m_idle.start(m_idleMs);
        connect(m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_socket->bytesToWrite() == 0)
                m_socket->disconnectFromHost();
        });
    }

    void onIdle()
    {
        const qint64 quiet = m_activity.elapsed();
        if (quiet < m_idleMs) {
            m_idle.start(int(m_idleMs - quiet)); // there was activity since the timer was armed
            return;
        }
        if (m_rejected) {
            m_socket->abort();
            return;
        }
        // A body that stopped arriving: say so, rather than keep what came of it (RFC 9110 §15.5.9).
        if (m_framer.inBody()) {
            reject(408, "Request Timeout", GuardedTcpServer::tr("The request body stopped arriving."));
            return;
        }
        if (isBusy()) {
            m_idle.start(m_idleMs);
            return;
        }
        if (!m_framer.idleBetweenMessages()) {
            reject(408, "Request Timeout", GuardedTcpServer::tr("The request headers took too long to arrive."));
            return;
        }
        m_socket->disconnectFromHost();
    }

    void clientGone()
    {
        // Each response in progress hears it once. They are taken out first: a response that
        // ends in its callback calls markIdle(), and may be the last thing holding the socket.
        const auto responses = std::exchange(m_responses, {});
        for (const Response &response : responses)
            response.onClientGone();
    }

    struct Response
    {
        const QObject *key;
        std::function<void()> onClientGone;
    };
    QVarLengthArray<Response, 1> m_responses; // in progress (GuardedTcpServer::markBusy)
    QList<HeadVerdict> m_verdicts;           // let in, not yet handed to a handler
    QTcpSocket *m_socket;
    RequestFramer m_framer;
    std::shared_ptr<const HeadGate> m_gate;
    QTimer m_idle;
    QElapsedTimer m_activity;
    QElapsedTimer m_headTimer;
    qint64 m_unconsumed = 0;
    int m_idleMs;
    bool m_rejected = false;
};

} // namespace

namespace {
// Qt's default listen backlog (50) makes a burst of new clients wait a second for SYN retries.
constexpr int ListenBacklog = 1024;
} // namespace

GuardedTcpServer::GuardedTcpServer(QObject *parent)
    : QTcpServer(parent)
{
    setListenBacklogSize(ListenBacklog);
}

void GuardedTcpServer::guard(QTcpSocket *socket, const GuardConfig &config)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new ConnectionGuard(socket, config);
}

bool ConnectionCounter::admit(QTcpSocket *socket, const GuardConfig &config)
{
    const QHostAddress peer = socket->peerAddress();
    int &fromPeer = m_perAddress[peer];
    if (m_total >= config.maxConnections || fromPeer >= config.maxConnectionsPerAddress) {
        if (fromPeer == 0)
            m_perAddress.remove(peer);
        return false;
    }
    ++m_total;
    ++fromPeer;
    // The counter lives as long as the last of its sockets (a socket outlives its listener's
    // members while the listener is destroyed).
    QObject::connect(socket, &QObject::destroyed, [self = shared_from_this(), peer] {
        --self->m_total;
        auto it = self->m_perAddress.find(peer);
        if (it != self->m_perAddress.end() && --it.value() <= 0)
            self->m_perAddress.erase(it);
    });
    return true;
}

QTcpSocket *GuardedTcpServer::admitNext(QTcpServer *server, QTcpSocket *(*next)(QTcpServer *), ConnectionCounter &counter,
                                        const GuardConfig &config)
{
    while (QTcpSocket *socket = next(server)) {
        if (counter.admit(socket, config)) {
            guard(socket, config);
            return socket;
        }
        // Past a cap: refused at once, without reading anything; connections already open
        // (streams in flight) are untouched.
        qCInfo(lcGuard).noquote() << "refused a connection from" << socket->peerAddress().toString()
                                  << "(too many connections)";
        socket->write(refusal(503, Http::reasonPhrase(503), {{"Retry-After", "5"}},
                              Http::jsonBody({{QStringLiteral("error"),
                                               GuardedTcpServer::tr("Too many connections to Corral at once. Try again in a moment.")}})));
        QObject::connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
        if (socket->state() == QAbstractSocket::UnconnectedState)
            socket->deleteLater();
    }
    return nullptr;
}

QTcpSocket *GuardedTcpServer::nextPendingConnection()
{
    return admitNext(this, [](QTcpServer *server) { return static_cast<GuardedTcpServer *>(server)->QTcpServer::nextPendingConnection(); },
                     *m_counter, m_config);
}

GuardedSslServer::GuardedSslServer(QObject *parent)
    : QSslServer(parent)
{
    setListenBacklogSize(ListenBacklog);
}

QTcpSocket *GuardedSslServer::nextPendingConnection()
{
    return GuardedTcpServer::admitNext(
        this, [](QTcpServer *server) { return static_cast<GuardedSslServer *>(server)->QSslServer::nextPendingConnection(); },
        *m_counter, m_config);
}

namespace {
ConnectionGuard *guardOf(const QTcpSocket *socket)
{
    if (!socket)
        return nullptr;
    // Runs a few times per request: an exact type check per child (the socket engine and the
    // guard) is much cheaper than a failing dynamic_cast. (A child already deleted while the
    // socket deletes its children is null in the list.)
    for (QObject *child : socket->children()) {
        if (child && typeid(*child) == typeid(ConnectionGuard))
            return static_cast<ConnectionGuard *>(child);
    }
    return nullptr;
}
} // namespace

bool GuardedTcpServer::markBusy(QTcpSocket *socket, const QObject *key, std::function<void()> onClientGone)
{
    ConnectionGuard *guard = guardOf(socket);
    if (!guard)
        return false;
    guard->addResponse(key, std::move(onClientGone));
    return true;
}

std::optional<HeadVerdict> GuardedTcpServer::takeVerdict(QTcpSocket *socket)
{
    if (ConnectionGuard *guard = guardOf(socket))
        return guard->takeVerdict();
    return std::nullopt;
}

void GuardedTcpServer::watchAfterHttpServer(QTcpServer *server)
{
    // QAbstractHttpServer 6.4 takes each new socket from the listener, and connects its
    // readyRead, in its slot for pendingConnectionAvailable (emitted by the plain and the TLS
    // listener alike). Connected after bind(), this slot runs after that one and connects the
    // guards' second slot after QtHttpServer's.
    const auto watch = [server] {
        const auto sockets = server->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *socket : sockets) {
            ConnectionGuard *guard = guardOf(socket);
            if (!guard || guard->m_watchingQt)
                continue;
            guard->m_watchingQt = true;
            QObject::connect(socket, &QTcpSocket::readyRead, guard, &ConnectionGuard::afterQt);
        }
    };
    QObject::connect(server, &QTcpServer::pendingConnectionAvailable, server, watch);
}

bool GuardedTcpServer::isHttp10(const QTcpSocket *socket)
{
    const ConnectionGuard *guard = guardOf(socket);
    return guard && guard->m_http10;
}

void GuardedTcpServer::markIdle(QTcpSocket *socket, const QObject *key)
{
    if (ConnectionGuard *guard = guardOf(socket))
        guard->removeResponse(key);
}

} // namespace Corral
