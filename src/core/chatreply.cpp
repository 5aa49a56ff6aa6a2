// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatreply.h"

#include "core/ollamacall.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corral {

ChatReply::ChatReply(OllamaCall *call, QObject *parent)
    : QObject(parent)
    , m_call(call)
{
    call->setParent(this);
    connect(call, &OllamaCall::dataAvailable, this, &ChatReply::onData);
    connect(call, &OllamaCall::finished, this, &ChatReply::onFinished);
}

ChatReply::~ChatReply() = default;

void ChatReply::abort()
{
    if (m_finished)
        return;
    m_stopped = true;
    m_call->abort();
}

void ChatReply::handle(const QJsonObject &line)
{
    if (line.contains(QStringLiteral("error"))) {
        m_error = line.value(QStringLiteral("error")).toString();
        return;
    }
    const QJsonObject message = line.value(QStringLiteral("message")).toObject();
    const QString thinking = message.value(QStringLiteral("thinking")).toString();
    if (!thinking.isEmpty()) {
        m_thinking += thinking;
        Q_EMIT thinkingDelta(thinking);
    }
    const QString content = message.value(QStringLiteral("content")).toString();
    if (!content.isEmpty()) {
        m_content += content;
        Q_EMIT contentDelta(content);
    }
    // Ollama sends a call whole, on one line (several lines may each carry some).
    const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    for (const QJsonValue &call : calls)
        m_toolCalls.append(call);
    if (line.value(QStringLiteral("done")).toBool())
        m_stats = line;
}

void ChatReply::onData()
{
    const QByteArray data = m_call->readAll();
    if (m_call->status() >= 400) {
        m_error += QString::fromUtf8(data); // collected whole below
        return;
    }
    const auto lines = m_parser.feed(data);
    for (const QJsonObject &line : lines)
        handle(line);
}

void ChatReply::onFinished()
{
    if (m_call->status() >= 400) {
        // Ollama's own error object, e.g. {"error":"model 'x' not found"}.
        const QJsonObject body = QJsonDocument::fromJson(m_error.toUtf8()).object();
        m_error = body.value(QStringLiteral("error")).toString(m_error.trimmed());
        if (m_error.isEmpty())
            m_error = tr("Ollama answered with status %1.").arg(m_call->status());
    } else {
        const auto lines = m_parser.finish();
        for (const QJsonObject &line : lines)
            handle(line);
    }
    m_failure = m_call->failure();
    if (m_failure.isFailure() && m_failure.kind != OllamaFailure::Kind::Cancelled && m_error.isEmpty())
        m_error = m_failure.message();
    m_finished = true;
    Q_EMIT finished();
}

} // namespace Corral
