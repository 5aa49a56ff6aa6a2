// SPDX-License-Identifier: GPL-3.0-or-later
// A chat against the fake Ollama, through the shared connection layer, into SQLite.
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/ndjsonparser.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "support/fakeollama.h"

#include <QJsonArray>
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

private:
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

QTEST_GUILESS_MAIN(TestChatSession)
#include "tst_chatsession.moc"
