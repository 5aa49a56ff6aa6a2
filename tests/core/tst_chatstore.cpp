// SPDX-License-Identifier: GPL-3.0-or-later
// Chat history in real SQLite files.
#include "core/chatlistmodel.h"
#include "core/chatstore.h"
#include "oldchathistory.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

using namespace Corral;

class TestChatStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void open_createsSchemaWithWal();
    void newerSchema_isRefusedAndLeftUntouched();
    void notADatabase_isRefusedAndLeftUntouched();
    void chats_crudAndOrder();
    void messages_appendUpdateTruncate();
    void search_byTitleAndContent_wordsNotWildcards();
    void deleteChat_removesItsMessages();
    void history_survivesReopen();
    void toolCalls_storedAndAnOlderFileGetsTheColumn();
    void attachments_storedApartFromTheText_andAnOlderFileGetsTheColumn();
    void listModel_loadsLazilyAndFollowsTheStore();
    void listModel_passesTheModelTester();
};

void TestChatStore::open_createsSchemaWithWal()
{
    QTemporaryDir dir;
    ChatStore store;
    QString error;
    QVERIFY2(store.open(dir.filePath(QStringLiteral("chats.db")), &error), qPrintable(error));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("probe"));
    {
        db.setDatabaseName(dir.filePath(QStringLiteral("chats.db")));
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), ChatStore::SchemaVersion);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("probe"));
}

void TestChatStore::newerSchema_isRefusedAndLeftUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chats.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("future"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("CREATE TABLE future (x)"));
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 99"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("future"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray before = file.readAll();
    file.close();

    ChatStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY2(error.contains(QLatin1String("newer")), qPrintable(error));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void TestChatStore::notADatabase_isRefusedAndLeftUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chats.db"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    ChatStore store;
    QString error;
    QVERIFY(!store.open(path, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray(4096, 'x'));
}

void TestChatStore::chats_crudAndOrder()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    QSignalSpy created(&store, &ChatStore::chatCreated);
    const ChatSummary first = store.createChat(QStringLiteral("First"), QStringLiteral("llama3.2:latest"));
    const ChatSummary second = store.createChat(QStringLiteral("Second"), QStringLiteral("qwen3:8b"));
    QCOMPARE(created.count(), 2);
    QVERIFY(first.id > 0 && !first.uuid.isEmpty());
    QCOMPARE(store.countChats(), 2);
    QCOMPARE(store.listChats(0, 10).first().id, second.id);
    QTest::qWait(2); // distinct millisecond timestamps for the ordering below
    QVERIFY(store.appendMessage(first.id, QStringLiteral("user"), QStringLiteral("hi")));
    QCOMPARE(store.listChats(0, 10).first().id, first.id); // activity moves a chat to the top
    QVERIFY(store.renameChat(first.id, QStringLiteral("Renamed")));
    QCOMPARE(store.chat(first.id)->title, QStringLiteral("Renamed"));
    QCOMPARE(store.chatByUuid(second.uuid)->model, QStringLiteral("qwen3:8b"));
    QVERIFY(store.setSystemPrompt(first.id, QStringLiteral("Be brief.")));
    QCOMPARE(store.chat(first.id)->systemPrompt, QStringLiteral("Be brief."));
    QVERIFY(!store.renameChat(9999, QStringLiteral("x")));
}

void TestChatStore::messages_appendUpdateTruncate()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    const qint64 chat = store.createChat(QStringLiteral("t"), QStringLiteral("m")).id;
    store.appendMessage(chat, QStringLiteral("user"), QStringLiteral("q1"), ChatMessage::Status::Complete, QString(), {QStringLiteral("aW1n")});
    const auto answer = store.appendMessage(chat, QStringLiteral("assistant"), QString(), ChatMessage::Status::Streaming);
    QVERIFY(answer);
    QVERIFY(store.updateMessage(answer->id, QStringLiteral("partial"), QStringLiteral("hmm"), ChatMessage::Status::Stopped));
    auto messages = store.messages(chat);
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].images, QStringList{QStringLiteral("aW1n")});
    QCOMPARE(messages[1].content, QStringLiteral("partial"));
    QCOMPARE(messages[1].thinking, QStringLiteral("hmm"));
    QCOMPARE(messages[1].status, ChatMessage::Status::Stopped);
    QCOMPARE(messages[1].position, 1);
    QVERIFY(store.truncateChat(chat, 1));
    QCOMPARE(store.messages(chat).size(), 1);
    QVERIFY(store.deleteMessage(store.messages(chat).first().id));
    QVERIFY(store.messages(chat).isEmpty());
}

void TestChatStore::search_byTitleAndContent_wordsNotWildcards()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    const qint64 a = store.createChat(QStringLiteral("Rust lifetimes"), QString()).id;
    const qint64 b = store.createChat(QStringLiteral("Dinner"), QString()).id;
    store.createChat(QStringLiteral("Other"), QString());
    store.appendMessage(b, QStringLiteral("user"), QStringLiteral("A 100% vegan_menu please"));
    QCOMPARE(store.listChats(0, 10, QStringLiteral("rust")).first().id, a);
    QCOMPARE(store.listChats(0, 10, QStringLiteral("VEGAN")).first().id, b);
    QCOMPARE(store.countChats(QStringLiteral("100%")), 1);
    QCOMPARE(store.countChats(QStringLiteral("vegan_menu")), 1); // the words vegan and menu
    QCOMPARE(store.countChats(QStringLiteral("r_st")), 0);       // "_" is not "any character"
    QCOMPARE(store.countChats(QStringLiteral("r%")), 0);         // nor "%" "any characters"
    // No words at all: no search, the whole list.
    QCOMPARE(store.countChats(QStringLiteral("%")), 3);
    QCOMPARE(store.listChats(0, 10, QStringLiteral(" %_ ")).size(), 3);
}

void TestChatStore::deleteChat_removesItsMessages()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    const qint64 chat = store.createChat(QStringLiteral("t"), QString()).id;
    store.appendMessage(chat, QStringLiteral("user"), QStringLiteral("x"));
    QSignalSpy deleted(&store, &ChatStore::chatDeleted);
    QVERIFY(store.deleteChat(chat));
    QCOMPARE(deleted.count(), 1);
    QVERIFY(store.messages(chat).isEmpty());
    QVERIFY(!store.chat(chat));
}

void TestChatStore::history_survivesReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("chats.db"));
    qint64 chat = 0;
    {
        ChatStore store;
        QVERIFY(store.open(path, nullptr));
        chat = store.createChat(QStringLiteral("Kept"), QStringLiteral("m")).id;
        store.appendMessage(chat, QStringLiteral("user"), QStringLiteral("still here"));
    }
    ChatStore reopened;
    QVERIFY(reopened.open(path, nullptr));
    QCOMPARE(reopened.chat(chat)->title, QStringLiteral("Kept"));
    QCOMPARE(reopened.messages(chat).first().content, QStringLiteral("still here"));
}

void TestChatStore::toolCalls_storedAndAnOlderFileGetsTheColumn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v2.db"));
    const auto probe = [&path](const std::function<void(QSqlQuery &)> &use) {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            use(query);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("old"));
    };
    // A history written before tool calls were kept: schema 2, no tool_calls column.
    probe([](QSqlQuery &query) {
        QVERIFY(Test::writeOldChatHistory(query, 2));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO chats (uuid, title, created_at, updated_at) VALUES ('u1', 'Old chat', 1, 1)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, created_at, updated_at) "
                                          "VALUES (1, 0, 'assistant', 'old answer', 1, 1)")));
    });
    if (QTest::currentTestFailed())
        return;
    const QJsonArray calls{QJsonObject{{QStringLiteral("function"),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("get_weather")},
                                                    {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Paris")}}}}}}};
    {
        ChatStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        const auto chat = store.chatByUuid(QStringLiteral("u1"));
        QVERIFY(chat);
        QList<ChatMessage> messages = store.messages(chat->id);
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages.first().content, QStringLiteral("old answer"));
        QVERIFY(messages.first().toolCalls.isEmpty());
        QSignalSpy changed(&store, &ChatStore::messagesChanged);
        QVERIFY(store.setToolCalls(messages.first().id, calls));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(store.messages(chat->id).first().toolCalls, calls);
        const auto plain = store.appendMessage(chat->id, QStringLiteral("user"), QStringLiteral("thanks"));
        QVERIFY(plain && store.messages(chat->id).last().toolCalls.isEmpty());
    }
    // The column is added once, stays nullable, and the file keeps its schema number, so an
    // older build (whose SQL never names the column) still opens and writes it.
    probe([](QSqlQuery &query) {
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), ChatStore::SchemaVersion);
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM messages WHERE tool_calls IS NULL")) && query.next());
        QCOMPARE(query.value(0).toInt(), 1); // the user message
        QVERIFY(query.exec(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, created_at, updated_at) "
                                          "VALUES (1, 2, 'user', 'from an older build', 1, 1)")));
    });
    if (QTest::currentTestFailed())
        return;
    ChatStore reopened;
    QString error;
    QVERIFY2(reopened.open(path, &error), qPrintable(error));
    const auto messages = reopened.messages(reopened.chatByUuid(QStringLiteral("u1"))->id);
    QCOMPARE(messages.size(), 3);
    QCOMPARE(messages.first().toolCalls, calls);
    QVERIFY(messages.last().toolCalls.isEmpty());
}

void TestChatStore::attachments_storedApartFromTheText_andAnOlderFileGetsTheColumn()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.db"));
    // A history from before attachments (and before search): no attachments column.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(Test::writeOldChatHistory(query, 2));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO chats (uuid, title, created_at, updated_at) VALUES ('u1', 'Old chat', 1, 1)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, created_at, updated_at) "
                                          "VALUES (1, 0, 'user', 'old question', 1, 1)")));
        QVERIFY(query.exec(QStringLiteral("PRAGMA table_info(messages)")));
        while (query.next())
            QVERIFY(query.value(1).toString() != QLatin1String("attachments"));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    Attachment pdf;
    pdf.name = QStringLiteral("report.pdf");
    pdf.kind = Attachment::Kind::Pdf;
    pdf.size = 4096;
    pdf.pages = 3;
    pdf.text = QStringLiteral("quarterly numbers");
    Attachment code;
    code.name = QStringLiteral("main.cpp");
    code.size = 20;
    code.text = QStringLiteral("int main() {}");
    {
        ChatStore store;
        QString error;
        QVERIFY2(store.open(path, &error), qPrintable(error));
        const qint64 chat = store.chatByUuid(QStringLiteral("u1"))->id;
        QVERIFY(store.messages(chat).first().attachments.isEmpty());
        const auto added = store.appendMessage(chat, QStringLiteral("user"), QStringLiteral("Summarise these"),
                                               ChatMessage::Status::Complete, QString(), {}, {pdf, code});
        QVERIFY(added);
        QCOMPARE(added->attachments.size(), 2);
    }
    ChatStore reopened;
    QString error;
    QVERIFY2(reopened.open(path, &error), qPrintable(error));
    const auto messages = reopened.messages(reopened.chatByUuid(QStringLiteral("u1"))->id);
    QCOMPARE(messages.size(), 2);
    QVERIFY(messages.first().attachments.isEmpty());
    QCOMPARE(messages.last().content, QStringLiteral("Summarise these")); // the user's text only
    QCOMPARE(messages.last().attachments, (QList<Attachment>{pdf, code}));
}

void TestChatStore::listModel_loadsLazilyAndFollowsTheStore()
{
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bulk"));
        db.setDatabaseName(dir.filePath(QStringLiteral("chats.db")));
        QVERIFY(db.open());
        db.transaction();
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO chats (uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?)"));
        for (int i = 0; i < 10000; ++i) {
            insert.addBindValue(QStringLiteral("uuid-%1").arg(i));
            insert.addBindValue(QStringLiteral("Chat %1").arg(i));
            insert.addBindValue(i);
            insert.addBindValue(i);
            QVERIFY(insert.exec());
        }
        db.commit();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bulk"));

    ChatListModel model(&store);
    QCOMPARE(model.rowCount(), ChatListModel::PageSize); // one page, not 10,000 rows
    QVERIFY(model.canFetchMore(QModelIndex()));
    QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Chat 9999"));
    model.fetchMore(QModelIndex());
    QCOMPARE(model.rowCount(), 2 * ChatListModel::PageSize);
    {
        const ChatSummary fresh = store.createChat(QStringLiteral("Fresh"), QString());
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Fresh"));
        QCOMPARE(model.idAt(0), fresh.id);
        QTest::qWait(2);
        store.appendMessage(model.idAt(5), QStringLiteral("user"), QStringLiteral("bump"));
        QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Chat 9995")); // moved to the top
        store.deleteChat(fresh.id);
        QCOMPARE(model.rowOf(fresh.id), -1);
    }
    model.setFilter(QStringLiteral("Chat 42"));
    QCOMPARE(model.rowCount(), 111); // 42, 420-429, 4200-4299
}

void TestChatStore::listModel_passesTheModelTester()
{
    // Fewer chats than a page: Qt 6.4's tester calls fetchMore() from inside its own change
    // handlers, which a model with more to fetch cannot satisfy.
    QTemporaryDir dir;
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    QList<qint64> ids;
    for (int i = 0; i < 20; ++i) {
        ids.append(store.createChat(QStringLiteral("Chat %1").arg(i), QString()).id);
        QTest::qWait(1);
    }
    ChatListModel model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const qint64 fresh = store.createChat(QStringLiteral("Fresh"), QString()).id;
    QCOMPARE(model.idAt(0), fresh);
    QTest::qWait(2);
    store.appendMessage(ids.at(3), QStringLiteral("user"), QStringLiteral("bump"));
    QCOMPARE(model.idAt(0), ids.at(3));
    QTest::qWait(2);
    store.renameChat(ids.at(7), QStringLiteral("Renamed"));
    QCOMPARE(model.data(model.index(0)).toString(), QStringLiteral("Renamed"));
    store.deleteChat(fresh);
    QCOMPARE(model.rowOf(fresh), -1);
    QCOMPARE(model.rowCount(), 20);
    model.setFilter(QStringLiteral("Chat 1"));
    QCOMPARE(model.rowCount(), 1); // a one-character last word is a word, not a prefix
    model.setFilter(QStringLiteral("Chat 1*"));
    QCOMPARE(model.rowCount(), 1); // "*" is not an operator
    model.setFilter(QStringLiteral("Chat"));
    QCOMPARE(model.rowCount(), 19); // and "Renamed"
}

QTEST_GUILESS_MAIN(TestChatStore)
#include "tst_chatstore.moc"
