// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/requestframer.h"

#include <limits>

namespace Corral {

namespace {

// RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
// "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
bool isTchar(uchar c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

// RFC 9110 §5.5: field-vchar = VCHAR / obs-text, with SP and HTAB between them. Every other
// control byte (NUL, ESC, DEL, CR and LF outside their place) is refused (RFC 9110 §5.5).
bool isFieldValueByte(uchar c)
{
    return c == '\t' || c == ' ' || (c >= 0x21 && c != 0x7f);
}

// Origin-form (RFC 9112 §3.2.1) in visible ASCII only. '#' cannot appear in origin-form
// (RFC 3986 §3.5 ends the path and the query there): QUrl would cut the path at it, so a path
// checked here would not be the path Qt routes.
bool isTargetByte(uchar c)
{
    return c >= 0x21 && c <= 0x7e && c != '#';
}

// RFC 9112 §7.1.1: chunk-ext, kept simple: visible characters, SP and HTAB only.
bool isChunkExtByte(uchar c)
{
    return c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7e);
}

int hexValue(uchar c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool isKnownMethod(QByteArrayView method)
{
    // CONNECT and TRACE are refused too: Corral serves neither tunnels nor echoes.
    static constexpr const char *Methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (const char *known : Methods) {
        if (method == QByteArrayView(known))
            return true;
    }
    return false;
}

/// Whether the comma-separated list @p value has @p token (case-insensitive, RFC 9110 §5.6.1).
bool hasToken(QByteArrayView value, QByteArrayView token)
{
    qsizetype from = 0;
    while (from <= value.size()) {
        qsizetype comma = value.indexOf(',', from);
        if (comma < 0)
            comma = value.size();
        if (value.sliced(from, comma - from).trimmed().compare(token, Qt::CaseInsensitive) == 0)
            return true;
        from = comma + 1;
    }
    return false;
}

} // namespace

QByteArray RequestHead::value(QByteArrayView name) const
{
    for (const auto &[field, value] : headers) {
        if (name.compare(field, Qt::CaseInsensitive) == 0)
            return value.isNull() ? QByteArray("") : value;
    }
    return QByteArray();
}

RequestFramer::RequestFramer()
    : RequestFramer(Limits())
{
}

RequestFramer::RequestFramer(const Limits &limits)
    : m_limits(limits)
{
    // Past Qt's own limits Qt reads the request with no headers at all (see QtMaxFields).
    m_limits.maxFields = qBound(1, m_limits.maxFields, QtMaxFields);
    m_limits.maxHeadBytes = qBound<qsizetype>(64, m_limits.maxHeadBytes, QtMaxFieldBytes);
    m_limits.maxBodyBytes = qMax<qint64>(0, m_limits.maxBodyBytes);
    m_bodyLimit = m_limits.maxBodyBytes;
}

void RequestFramer::startMessage()
{
    m_head = RequestHead();
    m_headStale = false;
    m_leadingLines = 0;
    m_versionBytes = 0;
    m_bodyLimit = m_limits.maxBodyBytes;
    m_bodyCost = 0;
    m_remaining = 0;
}

RequestFramer::Step RequestFramer::feed(QByteArrayView data)
{
    switch (m_state) {
    case State::Failed:
        return {0, Event::Error};
    case State::HeadDone:
        m_state = State::Lead;
        m_headStale = true;
        return {0, Event::MessageComplete};
    case State::Body: {
        const qsizetype take = qsizetype(qMin<qint64>(m_remaining, data.size()));
        m_remaining -= take;
        if (m_remaining > 0)
            return {take, Event::NeedMore};
        m_state = State::Lead;
        m_headStale = true;
        return {take, Event::MessageComplete};
    }
    default:
        return inChunkedBody() ? feedChunked(data) : feedHead(data);
    }
}

RequestFramer::Step RequestFramer::fail(ErrorKind kind, qsizetype consumed)
{
    m_error = kind;
    m_state = State::Failed;
    return {consumed, Event::Error};
}

RequestFramer::Step RequestFramer::feedHead(QByteArrayView data)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.data());
    const qsizetype size = data.size();
    if (m_headStale && size > 0)
        startMessage();
    qsizetype i = 0;
    // Consumes the run of bytes from i that pass @p accept (within the head limit) into @p to.
    const auto takeRun = [&](auto accept, QByteArray *to) {
        const qsizetype end = qMin(size, i + (m_limits.maxHeadBytes - m_head.headBytes));
        qsizetype j = i;
        while (j < end && accept(bytes[j]))
            ++j;
        if (to)
            to->append(data.data() + i, j - i);
        m_head.headBytes += j - i;
        i = j;
    };
    while (i < size) {
        if (m_head.headBytes >= m_limits.maxHeadBytes)
            return fail(ErrorKind::HeadTooLarge, i);
        const uchar c = bytes[i];
        switch (m_state) {
        case State::Lead:
            // RFC 9112 §2.2: a server SHOULD ignore at least one empty line (CRLF) before the
            // request line. Only whole CRLF pairs: Qt skips any whitespace there, we skip less.
            if (c == '\r') {
                m_state = State::LeadLF;
                break;
            }
            if (!isTchar(c))
                return fail(c == '\n' ? ErrorKind::BareCrLf : ErrorKind::BadMethod, i);
            m_state = State::Method;
            continue;
        case State::LeadLF:
            if (c != '\n')
                return fail(ErrorKind::BareCrLf, i);
            if (++m_leadingLines > MaxLeadingEmptyLines)
                return fail(ErrorKind::TooManyLeadingLines, i);
            m_state = State::Lead;
            break;
        case State::Method:
            if (isTchar(c)) {
                takeRun(isTchar, &m_head.method);
                continue;
            }
            if (c != ' ')
                return fail(c == '\r' || c == '\n' ? ErrorKind::BadRequestLine : ErrorKind::BadMethod, i);
            // RFC 9110 §9.1: 501 for a method the server does not implement.
            if (!isKnownMethod(m_head.method))
                return fail(ErrorKind::UnknownMethod, i);
            m_state = State::Target;
            break;
        case State::Target:
            if (m_head.target.isEmpty() && c != '/')
                return fail(ErrorKind::BadTarget, i);
            if (isTargetByte(c)) {
                takeRun(isTargetByte, &m_head.target);
                continue;
            }
            if (c != ' ')
                return fail(ErrorKind::BadTarget, i);
            {
                const qsizetype query = m_head.target.indexOf('?');
                m_head.path = query < 0 ? m_head.target : m_head.target.first(query);
            }
            m_state = State::Version;
            break;
        case State::Version:
            if (c == '\r') {
                if (const ErrorKind error = endVersion(); error != ErrorKind::None)
                    return fail(error, i);
                m_state = State::RequestLineLF;
                break;
            }
            if (c == '\n')
                return fail(ErrorKind::BareCrLf, i);
            if (m_versionBytes == int(sizeof(m_version)))
                return fail(ErrorKind::BadVersion, i);
            m_version[m_versionBytes++] = char(c);
            break;
        case State::RequestLineLF:
        case State::ValueLF:
            if (c != '\n')
                return fail(ErrorKind::BareCrLf, i);
            m_state = State::LineStart;
            break;
        case State::LineStart:
            if (c == '\r') {
                m_state = State::EndLF;
                break;
            }
            // RFC 9112 §5.2: a server MUST reject obs-fold in a request (or replace it; Qt
            // folds, we refuse).
            if (c == ' ' || c == '\t')
                return fail(ErrorKind::ObsFold, i);
            if (!isTchar(c))
                return fail(c == '\n' ? ErrorKind::BareCrLf : ErrorKind::BadFieldName, i);
            if (m_head.headers.size() >= m_limits.maxFields)
                return fail(ErrorKind::TooManyFields, i);
            m_head.headers.append({QByteArray(), QByteArray()});
            m_state = State::Name;
            continue;
        case State::Name:
            if (isTchar(c)) {
                takeRun(isTchar, &m_head.headers.last().first);
                continue;
            }
            // RFC 9112 §5.1: no whitespace between the field name and the colon (400).
            if (c != ':')
                return fail(ErrorKind::BadFieldName, i);
            m_state = State::Value;
            break;
        case State::Value: {
            QByteArray &value = m_head.headers.last().second;
            if (value.isEmpty() && (c == ' ' || c == '\t')) {
                takeRun([](uchar b) { return b == ' ' || b == '\t'; }, nullptr); // leading OWS
                continue;
            }
            if (isFieldValueByte(c)) {
                takeRun(isFieldValueByte, &value);
                continue;
            }
            if (c != '\r')
                return fail(c == '\n' ? ErrorKind::BareCrLf : ErrorKind::BadFieldValue, i);
            while (value.endsWith(' ') || value.endsWith('\t'))
                value.chop(1); // trailing OWS
            m_state = State::ValueLF;
            break;
        }
        case State::EndLF: {
            if (c != '\n')
                return fail(ErrorKind::BareCrLf, i);
            ++i;
            ++m_head.headBytes;
            if (const ErrorKind error = checkHead(); error != ErrorKind::None)
                return fail(error, i);
            if (m_head.chunked) {
                m_state = State::ChunkSize;
                m_chunkSize = 0;
                m_chunkDigits = 0;
                m_chunkLine = 0;
            } else if (m_head.contentLength > 0) {
                m_state = State::Body;
                m_remaining = m_head.contentLength;
                m_bodyCost = m_head.contentLength;
            } else {
                m_state = State::HeadDone;
            }
            return {i, Event::HeadComplete};
        }
        default:
            Q_UNREACHABLE();
        }
        ++i;
        ++m_head.headBytes;
    }
    return {i, Event::NeedMore};
}

RequestFramer::ErrorKind RequestFramer::endVersion()
{
    // RFC 9112 §2.3: HTTP-version = "HTTP" "/" DIGIT "." DIGIT, case-sensitive.
    const QByteArrayView version(m_version, m_versionBytes);
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    if (version.size() != 8 || !version.startsWith("HTTP/") || !digit(version[5]) || version[6] != '.'
        || !digit(version[7]))
        return ErrorKind::BadVersion;
    if (version == "HTTP/1.0")
        m_head.http10 = true;
    else if (version != "HTTP/1.1")
        return ErrorKind::UnsupportedVersion; // RFC 9110 §15.6.6: 505
    return ErrorKind::None;
}

RequestFramer::ErrorKind RequestFramer::checkHead()
{
    int hosts = 0;
    int lengths = 0;
    int codings = 0;
    bool emptyHost = false;
    bool upgrade = false;
    bool close = false;
    bool keepAlive = false;
    bool badExpect = false;
    bool expectContinue = false;
    QByteArrayView length;
    QByteArrayView coding;
    for (const auto &[name, value] : m_head.headers) {
        if (name.compare("host", Qt::CaseInsensitive) == 0) {
            ++hosts;
            emptyHost = value.isEmpty();
        } else if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            ++lengths;
            length = value;
        } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
            ++codings;
            coding = value;
        } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
            // Qt 6.4 tries a protocol upgrade (and drops the connection) when the value
            // contains "upgrade" anywhere, so any such value is refused, not only the token.
            upgrade = upgrade || value.toLower().contains("upgrade");
            close = close || hasToken(value, "close");
            keepAlive = keepAlive || hasToken(value, "keep-alive");
        } else if (name.compare("upgrade", Qt::CaseInsensitive) == 0) {
            upgrade = true;
        } else if (name.compare("expect", Qt::CaseInsensitive) == 0) {
            const bool isContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
            badExpect = badExpect || !isContinue;
            expectContinue = expectContinue || isContinue;
        }
    }
    // RFC 9112 §3.2: a client MUST send exactly one Host in HTTP/1.1; a server MUST answer
    // 400 to a request without one or with more than one.
    if (hosts > 1)
        return ErrorKind::DuplicateHost;
    if (!m_head.http10 && (hosts == 0 || emptyHost))
        return ErrorKind::MissingHost;
    // RFC 9112 §6.3 (5): differing or repeated Content-Lengths are unrecoverable framing
    // errors. Qt takes the first; a reader that took another would see another body.
    if (lengths > 1)
        return ErrorKind::DuplicateContentLength;
    if (lengths == 1) {
        if (length.isEmpty())
            return ErrorKind::BadContentLength;
        for (const char c : length) {
            if (c < '0' || c > '9')
                return ErrorKind::BadContentLength;
        }
    }
    if (codings > 1)
        return ErrorKind::DuplicateTransferEncoding;
    if (codings == 1) {
        // RFC 9112 §6.1 asks 501 for a coding the server does not know, but §6.3 (4) asks 400
        // when chunked is not the final coding, and Corral decodes no other coding: any value
        // but exactly "chunked" is refused with the same 400 (Qt would look for "chunked"
        // anywhere in the value, so "gzip, chunked" or "xchunked" would mean chunked to it).
        if (coding.compare("chunked", Qt::CaseInsensitive) != 0)
            return ErrorKind::BadTransferEncoding;
        // RFC 9112 §6.1: Transfer-Encoding in HTTP/1.0 is faulty framing.
        if (m_head.http10)
            return ErrorKind::TransferEncodingHttp10;
        // RFC 9112 §6.1: both together may be an attempt at request smuggling.
        if (lengths > 0)
            return ErrorKind::LengthWithTransferEncoding;
    }
    if (upgrade)
        return ErrorKind::Upgrade;
    // RFC 9110 §10.1.1: 417 for an expectation the server cannot meet.
    if (badExpect)
        return ErrorKind::UnsupportedExpectation;
    if (lengths == 1) {
        // At most 18 significant digits fit a qint64 without overflow. A longer number is a
        // valid Content-Length, just too large for any limit: 413, as for any body too large.
        qint64 value = 0;
        for (const char c : length) {
            if (value > (std::numeric_limits<qint64>::max() - 9) / 10)
                return ErrorKind::ContentLengthOverflow;
            value = value * 10 + (c - '0');
        }
        m_head.contentLength = value;
        if (value > m_bodyLimit)
            return ErrorKind::BodyTooLarge;
    }
    m_head.chunked = codings == 1;
    // RFC 9110 §10.1.1: a server MUST ignore 100-continue in an HTTP/1.0 request.
    m_head.expectContinue = expectContinue && !m_head.http10;
    m_head.connectionClose = m_head.http10 ? !keepAlive : close;
    return ErrorKind::None;
}

RequestFramer::Step RequestFramer::feedChunked(QByteArrayView data)
{
    const auto *bytes = reinterpret_cast<const uchar *>(data.data());
    const qsizetype size = data.size();
    qsizetype i = 0;
    while (i < size) {
        const uchar c = bytes[i];
        switch (m_state) {
        case State::ChunkSize:
        case State::ChunkExt:
        case State::ChunkSizeLF:
            if (m_chunkLine >= MaxChunkLineBytes)
                return fail(ErrorKind::ChunkLineTooLong, i);
            ++m_chunkLine;
            if (m_state == State::ChunkSize) {
                // RFC 9112 §7.1: chunk-size = 1*HEXDIG; 16 digits hold any 64-bit size, so
                // the value cannot overflow.
                if (const int digit = hexValue(c); digit >= 0) {
                    if (++m_chunkDigits > 16)
                        return fail(ErrorKind::BadChunkSize, i);
                    m_chunkSize = m_chunkSize * 16 + quint64(digit);
                } else if (m_chunkDigits > 0 && c == ';') {
                    m_state = State::ChunkExt;
                } else if (m_chunkDigits > 0 && c == '\r') {
                    m_state = State::ChunkSizeLF;
                } else {
                    return fail(ErrorKind::BadChunkSize, i);
                }
            } else if (m_state == State::ChunkExt) {
                if (c == '\r')
                    m_state = State::ChunkSizeLF;
                else if (!isChunkExtByte(c))
                    return fail(ErrorKind::BadChunkExtension, i);
            } else {
                if (c != '\n')
                    return fail(ErrorKind::BareCrLf, i);
                // The size line, the CRLF after the data, and for a chunk with data its own
                // buffer in Qt (PerChunkCost), all before any byte of the data is read.
                qint64 cost = m_chunkLine + 2;
                if (m_chunkSize > 0)
                    cost += PerChunkCost;
                if (m_chunkSize > quint64(m_bodyLimit) || qint64(m_chunkSize) > m_bodyLimit - m_bodyCost - cost)
                    return fail(ErrorKind::BodyTooLarge, i);
                m_bodyCost += cost + qint64(m_chunkSize);
                m_remaining = qint64(m_chunkSize);
                m_state = m_chunkSize > 0 ? State::ChunkData : State::LastChunkCR;
            }
            break;
        case State::ChunkData: {
            const qsizetype take = qsizetype(qMin<qint64>(m_remaining, size - i));
            m_remaining -= take;
            i += take;
            if (m_remaining == 0)
                m_state = State::ChunkDataCR;
            continue;
        }
        case State::ChunkDataCR:
        case State::ChunkDataLF:
            // RFC 9112 §7.1: chunk = chunk-size [ chunk-ext ] CRLF chunk-data CRLF. Qt reads
            // these two bytes without looking at them; anything else is refused here.
            if (c != (m_state == State::ChunkDataCR ? '\r' : '\n'))
                return fail(ErrorKind::BadChunkEnd, i);
            if (m_state == State::ChunkDataCR) {
                m_state = State::ChunkDataLF;
            } else {
                m_state = State::ChunkSize;
                m_chunkSize = 0;
                m_chunkDigits = 0;
                m_chunkLine = 0;
            }
            break;
        case State::LastChunkCR:
            // RFC 9112 §7.1.2 allows trailer fields here; Qt reads two bytes after the last
            // chunk and treats the rest as the next request, so trailers are refused.
            if (c != '\r')
                return fail(ErrorKind::Trailers, i);
            m_state = State::LastChunkLF;
            break;
        case State::LastChunkLF:
            if (c != '\n')
                return fail(ErrorKind::BareCrLf, i);
            m_state = State::Lead;
            m_headStale = true;
            return {i + 1, Event::MessageComplete};
        default:
            Q_UNREACHABLE();
        }
        ++i;
    }
    return {i, Event::NeedMore};
}

bool RequestFramer::setBodyLimit(qint64 bytes)
{
    if (!inBody())
        return !hasError();
    m_bodyLimit = qMax<qint64>(0, bytes);
    if (m_bodyCost > m_bodyLimit)
        fail(ErrorKind::BodyTooLarge, 0);
    return !hasError();
}

bool RequestFramer::inChunkedBody() const
{
    return m_state >= State::ChunkSize && m_state <= State::LastChunkLF;
}

bool RequestFramer::inBody() const
{
    return m_state == State::HeadDone || m_state == State::Body || inChunkedBody();
}

bool RequestFramer::idleBetweenMessages() const
{
    return m_state == State::Lead && (m_headStale || m_head.headBytes == 0);
}

qsizetype RequestFramer::bufferedBytes() const
{
    qsizetype bytes = m_head.method.size() + m_head.target.size() + m_head.path.size();
    for (const auto &[name, value] : m_head.headers)
        bytes += name.size() + value.size();
    return bytes;
}

int RequestFramer::errorStatus() const
{
    switch (m_error) {
    case ErrorKind::None:
        return 0;
    case ErrorKind::UnknownMethod:
        return 501;
    case ErrorKind::UnsupportedVersion:
        return 505;
    case ErrorKind::HeadTooLarge:
    case ErrorKind::TooManyFields:
        return 431;
    case ErrorKind::ContentLengthOverflow:
    case ErrorKind::BodyTooLarge:
        return 413;
    case ErrorKind::UnsupportedExpectation:
        return 417;
    default:
        return 400;
    }
}

QByteArray RequestFramer::errorReason() const
{
    switch (errorStatus()) {
    case 0:
        return QByteArray();
    case 413:
        return "Content Too Large";
    case 417:
        return "Expectation Failed";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Bad Request";
    }
}

QString RequestFramer::errorMessage() const
{
    switch (m_error) {
    case ErrorKind::None:
        return QString();
    case ErrorKind::BareCrLf:
        return tr("Request lines must end in CRLF; a bare CR or LF is not allowed.");
    case ErrorKind::TooManyLeadingLines:
        return tr("Too many empty lines before the request line.");
    case ErrorKind::BadMethod:
        return tr("The request method is not a token.");
    case ErrorKind::UnknownMethod:
        return tr("The request method %1 is not supported.").arg(QString::fromLatin1(m_head.method));
    case ErrorKind::BadTarget:
        return tr("The request target must be a path starting with '/', in visible ASCII characters, "
                  "without a fragment.");
    case ErrorKind::BadRequestLine:
        return tr("The request line must be a method, a space, a target, a space and the HTTP version.");
    case ErrorKind::BadVersion:
        return tr("The HTTP version in the request line is malformed.");
    case ErrorKind::UnsupportedVersion:
        return tr("This server speaks HTTP/1.1 and HTTP/1.0 only.");
    case ErrorKind::ObsFold:
        return tr("Header lines continued on the next line (obs-fold) are not allowed.");
    case ErrorKind::BadFieldName:
        return tr("A header line must be a field name directly followed by ':'.");
    case ErrorKind::BadFieldValue:
        return tr("A header value contains a control character.");
    case ErrorKind::HeadTooLarge:
        return tr("The request headers are larger than %1 bytes.").arg(m_limits.maxHeadBytes);
    case ErrorKind::TooManyFields:
        return tr("The request has more than %1 header fields.").arg(m_limits.maxFields);
    case ErrorKind::MissingHost:
        return tr("An HTTP/1.1 request needs one Host header naming the server.");
    case ErrorKind::DuplicateHost:
        return tr("More than one Host header.");
    case ErrorKind::DuplicateContentLength:
        return tr("Duplicate Content-Length.");
    case ErrorKind::BadContentLength:
        return tr("Content-Length must be a decimal number.");
    case ErrorKind::ContentLengthOverflow:
    case ErrorKind::BodyTooLarge:
        return tr("The request body is larger than the server's limit of %1 bytes.").arg(m_bodyLimit);
    case ErrorKind::BadTransferEncoding:
        return tr("The only transfer coding supported is chunked.");
    case ErrorKind::DuplicateTransferEncoding:
        return tr("More than one Transfer-Encoding header.");
    case ErrorKind::LengthWithTransferEncoding:
        return tr("Content-Length and Transfer-Encoding together are not allowed.");
    case ErrorKind::TransferEncodingHttp10:
        return tr("Transfer-Encoding is not allowed in an HTTP/1.0 request.");
    case ErrorKind::Upgrade:
        return tr("Protocol upgrades are not supported.");
    case ErrorKind::UnsupportedExpectation:
        return tr("The only expectation supported is 100-continue.");
    case ErrorKind::BadChunkSize:
        return tr("Malformed chunk size.");
    case ErrorKind::ChunkLineTooLong:
        return tr("A chunk-size line is longer than %1 bytes.").arg(MaxChunkLineBytes);
    case ErrorKind::BadChunkExtension:
        return tr("Malformed chunk extension.");
    case ErrorKind::BadChunkEnd:
        return tr("Chunk data must be followed by CRLF.");
    case ErrorKind::Trailers:
        return tr("Trailers are not supported.");
    }
    return QString();
}

} // namespace Corral
