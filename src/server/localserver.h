// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamaconnection.h"
#include "server/guardedtcpserver.h"
#include "server/requestcontext.h"
#include "server/routes.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>

#include <functional>
#include <initializer_list>

class QAbstractHttpServer;
class QSslConfiguration;
class QTcpServer;

namespace Corral {

class Activity;
class GuardedTcpServer;
class OllamaProxy;
class Settings;

/**
 * Corral's local HTTP server: the /ollama proxy, the browser page and its API, behind one gate.
 *
 * Listens on the configured address (127.0.0.1 by default) and port. Settings changes apply
 * live: a new port or address starts a new listener first and only then stops the old one, so a
 * port that is taken leaves the old listener running (listenFailed() says why).
 */
class LocalServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServer)

public:
    using Context = RequestContext;
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &&, const Context &)>;

    /// The access gate: returns true to let the request in (filling @p context), or answers
    /// the request itself through @p responder and returns false. @p verdict is what the head
    /// gate decided when the request's head arrived (null for a socket without a guard).
    using Gate = std::function<bool(const QHttpServerRequest &, QHttpServerResponder &, Context &, const HeadVerdict *verdict)>;

    LocalServer(OllamaConnection *connection, Settings *settings, QObject *parent = nullptr);
    ~LocalServer() override;

    /// Starts listening with the current settings. On failure, errorString() says why.
    bool start();
    void stop();
    bool isListening() const;
    bool isTls() const { return m_tls; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    /// http://127.0.0.1:PORT/ (the address a browser on this machine uses).
    QUrl url() const;
    QString errorString() const { return m_error; }

    void setGate(Gate gate) { m_gate = std::move(gate); }
    /// Decides each request as soon as its head is in, before its body is read (see
    /// GuardedTcpServer). Applies to connections accepted from now on.
    void setHeadGate(HeadGate gate);
    /// Registers @p handler for @p path (Routes::Match::Exact) or for it and every path under
    /// it (Routes::Match::Tree, see Routes::isUnder). Later registrations win.
    void addRoute(QByteArrayView path, Routes::Match match, Handler handler);

    /// One row of a component's route table: a path from routes.h and a named member function.
    template<class Owner>
    struct MemberRoute
    {
        const char *path;
        Routes::Match match;
        void (Owner::*handler)(const QHttpServerRequest &, QHttpServerResponder &&, const Context &);
    };
    /// Registers each row of @p table as a route to that member function of @p owner.
    template<class Owner>
    void addRoutes(Owner *owner, std::initializer_list<MemberRoute<Owner>> table)
    {
        for (const MemberRoute<Owner> &route : table) {
            addRoute(route.path, route.match,
                     [owner, handler = route.handler](const QHttpServerRequest &request, QHttpServerResponder &&responder,
                                                      const Context &context) {
                         (owner->*handler)(request, std::move(responder), context);
                     });
        }
    }
    /// The registered routes, in the order they are tried: "/ollama/*" for a tree (tests, docs).
    QList<QByteArray> routeList() const;

    OllamaProxy *proxy() const { return m_proxy; }
    /// Every request through the proxy, live and recent, and the totals (on this thread).
    Activity *activity() const { return m_activity; }

    /// The warning start() logs when listening on @p address is open to other devices without
    /// TLS; empty when there is nothing to warn about.
    static QString exposureWarning(const QHostAddress &address, bool tls);

    /// What a signed-in browser gets at "/" (the chat page).
    void setAppHandler(Handler handler) { m_appHandler = std::move(handler); }
    void serveApp(const QHttpServerRequest &request, QHttpServerResponder &&responder, const Context &context);


Q_SIGNALS:
    void listening(const QUrl &url);
    /// A restart after a settings change failed; the previous listener keeps running.
    void listenFailed(const QString &message);

private:
    void serveOllama(const QHttpServerRequest &request, QHttpServerResponder &&responder, const Context &context);
    void dispatch(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void applySettings(const QString &key);
    bool listenOn(const QHostAddress &address, quint16 port, QString *error);
    void retire(QTcpServer *old);
    void applyLimits(QTcpServer *tcp) const;
    bool loadTls(QSslConfiguration *configuration, QString *error) const;

    QPointer<OllamaConnection> m_connection;
    Settings *m_settings;
    QAbstractHttpServer *m_http = nullptr;
    QTcpServer *m_tcp = nullptr;
    bool m_tls = false;
    OllamaProxy *m_proxy = nullptr;
    Activity *m_activity = nullptr;
    Gate m_gate;
    std::shared_ptr<const HeadGate> m_headGate;
    Handler m_appHandler;
    struct Route
    {
        QByteArray path;
        Routes::Match match = Routes::Match::Exact;
        Handler handler;
    };
    QList<Route> m_handlers;
    QHostAddress m_address;
    quint16 m_port = 0;
    QString m_error;
};

} // namespace Corral
