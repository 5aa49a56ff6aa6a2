// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/historyapi.h"

#include "core/attachment.h"
#include "core/chatsearch.h"
#include "core/chatstore.h"
#include "core/chattranscript.h"
#include "core/testhook.h"
#include "server/httpsupport.h"
#include "server/localserver.h"
#include "server/routes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
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

// Reads one uploaded file (on a worker thread: a PDF of 100 pages takes a while).
QPair<int, QJsonObject> extractAttachment(const QString &name, const QByteArray &body)
{
    QString error;
    const auto attachment = Attachments::fromData(name, body, &error);
    if (!attachment)
        return {422, {{QStringLiteral("error"), error}}};
    return {200, Attachments::toJson({*attachment}).first().toObject()};
}

// Search results, best first: where each matched, the snippet escaped for HTML with the
// matched words in <mark>.
QJsonObject searchJson(ChatStore *store, const QString &filter, int offset, int limit)
{
    if (!store)
        return {{QStringLiteral("chats"), QJsonArray()}, {QStringLiteral("total"), 0}};
    QJsonArray chats;
    const ChatSearchPage page = store->search(filter, offset, limit);
    for (const ChatSearchHit &hit : page.hits) {
        QJsonObject json = chatJson(hit.chat);
        json.insert(QStringLiteral("snippet"), ChatSearch::highlighted(hit.snippet, QStringLiteral("<mark>"), QStringLiteral("</mark>")));
        json.insert(QStringLiteral("messageId"), hit.messageId ? QJsonValue(hit.messageId) : QJsonValue());
        chats.append(json);
    }
    const int total = page.hits.isEmpty() && offset > 0 ? store->countChats(filter) : page.total;
    return {{QStringLiteral("chats"), chats}, {QStringLiteral("total"), total}};
}

// HistoryApi::setSearchHook()'s hook.
TestHook g_searchHook;

} // namespace

void HistoryApi::setSearchHook(std::function<void()> hook)
{
    g_searchHook.set(std::move(hook));
}

HistoryApi::HistoryApi(LocalServer *server, ChatStore *store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_extractors.setMaxThreadCount(2);
    m_searchers.setMaxThreadCount(2);
    server->addRoutes<HistoryApi>(this, {{Routes::HistoryApi, Routes::Match::Tree, &HistoryApi::serve}});
    // The store says what changed, here or (through the ChatChangeHub) in the window.
    connect(store, &ChatStore::chatCreated, this, [this](qint64 id) { record(id, QStringLiteral("created")); });
    connect(store, &ChatStore::chatChanged, this, [this](qint64 id) { record(id, QStringLiteral("changed")); });
    connect(store, &ChatStore::chatDeleted, this, [this](qint64 id) { record(id, QStringLiteral("deleted")); });
    connect(store, &ChatStore::messagesChanged, this, [this](qint64 id) { record(id, QStringLiteral("messages")); });
}

HistoryApi::~HistoryApi()
{
    // Nothing changes any more: every held request gets its (empty) answer.
    const auto waiters = m_waiters;
    for (const auto &waiter : waiters)
        answer(waiter);
}

void HistoryApi::record(qint64 chatId, const QString &kind)
{
    QString uuid = m_uuids.value(chatId);
    if (uuid.isEmpty() && kind != QLatin1String("deleted")) {
        if (const auto chat = m_store->chat(chatId))
            uuid = chat->uuid;
        if (m_uuids.size() >= 4 * MaxChanges)
            m_uuids.clear();
        m_uuids.insert(chatId, uuid);
    }
    if (kind == QLatin1String("deleted"))
        m_uuids.remove(chatId);
    m_changes.append(Change{++m_seq, uuid, kind});
    if (m_changes.size() > MaxChanges)
        m_changes.removeFirst();
    const auto waiters = m_waiters;
    for (const auto &waiter : waiters)
        answer(waiter);
}

QJsonObject HistoryApi::changesAfter(qint64 after) const
{
    QJsonArray list;
    const bool tooOld = after < m_seq && (m_changes.isEmpty() || m_changes.first().seq > after + 1);
    if (!tooOld) {
        for (const Change &change : m_changes) {
            if (change.seq <= after)
                continue;
            list.append(QJsonObject{{QStringLiteral("seq"), change.seq},
                                    {QStringLiteral("chat"), change.chat.isEmpty() ? QJsonValue() : QJsonValue(change.chat)},
                                    {QStringLiteral("kind"), change.kind}});
        }
    }
    QJsonObject json{{QStringLiteral("seq"), m_seq}, {QStringLiteral("changes"), list}};
    if (tooOld || after > m_seq) // behind the kept changes, or from before a restart
        json.insert(QStringLiteral("reset"), true);
    return json;
}

void HistoryApi::forget(const std::shared_ptr<Waiter> &waiter)
{
    m_waiters.removeOne(waiter);
    if (waiter->timer) { // may be the sender of the signal being handled
        waiter->timer->stop();
        waiter->timer->deleteLater();
        waiter->timer = nullptr;
    }
}

void HistoryApi::answer(const std::shared_ptr<Waiter> &waiter)
{
    forget(waiter);
    if (waiter->socket) // writing to a client that left would crash (qt64-notes)
        Http::writeJson(*waiter->responder, 200, changesAfter(waiter->after), waiter->headers);
}

void HistoryApi::changes(const Call &call)
{
    const QUrlQuery query(call.request.url());
    bool ok = false;
    const qint64 after = query.queryItemValue(QStringLiteral("after")).toLongLong(&ok);
    if (!ok || after != m_seq)
        return call.answer(200, changesAfter(ok ? after : m_seq));
    auto waiter = std::make_shared<Waiter>();
    waiter->socket = call.responder.socket();
    waiter->responder = std::make_shared<QHttpServerResponder>(std::move(call.responder));
    waiter->headers = call.context.responseHeaders;
    waiter->after = after;
    waiter->timer = new QTimer(this);
    waiter->timer->setSingleShot(true);
    connect(waiter->timer, &QTimer::timeout, this, [this, weak = std::weak_ptr<Waiter>(waiter)] {
        if (const auto held = weak.lock())
            answer(held);
    });
    waiter->timer->start(HoldMs);
    // A client that leaves is forgotten (its responder goes without a write).
    if (waiter->socket) {
        connect(waiter->socket, &QObject::destroyed, this, [this, weak = std::weak_ptr<Waiter>(waiter)] {
            if (const auto held = weak.lock())
                forget(held);
        });
    }
    m_waiters.append(waiter);
}

void HistoryApi::Call::answer(int status, const QJsonObject &json) const
{
    Http::writeJson(responder, status, json, context.responseHeaders);
}

void HistoryApi::Call::error(int status, const QString &message) const
{
    answer(status, {{QStringLiteral("error"), message}});
}

void HistoryApi::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    Call call{request, responder, context, {}};
    const QStringList parts = QString::fromUtf8(Routes::below(request.url().path().toUtf8(), Routes::HistoryApi))
                                  .split(QLatin1Char('/'), Qt::SkipEmptyParts);
    using Method = QHttpServerRequest::Method;
    const Method method = request.method();
    if (parts == QStringList{QStringLiteral("attachments"), QStringLiteral("extract")}) // the body is the file
        return extract(request, std::move(responder), context);
    if (method == Method::Post || method == Method::Patch) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject())
            return call.error(400, tr("The request body must be a JSON object."));
        call.body = document.object();
    }
    if (parts.size() == 1 && parts.at(0) == QLatin1String("changes")) {
        if (method == Method::Get)
            return changes(call);
        return call.error(405, tr("Use GET."));
    }
    if (parts.value(0) != QLatin1String("chats"))
        return call.error(404, tr("Unknown API path. See /api/v1/chats."));

    if (parts.size() == 1) { // chats
        if (method == Method::Get)
            return listChats(call);
        if (method == Method::Post)
            return createChat(call);
        return call.error(405, tr("Use GET or POST."));
    }
    const auto chat = m_store->chatByUuid(parts.at(1));
    if (!chat)
        return call.error(404, tr("There is no chat %1.").arg(parts.at(1)));
    if (parts.size() == 2) { // chats/<uuid>
        if (method == Method::Get)
            return getChat(call, *chat);
        if (method == Method::Patch)
            return patchChat(call, *chat);
        if (method == Method::Delete)
            return deleteChat(call, *chat);
        return call.error(405, tr("Use GET, PATCH or DELETE."));
    }
    if (parts.size() == 3 && parts.at(2) == QLatin1String("messages")) { // chats/<uuid>/messages
        if (method == Method::Delete)
            return deleteMessagesFrom(call, *chat);
        if (method == Method::Post)
            return appendMessage(call, *chat);
        return call.error(405, tr("Use POST or DELETE."));
    }
    if (parts.size() == 4 && parts.at(2) == QLatin1String("messages")) { // chats/<uuid>/messages/<N>
        if (method == Method::Delete)
            return deleteMessage(call, *chat, parts.at(3));
        return call.error(405, tr("Use DELETE."));
    }
    call.error(404, tr("Unknown API path. See /api/v1/chats."));
}

void HistoryApi::listChats(const Call &call)
{
    const QUrlQuery query(call.request.url());
    const int offset = qMax(0, query.queryItemValue(QStringLiteral("offset")).toInt());
    int limit = query.queryItemValue(QStringLiteral("limit")).toInt();
    limit = limit <= 0 ? 100 : qMin(limit, MaxPage);
    const QString filter = query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded);
    QJsonArray chats;
    if (ChatSearch::matchExpression(filter).isEmpty()) {
        const auto list = m_store->listChats(offset, limit);
        for (const ChatSummary &chat : list)
            chats.append(chatJson(chat));
        return call.answer(200, {{QStringLiteral("chats"), chats}, {QStringLiteral("total"), m_store->countChats()}});
    }
    // Searches run on m_searchers, each thread with its own connection to chats.db (WAL lets it
    // read while the window writes), never on the server's thread: a search of a large history
    // takes tens of milliseconds, which every other client's stream would wait for.
    const QString path = m_store->path();
    if (path.isEmpty())
        return call.answer(200, searchJson(m_store, filter, offset, limit));
    answerFromPool(m_searchers, std::move(call.responder), call.context.responseHeaders, [path, filter, offset, limit] {
        g_searchHook.run();
        return QPair<int, QJsonObject>(200, searchJson(ChatStore::forThisThread(path), filter, offset, limit));
    });
}

void HistoryApi::createChat(const Call &call)
{
    const ChatSummary chat = m_store->createChat(call.body.value(QStringLiteral("title")).toString().left(200),
                                                 call.body.value(QStringLiteral("model")).toString());
    if (!chat.id)
        return call.error(500, tr("The chat could not be stored."));
    call.answer(201, chatJson(chat));
}

void HistoryApi::getChat(const Call &call, const ChatSummary &chat)
{
    QJsonObject json = chatJson(chat);
    QJsonArray messages;
    const auto list = m_store->messages(chat.id);
    for (const ChatMessage &message : list)
        messages.append(ChatTranscript::messageJson(message, ChatTranscript::MessageShape::Api));
    json.insert(QStringLiteral("messages"), messages);
    call.answer(200, json);
}

void HistoryApi::patchChat(const Call &call, const ChatSummary &chat)
{
    if (call.body.contains(QStringLiteral("title")))
        m_store->renameChat(chat.id, call.body.value(QStringLiteral("title")).toString().left(200));
    if (call.body.contains(QStringLiteral("model")))
        m_store->setChatModel(chat.id, call.body.value(QStringLiteral("model")).toString());
    if (call.body.contains(QStringLiteral("system_prompt")))
        m_store->setSystemPrompt(chat.id, call.body.value(QStringLiteral("system_prompt")).toString());
    call.answer(200, chatJson(*m_store->chat(chat.id)));
}

void HistoryApi::deleteChat(const Call &call, const ChatSummary &chat)
{
    m_store->deleteChat(chat.id);
    call.answer(200, {{QStringLiteral("deleted"), chat.uuid}});
}

void HistoryApi::appendMessage(const Call &call, const ChatSummary &chat)
{
    const QJsonObject &body = call.body;
    const QString role = body.value(QStringLiteral("role")).toString();
    if (role != QLatin1String("user") && role != QLatin1String("assistant") && role != QLatin1String("system"))
        return call.error(400, tr("\"role\" must be user, assistant or system."));
    if (!body.value(QStringLiteral("content")).isString())
        return call.error(400, tr("\"content\" must be text."));
    QStringList images;
    for (const QJsonValue &image : body.value(QStringLiteral("images")).toArray())
        images.append(image.toString());
    QString attachmentError;
    const auto attachments = Attachments::fromJson(body.value(QStringLiteral("attachments")), &attachmentError);
    if (!attachments || !Attachments::checkTotal(*attachments, &attachmentError))
        return call.error(400, attachmentError);
    auto message = m_store->appendMessage(chat.id, role, body.value(QStringLiteral("content")).toString(),
                                          ChatStore::statusFromName(body.value(QStringLiteral("status")).toString()),
                                          body.value(QStringLiteral("model")).toString(), images, *attachments);
    if (!message)
        return call.error(500, tr("The message could not be stored."));
    const QString thinking = body.value(QStringLiteral("thinking")).toString();
    const QString failure = body.value(QStringLiteral("error")).toString();
    if (!thinking.isEmpty() || !failure.isEmpty()) {
        m_store->updateMessage(message->id, message->content, thinking, message->status, failure);
        message->thinking = thinking;
        message->error = failure;
    }
    call.answer(201, ChatTranscript::messageJson(*message, ChatTranscript::MessageShape::Api));
}

void HistoryApi::deleteMessagesFrom(const Call &call, const ChatSummary &chat)
{
    // ?from=N: that message and every one after it (edit and resend)
    bool ok = false;
    const int from = QUrlQuery(call.request.url()).queryItemValue(QStringLiteral("from")).toInt(&ok);
    if (!ok || from < 0)
        return call.error(400, tr("Say from which position to delete: ?from=N."));
    if (!m_store->truncateChat(chat.id, from))
        return call.error(500, tr("The messages could not be deleted."));
    call.answer(200, {{QStringLiteral("deleted_from"), from}});
}

void HistoryApi::deleteMessage(const Call &call, const ChatSummary &chat, const QString &position)
{
    bool ok = false;
    const int wanted = position.toInt(&ok);
    const auto list = ok ? m_store->messages(chat.id) : QList<ChatMessage>();
    const auto found = std::find_if(list.cbegin(), list.cend(), [wanted](const ChatMessage &m) { return m.position == wanted; });
    if (found == list.cend())
        return call.error(404, tr("There is no message %1 in this chat.").arg(position));
    if (!m_store->deleteMessage(found->id))
        return call.error(500, tr("The message could not be deleted."));
    call.answer(200, {{QStringLiteral("deleted"), wanted}});
}

void HistoryApi::extract(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    const auto answer = [&](int status, const QString &message) {
        Http::writeJson(responder, status, {{QStringLiteral("error"), message}}, context.responseHeaders);
    };
    if (request.method() != QHttpServerRequest::Method::Post)
        return answer(405, tr("Use POST with the file as the body."));
    const QString name = QUrlQuery(request.url()).queryItemValue(QStringLiteral("name"), QUrl::FullyDecoded)
                             .section(QLatin1Char('/'), -1).left(255);
    if (name.isEmpty())
        return answer(400, tr("Say the file's name: ?name=<file name>."));
    // Poppler runs on the pool, never on the server's thread, so other clients' streams go on.
    answerFromPool(m_extractors, std::move(responder), context.responseHeaders,
                   [name, body = request.body()] { return extractAttachment(name, body); });
}

void HistoryApi::answerFromPool(QThreadPool &pool, QHttpServerResponder &&responder, const HttpHeaders &headers,
                                std::function<QPair<int, QJsonObject>()> work)
{
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket = held->socket();
    pool.start([this, held, socket, headers, work = std::move(work)] {
        const auto [status, json] = work();
        // Written back on this (the server's) thread, if the client is still there.
        QMetaObject::invokeMethod(this, [held, socket, headers, status = status, json = json] {
            if (socket)
                Http::writeJson(*held, status, json, headers);
        }, Qt::QueuedConnection);
    });
}

} // namespace Corral
