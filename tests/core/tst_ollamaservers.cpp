// SPDX-License-Identifier: GPL-3.0-or-later
// The server list: where it comes from (settings, OLLAMA_BASE_URLS, --ollama-url), health and
// back-off, model lists and the choice among servers.
#include "core/ollamacall.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "core/startupoptions.h"
#include "support/fakeollama.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestOllamaServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void default_isTheSingleOllamaUrl();
    void savedList_roundTripsWithKeys();
    void environmentList_winsOverOllamaBaseUrl();
    void repeatedOption_winsOverEnvironment_oneOptionIsOneServer();
    void invalidListEntry_isAStartupError();
    void overriddenList_keepsSavedNamesAndKeys();
    void normalizedModel_addsLatest();
    void primaryConnection_isStable_andFollowsTheFirstEnabled();
    void probes_learnModels_andMarkDownWithBackOff();
    void candidates_preferUp_thenFewestInFlight_thenInTurn();
    void bearerKey_isSentOnlyByItsConnection();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestOllamaServers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
}

void TestOllamaServers::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestOllamaServers::default_isTheSingleOllamaUrl()
{
    const auto list = OllamaServers::configured(m_settings.get());
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.first().url, QUrl(QStringLiteral("http://127.0.0.1:11434")));
    QCOMPARE(list.first().displayName(), QStringLiteral("127.0.0.1:11434"));
    OllamaServers servers;
    servers.bindSettings(m_settings.get());
    QVERIFY(!servers.isMulti());
    QCOMPARE(servers.primary()->baseUrl(), QUrl(QStringLiteral("http://127.0.0.1:11434")));
}

void TestOllamaServers::savedList_roundTripsWithKeys()
{
    const QList<OllamaServerConfig> list{{QUrl(QStringLiteral("http://gpu:11434")), QStringLiteral("GPU"), true, "k1"},
                                         {QUrl(QStringLiteral("https://box.lan/ollama")), QString(), false, {}}};
    m_settings->setValue(SettingsKey::OllamaServers, OllamaServers::toJson(list));
    QCOMPARE(OllamaServers::configured(m_settings.get()), list);
    QCOMPARE(OllamaServers::fromJson(OllamaServers::toJson(list)), list);
}

void TestOllamaServers::environmentList_winsOverOllamaBaseUrl()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OLLAMA_BASE_URL"), QStringLiteral("http://single:11434"));
    environment.insert(QStringLiteral("OLLAMA_BASE_URLS"), QStringLiteral("http://a:11434; b:11435"));
    const StartupOptions options = StartupOptions::parse({QStringLiteral("corral")}, environment);
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    options.apply(*m_settings);
    const auto list = OllamaServers::configured(m_settings.get());
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).url, QUrl(QStringLiteral("http://a:11434")));
    QCOMPARE(list.at(1).url, QUrl(QStringLiteral("http://b:11435")));
    QCOMPARE(m_settings->overrideOrigin(SettingsKey::OllamaServers), QStringLiteral("OLLAMA_BASE_URLS"));
    QCOMPARE(m_settings->ollamaUrl(), QStringLiteral("http://a:11434"));
}

void TestOllamaServers::repeatedOption_winsOverEnvironment_oneOptionIsOneServer()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OLLAMA_BASE_URLS"), QStringLiteral("http://a:11434;http://b:11434"));
    StartupOptions options = StartupOptions::parse(
        {QStringLiteral("corral"), QStringLiteral("--ollama-url"), QStringLiteral("http://c:1"), QStringLiteral("--ollama-url"),
         QStringLiteral("http://d:2"), QStringLiteral("--ollama-url"), QStringLiteral("http://e:3")},
        environment);
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    options.apply(*m_settings);
    auto list = OllamaServers::configured(m_settings.get());
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).url, QUrl(QStringLiteral("http://c:1")));
    QCOMPARE(list.at(2).url, QUrl(QStringLiteral("http://e:3")));
    QCOMPARE(m_settings->ollamaUrl(), QStringLiteral("http://c:1"));
    QCOMPARE(m_settings->source(SettingsKey::OllamaServers), Settings::Source::CommandLine);

    Settings second(m_dir->filePath(QStringLiteral("second.ini")));
    options = StartupOptions::parse({QStringLiteral("corral"), QStringLiteral("--ollama-url"), QStringLiteral("http://c:1")},
                                    environment);
    options.apply(second);
    list = OllamaServers::configured(&second);
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).url, QUrl(QStringLiteral("http://c:1")));
}

void TestOllamaServers::invalidListEntry_isAStartupError()
{
    QProcessEnvironment environment;
    environment.insert(QStringLiteral("OLLAMA_BASE_URLS"), QStringLiteral("http://a:11434;ftp://nope"));
    const StartupOptions options = StartupOptions::parse({QStringLiteral("corral")}, environment);
    QVERIFY(options.error.contains(QLatin1String("OLLAMA_BASE_URLS")));
    QVERIFY(options.error.contains(QLatin1String("ftp://nope")));
}

void TestOllamaServers::overriddenList_keepsSavedNamesAndKeys()
{
    m_settings->setValue(SettingsKey::OllamaServers,
                         OllamaServers::toJson({{QUrl(QStringLiteral("http://b:11434")), QStringLiteral("Bee"), true, "key-b"}}));
    m_settings->setOverride(SettingsKey::OllamaServers,
                            OllamaServers::toJson(OllamaServers::fromUrls({QStringLiteral("http://a:11434;http://b:11434")})),
                            Settings::Source::Environment, QStringLiteral("OLLAMA_BASE_URLS"));
    const auto list = OllamaServers::configured(m_settings.get());
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(1).name, QStringLiteral("Bee"));
    QCOMPARE(list.at(1).apiKey, QByteArray("key-b"));
    QVERIFY(list.at(0).apiKey.isEmpty());
}

void TestOllamaServers::normalizedModel_addsLatest()
{
    QCOMPARE(OllamaServers::normalizedModel(QStringLiteral("Llama3.2")), QStringLiteral("llama3.2:latest"));
    QCOMPARE(OllamaServers::normalizedModel(QStringLiteral("qwen3:8b")), QStringLiteral("qwen3:8b"));
    QCOMPARE(OllamaServers::normalizedModel(QStringLiteral("registry.lan:5000/me/model")),
             QStringLiteral("registry.lan:5000/me/model:latest"));
}

void TestOllamaServers::primaryConnection_isStable_andFollowsTheFirstEnabled()
{
    OllamaServers servers;
    OllamaConnection *primary = servers.primary();
    servers.setServers({{QUrl(QStringLiteral("http://a:1")), {}, false, {}}, {QUrl(QStringLiteral("http://b:2")), {}, true, {}},
                        {QUrl(QStringLiteral("http://c:3")), {}, true, {}}});
    QCOMPARE(servers.primary(), primary);
    QCOMPARE(primary->baseUrl(), QUrl(QStringLiteral("http://b:2")));
    QCOMPARE(servers.connection(1), primary);
    QVERIFY(!servers.connection(0));
    QVERIFY(servers.connection(2) && servers.connection(2) != primary);
    QCOMPARE(servers.connection(2)->baseUrl(), QUrl(QStringLiteral("http://c:3")));
    QCOMPARE(servers.pullServer(), 1);
    servers.setPullServer(2);
    QCOMPARE(servers.pullServer(), 2);
    servers.setPullServer(0); // disabled: the first enabled one
    QCOMPARE(servers.pullServer(), 1);
}

void TestOllamaServers::probes_learnModels_andMarkDownWithBackOff()
{
    FakeOllama a;
    FakeOllama b;
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    a.addModel(QStringLiteral("llama3.2:latest"));
    b.addModel(QStringLiteral("mistral:latest"));
    OllamaServers servers;
    servers.setProbeIntervals(60000, 100, 400);
    QSignalSpy health(&servers, &OllamaServers::healthChanged);
    servers.setServers({{a.url(), {}, true, {}}, {b.url(), {}, true, {}}});
    QTRY_COMPARE(servers.answeringCount(), 2);
    QVERIFY(servers.hasModel(0, QStringLiteral("llama3.2")));
    QVERIFY(!servers.hasModel(1, QStringLiteral("llama3.2")));
    QCOMPARE(servers.serversWith(QStringLiteral("mistral")), QList<int>{1});

    const quint16 port = b.port();
    b.close();
    servers.refresh();
    QTRY_COMPARE(servers.health(1), OllamaServers::Health::Down);
    QCOMPARE(servers.answeringCount(), 1);
    QCOMPARE(servers.lastFailure(1).kind, OllamaFailure::Kind::Unreachable);
    // Probed again with back-off (100, 200, 400, 400 ms ...), not hammered.
    b.clearRequests();
    QVERIFY(b.listen(port));
    QTRY_COMPARE_WITH_TIMEOUT(servers.health(1), OllamaServers::Health::Up, 5000);
    QCOMPARE(b.requests().size(), 1);
}

void TestOllamaServers::candidates_preferUp_thenFewestInFlight_thenInTurn()
{
    FakeOllama fakes[3];
    for (FakeOllama &fake : fakes) {
        QVERIFY(fake.listen());
        fake.addModel(QStringLiteral("llama3.2:latest"));
    }
    OllamaServers servers;
    servers.setServers({{fakes[0].url(), {}, true, {}}, {fakes[1].url(), {}, true, {}}, {fakes[2].url(), {}, true, {}}});
    QTRY_VERIFY(!servers.someModelsUnknown());
    for (FakeOllama &fake : fakes)
        fake.setHeaderDelayMs(5000); // calls stay in flight
    // Equal: in turn.
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")).first(), 0);
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")).first(), 1);
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")).first(), 2);
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")).first(), 0);
    // Busy ones last: two calls in flight on 1, one on 2.
    std::unique_ptr<OllamaCall> calls[] = {std::unique_ptr<OllamaCall>(servers.connection(1)->get("/api/version")),
                                           std::unique_ptr<OllamaCall>(servers.connection(1)->get("/api/version")),
                                           std::unique_ptr<OllamaCall>(servers.connection(2)->get("/api/version"))};
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")), (QList<int>{0, 2, 1}));
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2:latest")).first(), 0);
    // Down ones after every up one, however idle.
    OllamaFailure refused;
    refused.kind = OllamaFailure::Kind::Unreachable;
    servers.reportFailure(servers.connection(0), refused);
    QCOMPARE(servers.candidatesFor(QStringLiteral("llama3.2")), (QList<int>{2, 1, 0}));
    QVERIFY(servers.candidatesFor(QStringLiteral("nope")).isEmpty());
}

void TestOllamaServers::bearerKey_isSentOnlyByItsConnection()
{
    FakeOllama a;
    FakeOllama b;
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    OllamaServers servers;
    servers.setServers({{a.url(), {}, true, "sekret"}, {b.url(), {}, true, {}}});
    QTRY_COMPARE(servers.answeringCount(), 2);
    OllamaConnection::Request request;
    request.pathAndQuery = "/api/version";
    request.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer from-client")));
    std::unique_ptr<OllamaCall> first(servers.connection(0)->send(request));
    std::unique_ptr<OllamaCall> second(servers.connection(1)->send(request));
    QTRY_VERIFY(first->isFinished() && second->isFinished());
    for (const RecordedRequest &seen : a.requests())
        QCOMPARE(seen.header("Authorization"), QByteArray("Bearer sekret"));
    QCOMPARE(b.lastRequest().header("Authorization"), QByteArray("Bearer from-client"));
    for (const RecordedRequest &seen : b.requests())
        QVERIFY(!seen.header("Authorization").contains("sekret"));
}

QTEST_GUILESS_MAIN(TestOllamaServers)
#include "tst_ollamaservers.moc"
