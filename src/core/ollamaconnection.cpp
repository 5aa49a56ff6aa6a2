// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamaconnection.h"

#include "settings.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Corral {

namespace {

// Qt 6.4's QNAM opens at most six connections per host; a new manager joins the pool once every
// manager has that many calls in flight, so parallel streams never queue behind each other.
constexpr int CallsPerManager = 6;
constexpr int MaxManagers = 64;

bool isModelListPath(const QByteArray &path)
{
    return path == "/api/tags" || path == "/api/version" || path == "/api/ps" || path == "/v1/models"
        || path == "/";
}

} // namespace

OllamaConnection::OllamaConnection(QObject *parent)
    : QObject(parent)
    , m_baseUrl(Settings::defaultValue(SettingsKey::OllamaUrl).toString())
{
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

QNetworkAccessManager *OllamaConnection::pickManager()
{
    Pooled *best = nullptr;
    for (Pooled &pooled : m_pool) {
        if (!best || pooled.active < best->active)
            best = &pooled;
    }
    if (!best || (best->active >= CallsPerManager && int(m_pool.size()) < MaxManagers)) {
        auto *manager = new QNetworkAccessManager(this);
        manager->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
        manager->setProxy(QNetworkProxy::NoProxy);
        manager->setCookieJar(nullptr);
        m_pool.push_back(Pooled{manager, 0});
        best = &m_pool.back();
    }
    ++best->active;
    return best->manager;
}

OllamaCall *OllamaConnection::send(const Request &request)
{
    QByteArray path = request.pathAndQuery;
    if (!path.startsWith('/'))
        path.prepend('/');
    // Byte for byte: the encoded base plus the encoded path, so percent-escapes survive.
    const QUrl url = QUrl::fromEncoded(m_baseUrl.toEncoded() + path);

    QNetworkRequest networkRequest(url);
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    networkRequest.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    networkRequest.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    networkRequest.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    networkRequest.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto &[name, value] : request.headers)
        networkRequest.setRawHeader(name, value);

    QNetworkAccessManager *manager = pickManager();
    // get() and head() skip the upload machinery that a body (even an empty one) sets up.
    QNetworkReply *reply = nullptr;
    if (request.method == "HEAD")
        reply = manager->head(networkRequest);
    else if (request.method == "GET" && request.body.isEmpty())
        reply = manager->get(networkRequest);
    else
        reply = manager->sendCustomRequest(networkRequest, request.method, request.body);

    const TimeoutClass timeoutClass = timeoutClassFor(request.method, path);
    const int limit = timeoutClass == TimeoutClass::ModelList ? m_modelListTimeoutSecs : m_responseTimeoutSecs;
    auto *call = new OllamaCall(this, reply, timeoutClass, limit, m_connectTimeoutSecs);
    call->m_failure.url = m_baseUrl; // users configure the base URL: name that one when it fails
    call->setProperty("corral_manager", QVariant::fromValue<QObject *>(manager));
    m_calls.append(call);
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
}

int OllamaConnection::activeCalls() const
{
    int active = 0;
    for (const Pooled &pooled : m_pool)
        active += pooled.active;
    return active;
}

void OllamaConnection::callFinished(OllamaCall *call)
{
    auto *manager = qobject_cast<QNetworkAccessManager *>(call->property("corral_manager").value<QObject *>());
    for (Pooled &pooled : m_pool) {
        if (pooled.manager == manager) {
            --pooled.active;
            break;
        }
    }
    m_calls.removeAll(call);
}

// --- OllamaCall ---------------------------------------------------------------------------------

OllamaCall::OllamaCall(OllamaConnection *connection, QNetworkReply *reply, OllamaConnection::TimeoutClass timeoutClass,
                       int timeoutSecs, int connectTimeoutSecs)
    : QObject(connection)
    , m_connection(connection)
    , m_reply(reply)
    , m_url(reply->url())
    , m_timeoutClass(timeoutClass)
{
    reply->setParent(this);

    if (timeoutSecs > 0) {
        m_deadline = new QTimer(this);
        m_deadline->setSingleShot(true);
        m_deadline->setTimerType(Qt::CoarseTimer);
        connect(m_deadline, &QTimer::timeout, this, [this, timeoutSecs] {
            fail(m_timeoutClass == OllamaConnection::TimeoutClass::ModelList ? OllamaFailure::Kind::ModelListTimeout
                                                                             : OllamaFailure::Kind::ResponseTimeout,
                 QString(), timeoutSecs);
        });
        m_deadline->start(timeoutSecs * 1000);
    }
    if (connectTimeoutSecs > 0 && (timeoutSecs <= 0 || connectTimeoutSecs < timeoutSecs)) {
        m_connectTimer = new QTimer(this);
        m_connectTimer->setSingleShot(true);
        connect(m_connectTimer, &QTimer::timeout, this, [this, connectTimeoutSecs] {
            fail(OllamaFailure::Kind::ConnectTimeout, QString(), connectTimeoutSecs);
        });
        m_connectTimer->start(connectTimeoutSecs * 1000);
        // Any sign of life from the socket means the connection stands.
        connect(reply, &QNetworkReply::requestSent, m_connectTimer, &QTimer::stop);
        connect(reply, &QNetworkReply::uploadProgress, m_connectTimer, &QTimer::stop);
    }

    connect(reply, &QNetworkReply::metaDataChanged, this, &OllamaCall::onMetaData);
    connect(reply, &QNetworkReply::readyRead, this, [this] {
        onMetaData();
        Q_EMIT dataAvailable();
    });
    connect(reply, &QNetworkReply::finished, this, &OllamaCall::onFinished);
}

OllamaCall::~OllamaCall()
{
    if (!m_finished) {
        m_finished = true;
        m_reply->disconnect(this);
        m_reply->abort();
        if (m_connection)
            m_connection->callFinished(this);
    }
}

qint64 OllamaCall::bytesAvailable() const
{
    return m_reply->bytesAvailable();
}

QByteArray OllamaCall::read(qint64 maxSize)
{
    return m_reply->read(maxSize);
}

QByteArray OllamaCall::readAll()
{
    return m_reply->readAll();
}

void OllamaCall::setReadBufferSize(qint64 size)
{
    m_reply->setReadBufferSize(size);
}

void OllamaCall::abort()
{
    if (m_finished)
        return;
    if (!m_failure.isFailure()) {
        m_failure.kind = OllamaFailure::Kind::Cancelled;
        m_failure.reason = tr("Cancelled");
    }
    m_reply->abort(); // emits finished() synchronously
}

void OllamaCall::onMetaData()
{
    if (m_started)
        return;
    const QVariant status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!status.isValid())
        return;
    m_started = true;
    m_status = status.toInt();
    m_responseHeaders = m_reply->rawHeaderPairs();
    if (m_connectTimer)
        m_connectTimer->stop();
    Q_EMIT responseStarted(m_status);
}

void OllamaCall::fail(OllamaFailure::Kind kind, const QString &reason, int limitSecs)
{
    if (m_finished || m_failure.isFailure())
        return;
    m_failure.kind = kind;
    m_failure.reason = reason;
    m_failure.limitSecs = limitSecs;
    m_reply->abort();
}

void OllamaCall::onFinished()
{
    if (m_finished)
        return;
    if (m_deadline)
        m_deadline->stop();
    if (m_connectTimer)
        m_connectTimer->stop();
    onMetaData();

    const QNetworkReply::NetworkError error = m_reply->error();
    // Errors below 100 are transport errors; above are HTTP statuses, which are answers.
    const bool transportError = error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
    if (!m_failure.isFailure() && transportError) {
        m_failure.kind = m_started ? OllamaFailure::Kind::Interrupted : OllamaFailure::Kind::Unreachable;
        m_failure.reason = m_reply->errorString();
    }
    // A finished reply still holds its last bytes: let the reader take them before finished().
    if (m_reply->bytesAvailable() > 0)
        Q_EMIT dataAvailable();
    m_finished = true;
    if (m_connection)
        m_connection->callFinished(this);
    Q_EMIT finished();
}

} // namespace Corral
