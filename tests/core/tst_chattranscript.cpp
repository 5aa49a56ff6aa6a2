// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatstore.h"
#include "core/chattranscript.h"
#include "oldchathistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

class TestChatTranscript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void markdown_holdsTheConversation();
    void json_roundTrip();
    void badFiles_getAClearErrorAndChangeNothing_data();
    void badFiles_getAClearErrorAndChangeNothing();
    void migration_fromVersionOne_addsOptions();

private:
    static QJsonArray toolCalls();
    static QList<Attachment> attachments();
    qint64 makeChat();
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChatStore> m_store;
};

void TestChatTranscript::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ChatStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), nullptr));
}

void TestChatTranscript::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QJsonArray TestChatTranscript::toolCalls()
{
    return QJsonArray{QJsonObject{{QStringLiteral("function"),
                                   QJsonObject{{QStringLiteral("name"), QStringLiteral("get_weather")},
                                               {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Lisbon")}}}}}}};
}

QList<Attachment> TestChatTranscript::attachments()
{
    Attachment pdf;
    pdf.name = QStringLiteral("guide.pdf");
    pdf.kind = Attachment::Kind::Pdf;
    pdf.size = 2048;
    pdf.pages = 2;
    pdf.text = QStringLiteral("Lisbon in spring");
    return {pdf};
}

qint64 TestChatTranscript::makeChat()
{
    const qint64 chat = m_store->createChat(QStringLiteral("Trip planning"), QStringLiteral("llama3.2:latest")).id;
    m_store->setSystemPrompt(chat, QStringLiteral("Be concise."));
    m_store->setChatOptions(chat, {{QStringLiteral("temperature"), 0.5}});
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("Where to in **May**?"), ChatMessage::Status::Complete,
                           QString(), {QString::fromLatin1(QByteArray("img").toBase64())}, attachments());
    const auto answer = m_store->appendMessage(chat, QStringLiteral("assistant"), QString(), ChatMessage::Status::Streaming,
                                               QStringLiteral("llama3.2:latest"));
    m_store->updateMessage(answer->id, QStringLiteral("Try *Lisbon*.\n\n```\ncode\n```"), QStringLiteral("weighing options"),
                           ChatMessage::Status::Stopped);
    m_store->setToolCalls(answer->id, toolCalls());
    return chat;
}

void TestChatTranscript::markdown_holdsTheConversation()
{
    const qint64 chat = makeChat();
    const QString markdown = ChatTranscript::toMarkdown(*m_store->chat(chat), m_store->messages(chat));
    QVERIFY(markdown.startsWith(QLatin1String("# Trip planning")));
    QVERIFY(markdown.contains(QLatin1String("Be concise.")));
    QVERIFY(markdown.contains(QLatin1String("## You")));
    QVERIFY(markdown.contains(QLatin1String("Where to in **May**?")));
    QVERIFY(markdown.contains(QLatin1String("## Assistant (llama3.2:latest)")));
    QVERIFY(markdown.contains(QLatin1String("> weighing options")));
    QVERIFY(markdown.contains(QLatin1String("1 image(s) attached")) || markdown.contains(QLatin1String("1 image attached")));
    QVERIFY(markdown.contains(QLatin1String("(stopped)")));
    QVERIFY2(markdown.contains(QLatin1String("Attached: guide.pdf")), qPrintable(markdown));
    QVERIFY2(markdown.contains(QLatin1String("**Tool call: get_weather**\n\n```json\n{\n    \"city\": \"Lisbon\"\n}\n```")),
             qPrintable(markdown));
}

void TestChatTranscript::json_roundTrip()
{
    const qint64 chat = makeChat();
    const QByteArray json = ChatTranscript::toJson(*m_store->chat(chat), m_store->messages(chat));
    QString error;
    const auto imported = ChatTranscript::importJson(*m_store, json, &error);
    QVERIFY2(imported, qPrintable(error));
    QVERIFY(imported->id != chat);
    QCOMPARE(m_store->messages(imported->id).last().toolCalls, toolCalls());
    // Only answers with calls carry the key, so the file stays what older readers know.
    const QJsonArray exported = QJsonDocument::fromJson(json).object().value(QStringLiteral("messages")).toArray();
    QVERIFY(!exported.first().toObject().contains(QStringLiteral("tool_calls")));
    QCOMPARE(exported.last().toObject().value(QStringLiteral("tool_calls")).toArray(), toolCalls());
    QCOMPARE(exported.first().toObject().value(QStringLiteral("attachments")).toArray().first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("guide.pdf"));
    QVERIFY(!exported.last().toObject().contains(QStringLiteral("attachments")));
    QCOMPARE(m_store->messages(imported->id).first().attachments, attachments());
    QCOMPARE(imported->title, QStringLiteral("Trip planning"));
    QCOMPARE(m_store->chat(imported->id)->systemPrompt, QStringLiteral("Be concise."));
    QCOMPARE(m_store->chat(imported->id)->options.value(QStringLiteral("temperature")).toDouble(), 0.5);
    const auto original = m_store->messages(chat);
    const auto copy = m_store->messages(imported->id);
    QCOMPARE(copy.size(), original.size());
    for (int i = 0; i < copy.size(); ++i) {
        QCOMPARE(copy[i].role, original[i].role);
        QCOMPARE(copy[i].content, original[i].content);
        QCOMPARE(copy[i].thinking, original[i].thinking);
        QCOMPARE(copy[i].status, original[i].status);
        QCOMPARE(copy[i].images, original[i].images);
        QCOMPARE(copy[i].toolCalls, original[i].toolCalls);
        QCOMPARE(copy[i].attachments, original[i].attachments);
        QCOMPARE(copy[i].createdAt, original[i].createdAt);
    }
}

void TestChatTranscript::badFiles_getAClearErrorAndChangeNothing_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("not valid JSON");
    QTest::newRow("other format") << QByteArray(R"({"format":"something","version":1,"messages":[]})") << QStringLiteral("corral-chat");
    QTest::newRow("newer version") << QByteArray(R"({"format":"corral-chat","version":9,"messages":[]})") << QStringLiteral("version 9");
    QTest::newRow("no messages") << QByteArray(R"({"format":"corral-chat","version":1})") << QStringLiteral("messages");
    QTest::newRow("bad role") << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"user","content":"a"},{"role":"robot","content":"b"}]})")
                              << QStringLiteral("Message 2");
    QTest::newRow("number content") << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"user","content":5}]})")
                                    << QStringLiteral("text content");
    QTest::newRow("title type") << QByteArray(R"({"format":"corral-chat","version":1,"title":3,"messages":[]})") << QStringLiteral("title");
    QTest::newRow("images type") << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"user","content":"a","images":"x"}]})")
                                 << QStringLiteral("images");
    QTest::newRow("tool_calls type") << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"assistant","content":"","tool_calls":{}}]})")
                                     << QStringLiteral("tool_calls");
    QTest::newRow("tool call without a name")
        << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"assistant","content":"","tool_calls":[{"function":{"arguments":{}}}]}]})")
        << QStringLiteral("tool_calls");
    QTest::newRow("tool call arguments type")
        << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"assistant","content":"","tool_calls":[{"function":{"name":"f","arguments":[1]}}]}]})")
        << QStringLiteral("tool_calls");
    QTest::newRow("attachments type") << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"user","content":"a","attachments":{}}]})")
                                      << QStringLiteral("attachments");
    QTest::newRow("attachment without text")
        << QByteArray(R"({"format":"corral-chat","version":1,"messages":[{"role":"user","content":"a","attachments":[{"name":"a.txt","kind":"text"}]}]})")
        << QStringLiteral("Message 1");
}

void TestChatTranscript::badFiles_getAClearErrorAndChangeNothing()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, mentions);
    makeChat();
    const int before = m_store->countChats();
    QString error;
    QVERIFY(!ChatTranscript::importJson(*m_store, file, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QCOMPARE(m_store->countChats(), before);
}

void TestChatTranscript::migration_fromVersionOne_addsOptions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(Test::writeOldChatHistory(query, 1));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO chats (uuid, title, created_at, updated_at) VALUES ('u1', 'Old chat', 1, 1)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("v1"));
    ChatStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    const auto chat = store.chatByUuid(QStringLiteral("u1"));
    QVERIFY(chat);
    QCOMPARE(chat->title, QStringLiteral("Old chat"));
    QVERIFY(chat->options.isEmpty());
    QVERIFY(store.setChatOptions(chat->id, {{QStringLiteral("seed"), 1}}));
}

QTEST_GUILESS_MAIN(TestChatTranscript)
#include "tst_chattranscript.moc"
