// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ollamafailure.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Corral {

class Settings;
class OllamaCall;

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/**
 * The one connection layer to Ollama, shared by the desktop window and the /ollama proxy.
 *
 * It owns a growing pool of QNetworkAccessManager instances, because one QNAM opens at most six
 * connections per host on Qt 6.4 and would serialise parallel streams; applies the timeouts
 * (connect, model list, total response); never follows redirects; and turns network errors into
 * an OllamaFailure with the troubleshooting texts.
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

    /// Aborts every call in flight (shutdown).
    void abortAll();
    int activeCalls() const;

Q_SIGNALS:
    void baseUrlChanged(const QUrl &url);

private:
    friend class OllamaCall;
    QNetworkAccessManager *pickManager();
    void callFinished(OllamaCall *call);

    struct Pooled
    {
        QNetworkAccessManager *manager = nullptr;
        int active = 0;
    };
    std::vector<Pooled> m_pool;
    QList<QPointer<OllamaCall>> m_calls;
    QUrl m_baseUrl;
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
    ~OllamaCall() override;

    bool hasResponseStarted() const { return m_started; }
    bool isFinished() const { return m_finished; }
    int status() const { return m_status; }
    const HttpHeaders &responseHeaders() const { return m_responseHeaders; }
    QUrl url() const { return m_url; }
    OllamaConnection::TimeoutClass timeoutClass() const { return m_timeoutClass; }
    const OllamaFailure &failure() const { return m_failure; }

    qint64 bytesAvailable() const;
    QByteArray read(qint64 maxSize);
    QByteArray readAll();

    /// Limits how much QNAM buffers ahead of read(); 0 = unlimited. For back-pressure.
    void setReadBufferSize(qint64 size);

    /// Stops the request (upstream sees the connection close). finished() follows with a
    /// Cancelled failure unless the call had already finished.
    void abort();

Q_SIGNALS:
    void responseStarted(int status);
    void dataAvailable();
    void finished();

private:
    friend class OllamaConnection;
    OllamaCall(OllamaConnection *connection, QNetworkReply *reply, OllamaConnection::TimeoutClass timeoutClass,
               int timeoutSecs, int connectTimeoutSecs);
    void onMetaData();
    void onFinished();
    void fail(OllamaFailure::Kind kind, const QString &reason, int limitSecs);

    QPointer<OllamaConnection> m_connection;
    QNetworkReply *m_reply = nullptr;
    QTimer *m_deadline = nullptr;
    QTimer *m_connectTimer = nullptr;
    QUrl m_url;
    OllamaConnection::TimeoutClass m_timeoutClass;
    HttpHeaders m_responseHeaders;
    OllamaFailure m_failure;
    int m_status = 0;
    bool m_started = false;
    bool m_finished = false;
};

} // namespace Corral
