// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamaconnection.h"

#include "settings.h"

#include <QDeadlineTimer>
#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>
#include <QTimerEvent>

namespace Corral {

namespace {

// Idle keep-alive connections are closed after this long; Ollama keeps them open indefinitely,
// but a reverse proxy in front of it may not, and a stale one costs a retry.
constexpr qint64 IdleTimeoutMs = 30 * 1000;
constexpr int MaxIdlePerEndpoint = 64;
// An idle socket is not free: Qt 6.4's event loop hands every socket to poll() on every pass,
// and the kernel looks at each one. Fifty connections left idle by fifty parallel streams made
// each later small request a quarter to a third slower (bench/RESULTS.md). So the connections
// beyond OllamaConnection::KeptIdlePerEndpoint close once unused for this long. Calls reuse the
// most recently used connection first, so the pool shrinks to the calls actually in flight.
constexpr qint64 SurplusIdleMs = 1000;
constexpr int IdleSweepMs = int(IdleTimeoutMs / 2);
constexpr int SurplusSweepMs = int(SurplusIdleMs / 2);
// What one socket may hold before it stops reading from the kernel (with setReadBufferSize on
// the call this gives TCP back-pressure toward Ollama).
constexpr qint64 SocketReadBuffer = 256 * 1024;

bool isModelListPath(const QByteArray &path)
{
    return path == "/api/tags" || path == "/api/version" || path == "/api/ps" || path == "/v1/models"
        || path == "/";
}

// Framing and connection management are this layer's business, never the caller's.
bool isOwnRequestHeader(QByteArrayView name)
{
    return isHeaderNameIn(name, {"host", "content-length", "transfer-encoding", "connection", "keep-alive",
                                 "proxy-connection", "te", "trailer", "upgrade", "expect"});
}

qint64 steadyMs()
{
    return QDeadlineTimer::current().deadline();
}

} // namespace

OllamaConnection::OllamaConnection(QObject *parent)
    : QObject(parent)
    , m_sweep(new QTimer(this))
{
    setBaseUrl(QUrl(Settings::defaultValue(SettingsKey::OllamaUrl).toString()));
    m_sweep->setInterval(IdleSweepMs);
    m_sweep->setTimerType(Qt::CoarseTimer);
    connect(m_sweep, &QTimer::timeout, this, &OllamaConnection::sweepIdle);
}

OllamaConnection::~OllamaConnection()
{
    abortAll();
}

void OllamaConnection::bindSettings(const Settings *settings)
{
    const auto apply = [this, settings] {
        setBaseUrl(QUrl(settings->ollamaUrl()));
        setResponseTimeoutSecs(settings->responseTimeoutSecs());
        setModelListTimeoutSecs(settings->modelListTimeoutSecs());
        setConnectTimeoutSecs(settings->connectTimeoutSecs());
    };
    apply();
    connect(settings, &Settings::changed, this, [apply](const QString &key) {
        if (key.startsWith(QLatin1String("ollama/")))
            apply();
    });
}

void OllamaConnection::setBaseUrl(const QUrl &url)
{
    QUrl clean = url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment);
    if (clean == m_baseUrl)
        return;
    m_baseUrl = clean;
    // What every request to this base needs, worked out once instead of per request.
    const bool tls = m_baseUrl.scheme() == QLatin1String("https");
    m_basePath = m_baseUrl.path(QUrl::FullyEncoded).toLatin1();
    m_hostHeader = m_baseUrl.host(QUrl::FullyEncoded).toLatin1();
    m_endpoint = m_baseUrl.scheme().toLatin1() + "://" + m_hostHeader + ':'
        + QByteArray::number(m_baseUrl.port(tls ? 443 : 80));
    if (m_hostHeader.contains(':'))
        m_hostHeader = '[' + m_hostHeader + ']'; // IPv6 literal
    if (m_baseUrl.port() != -1)
        m_hostHeader += ':' + QByteArray::number(m_baseUrl.port());
    Q_EMIT baseUrlChanged(m_baseUrl);
}

OllamaConnection::TimeoutClass OllamaConnection::timeoutClassFor(const QByteArray &method, const QByteArray &pathAndQuery)
{
    if (method != "GET" && method != "HEAD")
        return TimeoutClass::Response;
    const int query = pathAndQuery.indexOf('?');
    return isModelListPath(query < 0 ? pathAndQuery : pathAndQuery.left(query)) ? TimeoutClass::ModelList
                                                                                : TimeoutClass::Response;
}

OllamaCall *OllamaConnection::send(const Request &request)
{
    QByteArray path = request.pathAndQuery;
    if (!path.startsWith('/'))
        path.prepend('/');
    QByteArray head;
    head.reserve(256 + request.headers.size() * 48);
    // Byte for byte: the encoded base path plus the encoded path, so percent-escapes survive.
    head.append(request.method).append(' ').append(m_basePath).append(path).append(" HTTP/1.1\r\nHost: ");
    head.append(m_hostHeader).append("\r\n");
    for (const auto &[name, value] : request.headers) {
        if (!isOwnRequestHeader(name))
            head.append(name).append(": ").append(value).append("\r\n");
    }
    const bool bodyExpected = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (bodyExpected || !request.body.isEmpty())
        head.append("Content-Length: ").append(QByteArray::number(request.body.size())).append("\r\n");
    head.append("\r\n");

    const TimeoutClass timeoutClass = timeoutClassFor(request.method, path);
    const int limit = timeoutClass == TimeoutClass::ModelList ? m_modelListTimeoutSecs : m_responseTimeoutSecs;
    auto *call = new OllamaCall(this, m_baseUrl, path, m_endpoint, head, request.body, request.method == "HEAD",
                                timeoutClass, limit, m_connectTimeoutSecs);
    call->m_failure.url = m_baseUrl; // users configure the base URL: name that one when it fails
    m_calls.append(call);
    call->start();
    return call;
}

OllamaCall *OllamaConnection::postJson(const QByteArray &path, const QByteArray &jsonBody)
{
    Request request;
    request.method = "POST";
    request.pathAndQuery = path;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = jsonBody;
    return send(request);
}

OllamaCall *OllamaConnection::get(const QByteArray &path)
{
    Request request;
    request.pathAndQuery = path;
    return send(request);
}

void OllamaConnection::abortAll()
{
    const auto calls = m_calls;
    for (const QPointer<OllamaCall> &call : calls) {
        if (call)
            call->abort();
    }
    const auto idle = std::exchange(m_idle, {});
    for (const QList<Idle> &list : idle) {
        for (const Idle &entry : list)
            discard(entry.socket);
    }
}

int OllamaConnection::idleConnections() const
{
    int count = 0;
    for (const QList<Idle> &list : m_idle)
        count += list.size();
    return count;
}

void OllamaConnection::callFinished(OllamaCall *call)
{
    m_calls.removeAll(call);
}

QAbstractSocket *OllamaConnection::openSocket(const QUrl &url)
{
    const bool tls = url.scheme() == QLatin1String("https");
    QAbstractSocket *socket = tls ? static_cast<QAbstractSocket *>(new QSslSocket(this)) : new QTcpSocket(this);
    socket->setProxy(QNetworkProxy::NoProxy); // Ollama is reached directly, like Open WebUI does
    socket->setReadBufferSize(SocketReadBuffer);
    connect(socket, &QAbstractSocket::connected, this, [this, socket] {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        if (OllamaCall *call = m_owners.value(socket))
            call->m_connectTimer.stop();
    });
    connect(socket, &QAbstractSocket::readyRead, this, [this, socket] { socketReadable(socket); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { socketClosed(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] { socketClosed(socket); });
    const QString host = url.host();
    const quint16 port = quint16(url.port(tls ? 443 : 80));
    if (tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(host, port);
    else
        socket->connectToHost(host, port);
    ++m_opened;
    return socket;
}

QAbstractSocket *OllamaConnection::takeIdle(const QByteArray &endpoint)
{
    auto it = m_idle.find(endpoint);
    if (it == m_idle.end())
        return nullptr;
    const qint64 now = steadyMs();
    QAbstractSocket *found = nullptr;
    while (!it->isEmpty() && !found) {
        const Idle entry = it->takeLast(); // the most recently used one is the least likely to be stale
        if (entry.socket->state() == QAbstractSocket::ConnectedState && entry.socket->bytesAvailable() == 0
            && now - entry.since < IdleTimeoutMs) {
            found = entry.socket;
        } else {
            discard(entry.socket);
        }
    }
    if (it->isEmpty())
        m_idle.erase(it);
    return found;
}

void OllamaConnection::putIdle(const QByteArray &endpoint, QAbstractSocket *socket)
{
    QList<Idle> &list = m_idle[endpoint];
    if (list.size() >= MaxIdlePerEndpoint) {
        discard(socket);
        return;
    }
    // An idle connection that speaks or closes is finished (socketReadable(), socketClosed()).
    list.append(Idle{socket, steadyMs()});
    const int sweepMs = list.size() > KeptIdlePerEndpoint ? SurplusSweepMs : IdleSweepMs;
    if (!m_sweep->isActive() || m_sweep->interval() > sweepMs)
        m_sweep->start(sweepMs);
}

/// Closes a socket for good: nobody hears from it again.
void OllamaConnection::discard(QAbstractSocket *socket)
{
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void OllamaConnection::dropIdle(QAbstractSocket *socket)
{
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        for (qsizetype i = 0; i < it->size(); ++i) {
            if (it->at(i).socket == socket) {
                it->removeAt(i);
                if (it->isEmpty())
                    m_idle.erase(it);
                discard(socket);
                return;
            }
        }
    }
}

void OllamaConnection::socketReadable(QAbstractSocket *socket)
{
    if (OllamaCall *call = m_owners.value(socket))
        call->onReadable();
    else
        dropIdle(socket); // Ollama closed it or sent garbage
}

void OllamaConnection::socketClosed(QAbstractSocket *socket)
{
    if (OllamaCall *call = m_owners.value(socket))
        call->onSocketClosed();
    else
        dropIdle(socket);
}

void OllamaConnection::sweepIdle()
{
    const qint64 now = steadyMs();
    bool surplus = false;
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        // Oldest first: putIdle() appends and takeIdle() takes from the back.
        QList<Idle> &list = *it;
        qsizetype expired = 0;
        for (; expired < list.size(); ++expired) {
            const qint64 idleFor = now - list.at(expired).since;
            const bool beyondKept = list.size() - expired > KeptIdlePerEndpoint;
            if (idleFor < IdleTimeoutMs && !(beyondKept && idleFor >= SurplusIdleMs))
                break;
            discard(list.at(expired).socket);
        }
        list.remove(0, expired);
        surplus = surplus || list.size() > KeptIdlePerEndpoint;
        it = list.isEmpty() ? m_idle.erase(it) : std::next(it);
    }
    if (m_idle.isEmpty())
        m_sweep->stop();
    else if (!surplus && m_sweep->interval() != IdleSweepMs)
        m_sweep->start(IdleSweepMs);
}

// --- OllamaCall ---------------------------------------------------------------------------------

OllamaCall::OllamaCall(OllamaConnection *connection, const QUrl &baseUrl, const QByteArray &path,
                       const QByteArray &endpoint, const QByteArray &requestHead, const QByteArray &requestBody,
                       bool headRequest, OllamaConnection::TimeoutClass timeoutClass, int timeoutSecs,
                       int connectTimeoutSecs)
    : QObject(connection)
    , m_connection(connection)
    , m_baseUrl(baseUrl)
    , m_path(path)
    , m_endpoint(endpoint)
    , m_requestHead(requestHead)
    , m_requestBody(requestBody)
    , m_timeoutClass(timeoutClass)
{
    m_parser.reset(headRequest);
    m_timeoutSecs = timeoutSecs;
    m_connectTimeoutSecs = connectTimeoutSecs > 0 && (timeoutSecs <= 0 || connectTimeoutSecs < timeoutSecs)
        ? connectTimeoutSecs
        : 0;
    if (timeoutSecs > 0)
        m_deadline.start(timeoutSecs * 1000, Qt::CoarseTimer, this);
}

void OllamaCall::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_deadline.timerId()) {
        m_deadline.stop();
        fail(m_timeoutClass == OllamaConnection::TimeoutClass::ModelList ? OllamaFailure::Kind::ModelListTimeout
                                                                         : OllamaFailure::Kind::ResponseTimeout,
             QString(), m_timeoutSecs);
    } else if (event->timerId() == m_connectTimer.timerId()) {
        m_connectTimer.stop();
        fail(OllamaFailure::Kind::ConnectTimeout, QString(), m_connectTimeoutSecs);
    } else {
        QObject::timerEvent(event);
    }
}

OllamaCall::~OllamaCall()
{
    if (!m_finished) {
        m_finished = true;
        detachSocket(false);
        if (m_connection)
            m_connection->callFinished(this);
    }
}

void OllamaCall::start()
{
    // Errors a socket reports while we are still inside send() are handled once the caller had
    // the chance to connect to our signals.
    m_starting = true;
    QAbstractSocket *socket = m_connection->takeIdle(m_endpoint);
    attach(socket ? socket : m_connection->openSocket(m_baseUrl), socket != nullptr);
    m_starting = false;
}

void OllamaCall::attach(QAbstractSocket *socket, bool reused)
{
    m_socket = socket;
    m_reused = reused;
    m_connection->m_owners.insert(socket, this);
    if (m_connectTimeoutSecs > 0) {
        if (reused || socket->state() == QAbstractSocket::ConnectedState)
            m_connectTimer.stop();
        else
            m_connectTimer.start(m_connectTimeoutSecs * 1000, this); // stopped once connected
    }
    // A socket that is still connecting keeps what we write and sends it once connected.
    socket->write(m_requestHead);
    if (!m_requestBody.isEmpty())
        socket->write(m_requestBody);
    if (reused)
        socket->flush(); // send now instead of on the next event-loop pass
}

void OllamaCall::detachSocket(bool keepAlive)
{
    if (!m_socket)
        return;
    QAbstractSocket *socket = std::exchange(m_socket, nullptr);
    if (!m_connection)
        return; // its sockets went with it
    m_connection->m_owners.remove(socket);
    // Reusable only when nothing of this exchange is left in either direction (Ollama may answer
    // before it read the whole request body, e.g. with an error).
    if (keepAlive && socket->state() == QAbstractSocket::ConnectedState && m_in.isEmpty()
        && socket->bytesAvailable() == 0 && socket->bytesToWrite() == 0) {
        m_connection->putIdle(m_endpoint, socket);
    } else {
        m_connection->discard(socket);
    }
}

QUrl OllamaCall::url() const
{
    // Built on demand: most calls never need it, and parsing a URL per request is measurable.
    return QUrl::fromEncoded(m_baseUrl.toEncoded() + m_path);
}

qint64 OllamaCall::bytesAvailable() const
{
    return m_body.size();
}

QByteArray OllamaCall::read(qint64 maxSize)
{
    QByteArray data;
    if (maxSize >= m_body.size()) {
        data = std::exchange(m_body, QByteArray());
    } else {
        data = m_body.first(maxSize);
        m_body.remove(0, maxSize);
    }
    // Back-pressure released: read on from the socket, outside of the caller's stack.
    if (m_readLimit > 0 && !m_finished && !m_resumeQueued && m_body.size() < m_readLimit && m_socket
        && (m_socket->bytesAvailable() > 0 || !m_in.isEmpty())) {
        m_resumeQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_resumeQueued = false;
            onReadable();
        }, Qt::QueuedConnection);
    }
    return data;
}

QByteArray OllamaCall::readAll()
{
    return read(m_body.size());
}

void OllamaCall::setReadBufferSize(qint64 size)
{
    m_readLimit = qMax<qint64>(size, 0);
}

void OllamaCall::abort()
{
    if (m_finished)
        return;
    ++m_aborts;
    if (!m_failure.isFailure()) {
        m_failure.kind = OllamaFailure::Kind::Cancelled;
        m_failure.reason = tr("Cancelled");
    }
    finish(); // emits finished() synchronously, or the finish() in progress does
}

void OllamaCall::onReadable()
{
    if (m_finished || !m_socket || m_starting)
        return;
    process(false);
}

void OllamaCall::process(bool ignoreLimit)
{
    while (!m_finished && m_socket) {
        const bool limited = !ignoreLimit && m_readLimit > 0 && m_body.size() >= m_readLimit;
        if (limited)
            return;
        if (m_socket->bytesAvailable() > 0) {
            m_received = true;
            // Ask for what is there, not for the limit: QIODevice::read(n) allocates n bytes up
            // front, and a request for exactly one buffered block takes it without a copy.
            const qint64 size = qMin(m_socket->bytesAvailable(), qMax<qint64>(m_readLimit, SocketReadBuffer));
            if (m_in.isEmpty())
                m_in = m_socket->read(size);
            else
                m_in += m_socket->read(size);
        } else if (m_in.isEmpty() || m_parser.isComplete()) {
            return;
        }

        const qsizetype before = m_body.size();
        const qsizetype consumed = m_parser.feed(m_in, &m_body);
        if (consumed == m_in.size())
            m_in.clear();
        else
            m_in.remove(0, consumed);

        if (m_parser.hasError()) {
            fail(m_started ? OllamaFailure::Kind::Interrupted : OllamaFailure::Kind::Unreachable,
                 m_parser.errorString(), 0);
            return;
        }
        if (!m_started && m_parser.hasHeaders()) {
            m_started = true;
            m_status = m_parser.status();
            m_responseHeaders = m_parser.headers();
            m_connectTimer.stop();
            m_requestBody.clear(); // answered: it will never be resent
            if (!announce(&Observer::responseStarted, &OllamaCall::responseStarted, m_status))
                return;
        }
        if (m_body.size() > before && !m_parser.isComplete()) {
            if (!announce(&Observer::dataAvailable, &OllamaCall::dataAvailable))
                return;
        }
        if (m_parser.isComplete()) {
            finish();
            return;
        }
        if (consumed == 0 && m_socket && m_socket->bytesAvailable() == 0)
            return; // waiting for the rest of a line
    }
}

void OllamaCall::onSocketClosed()
{
    if (m_finished || !m_socket)
        return;
    if (m_starting) {
        QMetaObject::invokeMethod(this, &OllamaCall::onSocketClosed, Qt::QueuedConnection);
        return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString reason = m_socket->errorString();
    // A kept-alive connection that Ollama had closed meanwhile: nothing was answered, so the
    // request goes again on a fresh connection (once).
    if (m_reused && !m_retried && !m_received && m_in.isEmpty()) {
        m_retried = true;
        detachSocket(false);
        m_starting = true;
        attach(m_connection->openSocket(m_baseUrl), false);
        m_starting = false;
        return;
    }
    // Take what arrived before the close, whatever the read limit.
    const QPointer<OllamaCall> self(this);
    process(true);
    if (!self || m_finished)
        return;
    m_parser.closed();
    if (m_parser.isComplete()) {
        if (m_body.size() > 0 && !announce(&Observer::dataAvailable, &OllamaCall::dataAvailable))
            return;
        finish();
        return;
    }
    const bool transport = error != QAbstractSocket::RemoteHostClosedError && error != QAbstractSocket::UnknownSocketError;
    fail(m_started ? OllamaFailure::Kind::Interrupted : OllamaFailure::Kind::Unreachable,
         transport || !m_received ? reason : m_parser.errorString(), 0);
}

void OllamaCall::fail(OllamaFailure::Kind kind, const QString &reason, int limitSecs)
{
    if (m_finished || m_failure.isFailure())
        return;
    m_failure.kind = kind;
    m_failure.reason = reason;
    m_failure.limitSecs = limitSecs;
    finish();
}

void OllamaCall::finish()
{
    // Ending already: a reader that aborts while it takes the last bytes (its client went away)
    // changes how the call ends (the failure), not whether it does. Starting over from here
    // would hand it the same bytes again, and so on until the stack overflows.
    if (m_finished || m_ending)
        return;
    m_ending = true;
    m_deadline.stop();
    m_connectTimer.stop();
    const bool success = !m_failure.isFailure() && m_parser.isComplete();
    detachSocket(success && m_parser.keepAlive());
    // A finished call still holds its last bytes: let the reader take them before finished().
    // (A reader that aborts meanwhile only turns this end into a cancelled one.)
    if (m_body.size() > 0) {
        const QPointer<OllamaCall> self(this);
        announce(&Observer::dataAvailable, &OllamaCall::dataAvailable);
        if (!self || m_finished)
            return;
    }
    m_finished = true;
    if (m_connection)
        m_connection->callFinished(this);
    announce(&Observer::finished, &OllamaCall::finished);
}

/// Tells the observer, then the signal's receivers. False if the call was deleted, ended
/// (finished) or was aborted in the meantime: the caller stops there, and so do the receivers
/// when it happened in the observer's callback.
template <typename... Args>
bool OllamaCall::announce(void (Observer::*event)(Args...), void (OllamaCall::*signal)(Args...), Args... args)
{
    const QPointer<OllamaCall> self(this);
    const bool wasFinished = m_finished;
    const int aborts = m_aborts;
    if (m_observer) {
        (m_observer->*event)(args...);
        if (!self || m_finished != wasFinished || m_aborts != aborts)
            return false;
    }
    Q_EMIT (this->*signal)(args...);
    return self && m_finished == wasFinished;
}

} // namespace Corral
