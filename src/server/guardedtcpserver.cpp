// SPDX-License-Identifier: GPL-3.0-or-later
#include "guardedtcpserver.h"

#include "httpsupport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTimer>
#include <QVarLengthArray>

#include <typeinfo>

Q_LOGGING_CATEGORY(lcGuard, "corral.server.guard", QtInfoMsg)

namespace Corral {

namespace {

/// Follows the request framing of one connection, byte for byte, without consuming anything.
class ConnectionGuard final : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, qint64 maxBody, int idleSecs)
        : QObject(socket)
        , m_socket(socket)
        , m_maxBody(maxBody)
        , m_idleMs(qMax(1, idleSecs) * 1000)
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

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Rejected };

    void onReadyRead()
    {
        // Activity only moves a timestamp: re-arming a timer on every read and write costs a
        // timer registration each time, twice per request (measured in bench/RESULTS.md).
        m_activity.restart();
        if (m_state == State::Rejected) {
            m_socket->readAll(); // drain, so the client can read our error before we close
            return;
        }
        // A request head trickled in slower than the idle limit is a slow-loris attack.
        if (m_state == State::Head && !m_head.isEmpty() && m_headTimer.hasExpired(m_idleMs)) {
            reject(408, "Request Timeout", QStringLiteral("The request headers took too long to arrive."));
            return;
        }
        const QByteArray data = m_socket->peek(m_socket->bytesAvailable());
        qsizetype pos = 0;
        while (pos < data.size() && m_state != State::Rejected)
            pos = consume(data, pos);
    }

    qsizetype consume(const QByteArray &data, qsizetype pos)
    {
        switch (m_state) {
        case State::Head:
            return consumeHead(data, pos);
        case State::Body: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - pos);
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::Head;
            return pos + take;
        }
        case State::ChunkSize:
        case State::Trailer:
            return consumeLine(data, pos);
        case State::ChunkData: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - pos);
            m_remaining -= take;
            if (m_remaining == 0) {
                m_state = State::ChunkDataEnd;
                m_remaining = 2; // CRLF after the chunk
            }
            return pos + take;
        }
        case State::ChunkDataEnd: {
            const qint64 take = qMin<qint64>(m_remaining, data.size() - pos);
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkSize;
            return pos + take;
        }
        case State::Rejected:
            break;
        }
        return data.size();
    }

    qsizetype consumeHead(const QByteArray &data, qsizetype pos)
    {
        if (m_head.isEmpty()) {
            m_headTimer.start();
            // Usually the whole head arrives in one read: find its end in place, without a copy.
            qsizetype start = pos;
            while (data.size() - start >= 2 && data.at(start) == '\r' && data.at(start + 1) == '\n')
                start += 2; // blank lines before a request line (RFC 9112 §2.2)
            const qsizetype end = data.indexOf("\r\n\r\n", start);
            if (end >= 0 && end - start + 4 <= GuardedTcpServer::MaxHeaderBytes) {
                if (completeHead(QByteArrayView(data).sliced(start, end - start)))
                    return end + 4;
                return data.size();
            }
        }
        const qsizetype before = m_head.size();
        m_head.append(data.constData() + pos, data.size() - pos);
        // Tolerate the blank lines RFC 9112 §2.2 allows before a request line.
        qsizetype lead = 0;
        while (m_head.startsWith("\r\n")) {
            m_head.remove(0, 2);
            lead += 2;
        }
        const qsizetype end = m_head.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_head.size() > GuardedTcpServer::MaxHeaderBytes)
                reject(431, "Request Header Fields Too Large", QStringLiteral("The request headers are larger than 64 KiB."));
            else if (!partialRequestLineLooksValid())
                reject(400, "Bad Request", QStringLiteral("This server speaks HTTP/1.1."));
            return data.size();
        }
        if (end + 4 > GuardedTcpServer::MaxHeaderBytes) {
            reject(431, "Request Header Fields Too Large", QStringLiteral("The request headers are larger than 64 KiB."));
            return data.size();
        }
        const QByteArray head = m_head.left(end);
        const qsizetype consumedHere = end + 4 + lead - before;
        m_head.clear();
        if (!completeHead(head))
            return data.size();
        return pos + qMax<qsizetype>(0, consumedHere);
    }

    /// A whole request head (without its final empty line) arrived: check it, follow its body.
    bool completeHead(QByteArrayView head)
    {
        const qsizetype eol = head.indexOf("\r\n");
        const QByteArrayView requestLine = eol < 0 ? head : head.first(eol);
        if (!requestLineLooksValid(requestLine)) {
            reject(400, "Bad Request", QStringLiteral("This server speaks HTTP/1.1."));
            return false;
        }
        m_http10 = requestLine.endsWith("HTTP/1.0");
        startBody(head);
        return m_state != State::Rejected;
    }

    /// METHOD SP TARGET SP HTTP/1.x
    static bool requestLineLooksValid(QByteArrayView line)
    {
        const qsizetype first = line.indexOf(' ');
        if (first <= 0)
            return false;
        const qsizetype second = line.indexOf(' ', first + 1);
        if (second <= first + 1)
            return false;
        const QByteArrayView version = line.sliced(second + 1);
        return !version.contains(' ') && version.startsWith("HTTP/1.");
    }

    bool partialRequestLineLooksValid() const
    {
        const qsizetype eol = m_head.indexOf("\r\n");
        if (eol < 0)
            return m_head.size() < 8192 || m_head.contains(' '); // still arriving
        return requestLineLooksValid(QByteArrayView(m_head).first(eol));
    }

    void startBody(QByteArrayView head)
    {
        qint64 length = 0;
        bool chunked = false;
        bool expectContinue = false;
        qsizetype from = head.indexOf('\n'); // the header lines follow the request line
        while (from >= 0) {
            const qsizetype next = head.indexOf('\n', from + 1);
            const QByteArrayView line = head.sliced(from + 1, (next < 0 ? head.size() : next) - from - 1).trimmed();
            from = next;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArrayView name = line.first(colon).trimmed();
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
                bool ok = false;
                length = value.toLongLong(&ok);
                if (!ok || length < 0) {
                    reject(400, "Bad Request", QStringLiteral("Invalid Content-Length."));
                    return;
                }
            } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
                chunked = value.toByteArray().toLower().contains("chunked");
            } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
                expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
            }
        }
        if (length > m_maxBody) {
            rejectTooLarge();
            return;
        }
        // RFC 9110 §10.1.1: answer 100 Continue so the client sends the body without waiting
        // (an HTTP/1.0 client's expectation is ignored: it cannot read interim responses).
        if (expectContinue && !m_http10 && (length > 0 || chunked))
            m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        m_bodyBytes = 0;
        if (chunked) {
            m_state = State::ChunkSize;
        } else if (length > 0) {
            m_state = State::Body;
            m_remaining = length;
        } else {
            m_state = State::Head;
        }
    }

    qsizetype consumeLine(const QByteArray &data, qsizetype pos)
    {
        const qsizetype eol = data.indexOf('\n', pos);
        const qsizetype end = eol < 0 ? data.size() : eol + 1;
        m_line.append(data.constData() + pos, end - pos);
        if (m_line.size() > 8192) {
            reject(400, "Bad Request", QStringLiteral("Malformed chunked body."));
            return data.size();
        }
        if (eol < 0)
            return end;
        const QByteArray line = m_line.trimmed();
        m_line.clear();
        if (m_state == State::Trailer) {
            if (line.isEmpty())
                m_state = State::Head;
            return end;
        }
        bool ok = false;
        const qint64 size = line.split(';').first().trimmed().toLongLong(&ok, 16);
        if (!ok || size < 0) {
            reject(400, "Bad Request", QStringLiteral("Malformed chunked body."));
            return data.size();
        }
        if (size == 0) {
            m_state = State::Trailer;
            return end;
        }
        m_bodyBytes += size;
        if (m_bodyBytes > m_maxBody) {
            rejectTooLarge();
            return data.size();
        }
        m_state = State::ChunkData;
        m_remaining = size;
        return end;
    }

    void rejectTooLarge()
    {
        reject(413, "Content Too Large",
               QStringLiteral("The request body is larger than the server's limit of %1 bytes (%2 MiB). "
                              "Raise it with --max-body-size or CORRAL_MAX_BODY_SIZE.")
                   .arg(m_maxBody)
                   .arg(m_maxBody / (1024 * 1024)));
    }

    void reject(int status, const char *reason, const QString &message)
    {
        m_state = State::Rejected;
        qCInfo(lcGuard).noquote() << "refused request from" << m_socket->peerAddress().toString() << "with" << status;
        // Take QHttpServer off this connection: the request never reaches a handler.
        disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
        connect(m_socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
        const QByteArray body =
            QJsonDocument(QJsonObject{{QStringLiteral("error"), message}}).toJson(QJsonDocument::Compact) + '\n';
        QByteArray response = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        for (const auto &[name, value] : Http::securityHeaders("/")) // with Cache-Control: no-store
            Http::appendHeader(response, name, value);
        response += "Content-Type: application/json; charset=utf-8\r\n"
                    "Connection: close\r\n"
                    "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_socket->write(response);
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
        if (isBusy() && m_state != State::Rejected) {
            m_idle.start(m_idleMs);
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

public:
    bool m_http10 = false; // the last request head said HTTP/1.0

private:
    struct Response
    {
        const QObject *key;
        std::function<void()> onClientGone;
    };
    QVarLengthArray<Response, 1> m_responses; // in progress (GuardedTcpServer::markBusy)
    QTcpSocket *m_socket;
    QTimer m_idle;
    QElapsedTimer m_activity;
    QElapsedTimer m_headTimer;
    QByteArray m_head;
    QByteArray m_line;
    State m_state = State::Head;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    qint64 m_maxBody;
    int m_idleMs;
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

void GuardedTcpServer::guard(QTcpSocket *socket, qint64 maxBodyBytes, int idleTimeoutSecs)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new ConnectionGuard(socket, maxBodyBytes, idleTimeoutSecs);
}

QTcpSocket *GuardedTcpServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    if (socket)
        guard(socket, m_maxBodyBytes, m_idleTimeoutSecs);
    return socket;
}

GuardedSslServer::GuardedSslServer(QObject *parent)
    : QSslServer(parent)
{
    setListenBacklogSize(ListenBacklog);
}

QTcpSocket *GuardedSslServer::nextPendingConnection()
{
    QTcpSocket *socket = QSslServer::nextPendingConnection();
    if (socket)
        GuardedTcpServer::guard(socket, m_maxBodyBytes, m_idleTimeoutSecs);
    return socket;
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
