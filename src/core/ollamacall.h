// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/httpresponseparser.h"
#include "core/ollamaconnection.h"
#include "core/ollamafailure.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QAbstractSocket;

namespace Corral {

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
