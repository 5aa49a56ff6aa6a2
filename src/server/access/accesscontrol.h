// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/access/apikeystore.h"
#include "server/access/keylimits.h"
#include "server/access/sessionstore.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Corral {

class SecurityLog;
class TokenStore;

/// What the access rules need to know about one request, copied out of the HTTP layer.
struct AccessRequest
{
    QByteArray method;
    QByteArray path; ///< percent-encoded, as received
    QByteArray host;
    QByteArray origin;
    QByteArray referer;
    QByteArray secFetchSite;
    QByteArray authorization;
    QByteArray apiKey; ///< x-api-key, as Anthropic's SDKs send the key
    QByteArray cookie;
    QByteArray sessionKey; ///< X-Corral-Session: the page key of the cookie's session
    QByteArray userAgent;
    QHostAddress peer;
};

/// The verdict for one request.
struct AccessDecision
{
    enum class Caller { Nobody, Owner, ApiKey, Session };

    bool allowed = false;
    int status = 200;                                ///< when refused
    QString error;                                   ///< when refused: a sentence for the user
    QList<QPair<QByteArray, QByteArray>> headers;    ///< to add to the answer (CORS, WWW-Authenticate ...)
    Caller caller = Caller::Nobody;
    QString keyName;
    /// The API key's limits (allowed models, requests in flight): the proxy applies them.
    KeyLimits keyLimits;
    /// A browser session's short public tag (a digest of its id, never the id itself), so the
    /// activity view tells sessions apart.
    QString sessionTag;
    /// The caller may not use models that run on ollama.com (names ending in :cloud or -cloud):
    /// the proxy checks the model a request names (see cloudModelIn()).
    bool cloudModelsRefused = false;
    bool preflightAnswered = false; ///< an allowed CORS preflight: answer 204 with headers
};

/**
 * Corral's access rules, applied to every request before any handler runs.
 *
 * - Host check against DNS rebinding: the Host header must name a loopback address or
 *   localhost / *.localhost with the bound port (plus the bound address and configured names
 *   when the server is open to the network).
 * - /ollama and /api/v1 need the owner token or an API key as a Bearer token or in x-api-key
 *   (Anthropic's SDKs), or a browser session cookie with its page key in X-Corral-Session (the
 *   cookie alone opens only the page: cookies ignore ports, so another local server may have
 *   seen it). No exception for loopback. Both headers with different values are refused (400).
 * - Keys with the chat scope reach only the named inference and model-list routes
 *   (chatScopeAllows). No API key reaches Ollama's account routes (isAccountRoute), which act
 *   as the owner's ollama.com identity, nor /api/v1, the chat history; the owner token and
 *   browser sessions do.
 * - A key's own limits (KeyLimits): an expired key is refused (401) like a revoked one; its
 *   allowed models and requests in flight are applied by the proxy (403 naming the model, 429).
 * - Keys with the full scope may use ollama.com cloud models; chat keys only when allowed at
 *   creation (ApiKeyStore::Key::allowCloud) or when keysMayUseCloudModels is set.
 * - Requests authenticated by cookie that change state must come from Corral's own origin
 *   (Origin, else Referer, else Sec-Fetch-Site) (OWASP CSRF prevention: verify origin).
 * - Browsers on other origins get no CORS headers unless their origin is allowed.
 * - 5 failed credentials from one address in 10 minutes ban it for 10 minutes (429); during a
 *   ban, credentials that worked from that address before, and sessions, keep working. Sign-in
 *   attempts other sites start are refused unverified and never count.
 */
class AccessControl final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessControl)

public:
    AccessControl(TokenStore *tokens, ApiKeyStore *keys, SecurityLog *log, QObject *parent = nullptr);

    void setListenAddress(const QHostAddress &address, quint16 port, bool tls);
    /// Extra Host names accepted when the server listens on a non-loopback address.
    void setAllowedHosts(const QStringList &hosts) { m_allowedHosts = hosts; }
    /// Origins (with * wildcards) that may call with a Bearer token from a browser (CORS).
    void setAllowedOrigins(const QStringList &patterns) { m_allowedOrigins = patterns; }
    /// Whether API keys may use models that run on ollama.com (they spend the owner's account).
    /// Chat keys may use cloud models (server/keysMayUseCloudModels); full keys always may.
    void setKeysMayUseCloudModels(bool allowed) { m_keysMayUseCloudModels = allowed; }
    /// Clock for sessions, codes and bans (tests).
    void setClock(const std::function<qint64()> &clock);

    /// The Host check alone: public routes (the sign-in page) need it too.
    bool hostAllowed(const QByteArray &host) const;
    /// Full check for protected routes (/ollama, /api/v1).
    AccessDecision check(const AccessRequest &request);
    /// Check for public routes: Host only (and the ban, for sign-in attempts).
    AccessDecision checkPublic(const AccessRequest &request);
    /// Whether another site made the browser send this request (Sec-Fetch-Site, else Origin,
    /// else Referer). Such sign-in attempts are refused unverified and never count towards a ban.
    bool isCrossSite(const AccessRequest &request) const;
    /// Whether the request carries a live session cookie (enough for the page itself, not for
    /// /ollama or /api, which also need the session's page key in X-Corral-Session).
    bool hasSession(const AccessRequest &request);
    /// The page key of the request's session, once: for the page that just signed in.
    QByteArray claimPageKey(const AccessRequest &request);

    /// Signs in with the owner token or a one-time code; returns the new session id, or empty
    /// (the failure counts towards a ban).
    QByteArray signIn(const QByteArray &secret, const AccessRequest &request);
    void signOut(const AccessRequest &request);
    /// A fresh one-time sign-in code.
    QByteArray mintSignInCode();

    QByteArray cookieName() const;
    /// Set-Cookie for a new session (RFC 6265 §4.1: HttpOnly, SameSite=Strict, Path=/, Secure and
    /// the __Host- prefix under TLS).
    QByteArray sessionCookie(const QByteArray &sessionId) const;
    QByteArray clearedCookie() const;

    /// Whether an API key with the chat scope may call @p upstreamPath (the path after /ollama).
    static bool chatScopeAllows(const QByteArray &upstreamPath);
    /// Whether @p upstreamPath is one of Ollama's account or ollama.com routes (/api/me,
    /// /api/signout, /api/status, /api/experimental/...), which act as the owner's account.
    static bool isAccountRoute(const QByteArray &upstreamPath);
    /// Whether @p model names a model that runs on ollama.com (":cloud" or "-cloud" at the end).
    static bool isCloudModel(QStringView model);
    /// The cloud model that a request to @p upstreamPath with @p body names, or empty: the
    /// "model" (or old "name") field of a JSON body, or the name in /v1/models/<name>.
    static QString cloudModelIn(const QByteArray &upstreamPath, const QByteArray &body);
    /// Every model a request to @p upstreamPath with @p body names: the "model", "name", "from",
    /// "source" and "destination" fields of a JSON body, or the name in /v1/models/<name>.
    static QStringList modelsIn(const QByteArray &upstreamPath, const QByteArray &body);
    /// The first model a request names that @p limits do not allow, or empty.
    static QString refusedModelIn(const KeyLimits &limits, const QByteArray &upstreamPath, const QByteArray &body);
    /// Whether @p upstreamPath lists models (/api/tags, /api/ps, /v1/models): a key limited to
    /// some models sees only those in the answer.
    static bool isModelList(const QByteArray &upstreamPath);
    /// Whether @p upstreamPath runs a model (chat, generate, embeddings, the OpenAI and Anthropic
    /// routes): the answers that report token counts.
    static bool isInferenceRoute(QByteArrayView upstreamPath);
    static bool originMatches(const QByteArray &origin, const QString &pattern);

    SessionStore &sessions() { return m_sessions; }

private:
    AccessDecision refuse(const AccessRequest &request, int status, const QString &error, const QString &event);
    /// Seconds left in the peer's ban, or 0 when @p credential may be verified (no ban, or it is
    /// one that worked from this address before).
    int bannedFor(const AccessRequest &request, const QByteArray &credential);
    AccessDecision bannedDecision(const AccessRequest &request, int secondsLeft);
    QByteArray ownerDigest();
    bool sameOrigin(const AccessRequest &request) const;
    QByteArray ownOrigin(const QByteArray &host) const;
    QByteArray sessionIdFrom(const QByteArray &cookieHeader) const;
    bool originAllowedForCors(const QByteArray &origin) const;

    TokenStore *m_tokens;
    ApiKeyStore *m_keys;
    SecurityLog *m_log;
    SessionStore m_sessions;
    SignInCodes m_codes;
    BanList m_bans;
    QByteArray m_ownerDigestFor; // the owner token m_ownerDigest belongs to
    QByteArray m_ownerDigest;    // its SHA-256, hex (what BanList remembers)
    QHostAddress m_address = QHostAddress(QHostAddress::LocalHost);
    quint16 m_port = 0;
    bool m_tls = false;
    mutable QByteArray m_loopbackHost; // the last Host header accepted as a loopback name
    QStringList m_allowedHosts;
    QStringList m_allowedOrigins;
    bool m_keysMayUseCloudModels = false;
};

} // namespace Corral
