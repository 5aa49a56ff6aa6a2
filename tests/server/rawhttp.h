// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QList>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

namespace Corral::Test {

/// A response as it came over the wire, parsed just enough for assertions.
struct RawResponse
{
    QByteArray raw;
    int status = 0;
    QByteArray headerBlock;
    QByteArray body; ///< de-chunked when the response was chunked

    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : headerBlock.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return QByteArray();
    }
    bool hasHeader(const QByteArray &name) const
    {
        for (const QByteArray &line : headerBlock.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    /// Header names that appear more than once (lowercase): a response should say each thing once.
    QList<QByteArray> repeatedHeaderNames() const
    {
        QList<QByteArray> seen;
        QList<QByteArray> repeated;
        for (const QByteArray &line : headerBlock.split('\n').mid(1)) {
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            if (seen.contains(name) && !repeated.contains(name))
                repeated.append(name);
            seen.append(name);
        }
        return repeated;
    }
};

/// Parses one complete response from the front of @p data; returns bytes used, 0 if incomplete.
inline qsizetype parseResponse(const QByteArray &data, RawResponse *out, bool headRequest = false)
{
    qsizetype start = 0;
    // Skip interim 1xx responses.
    while (true) {
        const qsizetype end = data.indexOf("\r\n\r\n", start);
        if (end < 0)
            return 0;
        const QByteArray head = data.mid(start, end - start);
        const int status = head.mid(9, 3).toInt();
        if (status >= 100 && status < 200) {
            start = end + 4;
            continue;
        }
        out->status = status;
        out->headerBlock = head;
        qsizetype pos = end + 4;
        out->body.clear();
        if (headRequest || status == 204 || status == 304)
            return pos;
        if (out->header("Transfer-Encoding").toLower().contains("chunked")) {
            while (true) {
                const qsizetype eol = data.indexOf("\r\n", pos);
                if (eol < 0)
                    return 0;
                bool ok = false;
                const qint64 size = data.mid(pos, eol - pos).toLongLong(&ok, 16);
                if (!ok)
                    return 0;
                if (size == 0) {
                    if (data.size() < eol + 4)
                        return 0;
                    return eol + 4;
                }
                if (data.size() < eol + 2 + size + 2)
                    return 0;
                out->body += data.mid(eol + 2, size);
                pos = eol + 2 + size + 2;
            }
        }
        const qint64 length = out->header("Content-Length").toLongLong();
        if (data.size() < pos + length)
            return 0;
        out->body = data.mid(pos, length);
        return pos + length;
    }
}

/// A deliberately low-level HTTP client: it sends exactly the bytes it is given.
class RawHttpClient
{
public:
    bool connectTo(quint16 port)
    {
        // Run the event loop while connecting: the server under test lives in this thread and
        // must accept, or the listen backlog fills up.
        QSignalSpy connected(&m_socket, &QTcpSocket::connected);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return m_socket.state() == QAbstractSocket::ConnectedState || connected.wait(20000);
    }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    /// Waits for one complete response (or the connection to close) and returns it.
    RawResponse readResponse(int timeoutMs = 20000, bool headRequest = false)
    {
        RawResponse response;
        QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            m_buffer += m_socket.readAll();
            const qsizetype used = parseResponse(m_buffer, &response, headRequest);
            if (used > 0) {
                response.raw = m_buffer.left(used);
                m_buffer.remove(0, used);
                return response;
            }
            if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
                break;
            waitForData(int(qMin<qint64>(200, deadline.remainingTime())));
        }
        response.raw = m_buffer;
        return response;
    }
    /// Waits until the server closes the connection.
    bool waitForClose(int timeoutMs = 20000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() != QAbstractSocket::UnconnectedState && !deadline.hasExpired()) {
            m_buffer += m_socket.readAll();
            waitForData(100);
        }
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }
    QByteArray pending()
    {
        m_buffer += m_socket.readAll();
        return m_buffer;
    }
    QTcpSocket &socket() { return m_socket; }

    /// Runs the event loop (the server under test lives in this thread) until data or a timeout.
    void waitForData(int timeoutMs)
    {
        QSignalSpy readable(&m_socket, &QTcpSocket::readyRead);
        if (m_socket.bytesAvailable() == 0 && m_socket.state() == QAbstractSocket::ConnectedState)
            readable.wait(timeoutMs);
    }

private:
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace Corral::Test
