// SPDX-License-Identifier: GPL-3.0-or-later
// AccessGate in front of a real LocalServer, over raw sockets: the Host, Origin and credential
// decisions it makes for /ollama, /api and the page's own routes.
#include "rawhttp.h"
#include "server/access/accesscontrol.h"
#include "server/accessgate.h"
#include "server/localserver.h"
#include "support/fakeollama.h"
#include "support/testserver.h"

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
    QByteArray host() const { return "Host: " + m_env->hostAndPort() + "\r\n"; }

    std::unique_ptr<TestServer> m_env;
};

void TestAccessGate::init()
{
    m_env = std::make_unique<TestServer>(QStringList());
    QVERIFY2(m_env->isReady() && m_env->createServer(Token) && m_env->startServer(), qPrintable(m_env->errorString()));
}

void TestAccessGate::cleanup()
{
    m_env.reset();
}

RawResponse TestAccessGate::get(const QByteArray &path, const QByteArray &headers)
{
    return m_env->roundTrip("GET " + path + " HTTP/1.1\r\n" + headers + "Connection: close\r\n\r\n");
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
    m_env->fake()->clearRequests();
    const RawResponse response = get(path, host() + credential);
    QCOMPARE(response.status, 401);
    QVERIFY(m_env->fake()->lastRequest().path.isEmpty()); // nothing reached Ollama
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
    const RawResponse response = get(path, "Host: attacker.example:" + QByteArray::number(m_env->server()->port()) + "\r\nAuthorization: Bearer " + Token + "\r\n");
    QCOMPARE(response.status, 403);
}

void TestAccessGate::foreignOrigin_refusedUnlessAllowed()
{
    const QByteArray headers = host() + "Authorization: Bearer " + Token + "\r\nOrigin: http://tool.example\r\n";
    RawResponse response = get("/ollama/api/version", headers);
    QCOMPARE(response.status, 403);
    QVERIFY(response.header("Access-Control-Allow-Origin").isEmpty());
    m_env->access()->setAllowedOrigins({QStringLiteral("http://tool.example")});
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
