// SPDX-License-Identifier: GPL-3.0-or-later
// AccessGate in front of a real LocalServer, over raw sockets: the Host, Origin and credential
// decisions it makes for /ollama, /api and the page's own routes.
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "rawhttp.h"
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/accessgate.h"
#include "server/localserver.h"
#include "support/fakeollama.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Corral;
using namespace Corral::Test;

namespace {
const QByteArray Token = "accessgate-test-token-0123456789abcdef";
}

class TestAccessGate final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void ownerToken_reachesOllama();
    void missingOrWrongCredential_isRefused_data();
    void missingOrWrongCredential_isRefused();
    void foreignHost_isRefusedEverywhere_data();
    void foreignHost_isRefusedEverywhere();
    void foreignOrigin_refusedUnlessAllowed();
    void signInPage_needsNoCredential();

private:
    RawResponse get(const QByteArray &path, const QByteArray &headers);
    QByteArray host() const { return "Host: 127.0.0.1:" + QByteArray::number(m_server->port()) + "\r\n"; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<SecurityLog> m_log;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<AccessGate> m_gate;
};

void TestAccessGate::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::ServerPort, 0);
    m_settings->setValue(SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:%1").arg(m_fake->port()));
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->bindSettings(m_settings.get());
    m_tokens = std::make_unique<TokenStore>(m_dir->path());
    QString error;
    QVERIFY2(m_tokens->load(Token, &error), qPrintable(error));
    m_keys = std::make_unique<ApiKeyStore>(m_dir->path());
    m_log = std::make_unique<SecurityLog>(m_dir->path());
    m_access = std::make_unique<AccessControl>(m_tokens.get(), m_keys.get(), m_log.get());
    m_server = std::make_unique<LocalServer>(m_connection.get(), m_settings.get());
    m_gate = std::make_unique<AccessGate>(m_server.get(), m_access.get());
    QVERIFY(m_server->start());
}

void TestAccessGate::cleanup()
{
    m_gate.reset();
    m_server.reset();
    m_access.reset();
    m_log.reset();
    m_keys.reset();
    m_tokens.reset();
    m_connection.reset();
    m_settings.reset();
    m_fake.reset();
    m_dir.reset();
}

RawResponse TestAccessGate::get(const QByteArray &path, const QByteArray &headers)
{
    RawHttpClient client;
    if (!client.connectTo(m_server->port()))
        return RawResponse();
    client.send("GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n");
    return client.readResponse();
}

void TestAccessGate::ownerToken_reachesOllama()
{
    const RawResponse response = get("/ollama/api/version", host() + "Authorization: Bearer " + Token + "\r\n");
    QCOMPARE(response.status, 200);
    QVERIFY2(response.body.contains("version"), response.body.constData());
}

void TestAccessGate::missingOrWrongCredential_isRefused_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("credential");
    QTest::newRow("ollama, none") << QByteArray("/ollama/api/tags") << QByteArray();
    QTest::newRow("ollama, wrong token") << QByteArray("/ollama/api/tags") << QByteArray("Authorization: Bearer not-the-token-0123456789abcdef0123\r\n");
    QTest::newRow("history api, none") << QByteArray("/api/v1/chats") << QByteArray();
    QTest::newRow("token as basic auth") << QByteArray("/ollama/api/tags") << QByteArray("Authorization: Basic " + Token.toBase64() + "\r\n");
}

void TestAccessGate::missingOrWrongCredential_isRefused()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, credential);
    m_fake->clearRequests();
    const RawResponse response = get(path, host() + credential);
    QCOMPARE(response.status, 401);
    QVERIFY(m_fake->lastRequest().path.isEmpty()); // nothing reached Ollama
}

void TestAccessGate::foreignHost_isRefusedEverywhere_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("ollama") << QByteArray("/ollama/api/version");
    QTest::newRow("api") << QByteArray("/api/v1/chats");
    QTest::newRow("sign-in page") << QByteArray("/");
}

void TestAccessGate::foreignHost_isRefusedEverywhere()
{
    // A DNS-rebinding page reaches 127.0.0.1 under its own name: refused even with the token.
    QFETCH(QByteArray, path);
    const RawResponse response = get(path, "Host: attacker.example:" + QByteArray::number(m_server->port()) + "\r\nAuthorization: Bearer " + Token + "\r\n");
    QCOMPARE(response.status, 403);
}

void TestAccessGate::foreignOrigin_refusedUnlessAllowed()
{
    const QByteArray headers = host() + "Authorization: Bearer " + Token + "\r\nOrigin: http://tool.example\r\n";
    RawResponse response = get("/ollama/api/version", headers);
    QCOMPARE(response.status, 403);
    QVERIFY(response.header("Access-Control-Allow-Origin").isEmpty());
    m_access->setAllowedOrigins({QStringLiteral("http://tool.example")});
    response = get("/ollama/api/version", headers);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Access-Control-Allow-Origin"), QByteArray("http://tool.example"));
}

void TestAccessGate::signInPage_needsNoCredential()
{
    const RawResponse response = get("/", host());
    QCOMPARE(response.status, 200);
    QVERIFY(response.header("Content-Type").startsWith("text/html"));
    QVERIFY(!response.body.contains(Token)); // the page never carries the secret
}

QTEST_GUILESS_MAIN(TestAccessGate)
#include "tst_accessgate.moc"
