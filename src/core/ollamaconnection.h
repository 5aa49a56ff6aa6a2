// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/httpheaders.h"
#include "core/ollamafailure.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

class QAbstractSocket;
class QTimer;

namespace Corral {

class Settings;
class OllamaCall;

/**
 * The one connection layer to Ollama, shared by the desktop window and the /ollama proxy.
 *
 * Each call runs HTTP/1.1 over a QTcpSocket (QSslSocket for https) in the caller's thread, taken
 * from a pool of keep-alive connections, one connection per call in flight, so parallel streams
 * never queue behind each other. It applies the timeouts (connect, model list, total response),
 * never follows redirects, never sends or decodes content codings (bytes pass through as Ollama
 * sent them), and turns network errors into an OllamaFailure with the troubleshooting texts.
 *
 * Why not QNetworkAccessManager: on Qt 6.4 it was the proxy's bottleneck, measured in
 * bench/RESULTS.md. Without a proxy it reads response headers from an unbuffered socket one byte
 * per read() call (about 150 system calls per response), every call crosses to its HTTP thread
 * and back (four or more wake-ups), and it opens at most six connections per host. Small
 * requests through Corral ran 4-5x faster on this layer than on QNAM, streams 1.4x.
 */
class OllamaConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaConnection)

public:
    enum class TimeoutClass {
        Response,  ///< chat, generate, pull ...: AIOHTTP_CLIENT_TIMEOUT
        ModelList, ///< /api/tags, /api/version, /api/ps: AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST
    };

    struct Request
    {
        QByteArray method = "GET";
        /// Path and query, percent-encoded as they go on the wire, starting with '/'.
        /// Appended to the base URL's path byte for byte.
        QByteArray pathAndQuery = "/";
        HttpHeaders headers;
        QByteArray body;
    };

    explicit OllamaConnection(QObject *parent = nullptr);
    ~OllamaConnection() override;

    /// Follows the URL and timeout settings live (re-read on Settings::changed).
    void bindSettings(const Settings *settings);

    void setBaseUrl(const QUrl &url);
    /// Sent as "Authorization: Bearer <token>" with every request (an Ollama behind an
    /// authenticating proxy); empty: none. A caller's own Authorization header is then dropped.
    void setBearerToken(const QByteArray &token);
    bool hasBearerToken() const { return !m_authorization.isEmpty(); }
    QUrl baseUrl() const { return m_baseUrl; }
    /// 0 = no limit.
    void setResponseTimeoutSecs(int seconds) { m_responseTimeoutSecs = seconds; }
    int responseTimeoutSecs() const { return m_responseTimeoutSecs; }
    void setModelListTimeoutSecs(int seconds) { m_modelListTimeoutSecs = seconds; }
    int modelListTimeoutSecs() const { return m_modelListTimeoutSecs; }
    void setConnectTimeoutSecs(int seconds) { m_connectTimeoutSecs = seconds; }
    int connectTimeoutSecs() const { return m_connectTimeoutSecs; }

    static TimeoutClass timeoutClassFor(const QByteArray &method, const QByteArray &pathAndQuery);

    /// Starts a request. The returned call is parented to this connection; delete it (or
    /// deleteLater()) once finished() was emitted or you called abort().
    OllamaCall *send(const Request &request);

    /// Convenience for JSON APIs: POST with Content-Type: application/json.
    OllamaCall *postJson(const QByteArray &path, const QByteArray &jsonBody);
    OllamaCall *get(const QByteArray &path);

    /// Aborts every call in flight and closes idle connections (shutdown).
    void abortAll();
    int activeCalls() const { return int(m_calls.size()); }
    /// Keep-alive connections waiting for the next call.
    int idleConnections() const;
    /// Idle connections per Ollama server that wait the full idle timeout; the ones beyond these,
    /// left over from a burst of parallel calls, close after about a second unused.
    static constexpr int KeptIdlePerEndpoint = 4;
    /// What one socket may hold before it stops reading from the kernel (with
    /// OllamaCall::setReadBufferSize this gives TCP back-pressure toward Ollama).
    static constexpr qint64 SocketReadBuffer = 256 * 1024;
    /// Connections opened so far (for tests and diagnostics: reuse keeps this low).
    int connectionsOpened() const { return m_opened; }

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);

private:
    friend class OllamaCall;
    void callFinished(OllamaCall *call);
    QAbstractSocket *openSocket(const QUrl &url);
    QAbstractSocket *takeIdle(const QByteArray &endpoint);
    void putIdle(const QByteArray &endpoint, QAbstractSocket *socket);
    void dropIdle(QAbstractSocket *socket);
    void discard(QAbstractSocket *socket);
    void sweepIdle();
    void socketReadable(QAbstractSocket *socket);
    void socketClosed(QAbstractSocket *socket);

    struct Idle
    {
        QAbstractSocket *socket = nullptr;
        qint64 since = 0; // ms on a steady clock
    };
    QHash<QByteArray, QList<Idle>> m_idle;
    // Sockets stay children of the connection with their signals connected once; events go to
    // the call using the socket, or to the pool while it is idle. (Connecting and disconnecting
    // per request cost about a tenth of a proxied request's CPU time.)
    QHash<QAbstractSocket *, OllamaCall *> m_owners;
    QTimer *m_sweep = nullptr;
    QList<QPointer<OllamaCall>> m_calls; // in flight
    int m_opened = 0;
    QUrl m_baseUrl;
    QByteArray m_basePath;   // encoded, no trailing slash
    QByteArray m_hostHeader; // host[:port] as the Host header carries it
    QByteArray m_endpoint;   // pool key: scheme://host:port
    QByteArray m_authorization; // the whole header line, or empty
    int m_responseTimeoutSecs = 300;
    int m_modelListTimeoutSecs = 10;
    int m_connectTimeoutSecs = 10;
};

} // namespace Corral
