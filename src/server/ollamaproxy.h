// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "server/requestcontext.h"

#include <QHttpServerRequest>
#include <QJsonObject>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Corral {

class OllamaRouter;
class Activity;
class ProxyExchange;

/**
 * The /ollama reverse proxy: `/ollama/<path>?<query>` is forwarded to `<base URL>/<path>?<query>`
 * through the shared OllamaConnection, path and query byte for byte. The client never picks the
 * upstream host.
 *
 * Responses are re-framed with chunked transfer coding and every piece of the upstream body is
 * written to the client the moment it arrives (NDJSON and SSE streams are never buffered). A
 * client that goes away aborts the upstream request at once. Failures become Ollama-shaped JSON
 * errors: 502 when Ollama cannot be reached, 504 when a time limit expires before the answer
 * starts, and a last `{"error": ...}` line when it expires or breaks mid-stream.
 *
 * Access control happens before handle() is called; the rules that need the body are here:
 * when the gate says the caller may not use cloud models (context.cloudModelsRefused), a request
 * naming one gets 403 in its client family's error shape, and so does a request from an API key
 * naming a model its limits do not allow; a key past its requests in flight gets 429 with
 * Retry-After, and the model lists it reads show only its models.
 */
class OllamaProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaProxy)

public:
    explicit OllamaProxy(OllamaConnection *connection, QObject *parent = nullptr);
    ~OllamaProxy() override;

    /// Proxies @p request, whose percent-encoded path (context.path) starts with /ollama.
    /// context.responseHeaders (security headers, CORS, Connection) go with whatever is answered.
    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);

    /// Request headers Corral never forwards to Ollama (@p name in any case).
    static bool isDroppedRequestHeader(QByteArrayView name);
    /// Ollama's response headers Corral never passes back (@p name in any case).
    static bool isDroppedResponseHeader(QByteArrayView name);
    /// The path after /ollama as sent upstream ("/" for /ollama), or empty if it is refused
    /// (dot-segments, which could climb out of a base URL's path).
    static QByteArray upstreamPath(const QByteArray &encodedPath);

    /// An error for a request to @p upstreamPath in the shape its client family reads: Anthropic's
    /// for /v1/messages, OpenAI's for the other /v1/ routes, Ollama's {"error": ...} otherwise.
    static QJsonObject errorBody(const QByteArray &upstreamPath, const QString &message, const QString &type);

    /// Several Ollama servers behind /ollama (OllamaRouter): with more than one enabled, or a
    /// request addressing one by index (/ollama/<n>/...), requests are routed among them.
    /// Without (or with one server) everything goes to the connection given at construction.
    void setServers(OllamaServers *servers);
    OllamaServers *servers() const { return m_servers; }
    /// Every exchange is registered in @p activity (who, model, tokens, Stop), which also counts
    /// a key's requests in flight for its limit. Not owned.
    void setActivity(Activity *activity) { m_activity = activity; }

    int activeExchanges() const { return int(m_exchanges.size()); }
    /// Ends every exchange in flight (shutdown, listener restart): clients get a terminated body.
    void abortAll();

Q_SIGNALS:
    /// An exchange ended; @p upstreamAborted when it was cut short by the client or by us.
    void exchangeFinished(bool upstreamAborted);

private:
    friend class ProxyExchange;
    friend class OllamaRouter;
    /// Proxies @p upstream to the first of @p candidates (server indexes) that answers.
    void forward(QHttpServerResponder &&responder, const RequestContext &context,
                 const OllamaConnection::Request &upstream, const QList<int> &candidates);
    void exchangeDone(ProxyExchange *exchange, bool upstreamAborted);
    void releaseSpent();

    QPointer<OllamaConnection> m_connection;
    QPointer<OllamaServers> m_servers;
    std::unique_ptr<OllamaRouter> m_router; // not a child: the proxy's children are its exchanges
    Activity *m_activity = nullptr; // outlives the exchanges: LocalServer stops the proxy first
    QList<ProxyExchange *> m_exchanges;
    QList<ProxyExchange *> m_spent; // ended, deleted once off the stack
    QTimer m_reaper;
};

} // namespace Corral
