// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/ollamaproxy.h"

#include "core/ollamacall.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "server/access/accesscontrol.h"
#include "server/activity.h"
#include "server/tokenmeter.h"
#include "server/guardedtcpserver.h"
#include "server/keylimitcheck.h"
#include "server/httpsupport.h"
#include "server/routes.h"
#include "server/ollamarouter.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcProxy, "corral.server.proxy", QtInfoMsg)

namespace Corral {

namespace {

// Back-pressure: stop reading from Ollama while this much waits for a slow client.
constexpr qint64 HighWaterBytes = 1024 * 1024;

// RFC 9110 §7.6.1: hop-by-hop headers are not forwarded.
bool isHopByHop(QByteArrayView name)
{
    return isHeaderNameIn(name, {"connection", "keep-alive", "proxy-connection", "proxy-authenticate",
                                 "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade"});
}

QList<QByteArray> connectionTokens(const HttpHeaders &headers)
{
    QList<QByteArray> tokens;
    for (const auto &[name, value] : headers) {
        if (isHeaderNameIn(name, {"connection"}))
            forEachListItem(value, [&tokens](QByteArrayView item) { tokens.append(item.toByteArray().toLower()); });
    }
    return tokens;
}

} // namespace

/// One proxied request: the client's responder on one side, the OllamaCall on the other.
class ProxyExchange final : public QObject, private OllamaCall::Observer
{
public:
    ProxyExchange(OllamaProxy *proxy, QHttpServerResponder &&responder, const RequestContext &context,
                  bool headRequest, bool filterModels)
        : QObject(proxy)
        , m_proxy(proxy)
        , m_responder(std::move(responder))
        , m_socket(m_responder.socket())
        , m_responseHeaders(context.responseHeaders) // with "Connection: close" if closeAfter
        , m_head(headRequest)
        , m_http10(context.http10)
        , m_closeAfter(context.closeAfter)
        , m_filterModels(filterModels)
    {
        if (filterModels)
            m_limits = context.keyLimits;
        // A client that leaves mid-stream stops Ollama at once (qt64-notes: ~0.1 s). The
        // connection's guard tells us, so nothing connects to the socket per request.
        [[maybe_unused]] const bool guarded =
            GuardedTcpServer::markBusy(m_socket, this, [this] { clientGone(); });
        Q_ASSERT(guarded); // LocalServer listens with guarded servers only
    }

    ~ProxyExchange() override
    {
        if (!m_done && m_socket)
            GuardedTcpServer::markIdle(m_socket, this);
        delete m_call;
        if (Activity *activity = m_proxy->m_activity; m_live && activity)
            activity->end(std::exchange(m_live, nullptr));
    }

    void start(OllamaConnection *connection, const OllamaConnection::Request &request, ActivityEntry entry)
    {
        track(request, std::move(entry));
        send(connection, request);
    }

    /// Registers the exchange in the activity view (once, however many servers it tries).
    void track(const OllamaConnection::Request &request, ActivityEntry entry)
    {
        m_meter.setCountsExpected(AccessControl::isInferenceRoute(request.pathAndQuery));
        if (Activity *activity = m_proxy->m_activity)
            m_live = activity->begin(std::move(entry), [this] { abort(tr("Stopped in Corral's activity view.")); });
    }

    void send(OllamaConnection *connection, const OllamaConnection::Request &request)
    {
        m_call = connection->send(request);
        m_call->setParent(nullptr); // owned by this exchange
        m_call->setReadBufferSize(HighWaterBytes);
        m_call->setObserver(this); // the call goes with this exchange
    }

    /// Several servers: tries @p candidates in order until one answers (OllamaRouter).
    void startRouted(OllamaServers *servers, const QList<int> &candidates, const OllamaConnection::Request &request,
                     ActivityEntry entry)
    {
        track(request, std::move(entry));
        m_routing = std::make_unique<Routing>(Routing{servers, candidates, request, nullptr, -1});
        startNext();
    }

    /// Corral stops (shutdown, listener restart, Stop in the activity view): end the client's
    /// response cleanly too, with @p reason (empty: the server stops).
    void abort(const QString &reason = QString())
    {
        m_stopping = true;
        m_stopReason = reason;
        if (m_call && !m_call->isFinished())
            m_call->abort();
    }

private:
    void responseStarted(int status) override
    {
        if (m_routing && m_routing->servers)
            m_routing->servers->reportSuccess(m_routing->upstream);
        if (m_live)
            m_live->entry.status = status;
        m_meter.setFailed(status >= 400);
        // A key limited to some models gets the model list with only those: the answer is
        // read whole (a small JSON) and filtered before its head goes out.
        if (m_filterModels && status == 200 && !m_head) {
            m_collecting = true;
            m_collectedStatus = status;
            return;
        }
        writeHead(status);
    }

    void startNext()
    {
        Routing &routing = *m_routing;
        OllamaConnection *connection = nullptr;
        while (!connection && !routing.candidates.isEmpty() && routing.servers) {
            routing.index = routing.candidates.takeFirst();
            connection = routing.servers->connection(routing.index);
        }
        if (!connection) { // the list changed under us
            Http::writeJson(m_responder, 503, {{QStringLiteral("error"), tr("The Ollama servers were reconfigured; try again.")}},
                            m_responseHeaders);
            done(true);
            return;
        }
        routing.upstream = connection;
        send(connection, routing.request);
    }

    /// Not one byte of the answer arrived: the next server with the model gets the request.
    /// (Once the head is out, a broken stream ends with the error line, never retried.)
    bool failedOver()
    {
        if (!m_routing || !m_routing->servers)
            return false;
        const OllamaFailure &failure = m_call->failure();
        if (failure.kind == OllamaFailure::Kind::Cancelled)
            return false;
        if (failure.isFailure()) {
            m_routing->servers->reportFailure(m_routing->upstream, failure);
        } else if (!m_call->hasResponseStarted()) {
            OllamaFailure closed = failure;
            closed.kind = OllamaFailure::Kind::Unreachable;
            closed.reason = tr("Ollama closed the connection without answering");
            m_routing->servers->reportFailure(m_routing->upstream, closed);
        }
        if (m_headWritten || m_stopping || m_call->hasResponseStarted() || m_routing->candidates.isEmpty())
            return false;
        m_call->setObserver(nullptr);
        m_call->deleteLater(); // we are inside its finished()
        m_call = nullptr;
        startNext();
        return true;
    }
    void dataAvailable() override { pump(); }
    void finished() override { upstreamFinished(); }

    void writeHead(int status)
    {
        if (!Http::isWritable(m_socket))
            return;
        const HttpHeaders &upstream = m_call->responseHeaders();
        const QList<QByteArray> named = connectionTokens(upstream);
        m_contentType = Http::headerValue(upstream, "content-type").toLower();
        m_meter.setContentType(m_contentType);
        const bool bodyless = m_head || status == 204 || status == 304 || status < 200;
        // A body Ollama sent with Content-Length goes out as it came, with that length. Others
        // (chunked: every stream) are re-framed as chunked, or, for an HTTP/1.0 client, which
        // cannot read chunks (RFC 9112 §6.1), end where the connection closes.
        const qint64 length = m_lengthOverride >= 0 ? m_lengthOverride : m_call->bodyLength();
        if (bodyless)
            m_framing = Framing::None;
        else if (length >= 0)
            m_framing = Framing::Length;
        else
            m_framing = m_http10 ? Framing::UntilClose : Framing::Chunked;

        QByteArray lines;
        lines.reserve(768); // under glibc's large-chunk size, which would consolidate its fast bins
        // HEAD and 304 answers keep Ollama's Content-Length: the length a GET would get.
        const bool keepLength = m_framing == Framing::None && (m_head || status == 304);
        for (const auto &[name, value] : upstream) {
            const bool dropped = OllamaProxy::isDroppedResponseHeader(name) || isHeaderNameIn(name, named);
            if (!dropped || (keepLength && isHeaderNameIn(name, {"content-length"})))
                Http::appendHeader(lines, name, value);
        }
        for (const auto &[name, value] : m_responseHeaders)
            Http::appendHeader(lines, name, value);
        if (m_routing && m_routing->servers)
            OllamaRouter::appendServerHeaders(lines, *m_routing->servers, m_routing->index);
        // Tell an nginx in front of Corral not to buffer either.
        Http::appendHeader(lines, "X-Accel-Buffering", "no");
        if (m_framing == Framing::Length)
            Http::appendHeader(lines, "Content-Length", QByteArray::number(length));
        else if (m_framing == Framing::Chunked)
            Http::appendHeader(lines, "Transfer-Encoding", "chunked");
        // The head waits in the socket's buffer for the first piece of the body (or the end).
        Http::writeHead(m_responder, status, std::move(lines));
        m_headWritten = true;
    }

    void pump()
    {
        if (m_collecting) {
            collect();
            return;
        }
        if (!m_call || !m_headWritten)
            return;
        if (!Http::isWritable(m_socket)) {
            clientGone();
            return;
        }
        bool wrote = false;
        while (m_call->bytesAvailable() > 0 && m_socket->bytesToWrite() < HighWaterBytes) {
            const QByteArray data = m_call->read(256 * 1024);
            if (data.isEmpty())
                break;
            if (m_live) {
                m_meter.feed(data);
                m_live->entry.tokensOut = m_meter.tokensOut();
            }
            if (m_framing != Framing::None) {
                m_socket->write(m_framing == Framing::Chunked ? Http::chunk(data) : data);
                wrote = true;
            }
        }
        if (m_call->bytesAvailable() > 0 && !m_watchingWrites) {
            // A slow client: go on once it has taken some (most answers never get here).
            m_watchingWrites = true;
            connect(m_socket, &QTcpSocket::bytesWritten, this, &ProxyExchange::pump);
        }
        if (m_upstreamDone && m_call->bytesAvailable() == 0)
            finish();
        else if (wrote && !m_call->isEnding() && Http::isWritable(m_socket))
            m_socket->flush(); // the token leaves now, not on the next event-loop pass
        // (The last bytes wait for finish(): with the terminating chunk, one write instead of two.)
    }

    void upstreamFinished()
    {
        if (m_routing && failedOver())
            return;
        m_upstreamDone = true;
        const OllamaFailure &failure = m_call->failure();
        if (failure.kind == OllamaFailure::Kind::Cancelled && !m_stopping) {
            done(true); // the client went away: nobody to answer
            return;
        }
        if (!m_headWritten && !m_collecting) {
            if (m_stopping) {
                const QString reason = m_stopReason.isEmpty() ? tr("Corral's local server is stopping.") : m_stopReason;
                Http::writeJson(m_responder, 503, {{QStringLiteral("error"), reason}}, m_responseHeaders);
            } else if (failure.isFailure()) {
                qCInfo(lcProxy).noquote() << failure.message();
                Http::writeJson(m_responder, failure.httpStatus(), failure.toJson(), m_responseHeaders);
            } else {
                // Finished without a status line: nothing we can forward faithfully.
                OllamaFailure broken = failure;
                broken.kind = OllamaFailure::Kind::Unreachable;
                broken.reason = tr("Ollama closed the connection without answering");
                Http::writeJson(m_responder, 502, broken.toJson(), m_responseHeaders);
            }
            done(failure.isFailure());
            return;
        }
        pump();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        const OllamaFailure &failure = m_call->failure();
        if (failure.isFailure())
            qCInfo(lcProxy).noquote() << failure.message();
        if (Http::isWritable(m_socket)) {
            switch (m_framing) {
            case Framing::Chunked:
                if (failure.isFailure())
                    m_socket->write(Http::chunk(errorTail(failure)));
                m_socket->write(Http::chunk(QByteArray()));
                break;
            case Framing::UntilClose: // the connection closes in done()
                if (failure.isFailure())
                    m_socket->write(errorTail(failure));
                break;
            case Framing::Length:
                // Short of its announced length: closing the connection is how HTTP tells the
                // client that the body broke off.
                if (failure.isFailure())
                    m_closeAfter = true;
                break;
            case Framing::None:
                break;
            }
            m_socket->flush();
        }
        done(failure.isFailure());
    }

    /// The last line of a broken stream, in the stream's own format, so clients show it.
    QByteArray errorTail(const OllamaFailure &failure) const
    {
        QJsonObject json = failure.toJson();
        if (m_stopping)
            json.insert(QStringLiteral("error"),
                        m_stopReason.isEmpty() ? tr("Corral's local server stopped during the answer.") : m_stopReason);
        if (m_contentType.startsWith("text/event-stream")) {
            const QJsonObject openAi{{QStringLiteral("error"),
                                      QJsonObject{{QStringLiteral("message"), json.value(QStringLiteral("error")).toString()},
                                                  {QStringLiteral("type"), QStringLiteral("api_error")}}}};
            return "data: " + QJsonDocument(openAi).toJson(QJsonDocument::Compact) + "\n\n";
        }
        return QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
    }

    void clientGone()
    {
        // Once: the call's end may bring us back here (its last bytes find the client gone).
        if (m_done || m_clientGone)
            return;
        m_clientGone = true;
        if (m_call && !m_call->isFinished()) {
            m_call->abort(); // finished() arrives synchronously and ends the exchange
            return;
        }
        done(true);
    }

    /// The model list for a key limited to some models: read whole, then answered filtered.
    void collect()
    {
        while (m_call->bytesAvailable() > 0)
            m_collected += m_call->read(256 * 1024);
        if (!m_upstreamDone)
            return;
        m_collecting = false;
        if (m_call->failure().isFailure()) {
            Http::writeJson(m_responder, m_call->failure().httpStatus(), m_call->failure().toJson(), m_responseHeaders);
            done(true);
            return;
        }
        const QByteArray body = m_limits.filterModelList(m_collected);
        m_lengthOverride = body.size();
        writeHead(m_collectedStatus);
        if (Http::isWritable(m_socket))
            m_socket->write(body);
        m_meter.feed(body);
        finish();
    }

    void done(bool aborted)
    {
        if (m_done)
            return;
        m_done = true;
        if (m_live) {
            m_meter.finish();
            ActivityEntry &entry = m_live->entry;
            entry.tokensIn = m_meter.tokensIn();
            entry.tokensOut = m_meter.tokensOut();
            if (m_call && m_call->failure().isFailure()) {
                entry.error = m_stopReason.isEmpty() ? m_call->failure().message() : m_stopReason;
                if (entry.status == 0)
                    entry.status = m_stopping ? 503 : m_call->failure().httpStatus();
            } else if (entry.status >= 400) {
                entry.error = m_meter.errorMessage();
            }
            if (m_clientGone && entry.error.isEmpty())
                entry.error = tr("The client went away.");
            if (Activity *activity = m_proxy->m_activity)
                activity->end(std::exchange(m_live, nullptr));
        }
        if (m_socket) {
            // Spent: nothing on the client's socket concerns us any more.
            GuardedTcpServer::markIdle(m_socket, this);
            if (m_watchingWrites)
                disconnect(m_socket, &QTcpSocket::bytesWritten, this, &ProxyExchange::pump);
        }
        if (m_closeAfter && Http::isWritable(m_socket))
            m_socket->disconnectFromHost();
        m_proxy->exchangeDone(this, aborted);
    }

    struct Routing
    {
        QPointer<OllamaServers> servers;
        QList<int> candidates; // still to try
        OllamaConnection::Request request;
        OllamaConnection *upstream;
        int index;
    };

    OllamaProxy *m_proxy;
    std::unique_ptr<Routing> m_routing; // several servers only
    QHttpServerResponder m_responder;
    QPointer<QTcpSocket> m_socket;
    HttpHeaders m_responseHeaders;
    OllamaCall *m_call = nullptr;
    QByteArray m_contentType;
    enum class Framing { None, Length, Chunked, UntilClose };
    Framing m_framing = Framing::None;
    bool m_head = false;
    bool m_http10 = false;
    bool m_headWritten = false;
    bool m_upstreamDone = false;
    bool m_finished = false;
    bool m_done = false;
    bool m_stopping = false;
    bool m_closeAfter = false;
    bool m_watchingWrites = false;
    bool m_clientGone = false;
    bool m_filterModels = false;
    bool m_collecting = false;
    int m_collectedStatus = 0;
    qint64 m_lengthOverride = -1;
    QByteArray m_collected;
    KeyLimits m_limits;
    QString m_stopReason;
    Activity::Live *m_live = nullptr;
    TokenMeter m_meter;
};

OllamaProxy::OllamaProxy(OllamaConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_router(std::make_unique<OllamaRouter>(this))
{
    m_reaper.setSingleShot(true);
    m_reaper.setInterval(1000);
    m_reaper.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_reaper, &QTimer::timeout, this, &OllamaProxy::releaseSpent);
}

OllamaProxy::~OllamaProxy()
{
    abortAll();
    // The exchanges go here, while this is still an OllamaProxy: their destructors tell the
    // activity registry through it (as QObject children they would go after this destructor).
    releaseSpent();
    qDeleteAll(std::exchange(m_exchanges, {}));
}

bool OllamaProxy::isDroppedRequestHeader(QByteArrayView name)
{
    // Corral's own credentials never reach Ollama (Authorization, and x-api-key as Anthropic's
    // SDKs send them); Origin/Referer would trip Ollama's own CORS
    // check (403) for browsers Corral has already vetted. The connection layer sets Host and
    // Content-Length itself; Accept-Encoding goes too, so Ollama answers uncompressed (Corral
    // decodes nothing).
    return isHopByHop(name)
        || isHeaderNameIn(name, {"host", "content-length", "expect", "authorization", "cookie", "origin", "referer",
                                 "accept-encoding", "x-corral-token", "x-api-key"});
}

bool OllamaProxy::isDroppedResponseHeader(QByteArrayView name)
{
    // The proxy writes the framing itself (Ollama's length again for a length-framed answer,
    // chunked or until-close otherwise). Content-Encoding stays: Corral asks for no coding and
    // decodes none, so if one comes anyway, the client needs to know. Cookies and CORS are
    // Corral's business, not Ollama's.
    return isHopByHop(name) || isHeaderNameIn(name, {"content-length", "set-cookie", "set-cookie2"})
        || (name.size() >= 15 && name.first(15).compare("access-control-", Qt::CaseInsensitive) == 0);
}

QJsonObject OllamaProxy::errorBody(const QByteArray &upstreamPath, const QString &message, const QString &type)
{
    // Each client family reads errors in its own shape, and shows the message only from that.
    if (upstreamPath.startsWith("/v1/messages")) {
        return {{QStringLiteral("type"), QStringLiteral("error")},
                {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type}, {QStringLiteral("message"), message}}}};
    }
    if (upstreamPath.startsWith("/v1/")) {
        return {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                      {QStringLiteral("type"), type},
                                                      {QStringLiteral("param"), QJsonValue::Null},
                                                      {QStringLiteral("code"), QJsonValue::Null}}}};
    }
    return {{QStringLiteral("error"), message}};
}

QByteArray OllamaProxy::upstreamPath(const QByteArray &encodedPath)
{
    if (!Routes::isUnder(encodedPath, Routes::Ollama))
        return QByteArray(); // "/ollamafoo" is not ours
    QByteArray rest = Routes::below(encodedPath, Routes::Ollama).toByteArray();
    if (rest.isEmpty())
        rest = "/";
    if (!rest.contains('.') && !rest.contains('%'))
        return rest; // no dot-segment can hide in it
    // RFC 3986 §5.2.4: refuse dot-segments, encoded or not, instead of resolving them.
    for (const QByteArray &segment : rest.split('/')) {
        const QByteArray decoded = QByteArray::fromPercentEncoding(segment);
        if (decoded == "." || decoded == "..")
            return QByteArray();
        if (decoded.contains('/') && (decoded.contains("/..") || decoded.contains("../")))
            return QByteArray();
    }
    return rest;
}

void OllamaProxy::handle(const QHttpServerRequest &request, QHttpServerResponder &&responder,
                         const RequestContext &context)
{
    releaseSpent();
    const HttpHeaders &responseHeaders = context.responseHeaders;
    const QByteArray path = upstreamPath(context.path);
    const QByteArray method = Http::methodName(request.method());
    if (path.isEmpty() || method.isEmpty() || method == "CONNECT" || method == "TRACE") {
        Http::writeJson(responder, 400,
                        {{QStringLiteral("error"),
                          tr("This path or method cannot be forwarded to Ollama. Use /ollama/api/... without "
                             "\".\" or \"..\" segments.")}},
                        responseHeaders);
        return;
    }
    if (!m_connection) {
        Http::writeJson(responder, 503, {{QStringLiteral("error"), tr("Corral is shutting down.")}}, responseHeaders);
        return;
    }

    if (context.cloudModelsRefused) {
        const QString model = AccessControl::cloudModelIn(path, request.body());
        if (!model.isEmpty()) {
            Http::writeJson(responder, 403,
                            errorBody(path, tr("The model \"%1\" runs on ollama.com and spends the owner's account: this "
                                               "chat-scope API key may not use it. The owner can create a key with "
                                               "--allow-cloud, or allow every chat key in Preferences > Local server > "
                                               "\"Chat keys may use cloud models\" (setting %2).")
                                                .arg(model, SettingsKey::KeysMayUseCloudModels),
                                      QStringLiteral("permission_error")),
                            responseHeaders);
            return;
        }
    }

    if (const auto refusal = checkKeyLimits(context, path, request.body(), m_activity)) {
        HttpHeaders headers = responseHeaders;
        headers.append(refusal->headers);
        Http::writeJson(responder, refusal->status, refusal->body, headers);
        return;
    }

    OllamaConnection::Request upstream;
    upstream.method = method;
    upstream.pathAndQuery = path;
    // The query as the client sent it (the target the guard read), byte for byte.
    if (const qsizetype query = context.target.indexOf('?'); query >= 0)
        upstream.pathAndQuery += context.target.mid(query);
    const HttpHeaders headers = request.headers();
    const QList<QByteArray> named = connectionTokens(headers);
    upstream.headers.reserve(headers.size());
    for (const auto &[name, value] : headers) {
        if (!isDroppedRequestHeader(name) && !isHeaderNameIn(name, named))
            upstream.headers.append(qMakePair(name, value));
    }
    upstream.body = request.body();

    ActivityEntry entry;
    if (m_activity) {
        entry.callerKind = context.callerKind;
        entry.caller = context.callerName;
        entry.peer = m_activity->peerText(request.remoteAddress());
        entry.route = m_activity->routeText(method, path);
        static const QByteArray models("/v1/models/");
        entry.model = path.startsWith(models) ? QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(models.size())))
                                              : Activity::modelNamedIn(upstream.body);
    }
    // Several servers, or one addressed by index (/ollama/<n>/...): the router picks.
    if (m_servers && (m_servers->isMulti() || OllamaRouter::isIndexed(path))) {
        RequestContext routed = context;
        routed.activityEntry = std::make_shared<ActivityEntry>(std::move(entry));
        m_router->route(std::move(responder), routed, upstream);
        return;
    }
    const bool filterModels = context.keyLimits.restrictsModels() && method == "GET" && AccessControl::isModelList(path);
    auto *exchange = new ProxyExchange(this, std::move(responder), context, method == "HEAD", filterModels);
    m_exchanges.append(exchange);
    exchange->start(m_connection, upstream, std::move(entry));
}

void OllamaProxy::setServers(OllamaServers *servers)
{
    m_servers = servers;
    m_router->setServers(servers);
}

void OllamaProxy::forward(QHttpServerResponder &&responder, const RequestContext &context,
                          const OllamaConnection::Request &upstream, const QList<int> &candidates)
{
    const bool filterModels = context.keyLimits.restrictsModels() && upstream.method == "GET"
        && AccessControl::isModelList(upstream.pathAndQuery);
    auto *exchange = new ProxyExchange(this, std::move(responder), context, upstream.method == "HEAD", filterModels);
    m_exchanges.append(exchange);
    exchange->startRouted(m_servers, candidates, upstream, context.activityEntry ? *context.activityEntry : ActivityEntry());
}

void OllamaProxy::abortAll()
{
    const auto exchanges = m_exchanges;
    for (ProxyExchange *exchange : exchanges)
        exchange->abort();
    m_router->abortAll();
}

void OllamaProxy::exchangeDone(ProxyExchange *exchange, bool upstreamAborted)
{
    m_exchanges.removeAll(exchange);
    // Ended exchanges may still be on the stack: they go at the next request or within a second,
    // which spares the event loop a posted deleteLater() (a wake-up) per request.
    m_spent.append(exchange);
    if (!m_reaper.isActive())
        m_reaper.start();
    Q_EMIT exchangeFinished(upstreamAborted);
}

void OllamaProxy::releaseSpent()
{
    qDeleteAll(std::exchange(m_spent, {}));
}

} // namespace Corral
