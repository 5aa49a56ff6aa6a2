// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/localserver.h"

#include "core/httpresponseparser.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "server/activity.h"
#include "server/guardedtcpserver.h"
#include "server/httpsupport.h"
#include "server/ollamaproxy.h"
#include "server/qtloggingguard.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QAbstractHttpServer>
#include <QLoggingCategory>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcServer, "corral.server", QtInfoMsg)

namespace Corral {

namespace {

/// QtHttpServer's own parsing, connections and responders, with LocalServer's dispatch in place
/// of QHttpServer's router: every request goes to one handler anyway, and the router's regular
/// expression match and argument conversion cost about a tenth of a proxied request.
class HttpServer final : public QAbstractHttpServer
{
public:
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&)>;

    HttpServer(Handler handler, QObject *parent)
        : QAbstractHttpServer(parent)
        , m_handler(std::move(handler))
    {
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_handler(request, makeResponder(request, socket));
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override
    {
        // Never called: handleRequest() takes every request.
    }

private:
    Handler m_handler;
};

} // namespace

LocalServer::LocalServer(OllamaConnection *connection, Settings *settings, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_settings(settings)
    , m_proxy(new OllamaProxy(connection, this))
    , m_activity(new Activity(this))
{
    m_proxy->setActivity(m_activity);
    silenceHttpServerLogging(); // Qt's request logging would print every credential
    // Every request goes through dispatch(): the gate first, then the handlers, and our own JSON
    // 404 (a router's would skip the security headers).
    m_http = new HttpServer([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        dispatch(request, std::move(responder));
    }, this);

    addRoutes<LocalServer>(this, {{Routes::Ollama, Routes::Match::Tree, &LocalServer::serveOllama}});
    connect(m_settings, &Settings::changed, this, &LocalServer::applySettings);
}

LocalServer::~LocalServer()
{
    stop();
}

void LocalServer::addRoute(QByteArrayView path, Routes::Match match, Handler handler)
{
    m_handlers.prepend(Route{path.toByteArray(), match, std::move(handler)});
}

QList<QByteArray> LocalServer::routeList() const
{
    QList<QByteArray> list;
    for (const Route &route : m_handlers)
        list.append(route.match == Routes::Match::Tree ? route.path + "/*" : route.path);
    return list;
}

void LocalServer::serveOllama(const QHttpServerRequest &request, QHttpServerResponder &&responder, const Context &context)
{
    m_proxy->handle(request, std::move(responder), context);
}

void LocalServer::serveApp(const QHttpServerRequest &request, QHttpServerResponder &&responder, const Context &context)
{
    if (m_appHandler) {
        m_appHandler(request, std::move(responder), context);
        return;
    }
    QFile file(QStringLiteral(":/web/index.html"));
    file.open(QIODevice::ReadOnly);
    Http::writeResponse(responder, 200, "text/html; charset=utf-8", file.readAll(), context.responseHeaders);
}

void LocalServer::setHeadGate(HeadGate gate)
{
    m_headGate = std::make_shared<const HeadGate>(std::move(gate));
    if (m_tcp)
        applyLimits(m_tcp);
}

void LocalServer::dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    Context context;
    const std::optional<HeadVerdict> verdict = GuardedTcpServer::takeVerdict(responder.socket());
    if (verdict) {
        // Routed by what the guard read and the gate decided on, byte for byte.
        context.path = verdict->path;
        context.target = verdict->target;
        if (verdict->method != Http::methodName(request.method())) {
            // Never expected: QtHttpServer and the guard read this request differently.
            qCWarning(lcServer).noquote() << "a request read two ways was refused";
            Http::writeJson(responder, 400, {{QStringLiteral("error"), tr("The request could not be read unambiguously.")}},
                            Http::securityHeaders(context.path));
            responder.socket()->disconnectFromHost();
            return;
        }
    } else {
        context.path = request.url().path(QUrl::FullyEncoded).toLatin1();
        context.target = request.url().toString(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::FullyEncoded).toLatin1();
    }
    const QByteArray &path = context.path;
    context.responseHeaders = Http::securityHeaders(path);
    context.http10 = GuardedTcpServer::isHttp10(responder.socket());
    context.closeAfter = context.http10 || hasToken(request.value("connection"), "close");
    if (context.closeAfter) // Http::writeResponse() and the proxy close after such an answer
        context.responseHeaders.append(qMakePair(QByteArray("Connection"), QByteArray("close")));
    if (m_gate && !m_gate(request, responder, context, verdict ? &*verdict : nullptr))
        return;
    for (const Route &route : std::as_const(m_handlers)) {
        if (route.match == Routes::Match::Tree ? Routes::isUnder(path, route.path) : path == route.path) {
            route.handler(request, std::move(responder), context);
            return;
        }
    }
    Http::writeJson(responder, 404,
                    {{QStringLiteral("error"),
                      tr("Nothing here. The Ollama API is under /ollama, for example /ollama/api/tags.")}},
                    context.responseHeaders);
}

void LocalServer::applyLimits(QTcpServer *tcp) const
{
    GuardConfig *config = nullptr;
    if (auto *plain = qobject_cast<GuardedTcpServer *>(tcp))
        config = &plain->config();
    else if (auto *tls = qobject_cast<GuardedSslServer *>(tcp))
        config = &tls->config();
    if (!config)
        return;
    config->maxBodyBytes = m_settings->maxBodyBytes();
    config->idleTimeoutSecs = m_settings->idleTimeoutSecs();
    config->maxConnections = qMax(1, m_settings->value(SettingsKey::ServerMaxConnections).toInt());
    config->maxConnectionsPerAddress = qMax(1, m_settings->value(SettingsKey::ServerMaxConnectionsPerAddress).toInt());
    config->gate = m_headGate;
}

bool LocalServer::loadTls(QSslConfiguration *configuration, QString *error) const
{
    const QString certPath = m_settings->value(SettingsKey::ServerTlsCertificate).toString();
    const QString keyPath = m_settings->value(SettingsKey::ServerTlsKey).toString();
    if (certPath.isEmpty() && keyPath.isEmpty())
        return true;
    if (certPath.isEmpty() || keyPath.isEmpty()) {
        *error = tr("TLS needs both a certificate (--tls-cert) and a private key (--tls-key).");
        return false;
    }
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certPath, QSsl::Pem);
    if (chain.isEmpty() || chain.first().isNull()) {
        *error = tr("Cannot read a PEM certificate from %1.").arg(certPath);
        return false;
    }
    QFile keyFile(keyPath);
    if (!keyFile.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read the private key %1: %2").arg(keyPath, keyFile.errorString());
        return false;
    }
    const QByteArray pem = keyFile.readAll();
    QSslKey key;
    for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        key = QSslKey(pem, algorithm, QSsl::Pem);
        if (!key.isNull())
            break;
    }
    if (key.isNull()) {
        *error = tr("%1 does not hold an unencrypted PEM private key.").arg(keyPath);
        return false;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    *configuration = tls;
    return true;
}

bool LocalServer::listenOn(const QHostAddress &address, quint16 port, QString *error)
{
    QSslConfiguration tls;
    if (!loadTls(&tls, error))
        return false;
    QTcpServer *tcp = nullptr;
    if (tls.localCertificate().isNull()) {
        tcp = new GuardedTcpServer(this);
    } else {
        auto *ssl = new GuardedSslServer(this);
        ssl->setSslConfiguration(tls);
        tcp = ssl;
    }
    applyLimits(tcp);
    if (!tcp->listen(address, port)) {
        if (tcp->serverError() == QAbstractSocket::AddressInUseError) {
            *error = tr("Port %1 on %2 is already in use. Pick another port with --port N (0 picks any free "
                        "port), CORRAL_PORT or Preferences > Local server, or stop the program that uses it.")
                         .arg(port)
                         .arg(address.toString());
        } else {
            *error = tr("Cannot listen on %1 port %2: %3").arg(address.toString()).arg(port).arg(tcp->errorString());
        }
        delete tcp;
        return false;
    }
    m_http->bind(tcp); // reparents tcp to the HTTP server
    GuardedTcpServer::watchAfterHttpServer(tcp);
    QTcpServer *old = m_tcp;
    m_tcp = tcp;
    m_tls = !tls.localCertificate().isNull();
    m_address = address;
    m_port = tcp->serverPort();
    if (old)
        retire(old);
    return true;
}

void LocalServer::retire(QTcpServer *old)
{
    // Stop accepting at once, but let the connections it accepted finish their responses.
    old->close();
    const auto sockets = old->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
    if (sockets.isEmpty()) {
        old->deleteLater();
        return;
    }
    for (QTcpSocket *socket : sockets) {
        connect(socket, &QObject::destroyed, old, [old] {
            const auto left = old->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
            if (left.isEmpty())
                old->deleteLater();
        });
    }
}

bool LocalServer::start()
{
    const QHostAddress address(m_settings->serverBind());
    if (address.isNull()) {
        m_error = tr("\"%1\" is not an IP address to listen on.").arg(m_settings->serverBind());
        return false;
    }
    if (!listenOn(address, quint16(m_settings->serverPort()), &m_error))
        return false;
    m_error.clear();
    qCInfo(lcServer).noquote() << "listening on" << url().toString();
    if (const QString warning = exposureWarning(address, m_tls); !warning.isEmpty())
        qCWarning(lcServer).noquote() << warning;
    Q_EMIT listening(url());
    return true;
}

QString LocalServer::exposureWarning(const QHostAddress &address, bool tls)
{
    if (address.isLoopback() || tls)
        return QString();
    return tr("The local server accepts connections from other devices on %1. Without TLS (--tls-cert, --tls-key), "
              "tokens and chats cross the network unencrypted.")
        .arg(address.toString());
}

void LocalServer::stop()
{
    m_proxy->abortAll(); // writes each client a last line and ends its response
    if (m_tcp) {
        // Hand the last bytes to the kernel before the sockets go away.
        const auto sockets = m_tcp->findChildren<QTcpSocket *>(Qt::FindDirectChildrenOnly);
        for (QTcpSocket *socket : sockets)
            socket->flush();
        m_tcp->close();
        m_tcp->deleteLater();
        m_tcp = nullptr;
    }
    m_port = 0;
}

bool LocalServer::isListening() const
{
    return m_tcp && m_tcp->isListening();
}

QUrl LocalServer::url() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    // A browser on this machine reaches a wildcard listener through loopback.
    const bool wildcard = m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4
        || m_address == QHostAddress::AnyIPv6;
    url.setHost(wildcard ? QStringLiteral("127.0.0.1") : m_address.toString());
    url.setPort(m_port);
    url.setPath(QStringLiteral("/"));
    return url;
}

void LocalServer::applySettings(const QString &key)
{
    if (key == SettingsKey::ServerEnabled) {
        const bool enabled = m_settings->value(SettingsKey::ServerEnabled).toBool();
        if (!enabled && isListening()) {
            stop();
        } else if (enabled && !isListening() && !start()) {
            qCWarning(lcServer).noquote() << m_error;
            Q_EMIT listenFailed(m_error);
        }
        return;
    }
    if (!isListening())
        return;
    if (key == SettingsKey::ServerMaxBodyBytes || key == SettingsKey::ServerIdleTimeout
        || key == SettingsKey::ServerMaxConnections || key == SettingsKey::ServerMaxConnectionsPerAddress) {
        applyLimits(m_tcp);
        return;
    }
    const bool tlsChanged = key == SettingsKey::ServerTlsCertificate || key == SettingsKey::ServerTlsKey;
    if (key != SettingsKey::ServerPort && key != SettingsKey::ServerBind && !tlsChanged)
        return;
    const QHostAddress address(m_settings->serverBind());
    // A port of 0 keeps the current one when only the address or TLS changes.
    quint16 port = quint16(m_settings->serverPort());
    if (address == m_address && port == m_port && !tlsChanged)
        return;
    if (tlsChanged && address == m_address && port == m_port) {
        // Same address and port: the old listener must let go first.
        QTcpServer *old = m_tcp;
        m_tcp = nullptr;
        old->close();
        QString error;
        if (listenOn(address, port, &error)) {
            retire(old);
            Q_EMIT listening(url());
            return;
        }
        old->listen(m_address, m_port);
        m_tcp = old;
        qCWarning(lcServer).noquote() << error;
        Q_EMIT listenFailed(error);
        return;
    }
    QString error;
    if (address.isNull()) {
        error = tr("\"%1\" is not an IP address to listen on.").arg(m_settings->serverBind());
    } else if (listenOn(address, port, &error)) {
        qCInfo(lcServer).noquote() << "now listening on" << url().toString();
        Q_EMIT listening(url());
        return;
    }
    qCWarning(lcServer).noquote() << error;
    Q_EMIT listenFailed(error);
}

} // namespace Corral
