// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatreply.h"
#include "core/chatstore.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>

namespace Corral {

class ChatReply;
class OllamaClient;

/**
 * One open chat: sends messages through the OllamaClient, streams the answer into the store
 * (saved at least once a second while it arrives, so a killed process loses at most a second),
 * and tells the view what to show. No widgets.
 *
 * The open chat's messages are kept in memory: the session's own changes update that copy
 * instead of reading the chat back. A chat of more than SyncLoadMessages messages is read on a
 * thread of its own (its own store connection), so opening one never holds the caller's event
 * loop; loadingStarted() says so, messagesReset() brings the messages. A load that a newer one
 * overtook (another chat opened meanwhile) is dropped.
 */
class ChatSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSession)

public:
    ChatSession(ChatStore *store, OllamaClient *client, QObject *parent = nullptr);

    ~ChatSession() override;

    /// Chats up to this many messages are read at once; longer ones on the loader thread.
    static constexpr int SyncLoadMessages = 500;

    qint64 chatId() const { return m_chatId; }
    /// The open chat's messages as the view shows them (empty while a long chat loads).
    QList<ChatMessage> messages() const { return m_messages; }
    /// Whether the open chat's messages are still being read (messagesReset() follows).
    bool isLoading() const { return m_loading; }
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
    /// While the chat is still loading, the message is stored at once (never lost) and the answer
    /// starts when the load is done, with the whole chat as its history.
    void send(const QString &text, const QStringList &images = {}, const QList<Corral::Attachment> &attachments = {});
    /// Stop: aborts the request; the partial answer is kept and marked as stopped.
    void stop();
    /// Replaces the last answer with a new one.
    void regenerate();
    /// Replaces the user message at @p position and everything after it, then resends.
    void editAndResend(int position, const QString &text);

Q_SIGNALS:
    void chatOpened(qint64 chatId);
    /// A long chat is being read; messagesReset() follows with its @p messageCount messages.
    void loadingStarted(int messageCount);
    /// The stored messages changed (a message was added, finished, removed): re-read them.
    void messagesReset(const QList<Corral::ChatMessage> &messages);
    /// A send waits for the chat to load (see send()).
    void sendQueued();
    void answerStarted();
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void answerFinished(Corral::ChatMessage::Status status, const QString &error);
    void streamingChanged(bool streaming);

private:
    /// Reads the open chat's messages: at once for a short chat, on the loader for a long one.
    void load(bool announce);
    void loaded(quint64 generation, const QList<Corral::ChatMessage> &messages);
    void onStoreMessagesChanged(qint64 chatId);
    void startAnswer();
    void saveProgress();
    void finishAnswer();
    /// Removes the messages at @p position and after, in the store and here.
    void dropFrom(int position);
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
    QList<ChatMessage> m_messages;
    bool m_loading = false;
    quint64 m_generation = 0;      ///< bumped by each load: an older load's result is dropped
    bool m_answerAfterLoad = false; ///< a message was sent while loading
    bool m_reloadAfterAnswer = false; ///< another writer changed the chat while an answer streamed
    bool m_writing = false;         ///< the session's own store write: its messagesChanged is no news
    QThreadPool m_loader;
};

} // namespace Corral
