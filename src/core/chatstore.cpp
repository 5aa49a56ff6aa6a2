// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatstore.h"

#include "core/chatchangehub.h"

#include "core/chatsearch.h"
#include "core/searchindexer.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThreadStorage>
#include <QUuid>
#include <QVariant>

#include <atomic>
#include <memory>

namespace Corral {

namespace {

qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}

// Schema migrations: entry N brings the file from version N to N + 1.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        {
            QStringLiteral("CREATE TABLE chats ("
                           " id INTEGER PRIMARY KEY,"
                           " uuid TEXT NOT NULL UNIQUE,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " system_prompt TEXT NOT NULL DEFAULT '',"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX chats_by_update ON chats(updated_at DESC)"),
            QStringLiteral("CREATE TABLE messages ("
                           " id INTEGER PRIMARY KEY,"
                           " chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                           " position INTEGER NOT NULL,"
                           " role TEXT NOT NULL,"
                           " content TEXT NOT NULL DEFAULT '',"
                           " thinking TEXT NOT NULL DEFAULT '',"
                           " status TEXT NOT NULL DEFAULT 'complete',"
                           " error TEXT NOT NULL DEFAULT '',"
                           " model TEXT NOT NULL DEFAULT '',"
                           " images TEXT NOT NULL DEFAULT '[]',"
                           " created_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX messages_by_chat ON messages(chat_id, position)"),
        },
        {
            QStringLiteral("ALTER TABLE chats ADD COLUMN options TEXT NOT NULL DEFAULT '{}'"),
        },
        ChatSearch::migrationStatements(),
    };
    return steps;
}

// NULL for none: the column is nullable, so rows written before it existed read the same.
QVariant toolCallsValue(const QJsonArray &toolCalls)
{
    if (toolCalls.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromUtf8(QJsonDocument(toolCalls).toJson(QJsonDocument::Compact));
}

QVariant attachmentsValue(const QList<Attachment> &attachments)
{
    return toolCallsValue(Attachments::toJson(attachments));
}

// Columns added after the numbered schema: nullable, so rows written before they existed read
// the same, and never named by the SQL of older builds, which keep opening the file (a
// user_version bump would make them refuse it). Each is added when it is missing.
const QList<QPair<QString, QString>> &addedColumns()
{
    static const QList<QPair<QString, QString>> columns{
        {QStringLiteral("tool_calls"), QStringLiteral("ALTER TABLE messages ADD COLUMN tool_calls TEXT")},
        {QStringLiteral("attachments"), QStringLiteral("ALTER TABLE messages ADD COLUMN attachments TEXT")},
    };
    return columns;
}

// QtSql binds a null QString as SQL NULL; the columns are NOT NULL with '' as "none".
QString nonNull(const QString &text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

} // namespace

ChatStore::ChatStore(QObject *parent)
    : QObject(parent)
{
    static std::atomic<int> counter{0};
    m_connectionName = QStringLiteral("corral-chats-%1").arg(counter++);
}

ChatStore::~ChatStore()
{
    delete m_indexer; // stops it after its batch in progress
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

void ChatStore::setChangeHub(ChatChangeHub *hub)
{
    const auto post = [this, hub](ChatChangeHub::Kind kind) {
        return [this, hub, kind](qint64 chatId) {
            if (!m_relaying)
                hub->post(this, chatId, kind);
        };
    };
    connect(this, &ChatStore::chatCreated, hub, post(ChatChangeHub::Created), Qt::DirectConnection);
    connect(this, &ChatStore::chatChanged, hub, post(ChatChangeHub::Changed), Qt::DirectConnection);
    connect(this, &ChatStore::chatDeleted, hub, post(ChatChangeHub::Deleted), Qt::DirectConnection);
    connect(this, &ChatStore::messagesChanged, hub, post(ChatChangeHub::MessagesChanged), Qt::DirectConnection);
    // Queued when the hub's signal comes from another thread: runs on ours.
    connect(hub, &ChatChangeHub::posted, this, [this](quintptr origin, qint64 chatId, int kind) {
        if (origin != quintptr(this))
            relay(chatId, kind);
    });
}

void ChatStore::relay(qint64 chatId, int kind)
{
    m_relaying = true;
    switch (ChatChangeHub::Kind(kind)) {
    case ChatChangeHub::Created:
        Q_EMIT chatCreated(chatId);
        break;
    case ChatChangeHub::Changed:
        Q_EMIT chatChanged(chatId);
        break;
    case ChatChangeHub::Deleted:
        Q_EMIT chatDeleted(chatId);
        break;
    case ChatChangeHub::MessagesChanged:
        Q_EMIT messagesChanged(chatId);
        break;
    }
    m_relaying = false;
}

bool ChatStore::isOpen() const
{
    return QSqlDatabase::database(m_connectionName, false).isOpen();
}

ChatStore *ChatStore::forThisThread(const QString &path)
{
    // QThreadStorage deletes a thread's store as that QThread finishes, while Qt still knows the
    // thread (a thread_local would go later, after Qt's own thread data, from a thread QtSql no
    // longer recognises as the connection's).
    static QThreadStorage<ChatStore *> stores;
    if (stores.hasLocalData() && stores.localData() && stores.localData()->path() == path)
        return stores.localData();
    stores.setLocalData(nullptr); // closes the store on another file first
    auto store = std::make_unique<ChatStore>();
    QString error;
    if (!store->open(path, &error)) {
        qWarning("corral: cannot open %s: %s", qPrintable(path), qPrintable(error));
        return nullptr;
    }
    stores.setLocalData(store.release());
    return stores.localData();
}

bool ChatStore::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::contains(m_connectionName) ? QSqlDatabase::database(m_connectionName, false)
                                                               : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open()) {
        if (error)
            *error = tr("Cannot open the chat history %1: %2").arg(path, db.lastError().text());
        return false;
    }
    m_path = path;
    QSqlQuery query(db);
    // A file that is not a database fails here, before anything is written to it.
    if (!query.exec(QStringLiteral("PRAGMA user_version"))) {
        if (error)
            *error = tr("%1 is not a Corral chat history (%2).").arg(path, query.lastError().text());
        db.close();
        return false;
    }
    // Refuse a newer schema before anything (even the journal mode) touches the file.
    if (query.next() && query.value(0).toInt() > SchemaVersion) {
        if (error)
            *error = tr("The chat history %1 was written by a newer Corral (schema %2; this one knows %3). "
                        "It was left untouched.")
                         .arg(path)
                         .arg(query.value(0).toInt())
                         .arg(SchemaVersion);
        db.close();
        return false;
    }
    query.finish();
    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    query.exec(QStringLiteral("PRAGMA foreign_keys=ON"));
    if (!migrate(error) || !addMissingColumns(error)) {
        db.close();
        return false;
    }
    return true;
}

bool ChatStore::addMissingColumns(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA table_info(messages)")))
        return true; // migrate() reported it already
    QStringList present;
    while (query.next())
        present.append(query.value(1).toString());
    query.finish();
    for (const auto &[column, statement] : addedColumns()) {
        if (present.contains(column))
            continue;
        if (!query.exec(statement)) {
            if (error)
                *error = tr("Cannot update the chat history %1: %2").arg(m_path, query.lastError().text());
            return false;
        }
    }
    return true;
}

bool ChatStore::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.exec(QStringLiteral("PRAGMA user_version"));
    const int version = query.next() ? query.value(0).toInt() : 0;
    for (int step = version; step < SchemaVersion; ++step) {
        db.transaction();
        bool ok = true;
        for (const QString &statement : migrations().at(step)) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        ok = ok && query.exec(QStringLiteral("PRAGMA user_version = %1").arg(step + 1));
        if (!ok) {
            const QString reason = query.lastError().text();
            db.rollback();
            if (error)
                *error = tr("Cannot update the chat history %1: %2").arg(m_path, reason);
            return false;
        }
        db.commit();
    }
    return true;
}

ChatSummary ChatStore::createChat(const QString &title, const QString &model)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    const qint64 at = now();
    ChatSummary chat{0, QUuid::createUuid().toString(QUuid::WithoutBraces), title, model, QString(), at, at, QJsonObject()};
    query.prepare(QStringLiteral("INSERT INTO chats (uuid, title, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
    query.addBindValue(nonNull(chat.uuid));
    query.addBindValue(nonNull(title));
    query.addBindValue(nonNull(model));
    query.addBindValue(at);
    query.addBindValue(at);
    if (!query.exec())
        return ChatSummary();
    chat.id = query.lastInsertId().toLongLong();
    Q_EMIT chatCreated(chat.id);
    return chat;
}

bool ChatStore::touch(qint64 chatId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE chats SET updated_at = ? WHERE id = ?"));
    query.addBindValue(now());
    query.addBindValue(chatId);
    return query.exec() && query.numRowsAffected() == 1;
}

bool ChatStore::renameChat(qint64 chatId, const QString &title)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE chats SET title = ?, updated_at = ? WHERE id = ?"));
    query.addBindValue(nonNull(title));
    query.addBindValue(now());
    query.addBindValue(chatId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return false;
    Q_EMIT chatChanged(chatId);
    return true;
}

bool ChatStore::setChatModel(qint64 chatId, const QString &model)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE chats SET model = ? WHERE id = ?"));
    query.addBindValue(nonNull(model));
    query.addBindValue(chatId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return false;
    Q_EMIT chatChanged(chatId);
    return true;
}

bool ChatStore::setSystemPrompt(qint64 chatId, const QString &prompt)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE chats SET system_prompt = ? WHERE id = ?"));
    query.addBindValue(nonNull(prompt));
    query.addBindValue(chatId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return false;
    Q_EMIT chatChanged(chatId);
    return true;
}

bool ChatStore::setChatOptions(qint64 chatId, const QJsonObject &options)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE chats SET options = ? WHERE id = ?"));
    query.addBindValue(QString::fromUtf8(QJsonDocument(options).toJson(QJsonDocument::Compact)));
    query.addBindValue(chatId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return false;
    Q_EMIT chatChanged(chatId);
    return true;
}

std::optional<ChatSummary> ChatStore::importChat(const ChatSummary &chat, const QList<ChatMessage> &messages, QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    if (!db.transaction()) {
        if (error)
            *error = db.lastError().text();
        return std::nullopt;
    }
    QSqlQuery query(db);
    const qint64 at = now();
    ChatSummary created = chat;
    created.uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    created.createdAt = chat.createdAt > 0 ? chat.createdAt : at;
    created.updatedAt = at;
    query.prepare(QStringLiteral("INSERT INTO chats (uuid, title, model, system_prompt, options, created_at, updated_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(created.uuid);
    query.addBindValue(nonNull(created.title));
    query.addBindValue(nonNull(created.model));
    query.addBindValue(nonNull(created.systemPrompt));
    query.addBindValue(QString::fromUtf8(QJsonDocument(created.options).toJson(QJsonDocument::Compact)));
    query.addBindValue(created.createdAt);
    query.addBindValue(created.updatedAt);
    bool ok = query.exec();
    created.id = query.lastInsertId().toLongLong();
    int position = 0;
    for (const ChatMessage &message : messages) {
        if (!ok)
            break;
        query.prepare(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, thinking, status, error, model, "
                                     "images, tool_calls, attachments, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        query.addBindValue(created.id);
        query.addBindValue(position++);
        query.addBindValue(nonNull(message.role));
        query.addBindValue(nonNull(message.content));
        query.addBindValue(nonNull(message.thinking));
        query.addBindValue(statusName(message.status));
        query.addBindValue(nonNull(message.error));
        query.addBindValue(nonNull(message.model));
        query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(message.images)).toJson(QJsonDocument::Compact)));
        query.addBindValue(toolCallsValue(message.toolCalls));
        query.addBindValue(attachmentsValue(message.attachments));
        query.addBindValue(message.createdAt > 0 ? message.createdAt : at);
        query.addBindValue(at);
        ok = query.exec();
    }
    if (!ok) {
        if (error)
            *error = query.lastError().text();
        db.rollback();
        return std::nullopt;
    }
    db.commit();
    Q_EMIT chatCreated(created.id);
    return created;
}

bool ChatStore::deleteChat(qint64 chatId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM chats WHERE id = ?"));
    query.addBindValue(chatId);
    if (!query.exec() || query.numRowsAffected() != 1)
        return false;
    Q_EMIT chatDeleted(chatId);
    return true;
}

std::optional<ChatSummary> ChatStore::chat(qint64 chatId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT %1 FROM chats c WHERE id = ?").arg(QLatin1String(ChatSearch::ChatColumns)));
    query.addBindValue(chatId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return ChatSearch::chatFrom(query);
}

std::optional<ChatSummary> ChatStore::chatByUuid(const QString &uuid) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT %1 FROM chats c WHERE uuid = ?").arg(QLatin1String(ChatSearch::ChatColumns)));
    query.addBindValue(nonNull(uuid));
    if (!query.exec() || !query.next())
        return std::nullopt;
    return ChatSearch::chatFrom(query);
}

QList<ChatSummary> ChatStore::listChats(int offset, int limit, const QString &filter) const
{
    QList<ChatSummary> chats;
    if (!ChatSearch::matchExpression(filter).isEmpty()) {
        const auto hits = search(filter, offset, limit).hits;
        for (const ChatSearchHit &hit : hits)
            chats.append(hit.chat);
        return chats;
    }
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT %1 FROM chats c ORDER BY updated_at DESC, id DESC LIMIT ? OFFSET ?")
                      .arg(QLatin1String(ChatSearch::ChatColumns)));
    query.addBindValue(limit);
    query.addBindValue(offset);
    if (query.exec()) {
        while (query.next())
            chats.append(ChatSearch::chatFrom(query));
    }
    return chats;
}

int ChatStore::countChats(const QString &filter) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    if (!ChatSearch::matchExpression(filter).isEmpty())
        return ChatSearch::count(db, filter);
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT COUNT(*) FROM chats")) && query.next() ? query.value(0).toInt() : 0;
}

ChatSearchPage ChatStore::search(const QString &text, int offset, int limit) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    return ChatSearch::search(db, text, offset, limit);
}

int ChatStore::searchIndexProgress() const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    return ChatSearch::indexProgress(db);
}

bool ChatStore::startSearchIndexing()
{
    if (m_indexer || !isOpen() || searchIndexProgress() == 100)
        return false;
    m_indexer = new SearchIndexer(m_path, this);
    connect(m_indexer, &SearchIndexer::progressChanged, this, &ChatStore::searchIndexProgressChanged);
    connect(m_indexer, &SearchIndexer::indexingFinished, this, [this](bool ok) {
        if (!ok)
            qWarning("chat store: the search index of %s could not be completed; searching stays slower", qPrintable(m_path));
        Q_EMIT searchIndexFinished(ok);
    });
    m_indexer->start(QThread::LowPriority);
    return true;
}

int ChatStore::indexSearchBatch(int rows)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    return ChatSearch::indexBatch(db, rows);
}

QString ChatStore::statusName(ChatMessage::Status status)
{
    switch (status) {
    case ChatMessage::Status::Complete: return QStringLiteral("complete");
    case ChatMessage::Status::Streaming: return QStringLiteral("streaming");
    case ChatMessage::Status::Stopped: return QStringLiteral("stopped");
    case ChatMessage::Status::Error: return QStringLiteral("error");
    }
    return QStringLiteral("complete");
}

ChatMessage::Status ChatStore::statusFromName(const QString &name)
{
    if (name == QLatin1String("streaming"))
        return ChatMessage::Status::Streaming;
    if (name == QLatin1String("stopped"))
        return ChatMessage::Status::Stopped;
    if (name == QLatin1String("error"))
        return ChatMessage::Status::Error;
    return ChatMessage::Status::Complete;
}

int ChatStore::messageCount(qint64 chatId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM messages WHERE chat_id = ?"));
    query.addBindValue(chatId);
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

QList<ChatMessage> ChatStore::messages(qint64 chatId) const
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.setForwardOnly(true); // rows are read once, in order: QtSql need not keep them all
    query.prepare(QStringLiteral("SELECT id, chat_id, position, role, content, thinking, status, error, model, images, created_at, "
                                 "tool_calls, attachments FROM messages WHERE chat_id = ? ORDER BY position"));
    query.addBindValue(chatId);
    QList<ChatMessage> list;
    if (!query.exec())
        return list;
    while (query.next()) {
        ChatMessage message;
        message.id = query.value(0).toLongLong();
        message.chatId = query.value(1).toLongLong();
        message.position = query.value(2).toInt();
        message.role = query.value(3).toString();
        message.content = query.value(4).toString();
        message.thinking = query.value(5).toString();
        message.status = statusFromName(query.value(6).toString());
        message.error = query.value(7).toString();
        message.model = query.value(8).toString();
        for (const QJsonValue &image : QJsonDocument::fromJson(query.value(9).toByteArray()).array())
            message.images.append(image.toString());
        message.createdAt = query.value(10).toLongLong();
        message.toolCalls = QJsonDocument::fromJson(query.value(11).toByteArray()).array();
        message.attachments = Attachments::fromJson(QJsonDocument::fromJson(query.value(12).toByteArray()).array(), nullptr)
                                  .value_or(QList<Attachment>());
        list.append(message);
    }
    return list;
}

std::optional<ChatMessage> ChatStore::appendMessage(qint64 chatId, const QString &role, const QString &content,
                                                    ChatMessage::Status status, const QString &model,
                                                    const QStringList &images, const QList<Attachment> &attachments)
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName);
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT COALESCE(MAX(position) + 1, 0) FROM messages WHERE chat_id = ?"));
    query.addBindValue(chatId);
    if (!query.exec() || !query.next())
        return std::nullopt;
    ChatMessage message;
    message.chatId = chatId;
    message.position = query.value(0).toInt();
    message.role = role;
    message.content = content;
    message.status = status;
    message.model = model;
    message.images = images;
    message.attachments = attachments;
    message.createdAt = now();
    query.prepare(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, status, model, images, attachments, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(chatId);
    query.addBindValue(message.position);
    query.addBindValue(nonNull(role));
    query.addBindValue(nonNull(content));
    query.addBindValue(statusName(status));
    query.addBindValue(nonNull(model));
    query.addBindValue(QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(images)).toJson(QJsonDocument::Compact)));
    query.addBindValue(attachmentsValue(attachments));
    query.addBindValue(message.createdAt);
    query.addBindValue(message.createdAt);
    if (!query.exec()) {
        qWarning("chat store: %s", qPrintable(query.lastError().text()));
        return std::nullopt;
    }
    message.id = query.lastInsertId().toLongLong();
    touch(chatId);
    Q_EMIT messagesChanged(chatId);
    Q_EMIT chatChanged(chatId);
    return message;
}

bool ChatStore::updateMessage(qint64 messageId, const QString &content, const QString &thinking,
                              ChatMessage::Status status, const QString &error)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE messages SET content = ?, thinking = ?, status = ?, error = ?, updated_at = ? "
                                 "WHERE id = ? RETURNING chat_id"));
    query.addBindValue(nonNull(content));
    query.addBindValue(nonNull(thinking));
    query.addBindValue(statusName(status));
    query.addBindValue(nonNull(error));
    query.addBindValue(now());
    query.addBindValue(messageId);
    if (!query.exec() || !query.next())
        return false;
    const qint64 chatId = query.value(0).toLongLong();
    query.finish();
    if (status != ChatMessage::Status::Streaming) {
        touch(chatId);
        Q_EMIT messagesChanged(chatId);
    }
    return true;
}

bool ChatStore::setToolCalls(qint64 messageId, const QJsonArray &toolCalls)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("UPDATE messages SET tool_calls = ? WHERE id = ? RETURNING chat_id"));
    query.addBindValue(toolCallsValue(toolCalls));
    query.addBindValue(messageId);
    return announceMessageChange(query);
}

bool ChatStore::announceMessageChange(QSqlQuery &query)
{
    if (!query.exec() || !query.next())
        return false;
    const qint64 chatId = query.value(0).toLongLong();
    query.finish();
    Q_EMIT messagesChanged(chatId);
    return true;
}

bool ChatStore::truncateChat(qint64 chatId, int position)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM messages WHERE chat_id = ? AND position >= ?"));
    query.addBindValue(chatId);
    query.addBindValue(position);
    if (!query.exec())
        return false;
    Q_EMIT messagesChanged(chatId);
    return true;
}

bool ChatStore::deleteMessage(qint64 messageId)
{
    QSqlQuery query(QSqlDatabase::database(m_connectionName));
    query.prepare(QStringLiteral("DELETE FROM messages WHERE id = ? RETURNING chat_id"));
    query.addBindValue(messageId);
    return announceMessageChange(query);
}

} // namespace Corral
