// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatsession.h"

#include "core/chatreply.h"
#include "core/ollamaclient.h"

#include <QJsonArray>
#include <QJsonObject>

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
    // Changes made elsewhere (the browser page) show up in the open chat.
    connect(store, &ChatStore::messagesChanged, this, [this](qint64 chatId) {
        if (chatId == m_chatId && !isStreaming())
            Q_EMIT messagesReset(m_store->messages(m_chatId));
    });
}

void ChatSession::open(qint64 chatId)
{
    if (isStreaming())
        stop();
    m_chatId = chatId;
    if (const auto chat = m_store->chat(chatId); chat && !chat->model.isEmpty())
        m_model = chat->model;
    Q_EMIT chatOpened(chatId);
    Q_EMIT messagesReset(chatId ? m_store->messages(chatId) : QList<ChatMessage>());
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
    const auto stored = m_store->messages(m_chatId);
    for (const ChatMessage &message : stored) {
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
    m_store->appendMessage(m_chatId, QStringLiteral("user"), text, ChatMessage::Status::Complete, QString(), images, attachments);
    startAnswer();
}

void ChatSession::startAnswer()
{
    const QJsonArray messages = history();
    const auto answer = m_store->appendMessage(m_chatId, QStringLiteral("assistant"), QString(), ChatMessage::Status::Streaming, m_model);
    if (!answer)
        return;
    m_answerId = answer->id;
    Q_EMIT messagesReset(m_store->messages(m_chatId));
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
    if (m_reply && m_answerId)
        m_store->updateMessage(m_answerId, m_reply->content(), m_reply->thinking(), ChatMessage::Status::Streaming);
}

void ChatSession::finishAnswer()
{
    m_saveTimer.stop();
    ChatReply *reply = m_reply;
    m_reply = nullptr;
    const ChatMessage::Status status = reply->wasStopped() ? ChatMessage::Status::Stopped
        : reply->errorText().isEmpty()                     ? ChatMessage::Status::Complete
                                                           : ChatMessage::Status::Error;
    if (!reply->toolCalls().isEmpty())
        m_store->setToolCalls(m_answerId, reply->toolCalls());
    m_store->updateMessage(m_answerId, reply->content(), reply->thinking(), status, reply->errorText());
    reply->deleteLater();
    m_answerId = 0;
    Q_EMIT streamingChanged(false);
    Q_EMIT answerFinished(status, reply->errorText());
    Q_EMIT messagesReset(m_store->messages(m_chatId));
}

void ChatSession::stop()
{
    if (m_reply)
        m_reply->abort(); // finished() follows at once
}

void ChatSession::regenerate()
{
    if (isStreaming() || !m_chatId)
        return;
    const auto stored = m_store->messages(m_chatId);
    if (stored.isEmpty() || stored.last().role != QLatin1String("assistant"))
        return;
    m_store->truncateChat(m_chatId, stored.last().position);
    startAnswer();
}

void ChatSession::editAndResend(int position, const QString &text)
{
    if (isStreaming() || !m_chatId)
        return;
    const auto stored = m_store->messages(m_chatId);
    QStringList images;
    QList<Attachment> attachments;
    for (const ChatMessage &message : stored) {
        if (message.position == position) {
            images = message.images;
            attachments = message.attachments;
        }
    }
    m_store->truncateChat(m_chatId, position);
    m_store->appendMessage(m_chatId, QStringLiteral("user"), text, ChatMessage::Status::Complete, QString(), images, attachments);
    startAnswer();
}

} // namespace Corral
