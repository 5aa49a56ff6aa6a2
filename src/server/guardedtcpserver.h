// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamaconnection.h"
#include "server/requestframer.h"

#include <QHash>
#include <QHostAddress>
#include <QSslServer>
#include <QTcpServer>

#include <any>
#include <functional>
#include <memory>
#include <optional>

namespace Corral {

/// What the local server decides about a request as soon as its head is in, before any byte of
/// its body is read (HeadGate).
struct HeadVerdict
{
    bool allowed = true;
    /// When refused: the answer. The connection closes after it, and the body is never read.
    int status = 0;
    QByteArray reason;
    HttpHeaders headers;
    QByteArray body;
    /// The largest body this request may have; -1 for the server's limit.
    qint64 bodyLimit = -1;
    /// Filled in by the guard: what the verdict is about, as the client sent it.
    QByteArray method;
    QByteArray target;
    QByteArray path;
    /// Whatever the gate wants the request's handler to have (its access decision).
    std::any decision;
};

/// Decides a request from its head alone (Host, credentials, ban, Origin, body size).
using HeadGate = std::function<HeadVerdict(const RequestHead &head, const QTcpSocket *socket)>;

/// The limits and the gate a guarded listener puts on each connection it accepts.
struct GuardConfig
{
    qint64 maxBodyBytes = 100 * 1024 * 1024;
    int idleTimeoutSecs = 60;
    /// Connections at once, in all and from one address; past them new ones are refused at once.
    int maxConnections = 4096;
    int maxConnectionsPerAddress = 2048;
    std::shared_ptr<const HeadGate> gate;
};

/// The connection caps of one listener: counts the connections it accepted that are still open.
class ConnectionCounter : public std::enable_shared_from_this<ConnectionCounter>
{
public:
    /// Takes a slot for @p socket, or returns false when a cap is reached.
    bool admit(QTcpSocket *socket, const GuardConfig &config);

private:
    int m_total = 0;
    QHash<QHostAddress, int> m_perAddress;
};

/**
 * The listening socket for QtHttpServer, with the protection QtHttpServer 6.4 lacks.
 *
 * QtHttpServer buffers whole request bodies without a limit, reads requests leniently and in
 * ways of its own, keeps stalled half-sent requests forever, and never answers "Expect:
 * 100-continue". Passing this server to QAbstractHttpServer::bind() lets a per-connection guard
 * read every byte first (its readyRead slot is connected before QtHttpServer's) with
 * RequestFramer, one strict reading that refuses whatever Qt could read differently, so it can:
 *  - decide access (HeadGate) as soon as a head is complete: a refused request gets its answer
 *    (401, 403, 413, 429, ...) and the connection closes without its body being read,
 *  - answer 100 Continue once a head is let in (to HTTP/1.1 clients),
 *  - note which requests come as HTTP/1.0 (isHttp10), which QHttpServerRequest 6.4 does not tell,
 *  - refuse bodies over the limit with 413 and malformed or ambiguous framing with 400,
 *  - close connections that sit idle, and answer 408 to a head or body that trickles in slower
 *    than the idle timeout,
 *  - refuse new connections past the caps per address and in all (GuardConfig), at once.
 *
 * Responses in progress mark their socket busy (markBusy/markIdle) so a long silent model load
 * is not mistaken for an idle connection, and hear from the guard when the client goes away.
 * The guard watches the socket once per connection, so a response does not connect to (and
 * disconnect from) the socket's signals itself, which cost about 4% of a small proxied request.
 */
class GuardedTcpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedTcpServer)

public:
    static constexpr qint64 MaxHeaderBytes = 64 * 1024;

    explicit GuardedTcpServer(QObject *parent = nullptr);

    GuardConfig &config() { return m_config; }

    QTcpSocket *nextPendingConnection() override;

    /// A response on @p socket, identified by @p key, is in progress: the connection is not
    /// closed as idle, and @p onClientGone runs once if the client disconnects, or the socket
    /// is destroyed, before markIdle(socket, key). Only for sockets from a guarded listener
    /// (LocalServer binds no other kind); returns false for any other socket.
    static bool markBusy(QTcpSocket *socket, const QObject *key, std::function<void()> onClientGone);
    static void markIdle(QTcpSocket *socket, const QObject *key);
    /// The client on @p socket sent its request as HTTP/1.0: no chunked framing, no interim
    /// responses, and the connection closes after the answer. (QHttpServerRequest 6.4 does not
    /// say which version a request used; the guard reads every request line anyway.)
    static bool isHttp10(const QTcpSocket *socket);
    /// The verdict on the oldest request of @p socket that QtHttpServer has not handed out yet
    /// (requests are handed out in order); nothing for an unguarded socket.
    static std::optional<HeadVerdict> takeVerdict(QTcpSocket *socket);
    /// Puts the guard on an accepted socket (used by both the plain and the TLS listener).
    static void guard(QTcpSocket *socket, const GuardConfig &config);
    /// Call after QAbstractHttpServer::bind(@p server): the guards then also hear, after
    /// QtHttpServer, how much of what arrived it has read (see ConnectionGuard::afterQt).
    static void watchAfterHttpServer(QTcpServer *server);
    /// Takes the next pending connection of @p server that the caps admit; refuses the others.
    static QTcpSocket *admitNext(QTcpServer *server, QTcpSocket *(*next)(QTcpServer *), ConnectionCounter &counter,
                                 const GuardConfig &config);

private:
    GuardConfig m_config;
    std::shared_ptr<ConnectionCounter> m_counter = std::make_shared<ConnectionCounter>(); // outlives its sockets
};

/// The same guard on a TLS listener (QSslServer hands out sockets after the handshake).
class GuardedSslServer final : public QSslServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedSslServer)

public:
    explicit GuardedSslServer(QObject *parent = nullptr);
    GuardConfig &config() { return m_config; }
    QTcpSocket *nextPendingConnection() override;

private:
    GuardConfig m_config;
    std::shared_ptr<ConnectionCounter> m_counter = std::make_shared<ConnectionCounter>(); // outlives its sockets
};

} // namespace Corral
