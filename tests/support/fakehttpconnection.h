// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QTcpSocket>

namespace Corral::Test {

/// One request as the fake received it, kept raw for assertions.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target; ///< raw request-target as on the wire
    QByteArray path;   ///< percent-encoded, as sent
    QByteArray query;  ///< percent-encoded, without '?'
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const;
    bool hasHeader(const QByteArray &name) const;
    QJsonObject json() const;
};

/**
 * The server side of one HTTP/1.1 connection of the fake Ollama. Hand-written on purpose: the
 * fake must be able to misbehave (delay, stall, reset) in ways no real server library allows.
 * Parses Content-Length and chunked bodies, supports keep-alive and HEAD; answers one request
 * at a time (clients under test do not pipeline).
 */
class FakeHttpConnection final : public QObject
{
    Q_OBJECT

public:
    explicit FakeHttpConnection(QTcpSocket *socket, QObject *parent = nullptr);

    bool isOpen() const { return m_socket && m_socket->state() == QAbstractSocket::ConnectedState; }
    bool isHead() const { return m_current.method == "HEAD"; }
    const RecordedRequest &currentRequest() const { return m_current; }

    /// Complete response with Content-Length.
    void respond(int status, const QByteArray &contentType, const QByteArray &body);
    /// Announces the whole body's Content-Length, sends only its first @p sent bytes, then
    /// closes the connection: a body that broke off.
    void respondTruncated(int status, const QByteArray &contentType, const QByteArray &body, qsizetype sent);
    /// Starts a chunked response.
    void beginStream(int status, const QByteArray &contentType);
    void streamChunk(const QByteArray &data);
    void endStream();
    /// Resets the TCP connection (RST) mid-response.
    void reset();
    /// Closes the connection gracefully.
    void close();

Q_SIGNALS:
    void requestReady(Corral::Test::FakeHttpConnection *connection);
    /// The peer closed the connection (or it was reset).
    void closed(Corral::Test::FakeHttpConnection *connection);

private:
    void onReadyRead();
    bool parseHead();
    bool parseBody();
    void finishResponse();

    QPointer<QTcpSocket> m_socket;
    QByteArray m_buffer;
    RecordedRequest m_current;
    enum class State { Head, Body, Chunked, Busy } m_state = State::Head;
    qint64 m_contentLength = 0;
    bool m_keepAlive = true;
};

} // namespace Corral::Test
