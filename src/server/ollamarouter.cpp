// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ollamarouter.h"

#include "core/ollamacall.h"
#include "core/ollamaservers.h"
#include "server/guardedtcpserver.h"
#include "server/httpsupport.h"
#include "server/ollamaproxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QVersionNumber>

#include <memory>

Q_LOGGING_CATEGORY(lcRouter, "corral.server.router", QtInfoMsg)

namespace Corral {

namespace {

QString key(const char *name)
{
    return QString::fromLatin1(name);
}

/// The route as Ollama's router matches it: no query, lower case, no trailing slash.
QByteArray routeOf(const QByteArray &pathAndQuery)
{
    QByteArray path = pathAndQuery;
    if (const qsizetype query = path.indexOf('?'); query >= 0)
        path.truncate(query);
    path = QByteArray::fromPercentEncoding(path).toLower();
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    return path;
}

bool namesModel(const QByteArray &route)
{
    static const QList<QByteArray> routes{"/api/chat",           "/api/generate",   "/api/embed",
                                          "/api/embeddings",     "/api/show",       "/v1/chat/completions",
                                          "/v1/completions",     "/v1/embeddings",  "/v1/responses",
                                          "/v1/messages"};
    return routes.contains(route);
}

/// Download and build routes: one server, the one chosen for downloads.
bool isDownloadRoute(const QByteArray &route)
{
    return route == "/api/pull" || route == "/api/push" || route == "/api/create" || route.startsWith("/api/blobs/");
}

QJsonArray namesOf(const OllamaServers &servers, const QList<int> &indexes)
{
    QJsonArray names;
    for (int index : indexes)
        names.append(servers.displayName(index));
    return names;
}

} // namespace

/// One request sent to several servers at once, answered when all have answered.
class FanOut final : public QObject
{
public:
    struct Result
    {
        int index = -1;
        int status = 0;
        QByteArray body;
        OllamaFailure failure;
    };

    FanOut(OllamaRouter *router, QHttpServerResponder &&responder, const RequestContext &context,
           OllamaRouter::Merge merge)
        : QObject(router)
        , m_router(router)
        , m_responder(std::move(responder))
        , m_socket(m_responder.socket())
        , m_context(context)
        , m_merge(merge)
    {
        GuardedTcpServer::markBusy(m_socket, this, [this] { abort(); });
    }

    ~FanOut() override
    {
        if (m_socket)
            GuardedTcpServer::markIdle(m_socket, this);
        qDeleteAll(m_calls);
    }

    void start(OllamaServers *servers, const QList<int> &indexes, const OllamaConnection::Request &request)
    {
        m_servers = servers;
        m_results.resize(indexes.size());
        for (qsizetype i = 0; i < indexes.size(); ++i) {
            m_results[i].index = indexes.at(i);
            OllamaConnection *connection = servers->connection(indexes.at(i));
            if (!connection) {
                m_results[i].failure.kind = OllamaFailure::Kind::Unreachable;
                continue;
            }
            OllamaCall *call = connection->send(request);
            call->setParent(nullptr);
            m_calls.append(call);
            ++m_pending;
            connect(call, &OllamaCall::finished, this, [this, call, connection, i] {
                Result &result = m_results[i];
                result.status = call->hasResponseStarted() ? call->status() : 0;
                result.body = call->readAll();
                result.failure = call->failure();
                if (m_servers && result.failure.isFailure())
                    m_servers->reportFailure(connection, result.failure);
                else if (m_servers && call->hasResponseStarted())
                    m_servers->reportSuccess(connection);
                if (--m_pending == 0 && !m_aborted)
                    answer();
            });
        }
        if (m_pending == 0)
            answer();
    }

    void abort()
    {
        if (m_aborted)
            return;
        m_aborted = true;
        for (OllamaCall *call : std::as_const(m_calls)) {
            if (!call->isFinished())
                call->abort();
        }
        m_router->fanOutDone(this);
    }

private:
    void answer()
    {
        if (!m_servers) {
            write(503, {{key("error"), OllamaRouter::tr("Corral is shutting down.")}});
            return;
        }
        QList<const Result *> good;
        const Result *firstBad = nullptr;
        for (const Result &result : std::as_const(m_results)) {
            if (!result.failure.isFailure() && result.status >= 200 && result.status < 300)
                good.append(&result);
            else if (!firstBad)
                firstBad = &result;
        }
        switch (m_merge) {
        case OllamaRouter::Merge::Each:
            answerEach(good, firstBad);
            return;
        default:
            break;
        }
        if (good.isEmpty()) {
            forwardFailure(firstBad);
            return;
        }
        switch (m_merge) {
        case OllamaRouter::Merge::Version: {
            QStringList versions;
            for (const Result *result : std::as_const(good))
                versions.append(QJsonDocument::fromJson(result->body).object().value(key("version")).toString());
            write(200, {{key("version"), OllamaRouter::lowestVersion(versions)}});
            return;
        }
        case OllamaRouter::Merge::OpenAiModels:
            write(200, {{key("object"), key("list")}, {key("data"), mergedList(good, "data", "id")}});
            return;
        case OllamaRouter::Merge::Tags:
        case OllamaRouter::Merge::Running:
            write(200, {{key("models"), mergedList(good, "models", "name")}});
            return;
        case OllamaRouter::Merge::Each:
            break;
        }
    }

    /// Each entry once (by @p idField, as Ollama names models), with the servers that list it.
    QJsonArray mergedList(const QList<const Result *> &results, const char *listField, const char *idField) const
    {
        QJsonArray merged;
        QHash<QString, qsizetype> seen;
        for (const Result *result : results) {
            const QString server = m_servers->displayName(result->index);
            const QJsonArray entries = QJsonDocument::fromJson(result->body).object().value(key(listField)).toArray();
            for (const QJsonValue &value : entries) {
                QJsonObject entry = value.toObject();
                const QString id = OllamaServers::normalizedModel(entry.value(key(idField)).toString());
                if (const auto it = seen.constFind(id); it != seen.cend()) {
                    QJsonObject known = merged.at(*it).toObject();
                    QJsonArray servers = known.value(key("servers")).toArray();
                    servers.append(server);
                    known.insert(key("servers"), servers);
                    merged.replace(*it, known);
                    continue;
                }
                entry.insert(key("servers"), QJsonArray{server});
                seen.insert(id, merged.size());
                merged.append(entry);
            }
        }
        return merged;
    }

    /// Copy and delete: done on every server that has the model; the answer names them.
    void answerEach(const QList<const Result *> &good, const Result *firstBad)
    {
        QList<int> done;
        for (const Result *result : good)
            done.append(result->index);
        if (!firstBad) {
            write(200, {{key("servers"), namesOf(*m_servers, done)}});
            return;
        }
        QJsonObject body = firstBad->failure.isFailure() ? firstBad->failure.toJson()
                                                         : QJsonDocument::fromJson(firstBad->body).object();
        if (!body.contains(key("error")))
            body.insert(key("error"), OllamaRouter::tr("Ollama answered HTTP %1").arg(firstBad->status));
        body.insert(key("server"), m_servers->displayName(firstBad->index));
        body.insert(key("servers"), namesOf(*m_servers, done));
        write(firstBad->failure.isFailure() ? firstBad->failure.httpStatus() : firstBad->status, body);
    }

    void forwardFailure(const Result *result)
    {
        if (!result) {
            write(503, {{key("error"), OllamaRouter::tr("No Ollama server is enabled.")}});
            return;
        }
        if (result->failure.isFailure()) {
            qCInfo(lcRouter).noquote() << result->failure.message();
            write(result->failure.httpStatus(), result->failure.toJson());
            return;
        }
        const QJsonDocument document = QJsonDocument::fromJson(result->body);
        write(result->status, document.isObject()
                                  ? document.object()
                                  : QJsonObject{{key("error"), OllamaRouter::tr("Ollama answered HTTP %1").arg(result->status)}});
    }

    void write(int status, const QJsonObject &json)
    {
        if (!Http::isWritable(m_socket)) {
            m_router->fanOutDone(this);
            return;
        }
        if (status == 200 && m_merge != OllamaRouter::Merge::Version && m_context.keyLimits.restrictsModels()) {
            QJsonObject filtered = json; // a key limited to some models sees only those
            m_context.keyLimits.filterModelList(&filtered);
            Http::writeJson(m_responder, status, filtered, m_context.responseHeaders);
        } else {
            Http::writeJson(m_responder, status, json, m_context.responseHeaders);
        }
        m_router->fanOutDone(this);
    }

    OllamaRouter *m_router;
    QPointer<OllamaServers> m_servers;
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    RequestContext m_context;
    OllamaRouter::Merge m_merge;
    QList<Result> m_results;
    QList<OllamaCall *> m_calls;
    int m_pending = 0;
    bool m_aborted = false;
};

OllamaRouter::OllamaRouter(OllamaProxy *proxy)
    : QObject(nullptr)
    , m_proxy(proxy)
{
}

OllamaRouter::~OllamaRouter()
{
    qDeleteAll(std::exchange(m_fanOuts, {}));
}

int OllamaRouter::splitIndex(const QByteArray &upstreamPath, QByteArray *rest)
{
    if (!isIndexed(upstreamPath))
        return -1;
    qsizetype end = 1;
    while (end < upstreamPath.size() && upstreamPath.at(end) >= '0' && upstreamPath.at(end) <= '9')
        ++end;
    if (end < upstreamPath.size() && upstreamPath.at(end) != '/' && upstreamPath.at(end) != '?')
        return -1; // "/1abc" is a path, not an index
    if (end - 1 > 4)
        return -1;
    *rest = upstreamPath.mid(end);
    if (rest->isEmpty() || rest->startsWith('?'))
        rest->prepend('/');
    return upstreamPath.mid(1, end - 1).toInt();
}

QString OllamaRouter::modelIn(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString model = object.value(key("model")).toString();
    return model.isEmpty() ? object.value(key("name")).toString() : model;
}

void OllamaRouter::appendServerHeaders(QByteArray &lines, const OllamaServers &servers, int index)
{
    Http::appendHeader(lines, ServerHeader, QUrl::toPercentEncoding(servers.displayName(index), " :/@"));
    Http::appendHeader(lines, ServerIndexHeader, QByteArray::number(index));
}

QString OllamaRouter::lowestVersion(const QStringList &versions)
{
    QString lowest;
    QVersionNumber lowestNumber;
    for (const QString &version : versions) {
        if (version.isEmpty())
            continue;
        const QVersionNumber number = QVersionNumber::fromString(version);
        if (lowest.isEmpty() || number < lowestNumber) {
            lowest = version;
            lowestNumber = number;
        }
    }
    return lowest;
}

void OllamaRouter::route(QHttpServerResponder &&responder, const RequestContext &context,
                         OllamaConnection::Request upstream)
{
    if (!m_servers) {
        Http::writeJson(responder, 503, {{key("error"), tr("Corral is shutting down.")}}, context.responseHeaders);
        return;
    }
    // /ollama/<n>/...: that server and no other.
    QByteArray rest;
    const int index = splitIndex(upstream.pathAndQuery, &rest);
    if (index >= 0) {
        if (!m_servers->connection(index)) {
            Http::writeJson(responder, 404,
                            {{key("error"), tr("There is no enabled Ollama server %1: %2 are configured, numbered from 0.")
                                                .arg(index)
                                                .arg(m_servers->count())}},
                            context.responseHeaders);
            return;
        }
        upstream.pathAndQuery = rest;
        m_proxy->forward(std::move(responder), context, upstream, {index});
        return;
    }

    const QByteArray route = routeOf(upstream.pathAndQuery);
    const bool get = upstream.method == "GET";
    const QList<int> enabled = m_servers->enabledIndexes();
    if (get && (route == "/api/tags" || route == "/v1/models" || route == "/api/ps" || route == "/api/version")) {
        const Merge merge = route == "/api/tags"    ? Merge::Tags
                          : route == "/v1/models" ? Merge::OpenAiModels
                          : route == "/api/ps"    ? Merge::Running
                                                  : Merge::Version;
        fanOut(std::move(responder), context, upstream, enabled, merge);
        return;
    }
    if (get && route.startsWith("/v1/models/")) {
        const QString model = QString::fromUtf8(route.mid(qstrlen("/v1/models/")));
        routeByModel(std::move(responder), context, upstream, model, false);
        return;
    }
    if (upstream.method == "POST" && namesModel(route)) {
        routeByModel(std::move(responder), context, upstream, modelIn(upstream.body), false);
        return;
    }
    if (isDownloadRoute(route)) {
        m_proxy->forward(std::move(responder), context, upstream, {m_servers->pullServer()});
        return;
    }
    const bool copy = upstream.method == "POST" && route == "/api/copy";
    if (copy || (upstream.method == "DELETE" && route == "/api/delete")) {
        const QJsonObject body = QJsonDocument::fromJson(upstream.body).object();
        const QString model = copy ? body.value(key("source")).toString() : modelIn(upstream.body);
        const QList<int> servers = m_servers->serversWith(model);
        if (servers.isEmpty() || model.isEmpty()) {
            if (model.isEmpty())
                m_proxy->forward(std::move(responder), context, upstream, {m_servers->pullServer()}); // Ollama's 400
            else
                notFound(responder, context, route, model);
            return;
        }
        fanOut(std::move(responder), context, upstream, servers, Merge::Each);
        return;
    }
    // Anything else ("/", HEAD, routes Corral does not know): any server that answers.
    QList<int> order;
    for (int i : enabled) {
        if (m_servers->health(i) != OllamaServers::Health::Down)
            order.append(i);
    }
    for (int i : enabled) {
        if (m_servers->health(i) == OllamaServers::Health::Down)
            order.append(i);
    }
    m_proxy->forward(std::move(responder), context, upstream, order);
}

void OllamaRouter::routeByModel(QHttpServerResponder &&responder, const RequestContext &context,
                                const OllamaConnection::Request &upstream, const QString &model, bool asked)
{
    if (model.trimmed().isEmpty()) {
        // Ollama's own 400 ("model is required") from the first server.
        m_proxy->forward(std::move(responder), context, upstream, {m_servers->pullServer()});
        return;
    }
    const QList<int> candidates = m_servers->candidatesFor(model);
    if (!candidates.isEmpty()) {
        m_proxy->forward(std::move(responder), context, upstream, candidates);
        return;
    }
    if (asked) {
        notFound(responder, context, routeOf(upstream.pathAndQuery), model);
        return;
    }
    // Not listed anywhere: the model may have just been pulled; ask every server once more.
    auto held = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket(held->socket());
    m_servers->refreshModels(this, [this, held, socket, context, upstream, model] {
        if (!Http::isWritable(socket) || !m_servers)
            return;
        routeByModel(std::move(*held), context, upstream, model, true);
    });
}

void OllamaRouter::notFound(QHttpServerResponder &responder, const RequestContext &context, const QByteArray &path,
                            const QString &model)
{
    // Ollama's own wording for embed (ollama-api.md), the one the issue asks every route to use.
    const QString message = QStringLiteral("model \"%1\" not found, try pulling it first").arg(model);
    Http::writeJson(responder, 404, OllamaProxy::errorBody(path, message, QStringLiteral("not_found_error")),
                    context.responseHeaders);
}

void OllamaRouter::fanOut(QHttpServerResponder &&responder, const RequestContext &context,
                          const OllamaConnection::Request &upstream, const QList<int> &servers, Merge merge)
{
    auto *fanOut = new FanOut(this, std::move(responder), context, merge);
    m_fanOuts.append(fanOut);
    fanOut->start(m_servers, servers, upstream);
}

void OllamaRouter::fanOutDone(FanOut *fanOut)
{
    if (m_fanOuts.removeAll(fanOut) > 0)
        fanOut->deleteLater();
}

void OllamaRouter::abortAll()
{
    const auto fanOuts = m_fanOuts;
    for (FanOut *fanOut : fanOuts)
        fanOut->abort();
}

} // namespace Corral
