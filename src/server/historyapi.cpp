// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/historyapi.h"

#include "core/chatsearch.h"
#include "core/chatstore.h"
#include "core/chattranscript.h"
#include "server/httpsupport.h"
#include "server/localserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

#include <algorithm>

namespace Corral {

namespace {

constexpr int MaxPage = 500;

QJsonObject chatJson(const ChatSummary &chat)
{
    return {{QStringLiteral("id"), chat.uuid},
            {QStringLiteral("title"), chat.title},
            {QStringLiteral("model"), chat.model},
            {QStringLiteral("system_prompt"), chat.systemPrompt},
            {QStringLiteral("options"), chat.options},
            {QStringLiteral("created_at"), chat.createdAt},
            {QStringLiteral("updated_at"), chat.updatedAt}};
}

} // namespace

HistoryApi::HistoryApi(LocalServer *server, ChatStore *store, QObject *parent)
    : QObject(parent)
{
    server->addPrefixHandler(QStringLiteral("/api/v1/"), [store](const QHttpServerRequest &request, QHttpServerResponder &&responder,
                                                                   const RequestContext &context) {
        const auto answer = [&](int status, const QJsonObject &json) { Http::writeJson(responder, status, json, context.responseHeaders); };
        const auto error = [&](int status, const QString &message) { answer(status, {{QStringLiteral("error"), message}}); };
        const QStringList parts = request.url().path().mid(int(qstrlen("/api/v1/"))).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        const auto method = request.method();
        using Method = QHttpServerRequest::Method;

        QJsonObject body;
        if (method == Method::Post || method == Method::Patch) {
            QJsonParseError parseError;
            const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
            if (parseError.error != QJsonParseError::NoError || !document.isObject())
                return error(400, tr("The request body must be a JSON object."));
            body = document.object();
        }

        if (parts.value(0) != QLatin1String("chats"))
            return error(404, tr("Unknown API path. See /api/v1/chats."));

        if (parts.size() == 1) {
            if (method == Method::Get) {
                const QUrlQuery query(request.url());
                const int offset = qMax(0, query.queryItemValue(QStringLiteral("offset")).toInt());
                int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
                limit = limit <= 0 ? 100 : qMin(limit, MaxPage);
                const QString filter = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
                QJsonArray chats;
                if (ChatSearch::matchExpression(filter).isEmpty()) {
                    const auto list = store->listChats(offset, limit);
                    for (const ChatSummary &chat : list)
                        chats.append(chatJson(chat));
                    return answer(200, {{QStringLiteral("chats"), chats}, {QStringLiteral("total"), store->countChats()}});
                }
                // Search results, best first: where each matched, the snippet escaped for HTML
                // with the matched words in <mark>.
                const ChatSearchPage page = store->search(filter, offset, limit);
                for (const ChatSearchHit &hit : page.hits) {
                    QJsonObject json = chatJson(hit.chat);
                    json.insert(QStringLiteral("snippet"), ChatSearch::highlighted(hit.snippet, QStringLiteral("<mark>"), QStringLiteral("</mark>")));
                    json.insert(QStringLiteral("messageId"), hit.messageId ? QJsonValue(hit.messageId) : QJsonValue());
                    chats.append(json);
                }
                const int total = page.hits.isEmpty() && offset > 0 ? store->countChats(filter) : page.total;
                return answer(200, {{QStringLiteral("chats"), chats}, {QStringLiteral("total"), total}});
            }
            if (method == Method::Post) {
                const ChatSummary chat = store->createChat(body.value(QStringLiteral("title")).toString().left(200),
                                                           body.value(QStringLiteral("model")).toString());
                return chat.id ? answer(201, chatJson(chat)) : error(500, tr("The chat could not be stored."));
            }
            return error(405, tr("Use GET or POST."));
        }

        const auto chat = store->chatByUuid(parts.at(1));
        if (!chat)
            return error(404, tr("There is no chat %1.").arg(parts.at(1)));

        if (parts.size() == 2) {
            if (method == Method::Get) {
                QJsonObject json = chatJson(*chat);
                QJsonArray messages;
                const auto list = store->messages(chat->id);
                for (const ChatMessage &message : list)
                    messages.append(ChatTranscript::messageJson(message, ChatTranscript::MessageShape::Api));
                json.insert(QStringLiteral("messages"), messages);
                return answer(200, json);
            }
            if (method == Method::Patch) {
                if (body.contains(QStringLiteral("title")))
                    store->renameChat(chat->id, body.value(QStringLiteral("title")).toString().left(200));
                if (body.contains(QStringLiteral("model")))
                    store->setChatModel(chat->id, body.value(QStringLiteral("model")).toString());
                if (body.contains(QStringLiteral("system_prompt")))
                    store->setSystemPrompt(chat->id, body.value(QStringLiteral("system_prompt")).toString());
                return answer(200, chatJson(*store->chat(chat->id)));
            }
            if (method == Method::Delete) {
                store->deleteChat(chat->id);
                return answer(200, {{QStringLiteral("deleted"), chat->uuid}});
            }
            return error(405, tr("Use GET, PATCH or DELETE."));
        }

        if (parts.size() == 3 && parts.at(2) == QLatin1String("messages")) {
            if (method == Method::Delete) { // ?from=N: that message and every one after it (edit and resend)
                bool ok = false;
                const int from = QUrlQuery(request.url()).queryItemValue(QStringLiteral("from")).toInt(&ok);
                if (!ok || from < 0)
                    return error(400, tr("Say from which position to delete: ?from=N."));
                if (!store->truncateChat(chat->id, from))
                    return error(500, tr("The messages could not be deleted."));
                return answer(200, {{QStringLiteral("deleted_from"), from}});
            }
            if (method != Method::Post)
                return error(405, tr("Use POST or DELETE."));
            const QString role = body.value(QStringLiteral("role")).toString();
            if (role != QLatin1String("user") && role != QLatin1String("assistant") && role != QLatin1String("system"))
                return error(400, tr("\"role\" must be user, assistant or system."));
            if (!body.value(QStringLiteral("content")).isString())
                return error(400, tr("\"content\" must be text."));
            QStringList images;
            for (const QJsonValue &image : body.value(QStringLiteral("images")).toArray())
                images.append(image.toString());
            auto message = store->appendMessage(chat->id, role, body.value(QStringLiteral("content")).toString(),
                                                ChatStore::statusFromName(body.value(QStringLiteral("status")).toString()),
                                                body.value(QStringLiteral("model")).toString(), images);
            if (!message)
                return error(500, tr("The message could not be stored."));
            const QString thinking = body.value(QStringLiteral("thinking")).toString();
            const QString failure = body.value(QStringLiteral("error")).toString();
            if (!thinking.isEmpty() || !failure.isEmpty()) {
                store->updateMessage(message->id, message->content, thinking, message->status, failure);
                message->thinking = thinking;
                message->error = failure;
            }
            return answer(201, ChatTranscript::messageJson(*message, ChatTranscript::MessageShape::Api));
        }

        if (parts.size() == 4 && parts.at(2) == QLatin1String("messages")) {
            if (method != Method::Delete)
                return error(405, tr("Use DELETE."));
            bool ok = false;
            const int position = parts.at(3).toInt(&ok);
            const auto list = ok ? store->messages(chat->id) : QList<ChatMessage>();
            const auto found = std::find_if(list.cbegin(), list.cend(), [position](const ChatMessage &m) { return m.position == position; });
            if (found == list.cend())
                return error(404, tr("There is no message %1 in this chat.").arg(parts.at(3)));
            if (!store->deleteMessage(found->id))
                return error(500, tr("The message could not be deleted."));
            return answer(200, {{QStringLiteral("deleted"), position}});
        }
        error(404, tr("Unknown API path. See /api/v1/chats."));
    });
}

} // namespace Corral
