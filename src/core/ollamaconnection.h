// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "httpresponseparser.h"
#include "ollamafailure.h"

#include <QBasicTimer>
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

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

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
    int m_responseTimeoutSecs = 300;
    int m_modelListTimeoutSecs = 10;
    int m_connectTimeoutSecs = 10;
};

/**
 * One request to Ollama in flight. Emits responseStarted() once the status line and headers
 * arrived (for any HTTP status: Ollama's own 4xx/5xx are responses, not failures), then
 * dataAvailable() for every piece of body as it arrives (read it with read()/readAll()), and
 * finished() exactly once at the end. failure() tells whether and why it ended early.
 */
class OllamaCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaCall)

public:
    /**
     * The same three events as plain calls, made just before each signal, for the proxy, which
     * starts a call per request: connecting three signals to every new call and taking them
     * apart again cost about 4% of a small proxied request. An observer that aborts the call in
     * a callback ends it there: that event's signal does not follow, finished() does (to the
     * observer first), as after any abort. One that deletes the call hears nothing more.
     */
    class Observer
    {
    public:
        virtual void responseStarted(int status) = 0;
        virtual void dataAvailable() = 0;
        virtual void finished() = 0;

    protected:
        ~Observer() = default;
    };

    ~OllamaCall() override;

    /// At most one; it must outlive the call or be unset (nullptr) first.
    void setObserver(Observer *observer) { m_observer = observer; }

    bool hasResponseStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    /// True once nothing more will arrive (the response is complete, or the call failed or was
    /// aborted): a dataAvailable() now carries the last bytes and finished() comes next.
    bool isEnding() const { return m_ending; }
    int status() const { return m_status; }
    const HttpHeaders &responseHeaders() const { return m_responseHeaders; }
    /// The body's length when Ollama framed it with Content-Length, else -1 (chunked, until
    /// close, or no body). Known once the response started.
    qint64 bodyLength() const { return m_started ? m_parser.bodyLength() : -1; }
    /// The full URL of this call (base URL + path and query).
    QUrl url() const;
    OllamaConnection::TimeoutClass timeoutClass() const { return m_timeoutClass; }
    const OllamaFailure &failure() const { return m_failure; }

    qint64 bytesAvailable() const;
    QByteArray read(qint64 maxSize);
    QByteArray readAll();

    /// Limits how much is read from Ollama ahead of read(); 0 = unlimited. For back-pressure.
    void setReadBufferSize(qint64 size);

    /// Stops the request (upstream sees the connection close). finished() follows with a
    /// Cancelled failure unless the call had already finished: at once, or, when the call is
    /// already ending (a dataAvailable() with the last bytes), as soon as that returns.
    void abort();

Q_SIGNALS:
    void responseStarted(int status);
    void dataAvailable();
    void finished();

private:
    friend class OllamaConnection;
    OllamaCall(OllamaConnection *connection, const QUrl &baseUrl, const QByteArray &path, const QByteArray &endpoint,
               const QByteArray &requestHead, const QByteArray &requestBody, bool headRequest,
               OllamaConnection::TimeoutClass timeoutClass, int timeoutSecs, int connectTimeoutSecs);
    void start();
    void attach(QAbstractSocket *socket, bool reused);
    void detachSocket(bool keepAlive);
    void onReadable();
    void onSocketClosed();
    void process(bool ignoreLimit);
    void fail(OllamaFailure::Kind kind, const QString &reason, int limitSecs);
    void finish();
    template <typename... Args>
    bool announce(void (Observer::*event)(Args...), void (OllamaCall::*signal)(Args...), Args... args);
    void timerEvent(QTimerEvent *event) override;

    QPointer<OllamaConnection> m_connection;
    Observer *m_observer = nullptr;
    QAbstractSocket *m_socket = nullptr;
    QBasicTimer m_deadline;
    QBasicTimer m_connectTimer;
    int m_timeoutSecs = 0;
    int m_connectTimeoutSecs = 0;
    QUrl m_baseUrl;
    QByteArray m_path;
    QByteArray m_endpoint;
    QByteArray m_requestHead;
    QByteArray m_requestBody;
    HttpResponseParser m_parser;
    QByteArray m_in;   // received, not yet parsed
    QByteArray m_body; // parsed, not yet read
    qint64 m_readLimit = 0;
    OllamaConnection::TimeoutClass m_timeoutClass;
    HttpHeaders m_responseHeaders;
    OllamaFailure m_failure;
    int m_status = 0;
    bool m_reused = false;
    bool m_retried = false;
    bool m_received = false;
    bool m_starting = false;
    bool m_resumeQueued = false;
    bool m_started = false;
    bool m_ending = false;
    int m_aborts = 0; // abort() calls: an observer's abort stops the event it was told of
    bool m_finished = false;
};

} // namespace Corral
