// SPDX-License-Identifier: GPL-3.0-or-later
// The access rules, one by one, without HTTP in between.
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/credentials.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

namespace {
constexpr quint16 Port = 8080;
const QByteArray Token = "owner-token-for-tests-0123456789abcdefghij";
} // namespace

class TestAccessControl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void host_data();
    void host();
    void host_acceptedOnce_isRefusedAfterThePortChanges();
    void bearer_ownerTokenAndWrongToken();
    void paddedEquals_data();
    void paddedEquals();
    void longOverrideToken_isComparedByDigest();
    void noCredentials_is401WithChallenge();
    void apiKeyScopes_data();
    void apiKeyScopes();
    void revokedKey_isRefused();
    void xApiKey_isACredentialLikeBearer();
    void twoDifferentCredentials_are400();
    void accountRoutes_onlyForOwnerAndSessions_data();
    void accountRoutes_onlyForOwnerAndSessions();
    void cloudModels_perScopeAndKey();
    void cloudModels_keysFromBeforeKeepTheirScopesDefault();
    void cloudModelIn_data();
    void cloudModelIn();
    void apiKeys_cannotOpenTheHistory();
    void scopePolicy_resistsPathTricks_data();
    void scopePolicy_resistsPathTricks();
    void session_cookieOpensTheApi();
    void session_cookieAloneOpensOnlyThePage();
    void csrf_cookieRequestsMustBeSameOrigin_data();
    void csrf_cookieRequestsMustBeSameOrigin();
    void cors_closedByDefault_openForAllowedOrigins();
    void ban_afterFiveFailures_andExpiry();
    void ban_blocksEvenTheRightToken();
    void crossSiteSignIn_neitherSignsInNorCounts_data();
    void crossSiteSignIn_neitherSignsInNorCounts();
    void ban_knownGoodCredentialsAndSessionsKeepWorking();
    void ban_fullTableNeverEvictsAnActiveBan();
    void ban_ipv6CountsPerSlash64();
    void cookieFlags();
    void sessions_capEvictsTheLeastRecentlyUsed();
    void signOut_endsTheSession();
    void oneTimeCode_singleUseAndExpiry();
    void oneTimeCode_mintedByAnotherProcessIsAccepted();
    void rotation_endsSessions();
    void securityLog_neverHoldsSecrets();
    void securityLog_escapesControlAndNonAscii();
    void securityLog_rateLimitsTheSameEvent();
    void securityLog_rotatesAtItsSize();

private:
    AccessRequest request(const QByteArray &method, const QByteArray &path) const;
    /// A request from the signed-in page: the session cookie and the session's page key.
    AccessRequest pageRequest(const QByteArray &method, const QByteArray &path, const QByteArray &session);
    QHash<QByteArray, QByteArray> m_pageKeys; // session -> its page key, claimed once

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<SecurityLog> m_log;
    std::unique_ptr<AccessControl> m_access;
    qint64 m_now = 1'764'000'000'000;
};

void TestAccessControl::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_tokens = std::make_unique<TokenStore>(m_dir->path());
    QString error;
    QVERIFY(m_tokens->load(Token, &error));
    m_keys = std::make_unique<ApiKeyStore>(m_dir->path());
    m_log = std::make_unique<SecurityLog>(m_dir->path());
    m_log->setClock([this] { return m_now; });
    m_access = std::make_unique<AccessControl>(m_tokens.get(), m_keys.get(), m_log.get());
    m_access->setClock([this] { return m_now; });
    m_access->setListenAddress(QHostAddress(QHostAddress::LocalHost), Port, false);
}

void TestAccessControl::cleanup()
{
    m_pageKeys.clear();
    m_access.reset();
    m_log.reset();
    m_keys.reset();
    m_tokens.reset();
    m_dir.reset();
}

AccessRequest TestAccessControl::request(const QByteArray &method, const QByteArray &path) const
{
    AccessRequest r;
    r.method = method;
    r.path = path;
    r.host = "127.0.0.1:8080";
    r.peer = QHostAddress(QHostAddress::LocalHost);
    return r;
}

AccessRequest TestAccessControl::pageRequest(const QByteArray &method, const QByteArray &path, const QByteArray &session)
{
    AccessRequest r = request(method, path);
    r.cookie = "corral_session_8080=" + session;
    if (!m_pageKeys.contains(session))
        m_pageKeys.insert(session, m_access->claimPageKey(r));
    r.sessionKey = m_pageKeys.value(session);
    return r;
}

void TestAccessControl::host_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("localhost:port") << QByteArray("localhost:8080") << true;
    QTest::newRow("127.0.0.1:port") << QByteArray("127.0.0.1:8080") << true;
    QTest::newRow("127.1.2.3:port") << QByteArray("127.1.2.3:8080") << true;
    QTest::newRow("[::1]:port") << QByteArray("[::1]:8080") << true;
    QTest::newRow("sub.localhost") << QByteArray("app.localhost:8080") << true;
    QTest::newRow("upper case") << QByteArray("LOCALHOST:8080") << true;
    QTest::newRow("evil.com") << QByteArray("evil.com:8080") << false;
    QTest::newRow("evil.com no port") << QByteArray("evil.com") << false;
    QTest::newRow("other port") << QByteArray("localhost:9999") << false;
    QTest::newRow("no port") << QByteArray("localhost") << false;
    QTest::newRow("rebinding name") << QByteArray("127.0.0.1.nip.io:8080") << false;
    QTest::newRow("localhost.evil.com") << QByteArray("localhost.evil.com:8080") << false;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("garbage port") << QByteArray("localhost:80x") << false;
    QTest::newRow("LAN address while loopback") << QByteArray("192.168.1.20:8080") << false;
}

void TestAccessControl::host()
{
    QFETCH(QByteArray, host);
    QFETCH(bool, allowed);
    QCOMPARE(m_access->hostAllowed(host), allowed);
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.host = host;
    r.authorization = "Bearer " + Token;
    const AccessDecision decision = m_access->check(r);
    QCOMPARE(decision.allowed, allowed);
    if (!allowed)
        QCOMPARE(decision.status, 403);
}

void TestAccessControl::host_acceptedOnce_isRefusedAfterThePortChanges()
{
    // The last accepted loopback Host is remembered (clients repeat it on every request): a new
    // port must forget it, and nothing else may ride on it.
    QVERIFY(m_access->hostAllowed("127.0.0.1:8080"));
    QVERIFY(m_access->hostAllowed("127.0.0.1:8080"));
    QVERIFY(!m_access->hostAllowed("127.0.0.1:80801"));
    QVERIFY(!m_access->hostAllowed("127.0.0.1:808"));
    QVERIFY(!m_access->hostAllowed("evil.example:8080"));
    m_access->setListenAddress(QHostAddress(QHostAddress::LocalHost), 9090, false);
    QVERIFY(!m_access->hostAllowed("127.0.0.1:8080"));
    QVERIFY(m_access->hostAllowed("127.0.0.1:9090"));
    m_access->setListenAddress(QHostAddress(QHostAddress::LocalHost), 9090, true);
    QVERIFY(!m_access->hostAllowed("127.0.0.1"));
    QVERIFY(m_access->hostAllowed("127.0.0.1:9090"));
}

void TestAccessControl::bearer_ownerTokenAndWrongToken()
{
    AccessRequest r = request("POST", "/ollama/api/chat");
    r.authorization = "Bearer " + Token;
    AccessDecision decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.caller, AccessDecision::Caller::Owner);

    r.authorization = "bearer " + Token; // the scheme is case-insensitive (RFC 9110 §11.1)
    QVERIFY(m_access->check(r).allowed);

    r.authorization = "Bearer " + Token.left(Token.size() - 1);
    decision = m_access->check(r);
    QVERIFY(!decision.allowed);
    QCOMPARE(decision.status, 401);
    QVERIFY(decision.headers.contains(qMakePair(QByteArray("WWW-Authenticate"),
                                                QByteArray("Bearer realm=\"Corral\", error=\"invalid_token\""))));
    r.authorization = "Bearer " + Token + "x";
    QCOMPARE(m_access->check(r).status, 401);
    r.authorization = "Basic " + Token.toBase64();
    QCOMPARE(m_access->check(r).status, 401);
}

void TestAccessControl::paddedEquals_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("candidate");
    QTest::addColumn<bool>("equal");
    const QByteArray token = "Zq3v_8Hh2kLmN0pQrS7tUvWxYz1A2b3C4d5E6f7G8h9";
    QTest::newRow("same") << token << token << true;
    QTest::newRow("last byte differs") << token << QByteArray(token.chopped(1) + 'X') << false;
    QTest::newRow("first byte differs") << token << QByteArray('X' + token.mid(1)) << false;
    QTest::newRow("prefix") << token << token.left(20) << false;
    QTest::newRow("longer") << token << QByteArray(token + 'x') << false;
    QTest::newRow("padded with NULs") << token << QByteArray(token + QByteArray(3, '\0')) << false;
    QTest::newRow("empty candidate") << token << QByteArray() << false;
    QTest::newRow("candidate over the padded size") << token << QByteArray(300, 'a') << false;
    const QByteArray longest(Credentials::PaddedSecretSize, 'k');
    QTest::newRow("secret of the full padded size") << longest << longest << true;
    QTest::newRow("full size, one byte off") << longest << QByteArray(longest.chopped(1) + 'j') << false;
}

void TestAccessControl::paddedEquals()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, candidate);
    QFETCH(bool, equal);
    QCOMPARE(Credentials::paddedEquals(candidate, Credentials::paddedSecret(secret), secret.size()), equal);
    QCOMPARE(Credentials::constantTimeEquals(candidate, secret), equal); // the hashing comparison agrees
}

void TestAccessControl::longOverrideToken_isComparedByDigest()
{
    // A CORRAL_TOKEN longer than the padded size takes the digest path: still exact.
    QTemporaryDir dir;
    TokenStore tokens(dir.path());
    const QByteArray longToken(400, 'L');
    QString error;
    QVERIFY(tokens.load(longToken, &error));
    QVERIFY(tokens.matches(longToken));
    QVERIFY(!tokens.matches(QByteArray(longToken.chopped(1) + 'M')));
    QVERIFY(!tokens.matches(longToken.left(Credentials::PaddedSecretSize)));
}

void TestAccessControl::noCredentials_is401WithChallenge()
{
    for (const char *path : {"/ollama", "/ollama/api/tags", "/api/v1/chats"}) {
        const AccessDecision decision = m_access->check(request("GET", path));
        QVERIFY(!decision.allowed);
        QCOMPARE(decision.status, 401);
        QVERIFY(decision.error.contains(QLatin1String("Bearer")));
        QCOMPARE(decision.headers.first().first, QByteArray("WWW-Authenticate"));
    }
    // Loopback is not a credential.
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.peer = QHostAddress(QHostAddress::LocalHostIPv6);
    QVERIFY(!m_access->check(r).allowed);
}

void TestAccessControl::apiKeyScopes_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("chat: chat") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/chat") << true;
    QTest::newRow("chat: generate") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/generate") << true;
    QTest::newRow("chat: tags") << "chat" << QByteArray("GET") << QByteArray("/ollama/api/tags") << true;
    QTest::newRow("chat: embed") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/embed") << true;
    QTest::newRow("chat: openai") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/chat/completions") << true;
    QTest::newRow("chat: pull") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/pull") << false;
    QTest::newRow("chat: delete") << "chat" << QByteArray("DELETE") << QByteArray("/ollama/api/delete") << false;
    QTest::newRow("chat: blobs") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/blobs/sha256:00") << false;
    QTest::newRow("chat: create") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/create") << false;
    QTest::newRow("chat: openai completions") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/completions") << true;
    QTest::newRow("chat: openai embeddings") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/embeddings") << true;
    QTest::newRow("chat: openai models") << "chat" << QByteArray("GET") << QByteArray("/ollama/v1/models") << true;
    QTest::newRow("chat: openai one model") << "chat" << QByteArray("GET") << QByteArray("/ollama/v1/models/llama3.2:latest") << true;
    QTest::newRow("chat: responses") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/responses") << true;
    QTest::newRow("chat: anthropic messages") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/messages") << true;
    QTest::newRow("chat: show") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/show") << true;
    QTest::newRow("chat: ps") << "chat" << QByteArray("GET") << QByteArray("/ollama/api/ps") << true;
    QTest::newRow("chat: root") << "chat" << QByteArray("GET") << QByteArray("/ollama") << true;
    QTest::newRow("chat: unnamed v1 route") << "chat" << QByteArray("POST") << QByteArray("/ollama/v1/images/generations") << false;
    QTest::newRow("chat: v1 models two segments") << "chat" << QByteArray("GET") << QByteArray("/ollama/v1/models/a/b") << false;
    QTest::newRow("chat: me") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/me") << false;
    QTest::newRow("chat: signout") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/signout") << false;
    QTest::newRow("chat: status") << "chat" << QByteArray("GET") << QByteArray("/ollama/api/status") << false;
    QTest::newRow("chat: web_search") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/experimental/web_search") << false;
    QTest::newRow("chat: web_fetch") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/experimental/web_fetch") << false;
    QTest::newRow("chat: push") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/push") << false;
    QTest::newRow("chat: copy") << "chat" << QByteArray("POST") << QByteArray("/ollama/api/copy") << false;
    QTest::newRow("full: pull") << "full" << QByteArray("POST") << QByteArray("/ollama/api/pull") << true;
    QTest::newRow("full: delete") << "full" << QByteArray("DELETE") << QByteArray("/ollama/api/delete") << true;
}

void TestAccessControl::apiKeyScopes()
{
    QFETCH(QString, scope);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(bool, allowed);
    QString error;
    const QByteArray key = m_keys->create(QStringLiteral("tool"), *ApiKeyStore::parseScope(scope), &error);
    QVERIFY2(key.startsWith("crl_"), qPrintable(error));
    AccessRequest r = request(method, path);
    r.authorization = "Bearer " + key;
    const AccessDecision decision = m_access->check(r);
    QCOMPARE(decision.allowed, allowed);
    if (!allowed) {
        QCOMPARE(decision.status, 403);
        QVERIFY(decision.error.contains(QLatin1String("chat scope")));
    } else {
        QCOMPARE(decision.keyName, QStringLiteral("tool"));
    }
}

void TestAccessControl::revokedKey_isRefused()
{
    QString error;
    const QByteArray key = m_keys->create(QStringLiteral("ci"), ApiKeyStore::Scope::Full, &error);
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.authorization = "Bearer " + key;
    QVERIFY(m_access->check(r).allowed);
    // Revoked through another store on the same directory, as `corral --revoke-api-key` does.
    ApiKeyStore other(m_dir->path());
    QVERIFY(other.revoke(QStringLiteral("ci"), &error));
    QCOMPARE(m_access->check(r).status, 401);
    // Only the hash was ever stored.
    QFile file(m_dir->filePath(QStringLiteral("api-keys.json")));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(key.mid(4, 20)));
}

void TestAccessControl::xApiKey_isACredentialLikeBearer()
{
    QString error;
    const QByteArray chat = m_keys->create(QStringLiteral("agent"), ApiKeyStore::Scope::Chat, &error);
    AccessRequest r = request("POST", "/ollama/v1/messages");
    r.apiKey = chat;
    AccessDecision decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.caller, AccessDecision::Caller::ApiKey);
    QCOMPARE(decision.keyName, QStringLiteral("agent"));

    r.apiKey = Token; // the owner token works there too
    QCOMPARE(m_access->check(r).caller, AccessDecision::Caller::Owner);

    AccessRequest pull = request("POST", "/ollama/api/pull");
    pull.apiKey = chat;
    decision = m_access->check(pull);
    QCOMPARE(decision.status, 403);
    QVERIFY(decision.error.contains(QLatin1String("chat scope")));

    // A wrong x-api-key is a failed credential: 401, logged, and it counts towards the ban.
    r.apiKey = "crl_wrong";
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_access->check(r).status, 401);
    // Banned now: a key that never worked from this address is refused unchecked; the one that
    // did keeps working (its digest is remembered), so a ban cannot lock out the tools.
    const QByteArray unseen = m_keys->create(QStringLiteral("later"), ApiKeyStore::Scope::Chat, &error);
    r.apiKey = unseen;
    QCOMPARE(m_access->check(r).status, 429);
    r.apiKey = chat;
    QVERIFY(m_access->check(r).allowed);
    QFile log(m_dir->filePath(QStringLiteral("security.log")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray text = log.readAll();
    QCOMPARE(text.count("failed-auth"), 5);
    QVERIFY(text.contains("banned"));
    QVERIFY(!text.contains(chat.mid(4)));
}

void TestAccessControl::twoDifferentCredentials_are400()
{
    QString error;
    const QByteArray key = m_keys->create(QStringLiteral("agent"), ApiKeyStore::Scope::Chat, &error);
    AccessRequest r = request("POST", "/ollama/v1/messages");
    r.authorization = "Bearer " + Token;
    r.apiKey = key;
    AccessDecision decision = m_access->check(r);
    QVERIFY(!decision.allowed);
    QCOMPARE(decision.status, 400);
    // The same value in both is one credential.
    r.apiKey = Token;
    QCOMPARE(m_access->check(r).caller, AccessDecision::Caller::Owner);
    r.authorization = "Bearer " + key;
    r.apiKey = key;
    QCOMPARE(m_access->check(r).caller, AccessDecision::Caller::ApiKey);
}

void TestAccessControl::accountRoutes_onlyForOwnerAndSessions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("me") << QByteArray("POST") << QByteArray("/ollama/api/me");
    QTest::newRow("signout") << QByteArray("POST") << QByteArray("/ollama/api/signout");
    QTest::newRow("status") << QByteArray("GET") << QByteArray("/ollama/api/status");
    QTest::newRow("web_search") << QByteArray("POST") << QByteArray("/ollama/api/experimental/web_search");
    QTest::newRow("web_fetch") << QByteArray("POST") << QByteArray("/ollama/api/experimental/web_fetch");
    QTest::newRow("encoded, upper case") << QByteArray("POST") << QByteArray("/ollama/API/%6De/");
}

void TestAccessControl::accountRoutes_onlyForOwnerAndSessions()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QString error;
    const QByteArray full = m_keys->create(QStringLiteral("ci"), ApiKeyStore::Scope::Full, &error);
    const QByteArray chat = m_keys->create(QStringLiteral("agent"), ApiKeyStore::Scope::Chat, &error);
    AccessRequest r = request(method, path);
    for (const QByteArray &key : {full, chat}) {
        r.authorization = "Bearer " + key;
        const AccessDecision decision = m_access->check(r);
        QVERIFY(!decision.allowed);
        QCOMPARE(decision.status, 403);
    }
    r.authorization = "Bearer " + Token;
    QVERIFY(m_access->check(r).allowed);
    AccessRequest browser = pageRequest(method, path, m_access->signIn(Token, request(method, path)));
    browser.origin = "http://127.0.0.1:8080";
    QVERIFY(m_access->check(browser).allowed);
}

void TestAccessControl::cloudModels_perScopeAndKey()
{
    QString error;
    const QByteArray full = m_keys->create(QStringLiteral("ci"), ApiKeyStore::Scope::Full, &error);
    const QByteArray chat = m_keys->create(QStringLiteral("agent"), ApiKeyStore::Scope::Chat, &error);
    const QByteArray chatCloud = m_keys->create(QStringLiteral("coder"), ApiKeyStore::Scope::Chat, &error, true);
    const auto refused = [this](const QByteArray &credential) {
        AccessRequest r = request("POST", "/ollama/api/chat");
        r.authorization = "Bearer " + credential;
        const AccessDecision decision = m_access->check(r);
        return decision.allowed && decision.cloudModelsRefused;
    };
    // By default only chat keys that were not allowed them at creation are refused.
    QVERIFY(refused(chat));
    QVERIFY(!refused(full));
    QVERIFY(!refused(chatCloud));
    QVERIFY(!refused(Token));
    // The grant is stored with the key, so another process (the command line) sees it too.
    ApiKeyStore other(m_dir->path());
    const auto keys = other.list();
    QCOMPARE(keys.size(), 3);
    QCOMPARE(keys.at(1).allowCloud, false);
    QCOMPARE(keys.at(2).allowCloud, true);
    // The setting opens them to every chat key.
    m_access->setKeysMayUseCloudModels(true);
    QVERIFY(!refused(chat));
}

void TestAccessControl::cloudModels_keysFromBeforeKeepTheirScopesDefault()
{
    // api-keys.json as Corral wrote it before keys could be allowed cloud models.
    const QByteArray full = "crl_full-key-made-before-0123456789abcdef";
    const QByteArray chat = "crl_chat-key-made-before-0123456789abcdef";
    const auto entry = [](const char *name, const char *scope, const QByteArray &key) {
        return QJsonObject{{QStringLiteral("name"), QLatin1String(name)}, {QStringLiteral("scope"), QLatin1String(scope)},
                           {QStringLiteral("sha256"), QString::fromLatin1(Credentials::sha256Hex(key))},
                           {QStringLiteral("created"), QStringLiteral("2026-01-01T00:00:00Z")}, {QStringLiteral("last_used"), QString()}};
    };
    QString error;
    QVERIFY(Credentials::writePrivateFile(m_dir->filePath(QStringLiteral("api-keys.json")),
                                          QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                                    {QStringLiteral("keys"), QJsonArray{entry("old-ci", "full", full),
                                                                                                        entry("old-agent", "chat", chat)}}})
                                              .toJson(),
                                          &error));
    AccessRequest r = request("POST", "/ollama/api/chat");
    r.authorization = "Bearer " + full;
    AccessDecision decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QVERIFY(!decision.cloudModelsRefused);
    r.authorization = "Bearer " + chat;
    decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QVERIFY(decision.cloudModelsRefused);
}

void TestAccessControl::cloudModelIn_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("model");
    QTest::newRow("local model") << QByteArray("/api/chat") << QByteArray(R"({"model":"llama3.2:latest"})") << QString();
    QTest::newRow(":cloud tag") << QByteArray("/api/chat") << QByteArray(R"({"model":"deepseek-v3.1:671b-cloud"})")
                                << QStringLiteral("deepseek-v3.1:671b-cloud");
    QTest::newRow("bare :cloud") << QByteArray("/v1/messages") << QByteArray(R"({"model":"glm-4.6:cloud","max_tokens":9})")
                                 << QStringLiteral("glm-4.6:cloud");
    QTest::newRow("upper case") << QByteArray("/v1/chat/completions") << QByteArray(R"({"model":"GPT-OSS:120B-CLOUD"})")
                                << QStringLiteral("GPT-OSS:120B-CLOUD");
    QTest::newRow("old name field") << QByteArray("/api/show") << QByteArray(R"({"name":"x:cloud"})") << QStringLiteral("x:cloud");
    QTest::newRow("create from") << QByteArray("/api/create") << QByteArray(R"({"model":"mine","from":"x:cloud"})")
                                 << QStringLiteral("x:cloud");
    QTest::newRow("copy source") << QByteArray("/api/copy") << QByteArray(R"({"source":"x-cloud","destination":"y"})")
                                 << QStringLiteral("x-cloud");
    QTest::newRow("path") << QByteArray("/v1/models/qwen3-coder:480b-cloud") << QByteArray() << QStringLiteral("qwen3-coder:480b-cloud");
    QTest::newRow("encoded path") << QByteArray("/v1/models/x%3Acloud") << QByteArray() << QStringLiteral("x:cloud");
    QTest::newRow("cloud inside the name") << QByteArray("/api/chat") << QByteArray(R"({"model":"cloudy:7b"})") << QString();
    QTest::newRow("not JSON") << QByteArray("/api/chat") << QByteArray("model=x:cloud") << QString();
    QTest::newRow("no body") << QByteArray("/api/tags") << QByteArray() << QString();
}

void TestAccessControl::cloudModelIn()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(QString, model);
    QCOMPARE(AccessControl::cloudModelIn(path, body), model);
}

void TestAccessControl::apiKeys_cannotOpenTheHistory()
{
    QString error;
    const QByteArray chat = m_keys->create(QStringLiteral("editor"), ApiKeyStore::Scope::Chat, &error);
    const QByteArray full = m_keys->create(QStringLiteral("admin-tool"), ApiKeyStore::Scope::Full, &error);
    for (const QByteArray &key : {chat, full}) {
        for (const char *method : {"GET", "POST", "DELETE"}) {
            AccessRequest r = request(method, "/api/v1/chats");
            r.authorization = "Bearer " + key;
            const AccessDecision decision = m_access->check(r);
            QVERIFY(!decision.allowed);
            QCOMPARE(decision.status, 403);
            QVERIFY(decision.error.contains(QLatin1String("Only the owner token or a signed-in browser")));
        }
    }
    // The owner token and a browser session still do.
    AccessRequest owner = request("GET", "/api/v1/chats");
    owner.authorization = "Bearer " + Token;
    QVERIFY(m_access->check(owner).allowed);
    const AccessRequest browser = pageRequest("GET", "/api/v1/chats", m_access->signIn(Token, request("POST", "/auth/signin")));
    QVERIFY(m_access->check(browser).allowed);
}

void TestAccessControl::scopePolicy_resistsPathTricks_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("double slash") << QByteArray("//api/pull") << false;
    QTest::newRow("trailing slash") << QByteArray("/api/pull/") << false;
    QTest::newRow("encoded") << QByteArray("/api/%70ull") << false;
    QTest::newRow("upper case") << QByteArray("/API/PULL") << false;
    QTest::newRow("query") << QByteArray("/api/pull?x=/api/chat") << false;
    QTest::newRow("chat trailing slash") << QByteArray("/api/chat/") << true;
    QTest::newRow("unknown") << QByteArray("/api/something") << false;
    QTest::newRow("v1 prefix alone") << QByteArray("/v1/") << false;
    QTest::newRow("v1 models encoded slash") << QByteArray("/v1/models/a%2Fb") << false;
    QTest::newRow("messages double slash") << QByteArray("//v1//messages") << true;
}

void TestAccessControl::scopePolicy_resistsPathTricks()
{
    QFETCH(QByteArray, path);
    QFETCH(bool, allowed);
    QCOMPARE(AccessControl::chatScopeAllows(path), allowed);
}

void TestAccessControl::session_cookieOpensTheApi()
{
    const QByteArray session = m_access->signIn(Token, request("POST", "/auth/signin"));
    QVERIFY(!session.isEmpty());
    AccessRequest r = pageRequest("GET", "/ollama/api/tags", session);
    r.cookie = "other=1; corral_session_8080=" + session;
    const AccessDecision decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QCOMPARE(decision.caller, AccessDecision::Caller::Session);
    r.cookie = "corral_session_9090=" + session; // a cookie for another port is not ours
    QCOMPARE(m_access->check(r).status, 401);
    // Idle expiry.
    r.cookie = "corral_session_8080=" + session;
    m_now += qint64(13) * 3600 * 1000;
    QCOMPARE(m_access->check(r).status, 401);
}

void TestAccessControl::session_cookieAloneOpensOnlyThePage()
{
    // Cookies ignore ports: another user's server on 127.0.0.1 may have seen this one.
    const QByteArray session = m_access->signIn(Token, request("POST", "/auth/signin"));
    AccessRequest replay = request("GET", "/ollama/api/tags");
    replay.cookie = "corral_session_8080=" + session;
    QVERIFY(m_access->hasSession(replay)); // the page itself (GET /) needs only the cookie
    for (const char *path : {"/ollama/api/tags", "/api/v1/chats"}) {
        replay.path = path;
        const AccessDecision decision = m_access->check(replay);
        QVERIFY(!decision.allowed);
        QCOMPARE(decision.status, 401);
    }
    const QByteArray key = m_access->claimPageKey(replay);
    QCOMPARE(key.size(), 43); // 256 bits, base64url
    QVERIFY(m_access->claimPageKey(replay).isEmpty()); // handed out once only
    replay.sessionKey = key;
    for (const char *path : {"/ollama/api/tags", "/api/v1/chats"}) {
        replay.path = path;
        QVERIFY(m_access->check(replay).allowed);
    }
    replay.sessionKey = key.chopped(1) + (key.endsWith('A') ? "B" : "A");
    QCOMPARE(m_access->check(replay).status, 401);
    // Another session's key does not fit this one.
    const QByteArray other = m_access->signIn(Token, request("POST", "/auth/signin"));
    const AccessRequest otherPage = pageRequest("GET", "/ollama/api/tags", other);
    QVERIFY(m_access->check(otherPage).allowed);
    replay.sessionKey = otherPage.sessionKey;
    QCOMPARE(m_access->check(replay).status, 401);
    // Without a live session there is no key to claim.
    AccessRequest stranger = request("POST", "/auth/session");
    stranger.cookie = "corral_session_8080=made-up";
    QVERIFY(m_access->claimPageKey(stranger).isEmpty());
}

void TestAccessControl::csrf_cookieRequestsMustBeSameOrigin_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("referer");
    QTest::addColumn<QByteArray>("fetchSite");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("POST same origin") << QByteArray("POST") << QByteArray("http://127.0.0.1:8080") << QByteArray() << QByteArray() << true;
    QTest::newRow("POST foreign origin") << QByteArray("POST") << QByteArray("https://evil.example") << QByteArray() << QByteArray() << false;
    QTest::newRow("POST null origin") << QByteArray("POST") << QByteArray("null") << QByteArray() << QByteArray() << false;
    QTest::newRow("POST same referer") << QByteArray("POST") << QByteArray() << QByteArray("http://127.0.0.1:8080/chat?x") << QByteArray() << true;
    QTest::newRow("POST foreign referer") << QByteArray("POST") << QByteArray() << QByteArray("http://evil.example/") << QByteArray() << false;
    QTest::newRow("POST fetch same-origin") << QByteArray("POST") << QByteArray() << QByteArray() << QByteArray("same-origin") << true;
    QTest::newRow("POST fetch cross-site") << QByteArray("POST") << QByteArray() << QByteArray() << QByteArray("cross-site") << false;
    QTest::newRow("POST no evidence") << QByteArray("POST") << QByteArray() << QByteArray() << QByteArray() << false;
    QTest::newRow("DELETE foreign") << QByteArray("DELETE") << QByteArray("http://localhost:3000") << QByteArray() << QByteArray() << false;
    QTest::newRow("GET no evidence") << QByteArray("GET") << QByteArray() << QByteArray() << QByteArray() << true;
    QTest::newRow("GET foreign origin") << QByteArray("GET") << QByteArray("https://evil.example") << QByteArray() << QByteArray() << false;
}

void TestAccessControl::csrf_cookieRequestsMustBeSameOrigin()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, referer);
    QFETCH(QByteArray, fetchSite);
    QFETCH(bool, allowed);
    const QByteArray session = m_access->signIn(Token, request("POST", "/auth/signin"));
    AccessRequest r = pageRequest(method, "/ollama/api/chat", session);
    r.origin = origin;
    r.referer = referer;
    r.secFetchSite = fetchSite;
    const AccessDecision decision = m_access->check(r);
    QCOMPARE(decision.allowed, allowed);
    if (!allowed)
        QCOMPARE(decision.status, 403);
}

void TestAccessControl::cors_closedByDefault_openForAllowedOrigins()
{
    AccessRequest r = request("POST", "/ollama/api/chat");
    r.authorization = "Bearer " + Token;
    r.origin = "http://localhost:5173";
    AccessDecision decision = m_access->check(r);
    QVERIFY(!decision.allowed); // a browser page elsewhere holding the token: not by default
    QCOMPARE(decision.status, 403);

    AccessRequest preflight = request("OPTIONS", "/ollama/api/chat");
    preflight.origin = "http://localhost:5173";
    QCOMPARE(m_access->check(preflight).status, 403);

    m_access->setAllowedOrigins({QStringLiteral("http://localhost:*"), QStringLiteral("https://*.example.org")});
    decision = m_access->check(r);
    QVERIFY(decision.allowed);
    QVERIFY(decision.headers.contains(qMakePair(QByteArray("Access-Control-Allow-Origin"), QByteArray("http://localhost:5173"))));
    const AccessDecision pre = m_access->check(preflight);
    QVERIFY(pre.allowed && pre.preflightAnswered);
    bool hasMethods = false;
    for (const auto &header : pre.headers)
        hasMethods = hasMethods || header.first == "Access-Control-Allow-Methods";
    QVERIFY(hasMethods);

    r.origin = "https://evil.example";
    QCOMPARE(m_access->check(r).status, 403);
    QVERIFY(AccessControl::originMatches("https://app.example.org", QStringLiteral("https://*.example.org")));
    QVERIFY(!AccessControl::originMatches("https://example.org.evil.com", QStringLiteral("https://*.example.org")));
    // Without an Origin (curl, Python), a Bearer request never needs CORS.
    r.origin.clear();
    QVERIFY(m_access->check(r).allowed);
}

void TestAccessControl::ban_afterFiveFailures_andExpiry()
{
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.authorization = "Bearer wrong";
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_access->check(r).status, 401);
    AccessDecision banned = m_access->check(r);
    QCOMPARE(banned.status, 429);
    QCOMPARE(banned.headers.first().first, QByteArray("Retry-After"));
    QCOMPARE(banned.headers.first().second, QByteArray("600"));
    // Another address is not affected.
    AccessRequest other = r;
    other.peer = QHostAddress(QStringLiteral("127.0.0.2"));
    QCOMPARE(m_access->check(other).status, 401);
    m_now += 10 * 60 * 1000 + 1000;
    QCOMPARE(m_access->check(r).status, 401);
}

void TestAccessControl::ban_blocksEvenTheRightToken()
{
    AccessRequest r = request("GET", "/ollama/api/tags");
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_access->signIn("guess", r).isEmpty());
    r.authorization = "Bearer " + Token;
    QCOMPARE(m_access->check(r).status, 429);
    QVERIFY(m_access->signIn(Token, r).isEmpty());
    // Failures spread over more than 10 minutes never add up to a ban.
    AccessRequest slow = request("GET", "/ollama/api/tags");
    slow.peer = QHostAddress(QStringLiteral("127.0.0.9"));
    for (int i = 0; i < 8; ++i) {
        m_access->signIn("guess", slow);
        m_now += 3 * 60 * 1000;
    }
    slow.authorization = "Bearer " + Token;
    QVERIFY(m_access->check(slow).allowed);
}

void TestAccessControl::crossSiteSignIn_neitherSignsInNorCounts_data()
{
    QTest::addColumn<QByteArray>("origin");
    QTest::addColumn<QByteArray>("referer");
    QTest::addColumn<QByteArray>("fetchSite");
    QTest::newRow("fetch cross-site") << QByteArray() << QByteArray() << QByteArray("cross-site");
    QTest::newRow("fetch same-site (another port)") << QByteArray() << QByteArray() << QByteArray("same-site");
    QTest::newRow("foreign origin") << QByteArray("https://evil.example") << QByteArray() << QByteArray();
    QTest::newRow("other port origin") << QByteArray("http://127.0.0.1:9090") << QByteArray() << QByteArray();
    QTest::newRow("foreign referer") << QByteArray() << QByteArray("https://evil.example/page") << QByteArray();
}

void TestAccessControl::crossSiteSignIn_neitherSignsInNorCounts()
{
    QFETCH(QByteArray, origin);
    QFETCH(QByteArray, referer);
    QFETCH(QByteArray, fetchSite);
    // Five <img src="http://127.0.0.1:8080/?token=x"> on any web site used to ban 127.0.0.1.
    AccessRequest r = request("GET", "/");
    r.origin = origin;
    r.referer = referer;
    r.secFetchSite = fetchSite;
    QVERIFY(m_access->isCrossSite(r));
    for (int i = 0; i < 20; ++i)
        QVERIFY(m_access->signIn("guess", r).isEmpty());
    QVERIFY(m_access->signIn(Token, r).isEmpty()); // not even the right token signs in cross-site
    AccessRequest bearer = request("GET", "/ollama/api/tags");
    bearer.origin = origin;
    bearer.referer = referer;
    bearer.secFetchSite = fetchSite;
    bearer.authorization = "Bearer wrong";
    for (int i = 0; i < 20; ++i)
        QCOMPARE(m_access->check(bearer).status, 403);
    // Nothing counted: the same address signs in directly.
    AccessRequest direct = request("POST", "/auth/signin");
    direct.secFetchSite = "same-origin";
    direct.origin = "null"; // a form post under Referrer-Policy: no-referrer
    QVERIFY(!m_access->isCrossSite(direct));
    QVERIFY(!m_access->signIn(Token, direct).isEmpty());
    QFile file(m_log->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("refused-cross-site"));
}

void TestAccessControl::ban_knownGoodCredentialsAndSessionsKeepWorking()
{
    QString error;
    const QByteArray key = m_keys->create(QStringLiteral("editor"), ApiKeyStore::Scope::Chat, &error);
    AccessRequest owner = request("GET", "/ollama/api/tags");
    owner.authorization = "Bearer " + Token;
    QVERIFY(m_access->check(owner).allowed);
    AccessRequest tool = request("POST", "/ollama/api/chat");
    tool.authorization = "Bearer " + key;
    QVERIFY(m_access->check(tool).allowed);
    const QByteArray session = m_access->signIn(Token, request("POST", "/auth/signin"));
    QVERIFY(!session.isEmpty());

    // Another local process guesses: the address is banned...
    AccessRequest guess = request("GET", "/ollama/api/tags");
    guess.authorization = "Bearer wrong";
    for (int i = 0; i < 5; ++i)
        QCOMPARE(m_access->check(guess).status, 401);
    QCOMPARE(m_access->check(guess).status, 429);
    // ...but the token, the key and the session that worked from it keep working,
    QVERIFY(m_access->check(owner).allowed);
    QVERIFY(m_access->check(tool).allowed);
    const AccessRequest browser = pageRequest("GET", "/ollama/api/tags", session);
    QVERIFY(m_access->check(browser).allowed);
    QVERIFY(!m_access->signIn(Token, request("POST", "/auth/signin")).isEmpty());
    // ...while further guesses are refused without being verified, the right one included if it
    // never worked from here (a key it has not seen).
    const QByteArray other = m_keys->create(QStringLiteral("other"), ApiKeyStore::Scope::Full, &error);
    AccessRequest unseen = request("GET", "/ollama/api/tags");
    unseen.authorization = "Bearer " + other;
    QCOMPARE(m_access->check(unseen).status, 429);
    QVERIFY(m_access->signIn("guess", request("POST", "/auth/signin")).isEmpty());
    QCOMPARE(m_access->check(guess).status, 429);
    // A known-good credential that was revoked meanwhile is verified, and refused.
    QVERIFY(m_keys->revoke(QStringLiteral("editor"), &error));
    QCOMPARE(m_access->check(tool).status, 401);
}

void TestAccessControl::ban_fullTableNeverEvictsAnActiveBan()
{
    BanList bans([this] { return m_now; }, 3);
    const auto banned = [&bans](const char *address) { return bans.banSecondsLeft(QHostAddress(QLatin1String(address))) > 0; };
    const auto fail = [&bans](const char *address, int times) {
        for (int i = 0; i < times; ++i)
            bans.recordFailure(QHostAddress(QLatin1String(address)));
    };
    fail("10.0.0.1", 5);
    fail("10.0.0.2", 5);
    fail("10.0.0.3", 1); // a failure counter, not banned
    QVERIFY(banned("10.0.0.1") && banned("10.0.0.2") && !banned("10.0.0.3"));
    m_now += 1000;
    fail("10.0.0.4", 5); // the table is full: the counter goes, no ban does
    QVERIFY(banned("10.0.0.1") && banned("10.0.0.2") && banned("10.0.0.4"));
    QCOMPARE(bans.trackedCount(), 3);
    // Full of active bans: newcomers share one counter, so they cannot guess without limit,
    // and nobody is unbanned.
    fail("10.0.0.5", 2);
    fail("10.0.0.6", 2);
    QVERIFY(!banned("10.0.0.5"));
    fail("10.0.0.7", 1);
    QVERIFY(banned("10.0.0.5") && banned("10.0.0.6") && banned("10.0.0.7"));
    QVERIFY(banned("10.0.0.1") && banned("10.0.0.2") && banned("10.0.0.4"));
    m_now += BanList::BanMs + 1000;
    QVERIFY(!banned("10.0.0.1") && !banned("10.0.0.7"));
}

void TestAccessControl::ban_ipv6CountsPerSlash64()
{
    BanList bans([this] { return m_now; });
    for (int i = 0; i < 5; ++i)
        bans.recordFailure(QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i + 1)));
    QVERIFY(bans.banSecondsLeft(QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9"))) > 0);
    QCOMPARE(bans.banSecondsLeft(QHostAddress(QStringLiteral("2001:db8:1:3::1"))), 0);
    QCOMPARE(bans.banSecondsLeft(QHostAddress(QHostAddress::LocalHostIPv6)), 0);
}

void TestAccessControl::cookieFlags()
{
    const QByteArray cookie = m_access->sessionCookie("abc");
    QVERIFY(cookie.startsWith("corral_session_8080=abc;"));
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Strict"));
    QVERIFY(cookie.contains("Path=/"));
    QVERIFY(!cookie.contains("Secure"));
    m_access->setListenAddress(QHostAddress(QHostAddress::LocalHost), 8443, true);
    QVERIFY(m_access->sessionCookie("abc").contains("; Secure"));
    // RFC 6265bis __Host- prefix: no other host or plain-HTTP page can set or shadow it.
    QVERIFY(m_access->sessionCookie("abc").startsWith("__Host-corral_session_8443="));
    QVERIFY(m_access->sessionCookie("abc").contains("Path=/"));
    QVERIFY(!m_access->sessionCookie("abc").contains("Domain"));
    QVERIFY(m_access->clearedCookie().contains("Max-Age=0"));
}

void TestAccessControl::sessions_capEvictsTheLeastRecentlyUsed()
{
    m_access->sessions().setMaxSessions(3);
    const AccessRequest r = request("POST", "/auth/signin");
    QList<QByteArray> ids;
    for (int i = 0; i < 3; ++i) {
        ids.append(m_access->signIn(Token, r));
        m_now += 1000;
    }
    QVERIFY(m_access->sessions().validate(ids[0])); // touched: now the most recent
    m_now += 1000;
    const QByteArray fourth = m_access->signIn(Token, r);
    QCOMPARE(m_access->sessions().count(), 3);
    QVERIFY(!m_access->sessions().validate(ids[1])); // the least recently used went
    QVERIFY(m_access->sessions().validate(ids[0]));
    QVERIFY(m_access->sessions().validate(fourth));
}

void TestAccessControl::signOut_endsTheSession()
{
    const QByteArray session = m_access->signIn(Token, request("POST", "/auth/signin"));
    const AccessRequest r = pageRequest("GET", "/ollama/api/tags", session);
    QVERIFY(m_access->check(r).allowed);
    m_access->signOut(r);
    QCOMPARE(m_access->check(r).status, 401);
}

void TestAccessControl::oneTimeCode_singleUseAndExpiry()
{
    const AccessRequest r = request("GET", "/");
    const QByteArray code = m_access->mintSignInCode();
    QVERIFY(!m_access->signIn(code, r).isEmpty());
    QVERIFY(m_access->signIn(code, r).isEmpty()); // used
    const QByteArray late = m_access->mintSignInCode();
    m_now += 61 * 1000;
    QVERIFY(m_access->signIn(late, r).isEmpty()); // expired
    QByteArray forged = m_access->mintSignInCode();
    forged[0] = forged[0] == '9' ? '8' : '9'; // change the expiry: the MAC no longer fits
    QVERIFY(m_access->signIn(forged, r).isEmpty());
}

void TestAccessControl::oneTimeCode_mintedByAnotherProcessIsAccepted()
{
    // `corral --browser-link` runs as another process with its own TokenStore on the same directory.
    QTemporaryDir dir;
    TokenStore serverTokens(dir.path());
    QString error;
    QVERIFY(serverTokens.load(QByteArray(), &error));
    ApiKeyStore keys(dir.path());
    AccessControl access(&serverTokens, &keys, nullptr);
    access.setListenAddress(QHostAddress(QHostAddress::LocalHost), Port, false);

    TokenStore cliTokens(dir.path());
    QVERIFY(cliTokens.load(QByteArray(), &error));
    QCOMPARE(cliTokens.token(), serverTokens.token());
    const QByteArray code = SignInCodes::mint(cliTokens.token(), QDateTime::currentMSecsSinceEpoch());
    QVERIFY(!access.signIn(code, request("GET", "/")).isEmpty());
    // File modes: the token is the owner's alone.
    QCOMPARE(QFile::permissions(serverTokens.filePath()) & 0x0777, QFile::ReadUser | QFile::WriteUser); // mode 0600
}

void TestAccessControl::rotation_endsSessions()
{
    QTemporaryDir dir;
    TokenStore tokens(dir.path());
    QString error;
    QVERIFY(tokens.load(QByteArray(), &error));
    ApiKeyStore keys(dir.path());
    AccessControl access(&tokens, &keys, nullptr);
    access.setListenAddress(QHostAddress(QHostAddress::LocalHost), Port, false);
    const QByteArray old = tokens.token();
    const QByteArray session = access.signIn(old, request("POST", "/auth/signin"));
    QVERIFY(!session.isEmpty());
    QCOMPARE(access.sessions().count(), 1);
    QVERIFY(tokens.rotate(&error));
    QVERIFY(tokens.token() != old);
    QCOMPARE(access.sessions().count(), 0);
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.authorization = "Bearer " + old;
    QCOMPARE(access.check(r).status, 401);
}

void TestAccessControl::securityLog_neverHoldsSecrets()
{
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.authorization = "Bearer this-is-a-wrong-secret-guess";
    r.cookie = "corral_session_8080=cookie-secret-value";
    m_access->check(r);
    m_access->signIn("sign-in-secret-guess", r);
    AccessRequest rebinding = r;
    rebinding.host = "evil.example:8080";
    m_access->check(rebinding);
    QFile file(m_log->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray log = file.readAll();
    QVERIFY(log.contains("failed-auth peer=127.0.0.1"));
    QVERIFY(log.contains("failed-sign-in"));
    QVERIFY(log.contains("refused-host host=evil.example:8080"));
    QVERIFY(!log.contains("this-is-a-wrong-secret-guess"));
    QVERIFY(!log.contains("cookie-secret-value"));
    QVERIFY(!log.contains("sign-in-secret-guess"));
    QCOMPARE(QFile::permissions(m_log->filePath()) & 0x0777, QFile::ReadUser | QFile::WriteUser); // mode 0600
}

void TestAccessControl::securityLog_escapesControlAndNonAscii()
{
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.host = "evil\x1b[2J\x1b]0;owned\x07\r\nfake-line \xc3\xa9:8080";
    QCOMPARE(m_access->check(r).status, 403);
    QFile file(m_log->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray log = file.readAll();
    QVERIFY(log.contains("host=evil\\x1b[2J\\x1b]0;owned\\x07\\x0d\\x0afake-line \\xc3\\xa9:8080"));
    QCOMPARE(log.count('\n'), 1);
    for (const char c : log)
        QVERIFY2(c == '\n' || (c >= 0x20 && c < 0x7f), qPrintable(QString::number(int(static_cast<unsigned char>(c)))));
    QCOMPARE(SecurityLog::escaped("a\\b"), QByteArray("a\\x5cb")); // so an escape cannot be faked
}

void TestAccessControl::securityLog_rateLimitsTheSameEvent()
{
    AccessRequest r = request("GET", "/ollama/api/tags");
    r.host = "evil.example:8080";
    for (int i = 0; i < 50; ++i)
        m_access->check(r);
    AccessRequest other = r;
    other.peer = QHostAddress(QStringLiteral("127.0.0.2"));
    m_access->check(other); // another address has its own count
    QFile file(m_log->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray log = file.readAll();
    QCOMPARE(log.count("refused-host host=evil.example:8080 peer=127.0.0.1"), SecurityLog::MaxPerWindow);
    QCOMPARE(log.count("peer=127.0.0.2"), 1);
    QVERIFY(!log.contains("suppressed"));
    m_now += SecurityLog::WindowMs;
    m_access->check(r);
    file.seek(0);
    log = file.readAll();
    QVERIFY(log.contains("refused-host peer=127.0.0.1 suppressed=45"));
    QCOMPARE(log.count("refused-host host=evil.example:8080 peer=127.0.0.1"), SecurityLog::MaxPerWindow + 1);
}

void TestAccessControl::securityLog_rotatesAtItsSize()
{
    m_log->setMaxBytes(4000);
    for (int i = 0; i < 400; ++i)
        m_log->record(QStringLiteral("failed-auth"), QHostAddress(quint32(0x0a000000 + i)), QStringLiteral("n=%1").arg(i));
    const QString old = m_log->filePath() + QStringLiteral(".1");
    QVERIFY(QFile::exists(old));
    QVERIFY(!QFile::exists(m_log->filePath() + QStringLiteral(".2")));
    QVERIFY(QFileInfo(m_log->filePath()).size() <= 4000);
    QVERIFY(QFileInfo(old).size() <= 4000);
    QFile file(m_log->filePath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll().contains("n=399")); // the newest event is in the current file
}

QTEST_GUILESS_MAIN(TestAccessControl)
#include "tst_accesscontrol.moc"
