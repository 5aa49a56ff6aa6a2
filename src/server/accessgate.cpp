// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/accessgate.h"

#include "server/access/accesscontrol.h"
#include "server/historyapi.h"
#include "server/httpsupport.h"
#include "server/localserver.h"
#include "server/routes.h"

#include <QFile>
#include <QHostAddress>
#include <QMimeDatabase>
#include <QUrlQuery>

namespace Corral {

namespace {

/// The fields the access rules read, from a request's headers (as QtHttpServer or the guard
/// read them): one pass over the headers instead of one lookup (a scan of them all) per field;
/// repeated fields combine with ", " as QHttpServerRequest::value() does.
AccessRequest accessRequestFrom(const QByteArray &method, const QByteArray &path, const HttpHeaders &headers,
                                const QHostAddress &peer)
{
    AccessRequest access;
    access.method = method;
    access.path = path;
    static constexpr std::pair<QByteArrayView, QByteArray AccessRequest::*> fields[] = {
        {"Host", &AccessRequest::host},       {"Authorization", &AccessRequest::authorization},
        {"X-Api-Key", &AccessRequest::apiKey},
        {"Origin", &AccessRequest::origin},   {"Referer", &AccessRequest::referer},
        {"Cookie", &AccessRequest::cookie},   {"Sec-Fetch-Site", &AccessRequest::secFetchSite},
        {"User-Agent", &AccessRequest::userAgent},     {"X-Corral-Session", &AccessRequest::sessionKey},
    };
    for (const auto &[name, value] : headers) {
        for (const auto &[fieldName, member] : fields) {
            if (name.compare(fieldName, Qt::CaseInsensitive) != 0)
                continue;
            QByteArray &field = access.*member;
            if (field.isNull())
                field = value;
            else
                field.append(", ").append(value);
            break;
        }
    }
    access.secFetchSite = access.secFetchSite.toLower();
    access.peer = peer;
    return access;
}

AccessRequest accessRequestFrom(const QHttpServerRequest &request, const RequestContext &context)
{
    return accessRequestFrom(Http::methodName(request.method()), context.path, request.headers(), request.remoteAddress());
}

/// What the body of a request to a route without sign-in (the sign-in form, the page, 404s)
/// may be: nothing there reads more than a form with a token (bounded memory before sign-in).
constexpr qint64 PublicBodyLimit = 64 * 1024;

bool hostIsLocalOrLiteral(const QByteArray &host)
{
    QString name = QString::fromLatin1(host).toLower();
    if (name.startsWith(QLatin1Char('[')))
        return true; // an IPv6 literal
    name = name.section(QLatin1Char(':'), 0, 0);
    return name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost"))
        || !QHostAddress(name).isNull();
}

QByteArray htmlEscape(const QString &text)
{
    return text.toHtmlEscaped().toUtf8();
}

} // namespace

AccessDecision AccessGate::decide(const AccessRequest &request) const
{
    return Routes::needsCredential(request.path) ? m_access->check(request) : m_access->checkPublic(request);
}

AccessGate::AccessGate(LocalServer *server, AccessControl *access, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_access(access)
{
    connect(server, &LocalServer::listening, this, [this] {
        m_access->setListenAddress(m_server->address(), m_server->port(), m_server->isTls());
    });
    if (server->isListening())
        m_access->setListenAddress(server->address(), server->port(), server->isTls());

    server->setHeadGate([this](const RequestHead &head, const QTcpSocket *socket) { return decideHead(head, socket); });
    server->setGate([this](const QHttpServerRequest &request, QHttpServerResponder &responder, RequestContext &context,
                           const HeadVerdict *verdict) { return admit(request, responder, context, verdict); });
    using Match = Routes::Match;
    server->addRoutes<AccessGate>(this, {
        {Routes::Root, Match::Exact, &AccessGate::serveRoot},
        {Routes::SignIn, Match::Exact, &AccessGate::serveSignIn},
        {Routes::Session, Match::Exact, &AccessGate::serveSession},
        {Routes::SignOut, Match::Exact, &AccessGate::serveSignOut},
        {Routes::Static, Match::Tree, &AccessGate::serveStatic},
    });
}

HeadVerdict AccessGate::decideHead(const RequestHead &head, const QTcpSocket *socket)
{
    // Access is decided as soon as a head is in: a request that is refused gets its answer and
    // the connection closes without its body being read (nothing buffered before sign-in).
    const AccessRequest access = accessRequestFrom(head.method, head.path, head.headers, socket->peerAddress());
    const AccessDecision decision = decide(access);
    HeadVerdict verdict;
    if (!decision.allowed) {
        verdict.allowed = false;
        verdict.status = decision.status;
        verdict.reason = Http::reasonPhrase(decision.status);
        verdict.headers = Http::securityHeaders(access.path);
        verdict.headers.append(decision.headers);
        verdict.body = Http::jsonBody({{QStringLiteral("error"), decision.error}});
        return verdict;
    }
    if (!Routes::needsCredential(access.path))
        verdict.bodyLimit = PublicBodyLimit;
    else if (access.path == AttachmentExtractPath)
        verdict.bodyLimit = AttachmentExtractBodyLimit; // a PDF to read, never the server's whole limit
    verdict.decision = decision;
    return verdict;
}

bool AccessGate::admit(const QHttpServerRequest &request, QHttpServerResponder &responder, RequestContext &context,
                       const HeadVerdict *verdict)
{
    const QByteArray host = request.value("Host");
    // HSTS binds the whole host, not the port: sent for "localhost" or an IP address it
    // would force HTTPS on every other local server for a year (RFC 6797 §8.1, §14.4).
    if (m_server->isTls() && !hostIsLocalOrLiteral(host))
        context.responseHeaders.append(qMakePair(QByteArray("Strict-Transport-Security"), QByteArray("max-age=31536000")));
    // Decided when the head came in; only a socket without a guard gets here undecided.
    const AccessDecision *decided = verdict ? std::any_cast<AccessDecision>(&verdict->decision) : nullptr;
    const AccessDecision decision = decided ? *decided : decide(accessRequestFrom(request, context));
    if (!decision.allowed) {
        HttpHeaders headers = context.responseHeaders;
        headers.append(decision.headers);
        Http::writeJson(responder, decision.status, {{QStringLiteral("error"), decision.error}}, headers);
        return false;
    }
    context.responseHeaders.append(decision.headers);
    context.cloudModelsRefused = decision.cloudModelsRefused;
    switch (decision.caller) { // who is shown in the activity view, and a key's limits
    case AccessDecision::Caller::ApiKey:
        context.callerKind = ActivityEntry::CallerKind::ApiKey;
        context.callerName = decision.keyName;
        context.keyLimits = decision.keyLimits;
        break;
    case AccessDecision::Caller::Session:
        context.callerKind = ActivityEntry::CallerKind::Session;
        context.callerName = decision.sessionTag;
        break;
    case AccessDecision::Caller::Owner:
    case AccessDecision::Caller::Nobody:
        break;
    }
    if (decision.preflightAnswered) {
        Http::writeResponse(responder, 204, QByteArray(), QByteArray(), context.responseHeaders);
        return false;
    }
    return true;
}

void AccessGate::writeSignInPage(QHttpServerResponder &responder, const QHttpServerRequest &request,
                                 const RequestContext &context, const QString &error, int status) const
{
    QFile file(QStringLiteral(":/web/signin.html"));
    file.open(QIODevice::ReadOnly);
    QByteArray html = file.readAll();
    html.replace("{{ERROR}}", error.isEmpty() ? QByteArray() : "<p class=\"error\" role=\"alert\">" + htmlEscape(error) + "</p>");
    html.replace("{{ORIGIN}}", htmlEscape((m_server->isTls() ? QStringLiteral("https://") : QStringLiteral("http://"))
                                          + QString::fromLatin1(request.value("Host"))));
    Http::writeResponse(responder, status, "text/html; charset=utf-8", html, context.responseHeaders);
}

void AccessGate::writeSignedIn(QHttpServerResponder &responder, const RequestContext &context, const QByteArray &session) const
{
    HttpHeaders headers = context.responseHeaders;
    headers.append(qMakePair(QByteArray("Set-Cookie"), QByteArray(m_access->sessionCookie(session))));
    headers.append(qMakePair(QByteArray("Location"), QByteArray(Routes::Root)));
    Http::writeResponse(responder, 303, QByteArray(), QByteArray(), headers);
}

void AccessGate::serveRoot(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    const AccessRequest access = accessRequestFrom(request, context);
    const QUrlQuery query(request.url());
    const QString secret = query.hasQueryItem(QStringLiteral("token")) ? query.queryItemValue(QStringLiteral("token"))
                                                                       : query.queryItemValue(QStringLiteral("code"));
    if (!secret.isEmpty()) {
        const QByteArray session = m_access->signIn(secret.toUtf8(), access);
        if (session.isEmpty() && m_access->isCrossSite(access))
            return writeSignInPage(responder, request, context, tr("Sign-in links work only when opened directly (typed, pasted or from Corral), not from another web site."), 403);
        if (session.isEmpty())
            return writeSignInPage(responder, request, context, tr("That sign-in link or token is not valid (links work once, for 60 seconds)."), 401);
        return writeSignedIn(responder, context, session);
    }
    if (!m_access->hasSession(access))
        return writeSignInPage(responder, request, context, QString(), 200);
    m_server->serveApp(request, std::move(responder), context);
}

void AccessGate::serveSignIn(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    // A tab whose session key is missing comes here to sign in again (the cookie alone would
    // only show the page again at /).
    if (request.method() == QHttpServerRequest::Method::Get)
        return writeSignInPage(responder, request, context, QString(), 200);
    if (request.method() != QHttpServerRequest::Method::Post)
        return Http::writeJson(responder, 405, {{QStringLiteral("error"), tr("Use POST.")}}, context.responseHeaders);
    const AccessRequest access = accessRequestFrom(request, context);
    const QUrlQuery form(QString::fromUtf8(request.body()));
    const QByteArray session = m_access->signIn(
        QUrl::fromPercentEncoding(form.queryItemValue(QStringLiteral("token"), QUrl::FullyEncoded).toUtf8().replace('+', ' ')).toUtf8(),
        access);
    if (session.isEmpty())
        return writeSignInPage(responder, request, context, tr("That token is not valid."), 401);
    writeSignedIn(responder, context, session);
}

void AccessGate::serveSession(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    // The page that just signed in takes its session's page key here, once, in the body: never in
    // a URL, and refused to other sites (another port on this host is "same-site").
    if (request.method() != QHttpServerRequest::Method::Post)
        return Http::writeJson(responder, 405, {{QStringLiteral("error"), tr("Use POST.")}}, context.responseHeaders);
    const AccessRequest access = accessRequestFrom(request, context);
    if (m_access->isCrossSite(access))
        return Http::writeJson(responder, 403, {{QStringLiteral("error"), tr("Cross-site request refused.")}},
                               context.responseHeaders);
    if (!m_access->hasSession(access))
        return Http::writeJson(responder, 401, {{QStringLiteral("error"), tr("Sign in first.")}}, context.responseHeaders);
    const QByteArray key = m_access->claimPageKey(access);
    if (key.isEmpty())
        return Http::writeJson(responder, 409, {{QStringLiteral("error"), tr("This session's key was already handed to a page.")}},
                               context.responseHeaders);
    Http::writeJson(responder, 200, {{QStringLiteral("session_key"), QString::fromLatin1(key)}}, context.responseHeaders);
}

void AccessGate::serveSignOut(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    const AccessRequest access = accessRequestFrom(request, context);
    if (request.method() != QHttpServerRequest::Method::Post)
        return Http::writeJson(responder, 405, {{QStringLiteral("error"), tr("Use POST.")}}, context.responseHeaders);
    // Only Corral's own page may sign a browser out (OWASP: verify Origin).
    const QByteArray own = (m_server->isTls() ? QByteArray("https://") : QByteArray("http://")) + access.host.toLower();
    if (!access.origin.isEmpty() && access.origin.toLower() != own)
        return Http::writeJson(responder, 403, {{QStringLiteral("error"), tr("Cross-site request refused.")}},
                               context.responseHeaders);
    m_access->signOut(access);
    HttpHeaders headers = context.responseHeaders;
    headers.append(qMakePair(QByteArray("Set-Cookie"), QByteArray(m_access->clearedCookie())));
    headers.append(qMakePair(QByteArray("Location"), QByteArray(Routes::Root)));
    Http::writeResponse(responder, 303, QByteArray(), QByteArray(), headers);
}

void AccessGate::serveStatic(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    const QString name = QString::fromUtf8(Routes::below(request.url().path().toUtf8(), Routes::Static)).mid(1);
    QFile file(QStringLiteral(":/web/") + name);
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.startsWith(QLatin1Char('.')) || !file.open(QIODevice::ReadOnly))
        return Http::writeJson(responder, 404, {{QStringLiteral("error"), tr("No such file.")}}, context.responseHeaders);
    QByteArray type = QMimeDatabase().mimeTypeForFile(name, QMimeDatabase::MatchExtension).name().toLatin1();
    if (type.startsWith("text/") || type.endsWith("javascript"))
        type += "; charset=utf-8";
    HttpHeaders headers = context.responseHeaders;
    headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-cache")));
    Http::writeResponse(responder, 200, type, file.readAll(), headers);
}

} // namespace Corral
