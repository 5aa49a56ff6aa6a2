// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chattranscript.h"

#include "core/attachment.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Corral::ChatTranscript {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::ChatTranscript", text);
}

const QString Format = QStringLiteral("corral-chat");
constexpr int Version = 1;

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

qint64 fromIso(const QJsonValue &value)
{
    const QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

// Checks one message's tool_calls: a list of {"function": {"name": text, "arguments": object}}.
bool validToolCalls(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (!value.isArray())
        return false;
    const QJsonArray calls = value.toArray();
    return std::all_of(calls.begin(), calls.end(), [](const QJsonValue &call) {
        const QJsonObject function = call.toObject().value(QStringLiteral("function")).toObject();
        const QJsonValue arguments = function.value(QStringLiteral("arguments"));
        return !function.value(QStringLiteral("name")).toString().isEmpty()
            && (arguments.isUndefined() || arguments.isObject() || arguments.isString());
    });
}

} // namespace

QString toolCallName(const QJsonValue &call)
{
    return call.toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("name")).toString();
}

QString toolCallArguments(const QJsonValue &call)
{
    const QJsonValue arguments = call.toObject().value(QStringLiteral("function")).toObject().value(QStringLiteral("arguments"));
    if (arguments.isObject())
        return QString::fromUtf8(QJsonDocument(arguments.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    // Some servers send the arguments as a JSON string (OpenAI's shape).
    const QJsonDocument parsed = QJsonDocument::fromJson(arguments.toString().toUtf8());
    return parsed.isObject() ? QString::fromUtf8(parsed.toJson(QJsonDocument::Indented)).trimmed() : arguments.toString();
}

QString toMarkdown(const ChatSummary &chat, const QList<ChatMessage> &messages)
{
    QString text = QStringLiteral("# %1\n\n").arg(chat.title.isEmpty() ? tr("Chat") : chat.title);
    text += QStringLiteral("*%1*\n\n").arg(tr("Model: %1 · Started %2")
                                               .arg(chat.model.isEmpty() ? tr("not set") : chat.model,
                                                    QDateTime::fromMSecsSinceEpoch(chat.createdAt).toString(Qt::ISODate)));
    if (!chat.systemPrompt.isEmpty())
        text += QStringLiteral("**%1**\n\n> %2\n\n").arg(tr("System prompt"), QString(chat.systemPrompt).replace(QLatin1Char('\n'), QStringLiteral("\n> ")));
    for (const ChatMessage &message : messages) {
        const bool user = message.role == QLatin1String("user");
        text += QStringLiteral("## %1\n\n").arg(user ? tr("You") : message.model.isEmpty() ? tr("Assistant") : tr("Assistant (%1)").arg(message.model));
        if (!message.thinking.isEmpty())
            text += QStringLiteral("> **%1**\n>\n> %2\n\n").arg(tr("Thinking"), QString(message.thinking).replace(QLatin1Char('\n'), QStringLiteral("\n> ")));
        text += message.content + QStringLiteral("\n\n");
        for (const QJsonValue &call : message.toolCalls)
            text += QStringLiteral("**%1**\n\n```json\n%2\n```\n\n").arg(tr("Tool call: %1").arg(toolCallName(call)), toolCallArguments(call));
        for (const Attachment &attachment : message.attachments)
            text += QStringLiteral("*%1*\n\n").arg(tr("Attached: %1 (%2)").arg(attachment.name, Attachments::describe(attachment)));
        if (!message.images.isEmpty())
            text += QStringLiteral("*%1*\n\n").arg(QCoreApplication::translate("Corral::ChatTranscript", "%n image(s) attached", nullptr, int(message.images.size())));
        if (message.status == ChatMessage::Status::Stopped)
            text += QStringLiteral("*%1*\n\n").arg(tr("(stopped)"));
        else if (message.status == ChatMessage::Status::Error)
            text += QStringLiteral("*%1*\n\n").arg(tr("Error: %1").arg(message.error));
    }
    return text;
}

QJsonObject messageJson(const ChatMessage &message, MessageShape shape)
{
    QJsonObject object{{QStringLiteral("role"), message.role},
                       {QStringLiteral("content"), message.content},
                       {QStringLiteral("thinking"), message.thinking},
                       {QStringLiteral("status"), ChatStore::statusName(message.status)},
                       {QStringLiteral("error"), message.error},
                       {QStringLiteral("model"), message.model},
                       {QStringLiteral("images"), QJsonArray::fromStringList(message.images)}};
    if (shape == MessageShape::Api) {
        object.insert(QStringLiteral("id"), message.id);
        object.insert(QStringLiteral("position"), message.position);
        object.insert(QStringLiteral("created_at"), message.createdAt);
    } else {
        object.insert(QStringLiteral("created_at"), isoTime(message.createdAt));
    }
    if (!message.toolCalls.isEmpty())
        object.insert(QStringLiteral("tool_calls"), message.toolCalls);
    if (!message.attachments.isEmpty())
        object.insert(QStringLiteral("attachments"), Attachments::toJson(message.attachments));
    return object;
}

QByteArray toJson(const ChatSummary &chat, const QList<ChatMessage> &messages)
{
    QJsonArray list;
    for (const ChatMessage &message : messages)
        list.append(messageJson(message, MessageShape::Export));
    const QJsonObject root{{QStringLiteral("format"), Format},
                           {QStringLiteral("version"), Version},
                           {QStringLiteral("title"), chat.title},
                           {QStringLiteral("model"), chat.model},
                           {QStringLiteral("system_prompt"), chat.systemPrompt},
                           {QStringLiteral("options"), chat.options},
                           {QStringLiteral("created_at"), isoTime(chat.createdAt)},
                           {QStringLiteral("messages"), list}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<QPair<ChatSummary, QList<ChatMessage>>> parseJson(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.size() > MaxImportBytes)
        return fail(tr("The file is larger than %1 MB.").arg(MaxImportBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("The file is not valid JSON: %1 (at byte %2).").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = document.object();
    if (root.value(QStringLiteral("format")).toString() != Format)
        return fail(tr("The file is not a Corral chat export (its \"format\" is not \"corral-chat\")."));
    if (root.value(QStringLiteral("version")).toInt() != Version)
        return fail(tr("The file uses export version %1; this Corral reads version %2.")
                        .arg(root.value(QStringLiteral("version")).toVariant().toString())
                        .arg(Version));
    if (!root.value(QStringLiteral("messages")).isArray())
        return fail(tr("The file has no \"messages\" list."));
    for (const char *key : {"title", "model", "system_prompt"}) {
        const QJsonValue value = root.value(QLatin1String(key));
        if (!value.isUndefined() && !value.isString())
            return fail(tr("\"%1\" must be text.").arg(QLatin1String(key)));
    }
    ChatSummary chat;
    chat.title = root.value(QStringLiteral("title")).toString();
    chat.model = root.value(QStringLiteral("model")).toString();
    chat.systemPrompt = root.value(QStringLiteral("system_prompt")).toString();
    chat.options = root.value(QStringLiteral("options")).toObject();
    chat.createdAt = fromIso(root.value(QStringLiteral("created_at")));
    QList<ChatMessage> messages;
    const QJsonArray list = root.value(QStringLiteral("messages")).toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject object = list.at(i).toObject();
        const QString role = object.value(QStringLiteral("role")).toString();
        if (role != QLatin1String("user") && role != QLatin1String("assistant") && role != QLatin1String("system"))
            return fail(tr("Message %1 has no valid role (user, assistant or system).").arg(i + 1));
        if (!object.value(QStringLiteral("content")).isString())
            return fail(tr("Message %1 has no text content.").arg(i + 1));
        const QJsonValue images = object.value(QStringLiteral("images"));
        if (!images.isUndefined() && !images.isArray())
            return fail(tr("Message %1: \"images\" must be a list.").arg(i + 1));
        if (!validToolCalls(object.value(QStringLiteral("tool_calls"))))
            return fail(tr("Message %1: \"tool_calls\" must be a list of {\"function\": {\"name\", \"arguments\"}}.").arg(i + 1));
        QString attachmentError;
        const auto attachments = Attachments::fromJson(object.value(QStringLiteral("attachments")), &attachmentError);
        if (!attachments)
            return fail(tr("Message %1: %2").arg(i + 1).arg(attachmentError));
        ChatMessage message;
        message.role = role;
        message.attachments = *attachments;
        message.toolCalls = object.value(QStringLiteral("tool_calls")).toArray();
        message.content = object.value(QStringLiteral("content")).toString();
        message.thinking = object.value(QStringLiteral("thinking")).toString();
        message.status = ChatStore::statusFromName(object.value(QStringLiteral("status")).toString());
        if (message.status == ChatMessage::Status::Streaming)
            message.status = ChatMessage::Status::Stopped; // an answer cut off by the export
        message.error = object.value(QStringLiteral("error")).toString();
        message.model = object.value(QStringLiteral("model")).toString();
        for (const QJsonValue &image : images.toArray()) {
            if (!image.isString() || QByteArray::fromBase64(image.toString().toLatin1()).isEmpty())
                return fail(tr("Message %1 has an image that is not base64.").arg(i + 1));
            message.images.append(image.toString());
        }
        message.createdAt = fromIso(object.value(QStringLiteral("created_at")));
        messages.append(message);
    }
    return qMakePair(chat, messages);
}

std::optional<ChatSummary> importJson(ChatStore &store, const QByteArray &json, QString *error)
{
    const auto parsed = parseJson(json, error);
    if (!parsed)
        return std::nullopt;
    return store.importChat(parsed->first, parsed->second, error);
}

FileResult exportFile(const QString &storePath, qint64 chatId, const QString &path, bool json)
{
    FileResult result;
    ChatStore store;
    if (!store.open(storePath, &result.error))
        return result;
    const auto chat = store.chat(chatId);
    if (!chat) {
        result.error = tr("The chat no longer exists.");
        return result;
    }
    const auto messages = store.messages(chatId);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(json ? toJson(*chat, messages) : toMarkdown(*chat, messages).toUtf8()) < 0 || !file.commit()) {
        result.error = file.errorString();
        return result;
    }
    result.ok = true;
    result.chat = *chat;
    return result;
}

FileResult importFile(const QString &storePath, const QString &path)
{
    FileResult result;
    QFile file(path);
    if (file.size() > MaxImportBytes) {
        result.error = tr("the file is too large");
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = file.errorString();
        return result;
    }
    const QByteArray json = file.readAll();
    ChatStore store;
    if (!store.open(storePath, &result.error))
        return result;
    const auto chat = importJson(store, json, &result.error);
    if (chat) {
        result.ok = true;
        result.chat = *chat;
    }
    return result;
}

} // namespace Corral::ChatTranscript
