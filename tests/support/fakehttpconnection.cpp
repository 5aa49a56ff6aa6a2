// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fakehttpconnection.h"

#include <QJsonDocument>

#include <sys/socket.h>

namespace Corral::Test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

} // namespace

QByteArray RecordedRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

bool RecordedRequest::hasHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QJsonObject RecordedRequest::json() const
{
    return QJsonDocument::fromJson(body).object();
}

FakeHttpConnection::FakeHttpConnection(QTcpSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    socket->setParent(this);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QTcpSocket::readyRead, this, &FakeHttpConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] { Q_EMIT closed(this); });
}

void FakeHttpConnection::onReadyRead()
{
    m_buffer += m_socket->readAll();
    while (true) {
        if (m_state == State::Busy)
            return; // the next request waits until this response is written
        if (m_state == State::Head && !parseHead())
            return;
        if ((m_state == State::Body || m_state == State::Chunked) && !parseBody())
            return;
        if (m_state == State::Head)
            continue;
        return;
    }
}

bool FakeHttpConnection::parseHead()
{
    while (m_buffer.startsWith("\r\n"))
        m_buffer.remove(0, 2);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    m_buffer.remove(0, end + 4);
    m_current = RecordedRequest();
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3) {
        close();
        return false;
    }
    m_current.method = requestLine[0];
    m_current.target = requestLine[1];
    QByteArray target = m_current.target;
    if (target.startsWith("http://")) // absolute form
        target = target.mid(target.indexOf('/', 7));
    const qsizetype question = target.indexOf('?');
    m_current.path = question < 0 ? target : target.left(question);
    m_current.query = question < 0 ? QByteArray() : target.mid(question + 1);
    m_contentLength = 0;
    bool chunked = false;
    m_keepAlive = requestLine[2] == "HTTP/1.1";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        m_current.headers.append({name, value});
        const QByteArray lower = name.toLower();
        if (lower == "content-length")
            m_contentLength = value.toLongLong();
        else if (lower == "transfer-encoding" && value.toLower().contains("chunked"))
            chunked = true;
        else if (lower == "connection")
            m_keepAlive = !value.toLower().contains("close");
    }
    m_state = chunked ? State::Chunked : State::Body;
    return true;
}

bool FakeHttpConnection::parseBody()
{
    if (m_state == State::Body) {
        if (m_buffer.size() < m_contentLength)
            return false;
        m_current.body = m_buffer.left(m_contentLength);
        m_buffer.remove(0, m_contentLength);
    } else {
        // Decode the whole chunked body once its last chunk is in.
        QByteArray body;
        qsizetype pos = 0;
        while (true) {
            const qsizetype eol = m_buffer.indexOf("\r\n", pos);
            if (eol < 0)
                return false;
            const qint64 size = m_buffer.mid(pos, eol - pos).split(';').first().toLongLong(nullptr, 16);
            if (size == 0) {
                const qsizetype end = m_buffer.indexOf("\r\n", eol + 2);
                if (end < 0)
                    return false;
                m_buffer.remove(0, end + 2);
                break;
            }
            if (m_buffer.size() < eol + 2 + size + 2)
                return false;
            body += m_buffer.mid(eol + 2, size);
            pos = eol + 2 + size + 2;
        }
        m_current.body = body;
    }
    m_state = State::Busy;
    Q_EMIT requestReady(this);
    return true;
}

void FakeHttpConnection::respond(int status, const QByteArray &contentType, const QByteArray &body)
{
    if (!isOpen())
        return;
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    head += "Date: Tue, 24 Nov 2026 12:00:00 GMT\r\n";
    if (!contentType.isEmpty())
        head += "Content-Type: " + contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
    m_socket->write(head);
    if (!isHead())
        m_socket->write(body);
    finishResponse();
}

void FakeHttpConnection::respondTruncated(int status, const QByteArray &contentType, const QByteArray &body,
                                          qsizetype sent)
{
    if (!isOpen())
        return;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\nContent-Type: "
                    + contentType + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
                    + body.left(sent));
    m_socket->disconnectFromHost();
}

void FakeHttpConnection::beginStream(int status, const QByteArray &contentType)
{
    if (!isOpen())
        return;
    m_socket->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
                    + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
    m_socket->flush();
}

void FakeHttpConnection::streamChunk(const QByteArray &data)
{
    if (!isOpen() || data.isEmpty())
        return;
    m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    m_socket->flush();
}

void FakeHttpConnection::endStream()
{
    if (!isOpen())
        return;
    m_socket->write("0\r\n\r\n");
    m_socket->flush();
    finishResponse();
}

void FakeHttpConnection::finishResponse()
{
    m_state = State::Head;
    if (!m_keepAlive) {
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_buffer.isEmpty())
        QMetaObject::invokeMethod(this, &FakeHttpConnection::onReadyRead, Qt::QueuedConnection);
}

void FakeHttpConnection::reset()
{
    if (!m_socket)
        return;
    // SO_LINGER with a zero timeout turns close() into a real TCP reset.
    const struct linger option = {1, 0};
    ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
    m_socket->abort();
}

void FakeHttpConnection::close()
{
    if (m_socket)
        m_socket->disconnectFromHost();
}

} // namespace Corral::Test
