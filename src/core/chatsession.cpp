// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatsession.h"

#include "core/chatreply.h"
#include "core/ollamaclient.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QScopedValueRollback>

#include <algorithm>
#include <utility>

namespace Corral {

namespace {
constexpr int SaveIntervalMs = 1000;
constexpr int TitleLength = 60;
} // namespace

ChatSession::ChatSession(ChatStore *store, OllamaClient *client, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_client(client)
{
    m_saveTimer.setInterval(SaveIntervalMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &ChatSession::saveProgress);
    // Changes made elsewhere (the browser page, a deleted message) show up in the open chat.
    connect(store, &ChatStore::messagesChanged, this, &ChatSession::onStoreMessagesChanged);
    // The open chat deleted elsewhere (the page, another window): what is sent next starts a new
    // chat instead of going nowhere.
    connect(store, &ChatStore::chatDeleted, this, [this](qint64 chatId) {
        if (chatId && chatId == m_chatId)
            open(0);
    });
    m_loader.setMaxThreadCount(1);
    m_loader.setExpiryTimeout(30000); // the thread and its connection go after half a minute idle
}

ChatSession::~ChatSession()
{
    // A load in flight posts its result to this object: let it finish first (Qt drops the
    // posted result with the object).
    m_loader.waitForDone();
}

void ChatSession::open(qint64 chatId)
{
    if (isStreaming())
        stop();
    // Switching chats drops an answer that waited for the load; its message stays stored.
    m_answerAfterLoad = false;
    m_reloadAfterAnswer = false;
    m_chatId = chatId;
    if (const auto chat = m_store->chat(chatId); chat && !chat->model.isEmpty())
        m_model = chat->model;
    Q_EMIT chatOpened(chatId);
    load(true);
}

void ChatSession::load(bool announce)
{
    const quint64 generation = ++m_generation;
    const int count = m_chatId ? m_store->messageCount(m_chatId) : 0;
    const QString path = m_store->path();
    if (count <= SyncLoadMessages || path.isEmpty()) {
        m_loading = false;
        loaded(generation, m_chatId ? m_store->messages(m_chatId) : QList<ChatMessage>());
        return;
    }
    m_loading = true;
    if (announce) {
        m_messages.clear();
        Q_EMIT loadingStarted(count);
    }
    const qint64 chatId = m_chatId;
    m_loader.start([this, path, chatId, generation] {
        ChatStore *store = ChatStore::forThisThread(path);
        const QList<ChatMessage> messages = store ? store->messages(chatId) : QList<ChatMessage>();
        QMetaObject::invokeMethod(this, [this, generation, messages] { loaded(generation, messages); }, Qt::QueuedConnection);
    });
}

void ChatSession::loaded(quint64 generation, const QList<ChatMessage> &messages)
{
    if (generation != m_generation)
        return; // another chat was opened, or the chat changed again, meanwhile
    m_loading = false;
    m_messages = messages;
    Q_EMIT messagesReset(m_messages);
    if (m_answerAfterLoad) {
        m_answerAfterLoad = false;
        startAnswer();
    }
}

void ChatSession::onStoreMessagesChanged(qint64 chatId)
{
    if (m_writing || chatId != m_chatId) // a store never reports chat 0
        return;
    if (isStreaming()) {
        m_reloadAfterAnswer = true; // the answer's own updates would be overtaken: read it after
        return;
    }
    load(false);
}

void ChatSession::setDefaults(const QString &systemPrompt, const QJsonObject &options)
{
    m_defaultSystemPrompt = systemPrompt;
    m_defaultOptions = options;
}

void ChatSession::setModel(const QString &model)
{
    m_model = model;
    if (m_chatId)
        m_store->setChatModel(m_chatId, model);
}

QJsonArray ChatSession::history() const
{
    QJsonArray messages;
    if (const auto chat = m_store->chat(m_chatId); chat && !chat->systemPrompt.isEmpty())
        messages.append(QJsonObject{{QStringLiteral("role"), QStringLiteral("system")}, {QStringLiteral("content"), chat->systemPrompt}});
    for (const ChatMessage &message : m_messages) {
        if (message.role == QLatin1String("assistant") && message.content.isEmpty() && message.toolCalls.isEmpty())
            continue;
        QJsonObject json{{QStringLiteral("role"), message.role},
                         {QStringLiteral("content"), Attachments::modelContent(message.content, message.attachments)}};
        if (!message.images.isEmpty())
            json.insert(QStringLiteral("images"), QJsonArray::fromStringList(message.images));
        // An answer that called tools goes back with its calls, as the model sent them: without
        // them the model sees an empty turn and the conversation no longer matches what it did.
        if (!message.toolCalls.isEmpty())
            json.insert(QStringLiteral("tool_calls"), message.toolCalls);
        messages.append(json);
    }
    return messages;
}

void ChatSession::send(const QString &text, const QStringList &images, const QList<Attachment> &attachments)
{
    if (isStreaming() || (text.trimmed().isEmpty() && images.isEmpty() && attachments.isEmpty()))
        return;
    QScopedValueRollback writing(m_writing, true);
    if (!m_chatId) {
        // A new chat is named after its first message; the user can rename it.
        QString title = text.simplified().isEmpty() && !attachments.isEmpty() ? attachments.first().name : text.simplified();
        if (title.size() > TitleLength)
            title = title.left(TitleLength - 1) + QChar(0x2026);
        m_chatId = m_store->createChat(title, m_model).id;
        if (!m_defaultSystemPrompt.isEmpty())
            m_store->setSystemPrompt(m_chatId, m_defaultSystemPrompt);
        if (!m_defaultOptions.isEmpty())
            m_store->setChatOptions(m_chatId, m_defaultOptions);
        Q_EMIT chatOpened(m_chatId);
    }
    const auto message =
        m_store->appendMessage(m_chatId, QStringLiteral("user"), text, ChatMessage::Status::Complete, QString(), images, attachments);
    if (!message)
        return;
    if (m_loading) {
        // The load may have read the chat before this message: read it again, answer after.
        m_answerAfterLoad = true;
        Q_EMIT sendQueued();
        load(false);
        return;
    }
    m_messages.append(*message);
    startAnswer();
}

void ChatSession::startAnswer()
{
    QScopedValueRollback writing(m_writing, true);
    const QJsonArray messages = history();
    const auto answer = m_store->appendMessage(m_chatId, QStringLiteral("assistant"), QString(), ChatMessage::Status::Streaming, m_model);
    if (!answer)
        return;
    m_answerId = answer->id;
    m_messages.append(*answer);
    Q_EMIT messagesReset(m_messages);
    const auto chat = m_store->chat(m_chatId);
    m_reply = m_client->chat(m_model, messages, chat ? chat->options : QJsonObject(), m_think);
    connect(m_reply, &ChatReply::contentDelta, this, &ChatSession::contentDelta);
    connect(m_reply, &ChatReply::thinkingDelta, this, &ChatSession::thinkingDelta);
    connect(m_reply, &ChatReply::finished, this, &ChatSession::finishAnswer);
    m_saveTimer.start();
    Q_EMIT answerStarted();
    Q_EMIT streamingChanged(true);
}

void ChatSession::saveProgress()
{
    QScopedValueRollback writing(m_writing, true);
    if (m_reply && m_answerId)
        m_store->updateMessage(m_answerId, m_reply->content(), m_reply->thinking(), ChatMessage::Status::Streaming);
}

void ChatSession::finishAnswer()
{
    QScopedValueRollback writing(m_writing, true);
    m_saveTimer.stop();
    ChatReply *reply = m_reply;
    m_reply = nullptr;
    const ChatMessage::Status status = reply->wasStopped() ? ChatMessage::Status::Stopped
        : reply->errorText().isEmpty()                     ? ChatMessage::Status::Complete
                                                           : ChatMessage::Status::Error;
    if (!reply->toolCalls().isEmpty())
        m_store->setToolCalls(m_answerId, reply->toolCalls());
    m_store->updateMessage(m_answerId, reply->content(), reply->thinking(), status, reply->errorText());
    const auto answer = std::find_if(m_messages.begin(), m_messages.end(), [this](const ChatMessage &m) { return m.id == m_answerId; });
    if (answer != m_messages.end()) {
        answer->content = reply->content();
        answer->thinking = reply->thinking();
        answer->status = status;
        answer->error = reply->errorText();
        answer->toolCalls = reply->toolCalls();
    }
    reply->deleteLater();
    m_answerId = 0;
    Q_EMIT streamingChanged(false);
    Q_EMIT answerFinished(status, reply->errorText());
    if (std::exchange(m_reloadAfterAnswer, false))
        load(false);
    else
        Q_EMIT messagesReset(m_messages);
}

void ChatSession::dropFrom(int position)
{
    m_store->truncateChat(m_chatId, position);
    m_messages.erase(std::remove_if(m_messages.begin(), m_messages.end(),
                                    [position](const ChatMessage &m) { return m.position >= position; }),
                     m_messages.end());
}

void ChatSession::stop()
{
    if (m_reply)
        m_reply->abort(); // finished() follows at once
}

void ChatSession::regenerate()
{
    if (isStreaming() || m_loading || !m_chatId)
        return;
    if (m_messages.isEmpty() || m_messages.constLast().role != QLatin1String("assistant"))
        return;
    QScopedValueRollback writing(m_writing, true);
    dropFrom(m_messages.constLast().position);
    startAnswer();
}

void ChatSession::editAndResend(int position, const QString &text)
{
    if (isStreaming() || m_loading || !m_chatId)
        return;
    QStringList images;
    QList<Attachment> attachments;
    for (const ChatMessage &message : std::as_const(m_messages)) {
        if (message.position == position) {
            images = message.images;
            attachments = message.attachments;
        }
    }
    QScopedValueRollback writing(m_writing, true);
    dropFrom(position);
    const auto message =
        m_store->appendMessage(m_chatId, QStringLiteral("user"), text, ChatMessage::Status::Complete, QString(), images, attachments);
    if (!message)
        return;
    m_messages.append(*message);
    startAnswer();
}

} // namespace Corral
