// SPDX-License-Identifier: GPL-3.0-or-later
// The local server's front door, whole (guard, access gate, proxy), against hostile raw clients:
// access is decided from the head, before any body byte is read; framing that Qt could read
// another way is refused; slow bodies and too many connections are cut off.
#include "server/localserver.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray Token = "front-door-owner-token-0123456789abcdef";

} // namespace

class TestFrontDoor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refusedRequests_getTheirAnswerBeforeTheBody_data();
    void refusedRequests_getTheirAnswerBeforeTheBody();
    void publicRoutes_takeOnlySmallBodies();
    void ambiguousFraming_isRefusedAndNeverForwarded_data();
    void ambiguousFraming_isRefusedAndNeverForwarded();
    void pipelinedRequests_areAnsweredInOrder();
    void keptAliveConnection_readsEachRequestOnce();
    void pipelinedRefusal_closesWithoutForwarding();
    void tricklingBody_gets408();
    void connectionCaps_refuseNewConnectionsOnly();
    void manyUnauthenticatedUploads_leaveAStreamUndisturbed();

private:
    QByteArray authorized(const QByteArray &method, const QByteArray &target, const QByteArray &body = QByteArray()) const;
    QByteArray generateRequest() const
    {
        return authorized("POST", "/ollama/api/generate", R"({"model":"llama3.2:latest","prompt":"go"})");
    }
    QByteArray host() const { return m_env->hostAndPort(); }

    std::unique_ptr<TestServer> m_env;
};

void TestFrontDoor::init()
{
    m_env = std::make_unique<TestServer>();
    m_env->settings()->setValue(SettingsKey::ServerIdleTimeout, 1);
    QVERIFY2(m_env->isReady() && m_env->createServer(Token) && m_env->startServer(), qPrintable(m_env->errorString()));
}

void TestFrontDoor::cleanup()
{
    m_env.reset();
}

QByteArray TestFrontDoor::authorized(const QByteArray &method, const QByteArray &target, const QByteArray &body) const
{
    return httpRequest(method, target, body, "Authorization: Bearer " + Token + "\r\n", host());
}

void TestFrontDoor::refusedRequests_getTheirAnswerBeforeTheBody_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status");
    QTest::newRow("no credentials") << QByteArray() << 401;
    QTest::newRow("wrong token") << QByteArray("Authorization: Bearer wrong-token\r\n") << 401;
    QTest::newRow("foreign origin, no credentials (a no-cors fetch)")
        << QByteArray("Origin: https://evil.example\r\nSec-Fetch-Site: cross-site\r\n") << 401;
    QTest::newRow("foreign origin with the token") << QByteArray("Origin: https://evil.example\r\nAuthorization: Bearer " + Token + "\r\n")
                                                   << 403;
}

void TestFrontDoor::refusedRequests_getTheirAnswerBeforeTheBody()
{
    // 90 MB announced, none of it sent: the answer must come anyway, and the connection close.
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send("POST /ollama/api/chat HTTP/1.1\r\nHost: " + host() + "\r\n" + headers
                + "Content-Type: application/json\r\nContent-Length: 94371840\r\n\r\n{\"model\":");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Connection").toLower(), QByteArray("close"));
    QVERIFY(!response.header("Content-Security-Policy").isEmpty());
    QVERIFY(client.waitForClose());
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestFrontDoor::publicRoutes_takeOnlySmallBodies()
{
    // Nothing without sign-in reads more than a small form: 1 MiB to the sign-in form is refused
    // at its head.
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send("POST /auth/signin HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1048576\r\n\r\ntoken=");
    const RawResponse response = client.readResponse();
    QCOMPARE(response.status, 413);
    QVERIFY(client.waitForClose());
}

void TestFrontDoor::ambiguousFraming_isRefusedAndNeverForwarded_data()
{
    QTest::addColumn<QByteArray>("framing");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("duplicate content-length") << QByteArray("Content-Length: 2\r\nContent-Length: 40\r\n")
                                              << QByteArray(40, 'x');
    QTest::newRow("length with chunked") << QByteArray("Content-Length: 2\r\nTransfer-Encoding: chunked\r\n")
                                         << QByteArray("2\r\n{}\r\n0\r\n\r\n");
    QTest::newRow("chunked, gzip") << QByteArray("Transfer-Encoding: gzip, chunked\r\n") << QByteArray("2\r\n{}\r\n0\r\n\r\n");
    QTest::newRow("trailers hiding a request")
        << QByteArray("Transfer-Encoding: chunked\r\n")
        << QByteArray("2\r\n{}\r\n0\r\nXXGET /ollama/api/tags HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    QTest::newRow("huge chunk after a small one") << QByteArray("Transfer-Encoding: chunked\r\n")
                                                  << QByteArray("2\r\n{}\r\n7fffffffffffffff\r\nxxxx");
    QTest::newRow("obs-fold") << QByteArray("X-Folded: a\r\n b\r\nContent-Length: 2\r\n") << QByteArray("{}");
    QTest::newRow("escape in a header") << QByteArray("X-Note: \x1b[31mred\r\nContent-Length: 2\r\n") << QByteArray("{}");
    QTest::newRow("bare LF") << QByteArray("X-Note: a\nContent-Length: 2\r\n") << QByteArray("{}");
}

void TestFrontDoor::ambiguousFraming_isRefusedAndNeverForwarded()
{
    QFETCH(QByteArray, framing);
    QFETCH(QByteArray, body);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send("POST /ollama/api/chat HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + Token + "\r\n"
                + framing + "\r\n" + body);
    const RawResponse response = client.readResponse();
    QVERIFY2(response.status == 400 || response.status == 413, response.raw.constData());
    QVERIFY(client.waitForClose());
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestFrontDoor::pipelinedRequests_areAnsweredInOrder()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    const QByteArray chunkedPost = "POST /ollama/api/show HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + Token
        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
          "a\r\n{\"model\":\"\r\n11\r\nllama3.2:latest\"}\r\n0\r\n\r\n";
    client.send(authorized("GET", "/ollama/api/version") + authorized("POST", "/ollama/api/show", R"({"model":"llama3.2:latest"})")
                + chunkedPost + authorized("GET", "/ollama/api/tags"));
    QList<int> statuses;
    for (int i = 0; i < 4; ++i)
        statuses.append(client.readResponse().status);
    QCOMPARE(statuses, QList<int>({200, 200, 200, 200}));
    const QList<RecordedRequest> seen = m_env->fake()->requests();
    QCOMPARE(seen.size(), 4);
    QCOMPARE(seen.at(0).path, QByteArray("/api/version"));
    QCOMPARE(seen.at(1).body, QByteArray(R"({"model":"llama3.2:latest"})"));
    QCOMPARE(seen.at(2).body, QByteArray(R"({"model":"llama3.2:latest"})"));
    QCOMPARE(seen.at(3).path, QByteArray("/api/tags"));
}

void TestFrontDoor::keptAliveConnection_readsEachRequestOnce()
{
    // The guard reads what arrives before QtHttpServer does, without taking it: it must know
    // where what Qt took ends, or the next request on the connection is read from its middle.
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(authorized("GET", "/ollama/api/version"));
    QCOMPARE(client.readResponse().status, 200);
    client.send(authorized("POST", "/ollama/api/show", R"({"model":"llama3.2:latest"})"));
    QCOMPARE(client.readResponse().status, 200);
    client.send(authorized("GET", "/ollama/api/tags"));
    QCOMPARE(client.readResponse().status, 200);
    QCOMPARE(m_env->fake()->requests().size(), 3);
    QCOMPARE(m_env->fake()->requests().at(1).body, QByteArray(R"({"model":"llama3.2:latest"})"));
}

void TestFrontDoor::pipelinedRefusal_closesWithoutForwarding()
{
    // A refused request behind one being answered: nothing of it is read on, and its answer
    // cannot be written into the middle of the other one's: the connection closes.
    m_env->fake()->setHeaderDelayMs(300);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send(authorized("GET", "/ollama/api/tags") + "POST /ollama/api/pull HTTP/1.1\r\nHost: " + host()
                + "\r\nContent-Length: 50000000\r\n\r\n{");
    QVERIFY(client.waitForClose());
    QVERIFY(m_env->fake()->requests().size() <= 1);
    for (const RecordedRequest &request : m_env->fake()->requests())
        QCOMPARE(request.path, QByteArray("/api/tags"));
}

void TestFrontDoor::tricklingBody_gets408()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_env->server()->port()));
    client.send("POST /ollama/api/chat HTTP/1.1\r\nHost: " + host() + "\r\nAuthorization: Bearer " + Token
                + "\r\nContent-Length: 100\r\n\r\n{\"model\":");
    const RawResponse response = client.readResponse(20000);
    QCOMPARE(response.status, 408);
    QVERIFY(client.waitForClose());
    QCOMPARE(m_env->fake()->requests().size(), 0);
}

void TestFrontDoor::connectionCaps_refuseNewConnectionsOnly()
{
    m_env->settings()->setValue(SettingsKey::ServerMaxConnectionsPerAddress, 2);
    m_env->settings()->setValue(SettingsKey::ServerIdleTimeout, 60);
    m_env->fake()->setReplyTokenCount(40);
    m_env->fake()->setTokenDelayMs(50);
    RawHttpClient streaming;
    QVERIFY(streaming.connectTo(m_env->server()->port()));
    streaming.send(generateRequest());
    QTRY_VERIFY_WITH_TIMEOUT(streaming.pending().contains("tok1"), 20000);
    RawHttpClient second;
    QVERIFY(second.connectTo(m_env->server()->port()));
    RawHttpClient third;
    QVERIFY(third.connectTo(m_env->server()->port()));
    const RawResponse refused = third.readResponse();
    QCOMPARE(refused.status, 503);
    QVERIFY(third.waitForClose());
    // The ones let in work on.
    second.send(authorized("GET", "/ollama/api/version"));
    QCOMPARE(second.readResponse().status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(streaming.pending().contains("\"done\":true"), 30000);
}

void TestFrontDoor::manyUnauthenticatedUploads_leaveAStreamUndisturbed()
{
    // Twenty unauthenticated 90 MB uploads (each a web page's no-cors fetch could send) while a
    // signed-in client streams: each is answered from its head, and the stream runs on to its end.
    m_env->settings()->setValue(SettingsKey::ServerIdleTimeout, 60);
    m_env->fake()->setReplyTokenCount(30);
    m_env->fake()->setTokenDelayMs(20);
    RawHttpClient streaming;
    QVERIFY(streaming.connectTo(m_env->server()->port()));
    streaming.send(generateRequest());
    std::vector<std::unique_ptr<RawHttpClient>> uploads;
    const QByteArray chunk(256 * 1024, 'x');
    for (int i = 0; i < 20; ++i) {
        auto client = std::make_unique<RawHttpClient>();
        QVERIFY(client->connectTo(m_env->server()->port()));
        client->send("POST /ollama/api/chat HTTP/1.1\r\nHost: " + host()
                     + "\r\nOrigin: https://evil.example\r\nContent-Length: 94371840\r\n\r\n" + chunk);
        uploads.push_back(std::move(client));
    }
    for (auto &client : uploads)
        QCOMPARE(client->readResponse().status, 401);
    QTRY_VERIFY_WITH_TIMEOUT(streaming.pending().contains("\"done\":true"), 30000);
    QCOMPARE(m_env->fake()->requests().size(), 1);
}

QTEST_GUILESS_MAIN(TestFrontDoor)
#include "tst_frontdoor.moc"
