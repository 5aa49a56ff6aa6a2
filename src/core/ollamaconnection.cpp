// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamaconnection.h"

#include "core/ollamacall.h"

#include "core/settings.h"

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

void OllamaConnection::setBearerToken(const QByteArray &token)
{
    m_authorization = token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token + "\r\n";
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
        if (!isOwnRequestHeader(name) && (m_authorization.isEmpty() || !isHeaderNameIn(name, {"authorization"})))
            head.append(name).append(": ").append(value).append("\r\n");
    }
    head.append(m_authorization);
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

} // namespace Corral
