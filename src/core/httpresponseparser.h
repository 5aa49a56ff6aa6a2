// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <initializer_list>

namespace Corral {

/// Whether header name @p name is one of @p names: compared without regard to case (RFC 9110
/// §5.1), lengths first, and without lowercase copies (this runs for every header of every request).
template <typename Names>
bool isHeaderNameIn(QByteArrayView name, const Names &names)
{
    for (QByteArrayView candidate : names) {
        if (name.size() == candidate.size() && name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
inline bool isHeaderNameIn(QByteArrayView name, std::initializer_list<QByteArrayView> names)
{
    return isHeaderNameIn<std::initializer_list<QByteArrayView>>(name, names);
}

/// Calls @p f with every trimmed item of a comma-separated header value (Connection,
/// Transfer-Encoding, Content-Length ...), empty ones included, as QByteArray::split() would give
/// them: an empty value is one empty item. Views only, no copies.
template <typename F>
void forEachListItem(QByteArrayView value, F f)
{
    while (true) {
        const qsizetype comma = value.indexOf(',');
        f((comma < 0 ? value : value.first(comma)).trimmed());
        if (comma < 0)
            return;
        value = value.sliced(comma + 1);
    }
}

/// True if the comma-separated header value @p list has @p token (case-insensitive), as
/// "Connection: keep-alive, close" has "close".
inline bool hasToken(QByteArrayView list, QByteArrayView token)
{
    bool found = false;
    forEachListItem(list, [&](QByteArrayView item) {
        found = found || item.compare(token, Qt::CaseInsensitive) == 0;
    });
    return found;
}

/**
 * Incremental parser for one HTTP/1.1 response (RFC 9112), fed with whatever bytes the socket
 * delivered. It knows the three ways a body can end (Content-Length, chunked, connection close),
 * skips interim 1xx responses, decodes chunked framing and enforces size limits on everything
 * that is not body, so a broken or hostile upstream ends in error() instead of unbounded memory.
 *
 * It never buffers body bytes itself: feed() appends them to the caller's buffer as they are
 * decoded, so a stream's tokens are available the moment their chunk is complete.
 */
class HttpResponseParser
{
public:
    enum class State {
        StatusLine,
        Headers,
        Body,
        Complete,
        Error,
    };

    static constexpr qsizetype MaxHeaderBlock = 64 * 1024;
    static constexpr qsizetype MaxHeaderCount = 256;
    static constexpr qsizetype MaxChunkLine = 4 * 1024;

    /// Starts a new response. A HEAD request's response has no body whatever its headers say.
    void reset(bool headRequest = false);

    /// Consumes bytes from the front of data and appends decoded body bytes to *body. Returns how
    /// many bytes were consumed: an incomplete line stays with the caller until more arrives,
    /// and bytes after the end of the response (Complete) are left alone.
    qsizetype feed(QByteArrayView data, QByteArray *body);

    /// The connection closed. A body that runs until close is now complete; anything else
    /// that was not complete is truncated (error).
    void closed();

    State state() const { return m_state; }
    bool hasHeaders() const { return m_state == State::Body || m_state == State::Complete; }
    bool isComplete() const { return m_state == State::Complete; }
    bool hasError() const { return m_state == State::Error; }
    QString errorString() const { return m_error; }

    int status() const { return m_status; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    /// The body's length when Content-Length frames it (not chunked, not until close, not a
    /// response without a body); -1 otherwise. Known once hasHeaders().
    qint64 bodyLength() const { return m_framing == Framing::Length ? m_bodyLength : -1; }
    /// True when the connection may carry another request after this response.
    bool keepAlive() const { return m_keepAlive && m_framing != Framing::UntilClose; }

private:
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class ChunkState { Size, Data, DataEnd, Trailers };

    bool parseStatusLine(QByteArrayView line);
    bool parseHeaderLine(QByteArrayView line);
    bool headersComplete();
    qsizetype feedBody(QByteArrayView data, QByteArray *body);
    qsizetype feedChunked(QByteArrayView data, QByteArray *body);
    void fail(const QString &reason);

    State m_state = State::StatusLine;
    Framing m_framing = Framing::None;
    ChunkState m_chunkState = ChunkState::Size;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QString m_error;
    qint64 m_remaining = 0;
    qint64 m_bodyLength = -1;
    qsizetype m_headerBytes = 0;
    int m_status = 0;
    int m_minorVersion = 1;
    bool m_head = false;
    bool m_keepAlive = true;
};

} // namespace Corral
