// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/httpresponseparser.h"

#include <QCoreApplication>

namespace Corral {

namespace {

QByteArrayView stripCr(QByteArrayView line)
{
    return line.endsWith('\r') ? line.chopped(1) : line;
}

bool isTokenChar(char c)
{
    // RFC 9110 §5.6.2 tchar
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::HttpResponseParser", text);
}

} // namespace

void HttpResponseParser::reset(bool headRequest)
{
    *this = HttpResponseParser();
    m_head = headRequest;
}

void HttpResponseParser::fail(const QString &reason)
{
    m_state = State::Error;
    m_error = reason;
}

qsizetype HttpResponseParser::feed(QByteArrayView data, QByteArray *body)
{
    qsizetype pos = 0;
    while (pos < data.size() && (m_state == State::StatusLine || m_state == State::Headers)) {
        const qsizetype newline = data.indexOf('\n', pos);
        if (newline < 0) {
            if (m_headerBytes + (data.size() - pos) > MaxHeaderBlock)
                fail(tr("Ollama's response headers are larger than 64 KiB"));
            return pos;
        }
        m_headerBytes += newline + 1 - pos;
        if (m_headerBytes > MaxHeaderBlock) {
            fail(tr("Ollama's response headers are larger than 64 KiB"));
            return pos;
        }
        const QByteArrayView line = stripCr(data.sliced(pos, newline - pos));
        pos = newline + 1;
        const bool ok = m_state == State::StatusLine ? parseStatusLine(line) : parseHeaderLine(line);
        if (!ok)
            return pos;
    }
    if (m_state == State::Body && pos < data.size())
        pos += feedBody(data.sliced(pos), body);
    return pos;
}

bool HttpResponseParser::parseStatusLine(QByteArrayView line)
{
    // HTTP/1.x SP 3DIGIT [SP reason]
    if (line.isEmpty() && m_status == 0 && m_headerBytes <= 2)
        return true; // tolerate a stray CRLF before the status line (RFC 9112 §2.2)
    if (line.size() < 12 || !line.startsWith("HTTP/1.") || line.at(8) != ' ' || (line.size() > 12 && line.at(12) != ' ')
        || line.at(7) < '0' || line.at(7) > '9') {
        fail(tr("Ollama's answer is not a valid HTTP response"));
        return false;
    }
    bool ok = false;
    const int status = line.sliced(9, 3).toInt(&ok);
    if (!ok || status < 100 || status > 599) {
        fail(tr("Ollama's answer is not a valid HTTP response"));
        return false;
    }
    m_status = status;
    m_minorVersion = line.at(7) - '0';
    m_state = State::Headers;
    return true;
}

bool HttpResponseParser::parseHeaderLine(QByteArrayView line)
{
    if (line.isEmpty())
        return headersComplete();
    if (line.front() == ' ' || line.front() == '\t') {
        fail(tr("Ollama's answer uses obsolete folded headers"));
        return false;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0) {
        fail(tr("Ollama's answer has a malformed header line"));
        return false;
    }
    const QByteArrayView name = line.first(colon);
    for (const char c : name) {
        if (!isTokenChar(c)) {
            fail(tr("Ollama's answer has a malformed header line"));
            return false;
        }
    }
    if (m_headers.size() >= MaxHeaderCount) {
        fail(tr("Ollama's answer has too many headers"));
        return false;
    }
    if (m_headers.isEmpty())
        m_headers.reserve(12); // one allocation for a usual response head
    m_headers.append(qMakePair(name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()));
    return true;
}

bool HttpResponseParser::headersComplete()
{
    if (m_status < 200) {
        if (m_status == 101) {
            fail(tr("Ollama switched protocols unexpectedly"));
            return false;
        }
        // Interim response (100 Continue, 103 Early Hints): the real one follows.
        m_headers.clear();
        m_status = 0;
        m_headerBytes = 0;
        m_state = State::StatusLine;
        return true;
    }

    // Views into m_headers, which stays as it is from here on.
    bool close = false;
    bool keepAlive = false;
    bool hasTransferEncoding = false;
    QByteArrayView lastCoding;
    qint64 length = -1;
    bool badLength = false;
    for (const auto &[name, value] : std::as_const(m_headers)) {
        if (isHeaderNameIn(name, {"connection"})) {
            close = close || hasToken(value, "close");
            keepAlive = keepAlive || hasToken(value, "keep-alive");
        } else if (isHeaderNameIn(name, {"transfer-encoding"})) {
            hasTransferEncoding = true;
            forEachListItem(value, [&](QByteArrayView item) {
                if (!item.isEmpty())
                    lastCoding = item;
            });
        } else if (isHeaderNameIn(name, {"content-length"})) {
            // Repeated values (in one field or several) must all agree; an empty item is invalid.
            forEachListItem(value, [&](QByteArrayView item) {
                bool ok = !item.isEmpty() && item.size() <= 18;
                for (const char c : item)
                    ok = ok && c >= '0' && c <= '9';
                const qint64 parsed = ok ? item.toLongLong(&ok) : -1;
                if (!ok || parsed < 0 || (length >= 0 && parsed != length))
                    badLength = true;
                else
                    length = parsed;
            });
        }
    }
    if (badLength) {
        fail(tr("Ollama's answer has an invalid Content-Length"));
        return false;
    }
    m_keepAlive = m_minorVersion >= 1 ? !close : keepAlive;

    if (m_head || m_status == 204 || m_status == 304) {
        m_framing = Framing::None;
    } else if (hasTransferEncoding) {
        // RFC 9112 §6.3: chunked must be the final coding, else the body runs until close.
        m_framing = lastCoding.compare("chunked", Qt::CaseInsensitive) == 0 ? Framing::Chunked : Framing::UntilClose;
        if (length >= 0)
            m_keepAlive = false; // both framings sent: never trust this connection again
    } else if (length >= 0) {
        m_framing = Framing::Length;
        m_remaining = length;
        m_bodyLength = length;
    } else {
        m_framing = Framing::UntilClose;
    }

    m_state = State::Body;
    if (m_framing == Framing::None || (m_framing == Framing::Length && m_remaining == 0))
        m_state = State::Complete;
    return true;
}

qsizetype HttpResponseParser::feedBody(QByteArrayView data, QByteArray *body)
{
    switch (m_framing) {
    case Framing::Length: {
        const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size()));
        body->append(data.first(n));
        m_remaining -= n;
        if (m_remaining == 0)
            m_state = State::Complete;
        return n;
    }
    case Framing::UntilClose:
        body->append(data);
        return data.size();
    case Framing::Chunked:
        return feedChunked(data, body);
    case Framing::None:
        break;
    }
    return 0;
}

qsizetype HttpResponseParser::feedChunked(QByteArrayView data, QByteArray *body)
{
    qsizetype pos = 0;
    while (pos < data.size() && m_state == State::Body) {
        if (m_chunkState == ChunkState::Data) {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size() - pos));
            body->append(data.sliced(pos, n));
            m_remaining -= n;
            pos += n;
            if (m_remaining == 0)
                m_chunkState = ChunkState::DataEnd;
            continue;
        }
        const qsizetype newline = data.indexOf('\n', pos);
        if (newline < 0) {
            if (data.size() - pos > MaxChunkLine)
                fail(tr("Ollama's answer has a malformed chunk"));
            return pos;
        }
        const QByteArrayView line = stripCr(data.sliced(pos, newline - pos));
        pos = newline + 1;
        switch (m_chunkState) {
        case ChunkState::Size: {
            QByteArrayView size = line;
            if (const qsizetype semicolon = size.indexOf(';'); semicolon >= 0)
                size = size.first(semicolon); // chunk extensions carry nothing for us
            size = size.trimmed();
            // At most 15 hex digits: the value always fits a qint64.
            bool ok = !size.isEmpty() && size.size() <= 15;
            qint64 value = 0;
            for (qsizetype i = 0; ok && i < size.size(); ++i) {
                const char c = size.at(i);
                const int digit = (c >= '0' && c <= '9') ? c - '0'
                    : (c >= 'a' && c <= 'f')             ? c - 'a' + 10
                    : (c >= 'A' && c <= 'F')             ? c - 'A' + 10
                                                         : -1;
                ok = digit >= 0;
                value = value * 16 + qMax(digit, 0);
            }
            if (!ok) {
                fail(tr("Ollama's answer has a malformed chunk"));
                return pos;
            }
            m_remaining = value;
            m_chunkState = value == 0 ? ChunkState::Trailers : ChunkState::Data;
            break;
        }
        case ChunkState::DataEnd:
            if (!line.isEmpty()) {
                fail(tr("Ollama's answer has a malformed chunk"));
                return pos;
            }
            m_chunkState = ChunkState::Size;
            break;
        case ChunkState::Trailers:
            if (line.isEmpty()) {
                m_state = State::Complete;
                return pos;
            }
            m_headerBytes += line.size();
            if (m_headerBytes > MaxHeaderBlock) {
                fail(tr("Ollama's response headers are larger than 64 KiB"));
                return pos;
            }
            break; // trailer fields are not forwarded
        case ChunkState::Data:
            break;
        }
    }
    return pos;
}

void HttpResponseParser::closed()
{
    if (m_state == State::Body && m_framing == Framing::UntilClose)
        m_state = State::Complete;
    else if (m_state != State::Complete && m_state != State::Error)
        fail(m_state == State::Body ? tr("the connection closed before the answer was complete")
                                    : tr("the connection closed before Ollama answered"));
}

} // namespace Corral
