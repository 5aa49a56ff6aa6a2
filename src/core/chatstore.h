// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/attachment.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class QSqlQuery;

namespace Corral {

class ChatChangeHub;
struct ChatSearchPage;

struct ChatSummary
{
    qint64 id = 0;
    QString uuid;      ///< stable id for the browser API
    QString title;
    QString model;
    QString systemPrompt;
    qint64 createdAt = 0; ///< ms since the epoch
    qint64 updatedAt = 0;
    QJsonObject options;  ///< Ollama options for this chat: temperature, num_ctx, seed
};

struct ChatMessage
{
    enum class Status { Complete, Streaming, Stopped, Error };

    qint64 id = 0;
    qint64 chatId = 0;
    int position = 0;
    QString role; ///< user, assistant or system
    QString content;
    QString thinking;
    Status status = Status::Complete;
    QString error;
    QString model;
    QStringList images; ///< base64, as Ollama takes them
    /// The calls an answer asked for, as Ollama's message.tool_calls has them
    /// ([{"function": {"name": ..., "arguments": {...}}}]); sent back with the history.
    QJsonArray toolCalls;
    /// Files attached to a user message; content stays the user's own text (see
    /// Attachments::modelContent() for what the model gets).
    QList<Attachment> attachments;
    qint64 createdAt = 0;

    bool operator==(const ChatMessage &other) const
    {
        return id == other.id && chatId == other.chatId && position == other.position && role == other.role
            && content == other.content && thinking == other.thinking && status == other.status && error == other.error
            && model == other.model && images == other.images && toolCalls == other.toolCalls
            && attachments == other.attachments && createdAt == other.createdAt;
    }
    bool operator!=(const ChatMessage &other) const { return !(*this == other); }
};

/**
 * Chat history in SQLite (QtSql), shared by the window and the browser page.
 *
 * WAL journal, a schema version in PRAGMA user_version with migrations applied in one
 * transaction each, and every call committed at once, so a killed process loses nothing that a
 * call returned for. A file with a newer schema is refused, never rewritten.
 *
 * One store per thread: a store is used only on the thread it lives on. Stores on the same
 * file in other threads share their changes through a ChatChangeHub (setChangeHub()).
 */
class ChatStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatStore)

public:
    static constexpr int SchemaVersion = 3;

    explicit ChatStore(QObject *parent = nullptr);
    ~ChatStore() override;

    bool open(const QString &path, QString *error);
    /// The calling thread's own store on @p path, opened at its first use and closed when the
    /// thread ends: for work handed to a pool thread (searches, loading a long chat). nullptr,
    /// with a warning, if the file cannot be opened.
    static ChatStore *forThisThread(const QString &path);
    bool isOpen() const;
    /// Posts this store's changes to @p hub and re-emits the changes other stores post there
    /// (see ChatChangeHub). Join only stores on the same file.
    void setChangeHub(ChatChangeHub *hub);
    QString path() const { return m_path; }

    ChatSummary createChat(const QString &title, const QString &model);
    bool renameChat(qint64 chatId, const QString &title);
    bool setChatModel(qint64 chatId, const QString &model);
    bool setSystemPrompt(qint64 chatId, const QString &prompt);
    bool setChatOptions(qint64 chatId, const QJsonObject &options);
    /// Creates a whole chat with its messages in one transaction (import); all or nothing.
    std::optional<ChatSummary> importChat(const ChatSummary &chat, const QList<ChatMessage> &messages, QString *error);
    bool deleteChat(qint64 chatId);
    std::optional<ChatSummary> chat(qint64 chatId) const;
    std::optional<ChatSummary> chatByUuid(const QString &uuid) const;
    /// Newest first; with a @p filter that has words, the chats search() finds, best first.
    QList<ChatSummary> listChats(int offset, int limit, const QString &filter = QString()) const;
    int countChats(const QString &filter = QString()) const;
    /// Chats whose title or messages contain the words of @p text (ChatSearch), with snippets.
    ChatSearchPage search(const QString &text, int offset, int limit) const;

    /// 100 once the search index covers the whole history (see SearchIndexer); until then
    /// search() falls back to the slower LIKE.
    int searchIndexProgress() const;
    /// Indexes one batch on this store's connection; returns the new progress (-1: error).
    int indexSearchBatch(int rows);
    /// Completes the search index on a thread of its own (SearchIndexer), if it needs it: a
    /// history from before the index. Returns false when there is nothing to do.
    bool startSearchIndexing();

    QList<ChatMessage> messages(qint64 chatId) const;
    /// How many messages chat @p chatId has (one indexed COUNT: cheap however long the chat is).
    int messageCount(qint64 chatId) const;
    std::optional<ChatMessage> appendMessage(qint64 chatId, const QString &role, const QString &content,
                                             ChatMessage::Status status = ChatMessage::Status::Complete,
                                             const QString &model = QString(), const QStringList &images = {},
                                             const QList<Attachment> &attachments = {});
    /// Cheap: meant to be called for an answer in progress (at most about once a second).
    bool updateMessage(qint64 messageId, const QString &content, const QString &thinking, ChatMessage::Status status,
                       const QString &error = QString());
    /// Stores an answer's tool calls (an empty list stores none).
    bool setToolCalls(qint64 messageId, const QJsonArray &toolCalls);
    /// Removes the messages at @p position and after (regenerate, edit and resend).
    bool truncateChat(qint64 chatId, int position);
    bool deleteMessage(qint64 messageId);

    static QString statusName(ChatMessage::Status status);
    static ChatMessage::Status statusFromName(const QString &name);

Q_SIGNALS:
    void chatCreated(qint64 chatId);
    void chatChanged(qint64 chatId);
    void chatDeleted(qint64 chatId);
    void messagesChanged(qint64 chatId);
    /// While startSearchIndexing() works: percent done after each batch.
    void searchIndexProgressChanged(int percent);
    /// @p ok: search uses the index from now on.
    void searchIndexFinished(bool ok);

private:
    bool migrate(QString *error);
    /// Adds the nullable columns that came after the numbered schema, where they are missing.
    bool addMissingColumns(QString *error);
    /// Runs @p query, a statement on one message ending in RETURNING chat_id, and tells listeners.
    bool announceMessageChange(QSqlQuery &query);
    bool touch(qint64 chatId);

    void relay(qint64 chatId, int kind);

    QString m_connectionName;
    QString m_path;
    bool m_relaying = false; ///< re-emitting another store's change: not posted back
    class SearchIndexer *m_indexer = nullptr;
};

} // namespace Corral
