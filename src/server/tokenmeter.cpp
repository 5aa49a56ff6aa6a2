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
    // A JSON answer usually comes in one piece: keep it without a copy.
    if (m_format == Format::Json && m_partial.isEmpty() && data.size() <= MaxKept)
        m_partial = data;
    else
        feedView(data);
}

void TokenMeter::feedView(QByteArrayView data)
{
    if (m_format == Format::Json) {
        if (m_partial.size() + data.size() <= MaxKept)
            m_partial.append(data);
        else
            m_overflow = true;
        return;
    }
    qsizetype start = 0;
    while (start < data.size()) {
        const qsizetype end = data.indexOf('\n', start);
        if (end < 0) {
            if (m_partial.size() + data.size() - start <= MaxKept)
                m_partial.append(data.sliced(start));
            else
                m_overflow = true;
            return;
        }
        if (m_partial.isEmpty() && !m_overflow) {
            line(data.sliced(start, end - start)); // the usual case: no copy
        } else {
            if (!m_overflow)
                m_partial.append(data.sliced(start, end - start));
            line(m_overflow ? QByteArrayView() : QByteArrayView(m_partial));
            m_partial.clear();
            m_overflow = false;
        }
        start = end + 1;
    }
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
    } else if (!m_partial.isEmpty()) {
        line(m_partial);
    }
    m_partial.clear();
}

void TokenMeter::line(QByteArrayView text)
{
    if (m_format == Format::Ndjson) {
        if (text.trimmed().isEmpty())
            return;
        ++m_lines;
        // Only Ollama's final line carries the counts.
        if (text.contains("eval_count"))
            parseCounts(text);
        return;
    }
    // SSE (WHATWG HTML §9.2.6): one event per data line here; "[DONE]" ends OpenAI's streams.
    if (!text.startsWith("data:"))
        return;
    QByteArrayView payload = text.sliced(5).trimmed();
    if (payload == "[DONE]")
        return;
    ++m_lines;
    if (payload.contains("\"usage\"") && !payload.contains("\"usage\":null"))
        parseCounts(payload);
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
