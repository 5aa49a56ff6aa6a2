// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ndjsonparser.h"
#include "core/ollamafailure.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace Corral {

class OllamaCall;

/// A streamed answer from /api/chat.
class ChatReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatReply)

public:
    ~ChatReply() override;
    QString content() const { return m_content; }
    QString thinking() const { return m_thinking; }
    /// The tool calls of the answer so far (Ollama's message.tool_calls, every line's in order).
    QJsonArray toolCalls() const { return m_toolCalls; }
    bool isFinished() const { return m_finished; }
    bool wasStopped() const { return m_stopped; }
    /// Ollama's own error ({"error": ...}) or the connection failure, empty when it went well.
    QString errorText() const { return m_error; }
    const OllamaFailure &failure() const { return m_failure; }
    QJsonObject finalStats() const { return m_stats; }

    /// Stop: the request to Ollama is aborted so it stops generating; the partial answer stays.
    void abort();

Q_SIGNALS:
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void finished();

private:
    friend class OllamaClient;
    explicit ChatReply(OllamaCall *call, QObject *parent);
    void onData();
    void onFinished();
    void handle(const QJsonObject &line);

    OllamaCall *m_call;
    NdjsonParser m_parser;
    QString m_content;
    QString m_thinking;
    QJsonArray m_toolCalls;
    QString m_error;
    OllamaFailure m_failure;
    QJsonObject m_stats;
    bool m_finished = false;
    bool m_stopped = false;
};

} // namespace Corral
