// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QList>
#include <QPair>
#include <QString>

namespace Corral {

/// The head of one request, as RequestFramer read it.
struct RequestHead
{
    QByteArray method; ///< as sent: one of GET HEAD POST PUT PATCH DELETE OPTIONS
    QByteArray target; ///< as sent (origin-form: starts with '/')
    QByteArray path;   ///< target up to '?', as sent (still percent-encoded)
    bool http10 = false;
    QList<QPair<QByteArray, QByteArray>> headers; ///< name as sent, value with OWS trimmed
    qint64 contentLength = -1;                    ///< -1: no Content-Length
    bool chunked = false;                         ///< Transfer-Encoding: chunked
    bool expectContinue = false;                  ///< HTTP/1.1 with Expect: 100-continue
    /// The connection ends after this message's response: HTTP/1.1 with the "close" token in
    /// Connection, or HTTP/1.0 without "keep-alive" (RFC 9112 §9.3).
    bool connectionClose = false;
    qsizetype headBytes = 0; ///< bytes of the head, with the CRLFs before it and its empty line

    /// The value of the header @p name (case-insensitive), null if absent; the first one if
    /// repeated (only Host, Content-Length and Transfer-Encoding are guaranteed single).
    QByteArray value(QByteArrayView name) const;
    bool hasBody() const { return chunked || contentLength > 0; }
};

/**
 * One strict reading of HTTP/1.1 request framing (RFC 9112), without sockets.
 *
 * QtHttpServer 6.4 reads requests leniently and in ways of its own (it takes the first of two
 * Content-Lengths, ignores the CRLF after chunk data, does not read trailers, drops all headers of
 * a head it fails to parse). A reader in front of it that disagreed would let a client smuggle a
 * request past the access checks, or a body past the size limit. So this reader accepts only
 * what has one meaning (where Qt, by construction, reads the same: tests/server/tst_framerqt.cpp
 * proves it, fuzz/fuzz_requestframer.cpp checks it against a second reading) and refuses
 * everything else with a status:
 *  - 400: anything malformed or ambiguous (bare CR or LF, obs-fold, duplicate Content-Length,
 *    Content-Length with Transfer-Encoding, trailers, a protocol upgrade, ...),
 *  - 413: a body (data and chunk framing, see PerChunkCost) over the limit, decided from the
 *    Content-Length or a chunk-size line before any byte of that data,
 *  - 417: an Expect other than 100-continue,
 *  - 431: a head over Limits::maxHeadBytes or with more than Limits::maxFields fields,
 *  - 501: a method other than GET HEAD POST PUT PATCH DELETE OPTIONS,
 *  - 505: an HTTP version other than 1.0 and 1.1.
 * Every check happens as soon as the bytes that decide it arrive: a head is checked byte by
 * byte while it arrives, its fields as a whole at its empty line.
 *
 * Feed it the bytes of one connection in any split. feed() consumes a prefix and stops right
 * after a complete head (HeadComplete: decide access before reading any body byte) and right
 * after a complete message (MessageComplete; for a message without a body it comes from the
 * next call, which consumes nothing). Call it until it returns NeedMore or Error. Body bytes are
 * counted, never copied; the head is kept up to maxHeadBytes.
 */
class RequestFramer final
{
    Q_DECLARE_TR_FUNCTIONS(RequestFramer)

public:
    /// Qt's QHttpHeaderParser fails on more than 100 fields or a field over 100 KiB, and then
    /// Qt reads the request with no headers at all (its body becomes the next request): the
    /// limits are clamped below these.
    static constexpr int QtMaxFields = 100;
    static constexpr qsizetype QtMaxFieldBytes = 100 * 1024;
    /// What a chunk costs toward the body limit beyond its data and size line: Qt 6.4 keeps
    /// every chunk in a buffer of its own (about 76 bytes of overhead each), so a flood of
    /// one-byte chunks would otherwise hold far more memory than the limit says.
    static constexpr qint64 PerChunkCost = 256;
    /// RFC 9112 §2.2 allows empty lines before a request line; a few are plenty.
    static constexpr int MaxLeadingEmptyLines = 4;
    /// A chunk-size line (size and extensions) longer than this is refused (400).
    static constexpr qsizetype MaxChunkLineBytes = 1024;

    struct Limits
    {
        qint64 maxBodyBytes = 100 << 20;
        qsizetype maxHeadBytes = 64 * 1024;
        int maxFields = 100;
    };

    enum class Event {
        NeedMore,        ///< all of the data was consumed, the message goes on
        HeadComplete,    ///< head() is complete; the body (if any) follows
        MessageComplete, ///< the message ended; the next bytes start a new request
        Error,           ///< refused: see errorStatus(); nothing more is consumed
    };
    struct Step
    {
        qsizetype consumed;
        Event event;
    };

    RequestFramer(); // with the default Limits
    explicit RequestFramer(const Limits &limits);

    /// Consumes a prefix of @p data and says what happened at its end.
    Step feed(QByteArrayView data);

    /// Valid after HeadComplete until the next message starts (bytes of it are fed).
    const RequestHead &head() const { return m_head; }

    /// After HeadComplete, a limit for this message's body only (e.g. tighter before
    /// sign-in). Returns false, and the framer is in error (413), when the body already
    /// counted, or its Content-Length, is over it.
    bool setBodyLimit(qint64 bytes);
    qint64 bodyLimit() const { return m_bodyLimit; }

    bool hasError() const { return m_error != ErrorKind::None; }
    /// 400, 413, 417, 431, 501 or 505; 0 without an error. (408 is the caller's timer.)
    int errorStatus() const;
    /// The reason phrase for errorStatus(): "Bad Request", ...
    QByteArray errorReason() const;
    /// A sentence for the client, such as "Duplicate Content-Length."
    QString errorMessage() const;

    /// Between HeadComplete and MessageComplete.
    bool inBody() const;
    /// Nothing of a next request has been read yet (not even an empty line).
    bool idleBetweenMessages() const;
    /// What this message counted toward the body limit so far: the Content-Length as soon as
    /// the head is in, or the chunks (data, size lines, CRLFs and PerChunkCost each) so far.
    qint64 bodyCost() const { return m_bodyCost; }
    /// Bytes held in memory for the current message (the head read so far).
    qsizetype bufferedBytes() const;

private:
    enum class State {
        Lead,       // before a request line: CRLF pairs or the method
        LeadLF,     // after a CR before the request line
        Method,
        Target,
        Version,
        RequestLineLF,
        LineStart,  // a field line or the empty line
        Name,
        Value,
        ValueLF,
        EndLF,      // after the CR of the empty line
        HeadDone,   // HeadComplete returned; the body (or MessageComplete) comes next
        Body,       // Content-Length bytes
        ChunkSize, // ChunkSize to LastChunkLF: the chunked body (inChunkedBody)
        ChunkExt,
        ChunkSizeLF,
        ChunkData,
        ChunkDataCR,
        ChunkDataLF,
        LastChunkCR,
        LastChunkLF,
        Failed,
    };
    enum class ErrorKind {
        None,
        BareCrLf,
        TooManyLeadingLines,
        BadMethod,
        UnknownMethod,
        BadTarget,
        BadRequestLine,
        BadVersion,
        UnsupportedVersion,
        ObsFold,
        BadFieldName,
        BadFieldValue,
        HeadTooLarge,
        TooManyFields,
        MissingHost,
        DuplicateHost,
        DuplicateContentLength,
        BadContentLength,
        ContentLengthOverflow,
        BodyTooLarge,
        BadTransferEncoding,
        DuplicateTransferEncoding,
        LengthWithTransferEncoding,
        TransferEncodingHttp10,
        Upgrade,
        UnsupportedExpectation,
        BadChunkSize,
        ChunkLineTooLong,
        BadChunkExtension,
        BadChunkEnd,
        Trailers,
    };

    Step feedHead(QByteArrayView data);
    Step feedChunked(QByteArrayView data);
    bool inChunkedBody() const;
    Step fail(ErrorKind kind, qsizetype consumed);
    ErrorKind checkHead();
    ErrorKind endVersion();
    void startMessage();

    Limits m_limits;
    RequestHead m_head;
    State m_state = State::Lead;
    ErrorKind m_error = ErrorKind::None;
    bool m_headStale = false;  // m_head belongs to the previous message
    int m_leadingLines = 0;
    char m_version[8] = {};
    int m_versionBytes = 0;
    qint64 m_bodyLimit = 0;
    qint64 m_bodyCost = 0;
    qint64 m_remaining = 0;    // of the Content-Length body or the current chunk's data
    quint64 m_chunkSize = 0;
    int m_chunkDigits = 0;
    qsizetype m_chunkLine = 0; // bytes of the chunk-size line so far
};

} // namespace Corral
