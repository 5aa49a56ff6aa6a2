// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamaconnection.h"
#include "server/requestcontext.h"

#include <QHttpServerResponder>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

namespace Corral {

class OllamaProxy;
class OllamaServers;
class FanOut;

/**
 * Routing among several Ollama servers behind one /ollama (OllamaProxy hands it the requests
 * when more than one server is enabled, or when one is addressed by index).
 *
 * - `/ollama/<n>/...` goes to server n (0-based, as Open WebUI's index), nowhere else.
 * - `GET /api/tags`, `/v1/models`, `/api/ps`: every server's answer merged, each model once,
 *   with the servers that have it in an extra "servers" field; `/api/version`: the lowest.
 * - Requests that name a model (chat, generate, embed, embeddings, show, the /v1 inference
 *   routes, `GET /v1/models/<name>`) go to a server that has it, the least busy first, ties in
 *   turn; one that has not received a byte of the answer fails over to the next. A model no
 *   server lists (after asking them again) gets Ollama's own 404, naming it.
 * - Pull, push, create and blobs go to the download server (Preferences), copy and delete to
 *   every server that has the model; the answer names the servers (X-Corral-Server, and a
 *   "servers" field for copy and delete).
 */
class OllamaRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaRouter)

public:
    /// Response header naming the server that answered (its display name, percent-encoded).
    static constexpr char ServerHeader[] = "X-Corral-Server";
    static constexpr char ServerIndexHeader[] = "X-Corral-Server-Index";

    explicit OllamaRouter(OllamaProxy *proxy);
    ~OllamaRouter() override;

    void setServers(OllamaServers *servers) { m_servers = servers; }

    /// Whether @p upstreamPath (after /ollama) starts with a server index: "/0", "/12/api/...".
    static bool isIndexed(const QByteArray &upstreamPath)
    {
        return upstreamPath.size() > 1 && upstreamPath.at(1) >= '0' && upstreamPath.at(1) <= '9';
    }
    /// Splits "/<n>/rest" into n and "/rest"; -1 if @p upstreamPath carries no index.
    static int splitIndex(const QByteArray &upstreamPath, QByteArray *rest);
    /// The model a request body names ("model", or "name" as older clients send it).
    static QString modelIn(const QByteArray &body);
    /// Appends X-Corral-Server and X-Corral-Server-Index for server @p index.
    static void appendServerHeaders(QByteArray &lines, const OllamaServers &servers, int index);
    /// The lowest of Ollama versions ("0.12.6" < "0.13.0"); empty ones are skipped.
    static QString lowestVersion(const QStringList &versions);

    /// Routes @p upstream (path and query as after /ollama, headers and body ready to go).
    void route(QHttpServerResponder &&responder, const RequestContext &context, OllamaConnection::Request upstream);

    void abortAll();

private:
    friend class FanOut;
    enum class Merge { Tags, OpenAiModels, Running, Version, Each };
    void routeByModel(QHttpServerResponder &&responder, const RequestContext &context,
                      const OllamaConnection::Request &upstream, const QString &model, bool asked);
    void fanOut(QHttpServerResponder &&responder, const RequestContext &context,
                const OllamaConnection::Request &upstream, const QList<int> &servers, Merge merge);
    void notFound(QHttpServerResponder &responder, const RequestContext &context, const QByteArray &path,
                  const QString &model);
    void fanOutDone(FanOut *fanOut);

    OllamaProxy *m_proxy;
    QPointer<OllamaServers> m_servers;
    QList<FanOut *> m_fanOuts;
};

} // namespace Corral
