// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/tokenmeter.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace Corral {

namespace {

constexpr qsizetype MaxKept = 1024 * 1024;

qint64 countIn(const QJsonObject &object, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        const QJsonValue value = object.value(QLatin1String(name));
        if (value.isDouble())
            return qint64(value.toDouble());
    }
    return -1;
}

/// The number after "key": in a JSON text (Ollama's last line), or -1: a scan instead of a
/// parse of a line that may hold a long "context" array.
qint64 numberAfter(QByteArrayView json, QByteArrayView key)
{
    qsizetype at = json.indexOf(key);
    if (at < 0)
        return -1;
    at += key.size();
    while (at < json.size() && (json.at(at) == ' ' || json.at(at) == ':'))
        ++at;
    qint64 value = -1;
    while (at < json.size() && json.at(at) >= '0' && json.at(at) <= '9' && value < (qint64(1) << 53))
        value = (value < 0 ? 0 : value * 10) + (json.at(at++) - '0');
    return value;
}

} // namespace

void TokenMeter::setContentType(QByteArrayView contentType)
{
    const auto is = [contentType](QByteArrayView type) {
        return contentType.size() >= type.size() && contentType.first(type.size()).compare(type, Qt::CaseInsensitive) == 0;
    };
    if (is("application/json")) // the usual answer: one comparison
        m_format = Format::Json;
    else if (is("text/event-stream"))
        m_format = Format::Sse;
    else if (is("application/x-ndjson") || is("application/jsonl"))
        m_format = Format::Ndjson;
    else
        m_format = Format::Json;
}

void TokenMeter::feed(const QByteArray &data)
{
    if (m_format == Format::Json) {
        // A JSON answer usually comes in one piece: keep it without a copy.
        if (m_partial.isEmpty() && data.size() <= MaxKept)
            m_partial = data;
        else if (m_partial.size() + data.size() <= MaxKept)
            m_partial.append(data);
        else
            m_overflow = true;
        return;
    }
    // The lines of this piece are only counted here; the last ones are remembered once, after
    // the loop (a reference to the piece, not a copy).
    qsizetype start = 0;
    qsizetype lastFrom = -1, lastSize = 0, previousFrom = -1, previousSize = 0, firstFrom = -1, firstSize = 0;
    const bool wantFirst = m_format == Format::Sse && m_first.isNull();
    const QByteArrayView view(data);
    while (start < data.size()) {
        const qsizetype end = data.indexOf('\n', start);
        if (end < 0) {
            if (m_partial.size() + data.size() - start <= MaxKept)
                m_partial.append(view.sliced(start));
            else
                m_overflow = true;
            break;
        }
        if (m_partial.isEmpty() && !m_overflow) {
            qsizetype from = start, size = end - start;
            if (counted(view, &from, &size)) {
                if (wantFirst && firstFrom < 0 && m_first.isNull()) {
                    firstFrom = from;
                    firstSize = size;
                } else {
                    previousFrom = std::exchange(lastFrom, from);
                    previousSize = std::exchange(lastSize, size);
                }
            }
        } else {
            if (!m_overflow) {
                m_partial.append(view.sliced(start, end - start));
                qsizetype from = 0, size = m_partial.size();
                if (counted(m_partial, &from, &size))
                    remember(Span{m_partial, from, size});
            }
            m_partial = QByteArray(); // a kept line keeps its own reference
            m_overflow = false;
        }
        start = end + 1;
    }
    if (firstFrom >= 0)
        m_first = Span{data, firstFrom, firstSize};
    if (previousFrom >= 0)
        remember(Span{data, previousFrom, previousSize});
    if (lastFrom >= 0)
        remember(Span{data, lastFrom, lastSize});
}

void TokenMeter::remember(Span span)
{
    if (m_format == Format::Sse && m_first.isNull()) {
        m_first = span;
        return; // the first event is kept as first only
    }
    m_previous = std::exchange(m_last, std::move(span));
}

void TokenMeter::finish()
{
    if (m_format == Format::Json) {
        if (m_countsExpected && !m_overflow && (m_partial.contains("eval_count") || m_partial.contains("\"usage\"")))
            parseCounts(m_partial);
        if (m_failed && !m_overflow && m_partial.contains("\"error\"")) {
            const QJsonValue error = QJsonDocument::fromJson(m_partial).object().value(QStringLiteral("error"));
            m_error = error.isObject() ? error.toObject().value(QStringLiteral("message")).toString() : error.toString();
        }
        m_partial.clear();
        return;
    }
    if (!m_partial.isEmpty() && !m_overflow) {
        qsizetype from = 0, size = m_partial.size();
        if (counted(m_partial, &from, &size))
            remember(Span{m_partial, from, size});
    }
    m_partial.clear();
    if (m_format == Format::Ndjson) {
        // Only Ollama's final line carries the counts.
        if (!m_last.isNull()) {
            const QByteArrayView last = m_last.view();
            if (const qint64 out = numberAfter(last, "\"eval_count\""); out >= 0)
                m_reportedOut = out;
            if (const qint64 in = numberAfter(last, "\"prompt_eval_count\""); in >= 0)
                m_in = in;
        }
    } else {
        for (const Span *span : {&m_first, &m_previous, &m_last}) {
            if (span->isNull())
                continue;
            const QByteArrayView payload = span->view();
            if (payload.contains("\"usage\"") && !payload.contains("\"usage\":null"))
                parseCounts(payload);
        }
    }
    m_first = m_previous = m_last = Span();
}

bool TokenMeter::counted(QByteArrayView piece, qsizetype *from, qsizetype *size)
{
    const QByteArrayView text = piece.sliced(*from, *size);
    if (m_format == Format::Ndjson) {
        if (text.isEmpty() || (text.front() != '{' && text.trimmed().isEmpty()))
            return false;
        ++m_lines;
        return true;
    }
    // SSE (WHATWG HTML §9.2.6): one event per data line here; "[DONE]" ends OpenAI's streams.
    if (!text.startsWith("data:"))
        return false;
    const QByteArrayView payload = text.sliced(5).trimmed();
    if (payload == "[DONE]")
        return false;
    ++m_lines;
    *from += payload.data() - text.data();
    *size = payload.size();
    return true;
}

void TokenMeter::parseCounts(QByteArrayView json)
{
    const QJsonObject object = QJsonDocument::fromJson(json.toByteArray()).object();
    if (object.isEmpty())
        return;
    // Ollama's own API.
    if (const qint64 out = countIn(object, {"eval_count"}); out >= 0)
        m_reportedOut = out;
    if (const qint64 in = countIn(object, {"prompt_eval_count"}); in >= 0)
        m_in = in;
    // OpenAI's chat and completions (usage at the top), Responses (in "response"), Anthropic's
    // messages (input in message_start's "message", output in message_delta).
    for (const QJsonObject &holder : {object, object.value(QStringLiteral("response")).toObject(),
                                      object.value(QStringLiteral("message")).toObject()}) {
        const QJsonObject usage = holder.value(QStringLiteral("usage")).toObject();
        if (usage.isEmpty())
            continue;
        if (const qint64 in = countIn(usage, {"prompt_tokens", "input_tokens"}); in >= 0)
            m_in = in;
        if (const qint64 out = countIn(usage, {"completion_tokens", "output_tokens"}); out >= 0)
            m_reportedOut = out;
    }
}

} // namespace Corral
