// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/requestcontext.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QObject>

class QTcpSocket;

namespace Corral {

class AccessControl;
struct AccessDecision;
struct AccessRequest;
class LocalServer;
struct HeadVerdict;
struct RequestHead;

/**
 * Puts AccessControl in front of every route of a LocalServer and serves the browser sign-in:
 *  - GET /            sign-in page, or (signed in) the chat page registered as "/app"
 *  - GET /?token=...  and  GET /?code=...  sign in, set the session cookie, 303 to / so the
 *                     secret leaves the address bar
 *  - GET /auth/signin (the sign-in page), POST /auth/signin (form field "token"),
 *    POST /auth/signout
 *  - POST /auth/session  the session's page key, once, for the page that just signed in (it sends
 *                     it as X-Corral-Session with every call to /ollama and /api)
 *  - GET /static/...  the page's style sheet and scripts, from Qt resources
 */
class AccessGate final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessGate)

public:
    AccessGate(LocalServer *server, AccessControl *access, QObject *parent = nullptr);

private:
    // The gates: at the head (GuardedTcpServer), and before the handlers (LocalServer).
    HeadVerdict decideHead(const RequestHead &head, const QTcpSocket *socket);
    bool admit(const QHttpServerRequest &request, QHttpServerResponder &responder, RequestContext &context,
               const HeadVerdict *verdict);

    // The routes (routes.h): Root, SignIn, Session, SignOut and Static.
    void serveRoot(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);
    void serveSignIn(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);
    void serveSession(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);
    void serveSignOut(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);
    void serveStatic(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);

    void writeSignInPage(QHttpServerResponder &responder, const QHttpServerRequest &request, const RequestContext &context,
                         const QString &error, int status) const;
    void writeSignedIn(QHttpServerResponder &responder, const RequestContext &context, const QByteArray &session) const;

    /// The access rules for @p request's route: all of them for /ollama and /api, the Host check
    /// (and the ban, for sign-in attempts) for the rest.
    AccessDecision decide(const AccessRequest &request) const;

    LocalServer *m_server;
    AccessControl *m_access;
};

} // namespace Corral
