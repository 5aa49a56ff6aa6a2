// SPDX-License-Identifier: GPL-3.0-or-later
// A chat against the fake Ollama, through the shared connection layer, into SQLite.
#include "core/chatchangehub.h"
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/ndjsonparser.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "support/chatfixture.h"
#include "support/fakeollama.h"

#include <QJsonArray>
#include <QThread>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestChatSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ndjsonParser_keepsTheTail();
    void send_streamsTheAnswerIntoTheStore();
    void stop_keepsThePartialAnswerMarkedStopped();
    void regenerate_replacesTheLastAnswer();
    void editAndResend_dropsWhatFollowed();
    void thinking_isKeptApart();
    void images_areSentAsBase64();
    void attachments_reachTheModelAsFencedFilesBeforeTheText();
    void toolCalls_areKeptAndSentBackWithTheHistory();
    void systemPrompt_goesFirst();
    void optionsAndDefaults_reachOllama();
    void missingModel_isShownAsError();
    void answerInProgress_isSavedWhileItStreams();
    void monitor_followsOllamaComingAndGoing();
    void longChat_loadsOffTheCallersThread();
    void staleLoad_isDropped();
    void sendWhileLoading_answersOnceLoadedWithTheWholeChat();
    void ownWrites_doNotReadTheChatBack();
    void otherWriter_reloadsTheOpenChat();
    void openChatDeletedElsewhere_nextSendStartsANewChat();

private:
    /// A chat of @p count messages, made in one transaction as an import does.
    qint64 addChat(const QString &title, int count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<OllamaClient> m_client;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ChatSession> m_session;
};

void TestChatSession::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_fake->addModel(QStringLiteral("llama3.2:latest"));
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->setBaseUrl(m_fake->url());
    m_client = std::make_unique<OllamaClient>(m_connection.get());
    m_store = std::make_unique<ChatStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), nullptr));
    m_session = std::make_unique<ChatSession>(m_store.get(), m_client.get());
    m_session->setModel(QStringLiteral("llama3.2:latest"));
}

void TestChatSession::cleanup()
{
    m_session.reset();
    m_store.reset();
    m_client.reset();
    m_connection.reset();
    m_fake.reset();
    m_dir.reset();
}

void TestChatSession::ndjsonParser_keepsTheTail()
{
    NdjsonParser parser;
    QCOMPARE(parser.feed(R"({"a":1}
{"b")").size(), 1);
    const auto rest = parser.feed(R"(:2}
)");
    QCOMPARE(rest.size(), 1);
    QCOMPARE(rest.first().value(QStringLiteral("b")).toInt(), 2);
    parser.feed(R"({"c":3})");
    QCOMPARE(parser.finish().size(), 1);
}

void TestChatSession::send_streamsTheAnswerIntoTheStore()
{
    m_fake->setReplyTokens({QStringLiteral("Hello"), QStringLiteral(", "), QStringLiteral("world")});
    QSignalSpy deltas(m_session.get(), &ChatSession::contentDelta);
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("Say hello to the whole wide world, please"));
    QVERIFY(m_session->isStreaming());
    QVERIFY(finished.wait(20000));
    QCOMPARE(deltas.count(), 3);
    const auto chat = m_store->chat(m_session->chatId());
    QVERIFY(chat);
    QCOMPARE(chat->title, QStringLiteral("Say hello to the whole wide world, please"));
    QCOMPARE(chat->model, QStringLiteral("llama3.2:latest"));
    const auto messages = m_store->messages(m_session->chatId());
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[1].content, QStringLiteral("Hello, world"));
    QCOMPARE(messages[1].status, ChatMessage::Status::Complete);
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("user"));
}

void TestChatSession::stop_keepsThePartialAnswerMarkedStopped()
{
    m_fake->setReplyTokenCount(200);
    m_fake->setTokenDelayMs(30);
    QSignalSpy aborted(m_fake.get(), &FakeOllama::streamAborted);
    QSignalSpy deltas(m_session.get(), &ChatSession::contentDelta);
    m_session->send(QStringLiteral("long one"));
    QTRY_VERIFY_WITH_TIMEOUT(deltas.count() >= 3, 20000);
    m_session->stop();
    QVERIFY(!m_session->isStreaming());
    QVERIFY(aborted.count() == 1 || aborted.wait(20000)); // Ollama stops generating
    const auto messages = m_store->messages(m_session->chatId());
    QCOMPARE(messages.last().status, ChatMessage::Status::Stopped);
    QVERIFY(messages.last().content.startsWith(QStringLiteral("tok0 tok1 tok2")));
}

void TestChatSession::regenerate_replacesTheLastAnswer()
{
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_fake->setReplyTokens({QStringLiteral("first")});
    m_session->send(QStringLiteral("q"));
    QVERIFY(finished.wait(20000));
    m_fake->setReplyTokens({QStringLiteral("second")});
    m_session->regenerate();
    QVERIFY(finished.wait(20000));
    const auto messages = m_store->messages(m_session->chatId());
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[1].content, QStringLiteral("second"));
}

void TestChatSession::editAndResend_dropsWhatFollowed()
{
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("one"));
    QVERIFY(finished.wait(20000));
    m_session->send(QStringLiteral("two"));
    QVERIFY(finished.wait(20000));
    m_session->editAndResend(0, QStringLiteral("one, edited"));
    QVERIFY(finished.wait(20000));
    const auto messages = m_store->messages(m_session->chatId());
    QCOMPARE(messages.size(), 2);
    QCOMPARE(messages[0].content, QStringLiteral("one, edited"));
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 1);
}

void TestChatSession::thinking_isKeptApart()
{
    m_fake->setThinkingTokens({QStringLiteral("Let me think. ")});
    m_fake->setReplyTokens({QStringLiteral("42")});
    QSignalSpy thinking(m_session.get(), &ChatSession::thinkingDelta);
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("meaning?"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(thinking.count(), 1);
    const auto answer = m_store->messages(m_session->chatId()).last();
    QCOMPARE(answer.content, QStringLiteral("42"));
    QCOMPARE(answer.thinking, QStringLiteral("Let me think. "));
}

void TestChatSession::images_areSentAsBase64()
{
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    const QString image = QString::fromLatin1(QByteArray("\x89PNG fake image").toBase64());
    m_session->send(QStringLiteral("what is this?"), {image});
    QVERIFY(finished.wait(20000));
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent[0].toObject().value(QStringLiteral("images")).toArray().first().toString(), image);
    QCOMPARE(m_store->messages(m_session->chatId()).first().images, QStringList{image});
}

void TestChatSession::attachments_reachTheModelAsFencedFilesBeforeTheText()
{
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    Attachment file;
    file.name = QStringLiteral("notes.txt");
    file.size = 11;
    file.text = QStringLiteral("hello world");
    m_session->send(QStringLiteral("what does it say?"), {}, {file});
    QVERIFY(finished.wait(20000));
    const QString expected = QStringLiteral("File: notes.txt\n```\nhello world\n```\n\nwhat does it say?");
    QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent[0].toObject().value(QStringLiteral("content")).toString(), expected);
    // The store keeps the user's text and the file apart.
    const auto stored = m_store->messages(m_session->chatId()).first();
    QCOMPARE(stored.content, QStringLiteral("what does it say?"));
    QCOMPARE(stored.attachments, QList<Attachment>{file});
    // Later turns send the file again (it is part of the conversation), and so does edit and resend.
    m_session->send(QStringLiteral("and in French?"));
    QVERIFY(finished.wait(20000));
    sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent[0].toObject().value(QStringLiteral("content")).toString(), expected);
    QCOMPARE(sent[2].toObject().value(QStringLiteral("content")).toString(), QStringLiteral("and in French?"));
    m_session->editAndResend(0, QStringLiteral("summarise it"));
    QVERIFY(finished.wait(20000));
    sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 1);
    QCOMPARE(sent[0].toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("File: notes.txt\n```\nhello world\n```\n\nsummarise it"));
}

void TestChatSession::toolCalls_areKeptAndSentBackWithTheHistory()
{
    const QJsonArray calls{QJsonObject{{QStringLiteral("function"),
                                        QJsonObject{{QStringLiteral("name"), QStringLiteral("get_weather")},
                                                    {QStringLiteral("arguments"), QJsonObject{{QStringLiteral("city"), QStringLiteral("Paris")},
                                                                                              {QStringLiteral("days"), 3}}}}}}};
    // The fake streams them on an NDJSON line of their own, before the final one.
    m_fake->setReplyToolCalls(calls);
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("Weather in Paris?"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).value<ChatMessage::Status>(), ChatMessage::Status::Complete);
    const auto answer = m_store->messages(m_session->chatId()).last();
    QCOMPARE(answer.role, QStringLiteral("assistant"));
    QVERIFY(answer.content.isEmpty());
    QCOMPARE(answer.toolCalls, calls);

    // The next turn sends the answer back with its calls, although it has no text.
    m_fake->setReplyToolCalls(QJsonArray());
    m_fake->setReplyTokens({QStringLiteral("Sunny.")});
    m_session->send(QStringLiteral("And so?"));
    QVERIFY(finished.wait(20000));
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), 3); // user, assistant with its calls, user
    QCOMPARE(sent[1].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
    QCOMPARE(sent[1].toObject().value(QStringLiteral("tool_calls")).toArray(), calls);
    QVERIFY(!sent[2].toObject().contains(QStringLiteral("tool_calls")));
    QVERIFY(m_store->messages(m_session->chatId()).last().toolCalls.isEmpty());
}

void TestChatSession::systemPrompt_goesFirst()
{
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("hi"));
    QVERIFY(finished.wait(20000));
    m_store->setSystemPrompt(m_session->chatId(), QStringLiteral("Answer in French."));
    m_session->send(QStringLiteral("again"));
    QVERIFY(finished.wait(20000));
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent[0].toObject().value(QStringLiteral("role")).toString(), QStringLiteral("system"));
    QCOMPARE(sent.size(), 4); // system, user, assistant, user
}

void TestChatSession::optionsAndDefaults_reachOllama()
{
    m_session->setDefaults(QStringLiteral("You are terse."), {{QStringLiteral("temperature"), 0.2}, {QStringLiteral("seed"), 7}});
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("hi"));
    QVERIFY(finished.wait(20000));
    QJsonObject body = m_fake->lastRequest().json();
    QCOMPARE(body.value(QStringLiteral("options")).toObject().value(QStringLiteral("temperature")).toDouble(), 0.2);
    QCOMPARE(body.value(QStringLiteral("options")).toObject().value(QStringLiteral("seed")).toInt(), 7);
    QCOMPARE(body.value(QStringLiteral("messages")).toArray().first().toObject().value(QStringLiteral("content")).toString(),
             QStringLiteral("You are terse."));
    // A chat's own options win over the defaults.
    m_store->setChatOptions(m_session->chatId(), {{QStringLiteral("num_ctx"), 8192}});
    m_session->send(QStringLiteral("again"));
    QVERIFY(finished.wait(20000));
    body = m_fake->lastRequest().json();
    QCOMPARE(body.value(QStringLiteral("options")).toObject(), QJsonObject({{QStringLiteral("num_ctx"), 8192}}));
}

void TestChatSession::missingModel_isShownAsError()
{
    m_session->setModel(QStringLiteral("absent:latest"));
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("hi"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.first().at(0).value<ChatMessage::Status>(), ChatMessage::Status::Error);
    QCOMPARE(finished.first().at(1).toString(), QStringLiteral("model 'absent:latest' not found"));
    QCOMPARE(m_store->messages(m_session->chatId()).last().error, QStringLiteral("model 'absent:latest' not found"));
}

void TestChatSession::answerInProgress_isSavedWhileItStreams()
{
    m_fake->setReplyTokenCount(100);
    m_fake->setTokenDelayMs(50);
    m_session->send(QStringLiteral("slow"));
    // Another reader of the same file (the way a restarted Corral would read it) sees the
    // partial answer before the stream ends.
    ChatStore reader;
    QVERIFY(reader.open(m_dir->filePath(QStringLiteral("chats.db")), nullptr));
    QTRY_VERIFY_WITH_TIMEOUT(reader.messages(m_session->chatId()).last().content.startsWith(QStringLiteral("tok0 ")), 20000);
    QCOMPARE(reader.messages(m_session->chatId()).last().status, ChatMessage::Status::Streaming);
    QVERIFY(m_session->isStreaming());
    m_session->stop();
}

void TestChatSession::monitor_followsOllamaComingAndGoing()
{
    ConnectionMonitor monitor(m_client.get());
    monitor.setIntervals(200, 200);
    QSignalSpy changed(&monitor, &ConnectionMonitor::stateChanged);
    monitor.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::State::Connected, 20000);
    QCOMPARE(monitor.version(), QStringLiteral("0.12.6"));
    const quint16 port = m_fake->port();
    m_fake->close();
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::State::Failed, 20000);
    QVERIFY(monitor.failure().message().contains(QString::number(port)));
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.state(), ConnectionMonitor::State::Connected, 20000);
}

qint64 TestChatSession::addChat(const QString &title, int count)
{
    const auto chat = importChat(m_store.get(), title, count, [&title](int i) { return QStringLiteral("%1 message %2").arg(title).arg(i); });
    return chat ? chat->id : 0;
}

void TestChatSession::longChat_loadsOffTheCallersThread()
{
    const qint64 shortId = addChat(QStringLiteral("short"), 10);
    const qint64 longId = addChat(QStringLiteral("long"), ChatSession::SyncLoadMessages + 100);
    QSignalSpy loading(m_session.get(), &ChatSession::loadingStarted);
    QSignalSpy reset(m_session.get(), &ChatSession::messagesReset);

    // A short chat is there when open() returns.
    m_session->open(shortId);
    QCOMPARE(loading.count(), 0);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(reset.at(0).at(0).value<QList<ChatMessage>>().size(), 10);
    QCOMPARE(m_session->messages().size(), 10);

    // A long one is announced, and arrives through the event loop, read by another thread.
    reset.clear();
    m_session->open(longId);
    QVERIFY(m_session->isLoading());
    QCOMPARE(loading.count(), 1);
    QCOMPARE(loading.at(0).at(0).toInt(), ChatSession::SyncLoadMessages + 100);
    QCOMPARE(reset.count(), 0);
    QVERIFY(m_session->messages().isEmpty());
    QVERIFY(reset.wait(20000));
    QVERIFY(!m_session->isLoading());
    const auto messages = reset.at(0).at(0).value<QList<ChatMessage>>();
    QCOMPARE(messages.size(), ChatSession::SyncLoadMessages + 100);
    QCOMPARE(messages.first().content, QStringLiteral("long message 0"));
    QCOMPARE(messages.last().content, QStringLiteral("long message %1").arg(ChatSession::SyncLoadMessages + 99));
    QCOMPARE(m_session->messages(), messages);
}

void TestChatSession::staleLoad_isDropped()
{
    const qint64 longId = addChat(QStringLiteral("long"), 4000);
    const qint64 shortId = addChat(QStringLiteral("short"), 4);
    QSignalSpy reset(m_session.get(), &ChatSession::messagesReset);
    m_session->open(longId); // the read starts on the loader thread...
    m_session->open(shortId); // ...and is overtaken at once
    QCOMPARE(reset.count(), 1);
    QCOMPARE(m_session->chatId(), shortId);
    // The long chat's read finishes and posts its result; the session drops it.
    QSignalSpy loading(m_session.get(), &ChatSession::loadingStarted);
    const qint64 otherLong = addChat(QStringLiteral("later"), ChatSession::SyncLoadMessages + 1);
    m_session->open(otherLong); // queued behind the first read on the one loader thread
    m_session->open(shortId);
    QCOMPARE(loading.count(), 1);
    // Both reads have run once a third, later one has come back.
    m_session->open(otherLong);
    QTRY_VERIFY_WITH_TIMEOUT(!m_session->isLoading(), 20000);
    QCoreApplication::processEvents();
    for (const QList<QVariant> &emitted : std::as_const(reset)) {
        const auto messages = emitted.at(0).value<QList<ChatMessage>>();
        QVERIFY2(messages.isEmpty() || messages.first().content.startsWith(QLatin1String("short"))
                     || messages.first().content.startsWith(QLatin1String("later")),
                 "a stale load reached the view");
    }
    QCOMPARE(m_session->chatId(), otherLong);
    QCOMPARE(m_session->messages().size(), ChatSession::SyncLoadMessages + 1);
    QCOMPARE(reset.last().at(0).value<QList<ChatMessage>>().size(), ChatSession::SyncLoadMessages + 1);
}

void TestChatSession::sendWhileLoading_answersOnceLoadedWithTheWholeChat()
{
    const int count = ChatSession::SyncLoadMessages + 50;
    const qint64 longId = addChat(QStringLiteral("long"), count);
    m_fake->setReplyTokens({QStringLiteral("late"), QStringLiteral(" answer")});
    QSignalSpy queued(m_session.get(), &ChatSession::sendQueued);
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->open(longId);
    QVERIFY(m_session->isLoading());
    m_session->send(QStringLiteral("asked while it loads"));
    QCOMPARE(queued.count(), 1);
    QVERIFY(!m_session->isStreaming());
    // The message is stored at once: closing now would not lose it.
    QCOMPARE(m_store->messages(longId).size(), count + 1);
    QCOMPARE(m_store->messages(longId).last().content, QStringLiteral("asked while it loads"));
    QVERIFY(finished.wait(20000));
    // The model got the whole chat, the new message last.
    const QJsonArray sent = m_fake->lastRequest().json().value(QStringLiteral("messages")).toArray();
    QCOMPARE(sent.size(), count + 1);
    QCOMPARE(sent.first().toObject().value(QStringLiteral("content")).toString(), QStringLiteral("long message 0"));
    QCOMPARE(sent.last().toObject().value(QStringLiteral("content")).toString(), QStringLiteral("asked while it loads"));
    const auto stored = m_store->messages(longId);
    QCOMPARE(stored.size(), count + 2);
    QCOMPARE(stored.last().content, QStringLiteral("late answer"));
    QCOMPARE(m_session->messages(), stored);
}

void TestChatSession::ownWrites_doNotReadTheChatBack()
{
    QSignalSpy reset(m_session.get(), &ChatSession::messagesReset);
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_fake->setReplyTokens({QStringLiteral("one"), QStringLiteral(" two")});
    m_session->send(QStringLiteral("q"));
    QVERIFY(finished.wait(20000));
    // One reset when the answer starts (question and empty answer), one when it ends.
    QCOMPARE(reset.count(), 2);
    QCOMPARE(reset.at(0).at(0).value<QList<ChatMessage>>().size(), 2);
    const auto last = reset.at(1).at(0).value<QList<ChatMessage>>();
    // What the session kept is what the store has.
    QCOMPARE(last, m_store->messages(m_session->chatId()));
    QCOMPARE(last.at(1).content, QStringLiteral("one two"));
    QCOMPARE(last.at(1).status, ChatMessage::Status::Complete);
    // Regenerate and edit keep the copy right as well.
    m_session->regenerate();
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_session->messages(), m_store->messages(m_session->chatId()));
    m_session->editAndResend(0, QStringLiteral("q, edited"));
    QVERIFY(finished.wait(20000));
    QCOMPARE(m_session->messages(), m_store->messages(m_session->chatId()));
    QCOMPARE(m_session->messages().size(), 2);
}

void TestChatSession::otherWriter_reloadsTheOpenChat()
{
    // The page's store on the server thread, as in the app: the hub carries its changes here.
    ChatChangeHub hub;
    m_store->setChangeHub(&hub);
    QThread serverThread;
    serverThread.start();
    auto *pageStore = new ChatStore;
    pageStore->moveToThread(&serverThread);
    const QString path = m_store->path();
    bool opened = false;
    QMetaObject::invokeMethod(pageStore, [&] { opened = pageStore->open(path, nullptr); pageStore->setChangeHub(&hub); },
                              Qt::BlockingQueuedConnection);
    QVERIFY(opened);
    for (const int count : {5, ChatSession::SyncLoadMessages + 10}) {
        const qint64 chatId = addChat(QStringLiteral("chat%1").arg(count), count);
        m_session->open(chatId);
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->isLoading(), 20000);
        QSignalSpy reset(m_session.get(), &ChatSession::messagesReset);
        QMetaObject::invokeMethod(pageStore, [&] { pageStore->appendMessage(chatId, QStringLiteral("user"), QStringLiteral("from the page")); },
                                  Qt::BlockingQueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->messages().isEmpty()
                                     && m_session->messages().last().content == QLatin1String("from the page"), 20000);
        QCOMPARE(m_session->messages().size(), count + 1);
        QVERIFY(reset.count() >= 1);
    }
    QMetaObject::invokeMethod(pageStore, [&] { delete pageStore; }, Qt::BlockingQueuedConnection);
    serverThread.quit();
    serverThread.wait();
}

void TestChatSession::openChatDeletedElsewhere_nextSendStartsANewChat()
{
    const qint64 chatId = addChat(QStringLiteral("doomed"), 4);
    m_session->open(chatId);
    QCOMPARE(m_session->messages().size(), 4);
    QSignalSpy opened(m_session.get(), &ChatSession::chatOpened);
    QSignalSpy reset(m_session.get(), &ChatSession::messagesReset);
    QVERIFY(m_store->deleteChat(chatId)); // as the page's delete reaches this store
    QCOMPARE(m_session->chatId(), 0);
    QVERIFY(m_session->messages().isEmpty());
    QCOMPARE(opened.count(), 1);
    QVERIFY(reset.count() >= 1 && reset.last().at(0).value<QList<ChatMessage>>().isEmpty());
    QSignalSpy finished(m_session.get(), &ChatSession::answerFinished);
    m_session->send(QStringLiteral("still here?"));
    QVERIFY(finished.wait(20000));
    QVERIFY(m_session->chatId() != 0);
    const auto chat = m_store->chat(m_session->chatId()); // (SQLite may give it the old id again)
    QVERIFY(chat);
    QCOMPARE(chat->title, QStringLiteral("still here?"));
    const auto stored = m_store->messages(m_session->chatId());
    QCOMPARE(stored.size(), 2);
    QCOMPARE(stored.first().content, QStringLiteral("still here?"));
}

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
