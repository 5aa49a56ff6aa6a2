// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Corral {

/**
 * Counts the tokens of an answer the proxy forwards, as cheaply as it can: a streamed answer
 * (NDJSON or SSE) sends about one token per line or `data:` event, so it counts those with a
 * scan for line ends, and keeps (without copying: a reference to the piece they came in) only
 * the lines that may carry Ollama's own counts: the last NDJSON line (eval_count and
 * prompt_eval_count), and the first and last two SSE events ("usage": OpenAI's last chunk,
 * Responses' response.completed, Anthropic's message_start and message_delta). Those few are
 * parsed as JSON at the end, and their figures replace the estimate. A plain JSON answer is kept
 * (up to 1 MiB) and parsed at the end only if it may hold such counts.
 */
class TokenMeter final
{
public:
    enum class Format { Json, Ndjson, Sse };

    /// From the answer's Content-Type.
    void setContentType(QByteArrayView contentType);
    /// Whether a JSON answer may carry token counts (the inference routes; not /api/tags or
    /// /api/version, whose answers are then never scanned). Streams are always counted.
    void setCountsExpected(bool expected) { m_countsExpected = expected; }
    /// The answer is an error (status 400 or more): finish() reads its message.
    void setFailed(bool failed) { m_failed = failed; }
    Format format() const { return m_format; }
    void feed(const QByteArray &data);
    /// The end of the answer: a last line without a line break counts too.
    void finish();

    qint64 tokensIn() const { return m_in; }
    /// Lines or events so far, or Ollama's own count once it reported it.
    qint64 tokensOut() const { return m_reportedOut >= 0 ? m_reportedOut : m_lines; }
    /// The "error" of a JSON answer (Ollama's string, or OpenAI's and Anthropic's object's
    /// "message"), after finish().
    QString errorMessage() const { return m_error; }

private:
    /// A line inside a piece of the answer, kept by reference.
    struct Span
    {
        QByteArray owner;
        qsizetype from = 0;
        qsizetype size = 0;
        QByteArrayView view() const { return QByteArrayView(owner).sliced(from, size); }
        bool isNull() const { return owner.isNull(); }
    };
    /// Counts the line at @p from, @p size of @p piece; true (and the span of what to keep:
    /// an SSE event's payload) when it is a token's line or event.
    bool counted(QByteArrayView piece, qsizetype *from, qsizetype *size);
    void remember(Span span);
    void parseCounts(QByteArrayView json);

    Format m_format = Format::Json;
    QByteArray m_partial; ///< a line split over pieces (or the whole JSON answer)
    Span m_first;         ///< SSE: the first event
    Span m_previous;      ///< the line before the last
    Span m_last;          ///< the last line (NDJSON) or event (SSE)
    qint64 m_lines = 0;
    qint64 m_in = 0;
    qint64 m_reportedOut = -1;
    bool m_overflow = false;
    bool m_countsExpected = true;
    bool m_failed = false;
    QString m_error;
};

} // namespace Corral
