// SPDX-License-Identifier: GPL-3.0-or-later
// The /api/v1 chat history API over HTTP, on the same store the window uses.
#include "core/chatstore.h"
#include "core/chattranscript.h"
#include "core/ollamaconnection.h"
#include "server/historyapi.h"
#include "server/localserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestHistoryApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void createAppendReadRenameDelete();
    void chatFromTheBrowser_reachesTheWindowsStore();
    void badInput_getsClearErrors_data();
    void badInput_getsClearErrors();
    void listing_pagesAndSearches();
    void messages_deleteOneOrFromAPosition();
    void search_addsEscapedSnippetAndMessageId();
    void attachments_storedServedAndExtractedFromPdf();
    void messageJson_isTheExportsWithIdAndPosition();

private:
    RawResponse call(const QByteArray &method, const QByteArray &path, const QByteArray &body = QByteArray());

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<HistoryApi> m_api;
};

void TestHistoryApi::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::ServerPort, 0);
    m_connection = std::make_unique<OllamaConnection>();
    m_store = std::make_unique<ChatStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), nullptr));
    m_server = std::make_unique<LocalServer>(m_connection.get(), m_settings.get());
    m_api = std::make_unique<HistoryApi>(m_server.get(), m_store.get());
    QVERIFY(m_server->start());
}

void TestHistoryApi::cleanup()
{
    m_api.reset();
    m_server.reset();
    m_store.reset();
    m_connection.reset();
    m_settings.reset();
    m_dir.reset();
}

RawResponse TestHistoryApi::call(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    RawHttpClient client;
    if (!client.connectTo(m_server->port()))
        return RawResponse();
    client.send(method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    return client.readResponse();
}

void TestHistoryApi::createAppendReadRenameDelete()
{
    RawResponse response = call("POST", "/api/v1/chats", R"({"title":"From the browser","model":"llama3.2:latest"})");
    QCOMPARE(response.status, 201);
    const QString id = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("id")).toString();
    QVERIFY(!id.isEmpty());
    response = call("POST", "/api/v1/chats/" + id.toLatin1() + "/messages", R"({"role":"user","content":"hi"})");
    QCOMPARE(response.status, 201);
    response = call("POST", "/api/v1/chats/" + id.toLatin1() + "/messages",
                    R"({"role":"assistant","content":"partial","thinking":"hmm","status":"stopped","model":"llama3.2:latest"})");
    QCOMPARE(response.status, 201);
    response = call("GET", "/api/v1/chats/" + id.toLatin1());
    QCOMPARE(response.status, 200);
    const QJsonObject chat = QJsonDocument::fromJson(response.body).object();
    const QJsonArray messages = chat.value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[1].toObject().value(QStringLiteral("status")).toString(), QStringLiteral("stopped"));
    QCOMPARE(messages[1].toObject().value(QStringLiteral("thinking")).toString(), QStringLiteral("hmm"));
    response = call("PATCH", "/api/v1/chats/" + id.toLatin1(), R"({"title":"Renamed"})");
    QCOMPARE(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("title")).toString(), QStringLiteral("Renamed"));
    QCOMPARE(call("DELETE", "/api/v1/chats/" + id.toLatin1()).status, 200);
    QCOMPARE(call("GET", "/api/v1/chats/" + id.toLatin1()).status, 404);
}

void TestHistoryApi::chatFromTheBrowser_reachesTheWindowsStore()
{
    QSignalSpy created(m_store.get(), &ChatStore::chatCreated);
    QSignalSpy changed(m_store.get(), &ChatStore::messagesChanged);
    const RawResponse response = call("POST", "/api/v1/chats", R"({"title":"Shared"})");
    const QString id = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("id")).toString();
    call("POST", "/api/v1/chats/" + id.toLatin1() + "/messages", R"({"role":"user","content":"seen by the window"})");
    QCOMPARE(created.count(), 1); // the window's chat list listens to this
    QVERIFY(changed.count() >= 1);
    QCOMPARE(m_store->messages(m_store->chatByUuid(id)->id).first().content, QStringLiteral("seen by the window"));
    // And the other way round: a chat made by the window is listed for the browser.
    m_store->createChat(QStringLiteral("From the window"), QString());
    const QJsonArray chats = QJsonDocument::fromJson(call("GET", "/api/v1/chats").body).object().value(QStringLiteral("chats")).toArray();
    QCOMPARE(chats.first().toObject().value(QStringLiteral("title")).toString(), QStringLiteral("From the window"));
}

void TestHistoryApi::badInput_getsClearErrors_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::newRow("not json") << QByteArray("POST") << QByteArray("/api/v1/chats") << QByteArray("{oops") << 400;
    QTest::newRow("json array") << QByteArray("POST") << QByteArray("/api/v1/chats") << QByteArray("[1]") << 400;
    QTest::newRow("unknown chat") << QByteArray("GET") << QByteArray("/api/v1/chats/nope") << QByteArray() << 404;
    QTest::newRow("unknown path") << QByteArray("GET") << QByteArray("/api/v1/other") << QByteArray() << 404;
    QTest::newRow("wrong method") << QByteArray("PUT") << QByteArray("/api/v1/chats") << QByteArray() << 405;
}

void TestHistoryApi::badInput_getsClearErrors()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    const RawResponse response = call(method, path, body);
    QCOMPARE(response.status, status);
    QVERIFY(!QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString().isEmpty());
    QCOMPARE(m_store->countChats(), 0);
}

void TestHistoryApi::listing_pagesAndSearches()
{
    for (int i = 0; i < 5; ++i)
        m_store->createChat(QStringLiteral("Chat %1").arg(i), QString());
    const QJsonObject page = QJsonDocument::fromJson(call("GET", "/api/v1/chats?limit=2&offset=1").body).object();
    QCOMPARE(page.value(QStringLiteral("total")).toInt(), 5);
    QCOMPARE(page.value(QStringLiteral("chats")).toArray().size(), 2);
    const QJsonObject found = QJsonDocument::fromJson(call("GET", "/api/v1/chats?q=Chat%203").body).object();
    QCOMPARE(found.value(QStringLiteral("total")).toInt(), 1);
    // A role that is not user, assistant or system is refused and stores nothing.
    const QString id = found.value(QStringLiteral("chats")).toArray().first().toObject().value(QStringLiteral("id")).toString();
    QCOMPARE(call("POST", "/api/v1/chats/" + id.toLatin1() + "/messages", R"({"role":"robot","content":"x"})").status, 400);
    QCOMPARE(m_store->messages(m_store->chatByUuid(id)->id).size(), 0);
}

void TestHistoryApi::messages_deleteOneOrFromAPosition()
{
    const RawResponse created = call("POST", "/api/v1/chats", R"({"title":"Edited"})");
    const QByteArray chat = "/api/v1/chats/" + QJsonDocument::fromJson(created.body).object().value(QStringLiteral("id")).toString().toLatin1();
    for (const char *content : {"one", "two", "three", "four", "five"})
        QCOMPARE(call("POST", chat + "/messages", "{\"role\":\"user\",\"content\":\"" + QByteArray(content) + "\"}").status, 201);
    const auto contents = [&] {
        QStringList list;
        for (const QJsonValue &message : QJsonDocument::fromJson(call("GET", chat).body).object().value(QStringLiteral("messages")).toArray())
            list.append(message.toObject().value(QStringLiteral("content")).toString());
        return list;
    };
    const auto position = [&](int index) {
        const QJsonArray messages = QJsonDocument::fromJson(call("GET", chat).body).object().value(QStringLiteral("messages")).toArray();
        return QByteArray::number(messages.at(index).toObject().value(QStringLiteral("position")).toInt());
    };

    QSignalSpy changed(m_store.get(), &ChatStore::messagesChanged); // the window redraws the chat
    QCOMPARE(call("DELETE", chat + "/messages/" + position(1)).status, 200);
    QCOMPARE(contents(), QStringList({QStringLiteral("one"), QStringLiteral("three"), QStringLiteral("four"), QStringLiteral("five")}));
    QCOMPARE(call("DELETE", chat + "/messages?from=" + position(2)).status, 200);
    QCOMPARE(contents(), QStringList({QStringLiteral("one"), QStringLiteral("three")}));
    QCOMPARE(changed.count(), 2);

    QCOMPARE(call("DELETE", chat + "/messages/999").status, 404);
    QCOMPARE(call("DELETE", chat + "/messages/two").status, 404);
    QCOMPARE(call("DELETE", chat + "/messages").status, 400);
    QCOMPARE(call("DELETE", chat + "/messages?from=-1").status, 400);
    QCOMPARE(call("PUT", chat + "/messages/0").status, 405);
    QCOMPARE(contents().size(), 2);
}

void TestHistoryApi::search_addsEscapedSnippetAndMessageId()
{
    const ChatSummary older = m_store->createChat(QStringLiteral("Web pages"), QStringLiteral("llama3.2:latest"));
    m_store->appendMessage(older.id, QStringLiteral("user"), QStringLiteral("How do I centre a <div> with flexbox & grid?"));
    const qint64 other =
        m_store->appendMessage(older.id, QStringLiteral("assistant"), QStringLiteral("Use display: flex on the parent."))->id;
    const ChatSummary titled = m_store->createChat(QStringLiteral("Flexbox notes"), QString());

    const QJsonObject found = QJsonDocument::fromJson(call("GET", "/api/v1/chats?q=flexb").body).object();
    QCOMPARE(found.value(QStringLiteral("total")).toInt(), 2);
    const QJsonArray chats = found.value(QStringLiteral("chats")).toArray();
    QCOMPARE(chats.size(), 2);
    // The title hit ranks first and names no message.
    const QJsonObject first = chats.at(0).toObject();
    QCOMPARE(first.value(QStringLiteral("id")).toString(), titled.uuid);
    QCOMPARE(first.value(QStringLiteral("snippet")).toString(), QStringLiteral("<mark>Flexbox</mark> notes"));
    QVERIFY(first.value(QStringLiteral("messageId")).isNull());
    // The fields the page already reads are all still there.
    for (const char *field : {"id", "title", "model", "system_prompt", "options", "created_at", "updated_at"})
        QVERIFY2(first.contains(QLatin1String(field)), field);

    const QJsonObject second = chats.at(1).toObject();
    QCOMPARE(second.value(QStringLiteral("title")).toString(), older.title);
    const QString snippet = second.value(QStringLiteral("snippet")).toString();
    QVERIFY2(snippet.contains(QLatin1String("&lt;div&gt; with <mark>flexbox</mark> &amp; grid")), qPrintable(snippet));
    QVERIFY2(!snippet.contains(QLatin1String("<div>")), qPrintable(snippet));
    const qint64 messageId = second.value(QStringLiteral("messageId")).toInteger();
    QCOMPARE(messageId, m_store->messages(older.id).first().id);
    QVERIFY(messageId != other); // "flex" is not "flexb…"
    // The chat's messages carry the id the result names.
    const QJsonObject chat = QJsonDocument::fromJson(call("GET", "/api/v1/chats/" + older.uuid.toLatin1()).body).object();
    QCOMPARE(chat.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("id")).toInteger(), messageId);

    // FTS syntax in q is searched as text, never run as a query.
    for (const QByteArray &q : {QByteArray("%22"), QByteArray("fle%22%20OR%20%22web"), QByteArray("NEAR(flexbox%20grid)"),
                                QByteArray("-grid"), QByteArray("*")}) {
        const RawResponse response = call("GET", "/api/v1/chats?q=" + q);
        QCOMPARE(response.status, 200);
        QVERIFY2(QJsonDocument::fromJson(response.body).object().contains(QStringLiteral("total")), q.constData());
    }
    const QJsonObject orQuery = QJsonDocument::fromJson(call("GET", "/api/v1/chats?q=fle%22%20OR%20%22web").body).object();
    QCOMPARE(orQuery.value(QStringLiteral("total")).toInt(), 0); // the words fle, OR and web* together: nowhere
}


void TestHistoryApi::attachments_storedServedAndExtractedFromPdf()
{
    // The page cannot run Poppler: it sends a PDF's bytes and gets its text and page count.
    QFile pdf(QStringLiteral(CORRAL_FIXTURES "/harbour.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    RawResponse response = call("POST", "/api/v1/attachments/extract?name=dir%2Fharbour.pdf", bytes);
    QCOMPARE(response.status, 200);
    const QJsonObject extracted = QJsonDocument::fromJson(response.body).object();
    QCOMPARE(extracted.value(QStringLiteral("name")).toString(), QStringLiteral("harbour.pdf")); // no directory
    QCOMPARE(extracted.value(QStringLiteral("kind")).toString(), QStringLiteral("pdf"));
    QCOMPARE(extracted.value(QStringLiteral("pages")).toInt(), 2);
    QCOMPARE(extracted.value(QStringLiteral("size")).toInteger(), bytes.size());
    QVERIFY2(extracted.value(QStringLiteral("text")).toString().contains(QLatin1String("the harbour opens at nine")), response.body.constData());
    // Refusals say why.
    response = call("POST", "/api/v1/attachments/extract?name=tool.bin", QByteArray("\x7f" "ELF\0\0", 6));
    QCOMPARE(response.status, 422);
    QVERIFY(QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toString().contains(QLatin1String("binary")));
    QCOMPARE(call("POST", "/api/v1/attachments/extract", bytes).status, 400); // no name
    QCOMPARE(call("GET", "/api/v1/attachments/extract?name=a.pdf").status, 405);

    // Stored with the message, apart from its text, and served back.
    response = call("POST", "/api/v1/chats", R"({"title":"Files"})");
    const QByteArray id = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("id")).toString().toLatin1();
    const QJsonObject message{{QStringLiteral("role"), QStringLiteral("user")},
                              {QStringLiteral("content"), QStringLiteral("When does it open?")},
                              {QStringLiteral("attachments"), QJsonArray{extracted}}};
    response = call("POST", "/api/v1/chats/" + id + "/messages", QJsonDocument(message).toJson(QJsonDocument::Compact));
    QCOMPARE(response.status, 201);
    const QJsonObject chat = QJsonDocument::fromJson(call("GET", "/api/v1/chats/" + id).body).object();
    const QJsonObject served = chat.value(QStringLiteral("messages")).toArray().first().toObject();
    QCOMPARE(served.value(QStringLiteral("content")).toString(), QStringLiteral("When does it open?"));
    QCOMPARE(served.value(QStringLiteral("attachments")).toArray(), QJsonArray{extracted});
    const auto stored = m_store->messages(m_store->chatByUuid(QString::fromLatin1(id))->id);
    QCOMPARE(stored.first().attachments.first().pages, 2);
    // A malformed list is refused and nothing is stored.
    response = call("POST", "/api/v1/chats/" + id + "/messages", R"({"role":"user","content":"x","attachments":[{"name":"a"}]})");
    QCOMPARE(response.status, 400);
    QCOMPARE(m_store->messages(m_store->chatByUuid(QString::fromLatin1(id))->id).size(), 1);
}

void TestHistoryApi::messageJson_isTheExportsWithIdAndPosition()
{
    // One writer of a message's JSON: the API's answer carries what the export file does (tool
    // calls included), plus the id and position the page addresses messages by.
    const ChatSummary chat = m_store->createChat(QStringLiteral("Tools"), QStringLiteral("qwen3"));
    m_store->appendMessage(chat.id, QStringLiteral("user"), QStringLiteral("weather?"));
    const qint64 answer = m_store->appendMessage(chat.id, QStringLiteral("assistant"), QString(), ChatMessage::Status::Complete, QStringLiteral("qwen3"))->id;
    const QJsonArray toolCalls{QJsonObject{{QStringLiteral("function"),
                                            QJsonObject{{QStringLiteral("name"), QStringLiteral("get_weather")},
                                                        {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Oslo")}}}}}}};
    QVERIFY(m_store->setToolCalls(answer, toolCalls));
    const RawResponse response = call("GET", "/api/v1/chats/" + chat.uuid.toLatin1());
    QCOMPARE(response.status, 200);
    const QJsonArray messages = QJsonDocument::fromJson(response.body).object().value(QStringLiteral("messages")).toArray();
    QCOMPARE(messages.size(), 2);
    QJsonObject api = messages.at(1).toObject();
    QCOMPARE(api.value(QStringLiteral("tool_calls")).toArray(), toolCalls);
    QCOMPARE(api.value(QStringLiteral("id")).toInteger(), answer);
    QCOMPARE(api.value(QStringLiteral("position")).toInt(), 1);
    QVERIFY(!messages.at(0).toObject().contains(QStringLiteral("tool_calls")));
    const QJsonObject exported = QJsonDocument::fromJson(ChatTranscript::toJson(chat, m_store->messages(chat.id)))
                                     .object().value(QStringLiteral("messages")).toArray().at(1).toObject();
    for (const QString &key : {QStringLiteral("id"), QStringLiteral("position"), QStringLiteral("created_at")})
        api.remove(key);
    QJsonObject exportedBody = exported;
    exportedBody.remove(QStringLiteral("created_at"));
    QCOMPARE(api, exportedBody);
}

QTEST_GUILESS_MAIN(TestHistoryApi)
#include "tst_historyapi.moc"
