// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatreply.h"
#include "core/chatstore.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Corral {

class ChatReply;
class OllamaClient;

/**
 * One open chat: sends messages through the OllamaClient, streams the answer into the store
 * (saved at least once a second while it arrives, so a killed process loses at most a second),
 * and tells the view what to show. No widgets.
 */
class ChatSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    ChatSession(ChatStore *store, OllamaClient *client, QObject *parent = nullptr);

    qint64 chatId() const { return m_chatId; }
    /// Opens a stored chat (0: none; the next message starts a new one).
    void open(qint64 chatId);
    bool isStreaming() const { return m_reply != nullptr; }
    QString model() const { return m_model; }
    void setModel(const QString &model);
    /// Ollama's `think` for the next answers: true/false, "low"/"medium"/"high", or undefined
    /// (not sent: the model's default) for models without the thinking capability.
    void setThink(const QJsonValue &think) { m_think = think; }
    QJsonValue think() const { return m_think; }
    /// System prompt and options (temperature, num_ctx, seed) given to new chats.
    void setDefaults(const QString &systemPrompt, const QJsonObject &options);

public Q_SLOTS:
    /// Sends @p text (with base64 @p images and attached files) as the user's next message and
    /// streams the answer. The model gets the files' text before @p text; the store keeps them apart.
    void send(const QString &text, const QStringList &images = {}, const QList<Corral::Attachment> &attachments = {});
    /// Stop: aborts the request; the partial answer is kept and marked as stopped.
    void stop();
    /// Replaces the last answer with a new one.
    void regenerate();
    /// Replaces the user message at @p position and everything after it, then resends.
    void editAndResend(int position, const QString &text);

Q_SIGNALS:
    void chatOpened(qint64 chatId);
    /// The stored messages changed (a message was added, finished, removed): re-read them.
    void messagesReset(const QList<Corral::ChatMessage> &messages);
    void answerStarted();
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void answerFinished(Corral::ChatMessage::Status status, const QString &error);
    void streamingChanged(bool streaming);

private:
    void startAnswer();
    void saveProgress();
    void finishAnswer();
    QJsonArray history() const;

    ChatStore *m_store;
    OllamaClient *m_client;
    qint64 m_chatId = 0;
    qint64 m_answerId = 0;
    QString m_model;
    QString m_defaultSystemPrompt;
    QJsonObject m_defaultOptions;
    QJsonValue m_think = QJsonValue(QJsonValue::Undefined);
    QPointer<ChatReply> m_reply;
    QTimer m_saveTimer;
};

} // namespace Corral
