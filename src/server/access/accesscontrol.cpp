// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/accesscontrol.h"

#include "server/access/credentials.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/routes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkInterface>
#include <QRegularExpression>
#include <QUrl>

namespace Corral {

namespace {

bool isUnsafeMethod(const QByteArray &method)
{
    // RFC 9110 §9.2.1: everything but GET, HEAD, OPTIONS and TRACE may change state.
    return method != "GET" && method != "HEAD" && method != "OPTIONS" && method != "TRACE";
}

/// Splits a Host header into name and port (-1 when absent); IPv6 literals keep no brackets.
QPair<QString, int> splitHost(const QByteArray &host)
{
    QString text = QString::fromLatin1(host).trimmed().toLower();
    int port = -1;
    if (text.startsWith(QLatin1Char('['))) {
        const qsizetype close = text.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {QString(), -2};
        const QString rest = text.mid(close + 1);
        text = text.mid(1, close - 1);
        if (rest.startsWith(QLatin1Char(':'))) {
            bool ok = false;
            port = rest.mid(1).toInt(&ok);
            if (!ok)
                return {QString(), -2};
        } else if (!rest.isEmpty()) {
            return {QString(), -2};
        }
        return {text, port};
    }
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0) {
        bool ok = false;
        port = text.mid(colon + 1).toInt(&ok);
        if (!ok || text.count(QLatin1Char(':')) > 1)
            return {QString(), -2};
        text = text.left(colon);
    }
    return {text, port};
}

QByteArray originOf(const QByteArray &url)
{
    const QUrl parsed(QString::fromLatin1(url));
    if (!parsed.isValid() || parsed.host().isEmpty())
        return QByteArray();
    return parsed.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded)
        .toLatin1()
        .toLower();
}

QByteArray bearerFrom(const QByteArray &authorization)
{
    const QByteArray value = authorization.trimmed();
    if (value.size() > 7 && value.left(7).compare("bearer ", Qt::CaseInsensitive) == 0)
        return value.mid(7).trimmed();
    return QByteArray();
}

/// The route Ollama's router sees in @p upstreamPath: decoded, lower case, no query, no repeated
/// or trailing slashes.
QByteArray routeOf(const QByteArray &upstreamPath)
{
    QByteArray path = QByteArray::fromPercentEncoding(upstreamPath.isEmpty() ? QByteArray("/") : upstreamPath).toLower();
    const qsizetype query = path.indexOf('?');
    if (query >= 0)
        path.truncate(query);
    while (path.contains("//"))
        path.replace("//", "/");
    while (path.size() > 1 && path.endsWith('/'))
        path.chop(1);
    // "/<n>/api/..." addresses Ollama server n (OllamaRouter): the rules apply to the route it
    // reaches there.
    if (path.size() > 1 && path.at(1) >= '0' && path.at(1) <= '9') {
        qsizetype end = 1;
        while (end < path.size() && path.at(end) >= '0' && path.at(end) <= '9')
            ++end;
        if (end == path.size())
            return "/";
        if (path.at(end) == '/')
            return path.mid(end);
    }
    return path;
}

} // namespace

AccessControl::AccessControl(TokenStore *tokens, ApiKeyStore *keys, SecurityLog *log, QObject *parent)
    : QObject(parent)
    , m_tokens(tokens)
    , m_keys(keys)
    , m_log(log)
{
    // A new owner token ends every browser session, at once in the thread that rotated it (the
    // window's Preferences, or the server thread noticing the file change): the next request,
    // on whichever thread, finds no session. SessionStore is thread-safe.
    connect(tokens, &TokenStore::rotated, this, [this] { m_sessions.endAll(); }, Qt::DirectConnection);
}

void AccessControl::setListenAddress(const QHostAddress &address, quint16 port, bool tls)
{
    m_address = address;
    m_port = port;
    m_tls = tls;
    m_loopbackHost.clear();
}

void AccessControl::setClock(const std::function<qint64()> &clock)
{
    m_sessions.setClock(clock);
    m_codes = SignInCodes(clock);
    m_bans = BanList(clock);
}

bool AccessControl::hostAllowed(const QByteArray &host) const
{
    // Clients send the same Host on every request: a loopback name accepted once stays accepted
    // until the port changes (it depends on nothing else).
    if (!m_loopbackHost.isEmpty() && host == m_loopbackHost)
        return true;
    const auto [name, port] = splitHost(host);
    if (name.isEmpty() || port == -2)
        return false;
    const int expectedPort = m_port;
    const int effectivePort = port == -1 ? (m_tls ? 443 : 80) : port;
    if (effectivePort != expectedPort)
        return false;
    if (name == QLatin1String("localhost") || name.endsWith(QLatin1String(".localhost"))) {
        m_loopbackHost = host;
        return true;
    }
    const QHostAddress literal(name);
    if (!literal.isNull()) {
        if (literal.isLoopback()) {
            m_loopbackHost = host;
            return true;
        }
        if (m_address.isLoopback())
            return false;
        // Open to the network: the address we listen on, or any of ours for a wildcard bind.
        if (literal.isEqual(m_address, QHostAddress::TolerantConversion))
            return true;
        if (m_address == QHostAddress::Any || m_address == QHostAddress::AnyIPv4 || m_address == QHostAddress::AnyIPv6) {
            const auto addresses = QNetworkInterface::allAddresses();
            for (const QHostAddress &own : addresses) {
                if (own.isEqual(literal, QHostAddress::TolerantConversion))
                    return true;
            }
        }
    }
    if (!m_address.isLoopback()) {
        for (const QString &allowed : m_allowedHosts) {
            if (name == allowed.trimmed().toLower())
                return true;
        }
    }
    return false;
}

bool AccessControl::originMatches(const QByteArray &origin, const QString &pattern)
{
    const QString trimmed = pattern.trimmed();
    if (trimmed == QLatin1String("*"))
        return true;
    QString regex = QRegularExpression::escape(trimmed.toLower());
    regex.replace(QLatin1String("\\*"), QLatin1String("[^/]*"));
    return QRegularExpression(QLatin1Char('^') + regex + QLatin1Char('$')).match(QString::fromLatin1(origin).toLower()).hasMatch();
}

bool AccessControl::originAllowedForCors(const QByteArray &origin) const
{
    for (const QString &pattern : m_allowedOrigins) {
        if (!pattern.trimmed().isEmpty() && originMatches(origin, pattern))
            return true;
    }
    return false;
}

QByteArray AccessControl::ownOrigin(const QByteArray &host) const
{
    return (m_tls ? QByteArray("https://") : QByteArray("http://")) + host.trimmed().toLower();
}

bool AccessControl::sameOrigin(const AccessRequest &request) const
{
    const QByteArray own = ownOrigin(request.host);
    if (!request.origin.isEmpty())
        return request.origin.trimmed().toLower() == own;
    if (!request.referer.isEmpty())
        return originOf(request.referer) == own;
    if (!request.secFetchSite.isEmpty())
        return request.secFetchSite == "same-origin" || request.secFetchSite == "none";
    return false; // no evidence of where it comes from: refuse
}

QByteArray AccessControl::cookieName() const
{
    // RFC 6265bis §4.1.3.2: a __Host- cookie is only accepted with Secure, Path=/ and no Domain,
    // so no other host (or plain-HTTP page) can set or shadow it.
    return (m_tls ? QByteArrayLiteral("__Host-corral_session_") : QByteArrayLiteral("corral_session_")) + QByteArray::number(m_port);
}

QByteArray AccessControl::sessionIdFrom(const QByteArray &cookieHeader) const
{
    const QByteArray name = cookieName();
    for (const QByteArray &part : cookieHeader.split(';')) {
        const QByteArray pair = part.trimmed();
        if (pair.startsWith(QByteArray(name + '=')))
            return pair.mid(name.size() + 1);
    }
    return QByteArray();
}

QByteArray AccessControl::sessionCookie(const QByteArray &sessionId) const
{
    // RFC 6265 §4.1.2.5/§4.1.2.6 and RFC 6265bis SameSite: not readable by scripts, never sent
    // by other sites, only over TLS when the server has it.
    QByteArray cookie = cookieName() + '=' + sessionId + "; Path=/; HttpOnly; SameSite=Strict";
    if (m_tls)
        cookie += "; Secure";
    return cookie;
}

QByteArray AccessControl::clearedCookie() const
{
    QByteArray cookie = cookieName() + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0";
    if (m_tls)
        cookie += "; Secure";
    return cookie;
}

bool AccessControl::chatScopeAllows(const QByteArray &upstreamPath)
{
    // Named routes only: a route Ollama adds later stays closed to chat keys until it is
    // looked at, as /api/me and /api/experimental/web_search had to be.
    static const QList<QByteArray> allowed{
        "/",          "/api/chat",          "/api/generate",   "/api/embed",     "/api/embeddings",
        "/api/tags",  "/api/show",          "/api/ps",         "/api/version",   "/v1/chat/completions",
        "/v1/completions", "/v1/embeddings", "/v1/models",     "/v1/responses",  "/v1/messages"};
    const QByteArray path = routeOf(upstreamPath);
    if (allowed.contains(path))
        return true;
    // GET /v1/models/:model, one segment as Ollama's router matches it.
    static const QByteArray models("/v1/models/");
    return path.startsWith(models) && path.size() > models.size() && !path.mid(models.size()).contains('/');
}

bool AccessControl::isAccountRoute(const QByteArray &upstreamPath)
{
    static const QList<QByteArray> account{"/api/me", "/api/signout", "/api/signin", "/api/status"};
    const QByteArray path = routeOf(upstreamPath);
    return account.contains(path) || path == "/api/experimental" || path.startsWith("/api/experimental/");
}

bool AccessControl::isCloudModel(QStringView model)
{
    const QStringView name = model.trimmed();
    return name.endsWith(QLatin1String(":cloud"), Qt::CaseInsensitive)
        || name.endsWith(QLatin1String("-cloud"), Qt::CaseInsensitive);
}

QStringList AccessControl::modelsIn(const QByteArray &upstreamPath, const QByteArray &body)
{
    const QByteArray path = routeOf(upstreamPath);
    static const QByteArray models("/v1/models/");
    if (path.startsWith(models))
        return {QString::fromUtf8(path.mid(models.size()))};
    if (body.isEmpty())
        return {};
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return {}; // Ollama refuses it as well
    const QJsonObject object = document.object();
    QStringList names;
    for (const QString &field : {QStringLiteral("model"), QStringLiteral("name"), QStringLiteral("from"),
                                QStringLiteral("source"), QStringLiteral("destination")}) {
        if (const QString name = object.value(field).toString(); !name.isEmpty())
            names.append(name);
    }
    return names;
}

QString AccessControl::refusedModelIn(const KeyLimits &limits, const QByteArray &upstreamPath, const QByteArray &body)
{
    if (!limits.restrictsModels())
        return QString();
    for (const QString &model : modelsIn(upstreamPath, body)) {
        if (!limits.allowsModel(model))
            return model;
    }
    return QString();
}

bool AccessControl::isModelList(const QByteArray &upstreamPath)
{
    const QByteArray path = routeOf(upstreamPath);
    return path == "/api/tags" || path == "/api/ps" || path == "/v1/models";
}

bool AccessControl::isInferenceRoute(QByteArrayView upstreamPath)
{
    // A cheap prefix test on the raw path (it only decides whether to look for counts).
    static constexpr QByteArrayView routes[] = {"/api/chat", "/api/generate", "/api/embed", "/v1/"};
    for (const QByteArrayView route : routes) {
        if (upstreamPath.startsWith(route))
            return true;
    }
    return false;
}

QString AccessControl::cloudModelIn(const QByteArray &upstreamPath, const QByteArray &body)
{
    const QByteArray path = routeOf(upstreamPath);
    static const QByteArray models("/v1/models/");
    if (path.startsWith(models)) {
        const QString name = QString::fromUtf8(path.mid(models.size()));
        return isCloudModel(name) ? name : QString();
    }
    if (body.isEmpty())
        return QString();
    // Only API-key callers get here: parsing costs them, not the window or the owner. "from"
    // (create) and "source" (copy) count too: a local copy of a cloud model would spend the
    // same account under a name that does not say so.
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return QString(); // Ollama refuses it as well
    const QJsonObject object = document.object();
    for (const QString &field : {QStringLiteral("model"), QStringLiteral("name"), QStringLiteral("from"),
                                QStringLiteral("source")}) {
        const QString name = object.value(field).toString();
        if (isCloudModel(name))
            return name;
    }
    return QString();
}

AccessDecision AccessControl::refuse(const AccessRequest &request, int status, const QString &error, const QString &event)
{
    AccessDecision decision;
    decision.status = status;
    decision.error = error;
    if (m_log && !event.isEmpty())
        m_log->record(event, request.peer, QStringLiteral("method=%1 path=%2").arg(QString::fromLatin1(request.method),
                                                                                  QString::fromLatin1(request.path.left(200))));
    return decision;
}

AccessDecision AccessControl::checkPublic(const AccessRequest &request)
{
    if (!hostAllowed(request.host)) {
        return refuse(request, 403,
                      tr("This server only answers requests addressed to localhost or 127.0.0.1 on its own port."),
                      QStringLiteral("refused-host host=%1").arg(QString::fromLatin1(request.host.left(100))));
    }
    AccessDecision decision;
    decision.allowed = true;
    return decision;
}

bool AccessControl::hasSession(const AccessRequest &request)
{
    m_tokens->token(); // notices a rotation by another process, which ends every session
    return m_sessions.validate(sessionIdFrom(request.cookie));
}

AccessDecision AccessControl::check(const AccessRequest &request)
{
    AccessDecision decision = checkPublic(request);
    if (!decision.allowed)
        return decision;
    decision.allowed = false;

    const bool crossOrigin = !request.origin.isEmpty() && request.origin.trimmed().toLower() != ownOrigin(request.host);
    const bool corsAllowed = crossOrigin && originAllowedForCors(request.origin);
    QList<QPair<QByteArray, QByteArray>> corsHeaders;
    if (corsAllowed) {
        corsHeaders = {{"Access-Control-Allow-Origin", request.origin.trimmed()}, {"Vary", "Origin"}};
    }

    // CORS preflight: browsers send it without credentials.
    if (request.method == "OPTIONS" && crossOrigin) {
        if (!corsAllowed)
            return refuse(request, 403, tr("Requests from %1 are not allowed.").arg(QString::fromLatin1(request.origin.left(100))),
                          QStringLiteral("refused-origin origin=%1").arg(QString::fromLatin1(request.origin.left(100))));
        decision.allowed = true;
        decision.preflightAnswered = true;
        decision.headers = corsHeaders;
        decision.headers.append(qMakePair(QByteArray("Access-Control-Allow-Methods"), QByteArray("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS")));
        decision.headers.append(qMakePair(QByteArray("Access-Control-Allow-Headers"), QByteArray("Authorization, Content-Type, X-Api-Key, Anthropic-Version")));
        decision.headers.append(qMakePair(QByteArray("Access-Control-Max-Age"), QByteArray("600")));
        return decision;
    }

    // Anthropic's SDKs send the key as x-api-key, the others as a Bearer token. Two different
    // credentials leave it open who calls: refuse rather than pick one (RFC 9110 §15.5.1).
    const QByteArray authorizationBearer = bearerFrom(request.authorization);
    const QByteArray apiKey = request.apiKey.trimmed();
    if (!authorizationBearer.isEmpty() && !apiKey.isEmpty() && authorizationBearer != apiKey)
        return refuse(request, 400, tr("The request carries two different credentials (Authorization and x-api-key). Send one."),
                      QStringLiteral("refused-two-credentials"));
    const QByteArray bearer = authorizationBearer.isEmpty() ? apiKey : authorizationBearer;
    const bool isOllama = Routes::isUnder(request.path, Routes::Ollama);
    if (!bearer.isEmpty()) {
        if (crossOrigin && !corsAllowed)
            return refuse(request, 403, tr("Requests from %1 are not allowed. Add it to the allowed origins in Preferences.")
                                            .arg(QString::fromLatin1(request.origin.left(100))),
                          QStringLiteral("refused-origin origin=%1").arg(QString::fromLatin1(request.origin.left(100))));
        // Sent by another site without an Origin we allow: refused before it is verified, so it
        // neither signs in nor counts towards a ban that would lock out this address's clients.
        if (!corsAllowed && isCrossSite(request))
            return refuse(request, 403, tr("Cross-site request refused."), QStringLiteral("refused-cross-site"));
        if (const int left = bannedFor(request, bearer); left > 0)
            return bannedDecision(request, left);
        if (m_tokens->matches(bearer)) {
            decision.allowed = true;
            decision.caller = AccessDecision::Caller::Owner;
            m_bans.rememberSuccess(request.peer, ownerDigest());
        } else if (const auto key = m_keys->verify(bearer)) {
            // RFC 6750 §3.1: an expired credential is an invalid token, as a revoked one is;
            // it says so, since its owner can renew it (and it never counts towards a ban).
            if (key->limits.expires.isValid() && key->limits.isExpired(QDateTime::currentDateTimeUtc())) {
                AccessDecision refused = refuse(request, 401,
                                                tr("The API key \"%1\" expired on %2. The owner can set a new expiry date in "
                                                   "Preferences > Local server or with --edit-api-key.")
                                                    .arg(key->name, key->limits.expires.toUTC().toString(Qt::ISODate)),
                                                QStringLiteral("refused-expired key=%1").arg(key->name));
                refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                                 QByteArray("Bearer realm=\"Corral\", error=\"invalid_token\"")));
                return refused;
            }
            // Keys are for tools that talk to Ollama. The chat history is the owner's: only the
            // owner token or a signed-in browser reads it, whatever the key's scope.
            if (!isOllama) {
                return refuse(request, 403,
                              tr("API keys only open /ollama. Only the owner token or a signed-in browser may read "
                                 "or change the chats; the API key \"%1\" cannot use %2.")
                                  .arg(key->name, QString::fromLatin1(request.path.left(100))),
                              QStringLiteral("refused-scope key=%1").arg(key->name));
            }
            const QByteArray upstream = isOllama ? Routes::below(request.path, Routes::Ollama).toByteArray() : QByteArray();
            if (key->scope == ApiKeyStore::Scope::Chat && !chatScopeAllows(upstream.isEmpty() ? "/" : upstream)) {
                return refuse(request, 403,
                              tr("The API key \"%1\" has the chat scope, which cannot use %2. Use a key with the full scope.")
                                  .arg(key->name, QString::fromLatin1(request.path.left(100))),
                              QStringLiteral("refused-scope key=%1").arg(key->name));
            }
            // Account routes act as the owner's ollama.com identity (web_search is signed with
            // it): only the owner, or the owner's signed-in browser, may use them.
            if (isOllama && isAccountRoute(upstream)) {
                return refuse(request, 403,
                              tr("API keys cannot use Ollama's account routes (%1): they act as the owner's ollama.com "
                                 "account. Use the owner token.")
                                  .arg(QString::fromLatin1(request.path.left(100))),
                              QStringLiteral("refused-account-route key=%1").arg(key->name));
            }
            decision.allowed = true;
            decision.caller = AccessDecision::Caller::ApiKey;
            decision.keyName = key->name;
            decision.keyLimits = key->limits;
            decision.cloudModelsRefused = !key->mayUseCloudModels(m_keysMayUseCloudModels);
            m_bans.rememberSuccess(request.peer, key->hash);
        } else {
            if (m_bans.recordFailure(request.peer) && m_log)
                m_log->record(QStringLiteral("banned"), request.peer, QStringLiteral("minutes=10"));
            AccessDecision refused = refuse(request, 401, tr("The token or API key is not valid."), QStringLiteral("failed-auth"));
            refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"Corral\", error=\"invalid_token\"")));
            return refused;
        }
        decision.headers = corsHeaders;
        return decision;
    }

    if (hasSession(request)) {
        if (isUnsafeMethod(request.method) && !sameOrigin(request))
            return refuse(request, 403, tr("Cross-site request refused."),
                          QStringLiteral("refused-cross-site origin=%1").arg(QString::fromLatin1(request.origin.left(100))));
        if (crossOrigin)
            return refuse(request, 403, tr("Cross-site request refused."),
                          QStringLiteral("refused-cross-site origin=%1").arg(QString::fromLatin1(request.origin.left(100))));
        // The cookie alone may come from another server on this host that saw it: only the page
        // that signed in holds the key (RFC 6265 §8.5, cookies do not isolate ports).
        if (!m_sessions.pageKeyMatches(sessionIdFrom(request.cookie), request.sessionKey)) {
            AccessDecision refused = refuse(request, 401,
                                            tr("This browser tab has no key for its session: sign in again."),
                                            QStringLiteral("refused-session-key"));
            refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"Corral\"")));
            return refused;
        }
        decision.allowed = true;
        decision.caller = AccessDecision::Caller::Session;
        decision.sessionTag = QString::fromLatin1(Credentials::sha256Hex(sessionIdFrom(request.cookie)).left(8));
        return decision;
    }

    AccessDecision refused = refuse(request, 401,
                                    tr("Authentication required: send \"Authorization: Bearer <token>\" or \"x-api-key: <key>\" "
                                       "(see corral --print-token) or sign in at /."),
                                    QString());
    refused.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer realm=\"Corral\"")));
    refused.headers.append(corsHeaders);
    return refused;
}

QByteArray AccessControl::signIn(const QByteArray &secret, const AccessRequest &request)
{
    // A sign-in another site started (a link, an <img>, a form): refused unverified, so five such
    // requests from any web page cannot ban the browser's address (OWASP: verify Origin;
    // Fetch Metadata, W3C Sec-Fetch-Site).
    if (isCrossSite(request)) {
        if (m_log)
            m_log->record(QStringLiteral("refused-cross-site"), request.peer, QStringLiteral("sign-in"));
        return QByteArray();
    }
    const QByteArray trimmed = secret.trimmed();
    if (bannedFor(request, trimmed) > 0)
        return QByteArray();
    const bool isToken = !trimmed.isEmpty() && m_tokens->matches(trimmed);
    const bool ok = isToken || (!trimmed.isEmpty() && m_codes.redeem(trimmed, m_tokens->token()));
    if (isToken)
        m_bans.rememberSuccess(request.peer, ownerDigest());
    if (!ok) {
        if (m_log)
            m_log->record(QStringLiteral("failed-sign-in"), request.peer);
        if (m_bans.recordFailure(request.peer) && m_log)
            m_log->record(QStringLiteral("banned"), request.peer, QStringLiteral("minutes=10"));
        return QByteArray();
    }
    return m_sessions.create(request.peer.toString(), QString::fromUtf8(request.userAgent));
}

bool AccessControl::isCrossSite(const AccessRequest &request) const
{
    // Fetch Metadata first: browsers that send it know best, and their own same-origin form posts
    // say "Origin: null" under our Referrer-Policy: no-referrer (Fetch §3.1).
    if (!request.secFetchSite.isEmpty())
        return request.secFetchSite == "cross-site" || request.secFetchSite == "same-site";
    const QByteArray own = ownOrigin(request.host);
    if (!request.origin.isEmpty())
        return request.origin.trimmed().toLower() != own;
    if (!request.referer.isEmpty())
        return originOf(request.referer) != own;
    return false; // curl, scripts, a typed address
}

int AccessControl::bannedFor(const AccessRequest &request, const QByteArray &credential)
{
    const int left = m_bans.banSecondsLeft(request.peer);
    if (left <= 0 || credential.isEmpty())
        return left;
    // During a ban only a credential that already worked from this address is verified.
    return m_bans.isKnownGood(request.peer, Credentials::sha256Hex(credential)) ? 0 : left;
}

AccessDecision AccessControl::bannedDecision(const AccessRequest &request, int secondsLeft)
{
    AccessDecision banned = refuse(request, 429,
                                   tr("Too many failed sign-in attempts from this address. Try again in %1 minutes.")
                                       .arg((secondsLeft + 59) / 60),
                                   QString());
    banned.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray(QByteArray::number(secondsLeft))));
    return banned;
}

QByteArray AccessControl::ownerDigest()
{
    const QByteArray token = m_tokens->token();
    if (token != m_ownerDigestFor) {
        m_ownerDigestFor = token;
        m_ownerDigest = Credentials::sha256Hex(token);
    }
    return m_ownerDigest;
}

QByteArray AccessControl::claimPageKey(const AccessRequest &request)
{
    if (!hasSession(request))
        return QByteArray();
    return m_sessions.claimPageKey(sessionIdFrom(request.cookie));
}

void AccessControl::signOut(const AccessRequest &request)
{
    m_sessions.end(sessionIdFrom(request.cookie));
}

QByteArray AccessControl::mintSignInCode()
{
    return m_codes.mint(m_tokens->token());
}

} // namespace Corral
