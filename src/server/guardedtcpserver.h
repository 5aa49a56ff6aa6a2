// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslServer>
#include <QTcpServer>

#include <functional>

namespace Corral {

/**
 * The listening socket for QtHttpServer, with the protection QtHttpServer 6.4 lacks.
 *
 * QtHttpServer buffers whole request bodies without a limit, keeps stalled half-sent requests
 * and huge header blocks forever, and never answers "Expect: 100-continue". Passing this server
 * to QAbstractHttpServer::bind() lets a per-connection guard see every byte first (its readyRead
 * slot is connected before QtHttpServer's), so it can:
 *  - answer 100 Continue as soon as the headers are in (to HTTP/1.1 clients),
 *  - note which requests come as HTTP/1.0 (isHttp10), which QHttpServerRequest 6.4 does not tell,
 *  - refuse bodies over the limit with 413 and header blocks over 64 KiB with 431,
 *  - answer 400 to input that is not HTTP/1.x at all,
 *  - close connections that sit idle, or trickle a request, for longer than the idle timeout.
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

    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_maxBodyBytes; }
    void setIdleTimeoutSecs(int seconds) { m_idleTimeoutSecs = seconds; }
    int idleTimeoutSecs() const { return m_idleTimeoutSecs; }

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
    /// Puts the guard on an accepted socket (used by both the plain and the TLS listener).
    static void guard(QTcpSocket *socket, qint64 maxBodyBytes, int idleTimeoutSecs);

private:
    qint64 m_maxBodyBytes = 100 * 1024 * 1024;
    int m_idleTimeoutSecs = 60;
};

/// The same guard on a TLS listener (QSslServer hands out sockets after the handshake).
class GuardedSslServer final : public QSslServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuardedSslServer)

public:
    explicit GuardedSslServer(QObject *parent = nullptr);
    void setMaxBodyBytes(qint64 bytes) { m_maxBodyBytes = bytes; }
    void setIdleTimeoutSecs(int seconds) { m_idleTimeoutSecs = seconds; }
    QTcpSocket *nextPendingConnection() override;

private:
    qint64 m_maxBodyBytes = 100 * 1024 * 1024;
    int m_idleTimeoutSecs = 60;
};

} // namespace Corral
