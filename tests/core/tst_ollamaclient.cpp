// SPDX-License-Identifier: GPL-3.0-or-later
// OllamaClient against the fake Ollama (tests/support), which speaks Ollama's real API.
#include "core/chatreply.h"
#include "core/modelinfo.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/ollamafailure.h"
#include "core/settings.h"
#include "support/fakeollama.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Corral;
using namespace Corral::Test;

class TestOllamaClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listModels_givesEveryModelWithItsDetails();
    void checkVersion_givesTheServersVersion();
    void checkVersion_unreachable_isAFailure();
    void chat_streamsTheAnswerInPieces();
    void chat_sendsModelMessagesAndOptions();
    void chat_ollamaError_isTheReplysError();
    void capabilities_comeFromShow();

private:
    void pointAt(quint16 port);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<OllamaClient> m_client;
};

void TestOllamaClient::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->bindSettings(m_settings.get());
    pointAt(m_fake->port());
    m_client = std::make_unique<OllamaClient>(m_connection.get());
}

void TestOllamaClient::cleanup()
{
    m_client.reset();
    m_connection.reset();
    m_settings.reset();
    m_fake.reset();
    m_dir.reset();
}

void TestOllamaClient::pointAt(quint16 port)
{
    m_settings->setValue(SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:%1").arg(port));
}

void TestOllamaClient::listModels_givesEveryModelWithItsDetails()
{
    m_fake->addModel(QStringLiteral("qwen3:8b"), 5'200'000'000, QStringLiteral("qwen3"), QStringLiteral("8.2B"), QStringLiteral("Q4_K_M"));
    QSignalSpy listed(m_client.get(), &OllamaClient::modelsListed);
    m_client->listModels();
    QVERIFY(listed.wait(10000));
    const auto models = listed.first().at(0).value<QList<ModelInfo>>();
    const auto it = std::find_if(models.cbegin(), models.cend(), [](const ModelInfo &m) { return m.name == QLatin1String("qwen3:8b"); });
    QVERIFY(it != models.cend());
    QCOMPARE(it->size, qint64(5'200'000'000));
    QCOMPARE(it->family, QStringLiteral("qwen3"));
    QCOMPARE(it->parameterSize, QStringLiteral("8.2B"));
    QCOMPARE(it->quantization, QStringLiteral("Q4_K_M"));
    QCOMPARE(m_fake->lastRequest().path, QByteArray("/api/tags"));
}

void TestOllamaClient::checkVersion_givesTheServersVersion()
{
    m_fake->setVersion(QStringLiteral("0.12.3"));
    QSignalSpy checked(m_client.get(), &OllamaClient::versionChecked);
    m_client->checkVersion();
    QVERIFY(checked.wait(10000));
    QCOMPARE(checked.first().at(0).toString(), QStringLiteral("0.12.3"));
}

void TestOllamaClient::checkVersion_unreachable_isAFailure()
{
    // A port that was just free: nothing listens there.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    pointAt(port);
    QSignalSpy failed(m_client.get(), &OllamaClient::versionFailed);
    m_client->checkVersion();
    QVERIFY(failed.wait(10000));
    const auto failure = failed.first().at(0).value<OllamaFailure>();
    QCOMPARE(failure.kind, OllamaFailure::Kind::Unreachable);
    QVERIFY(!failure.message().isEmpty());
}

void TestOllamaClient::chat_streamsTheAnswerInPieces()
{
    m_fake->addModel(QStringLiteral("llama3.2:latest"));
    m_fake->setReplyTokens({QStringLiteral("Hel"), QStringLiteral("lo, "), QStringLiteral("world")});
    ChatReply *reply = m_client->chat(QStringLiteral("llama3.2:latest"),
                                      {QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("hi")}}});
    QSignalSpy deltas(reply, &ChatReply::contentDelta);
    QSignalSpy finished(reply, &ChatReply::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(deltas.count(), 3);
    QCOMPARE(deltas.at(0).at(0).toString(), QStringLiteral("Hel"));
    QCOMPARE(reply->content(), QStringLiteral("Hello, world"));
    QVERIFY(reply->isFinished());
    QVERIFY(reply->errorText().isEmpty());
    QVERIFY(!reply->finalStats().isEmpty()); // the done line's counts
    reply->deleteLater();
}

void TestOllamaClient::chat_sendsModelMessagesAndOptions()
{
    m_fake->addModel(QStringLiteral("llama3.2:latest"));
    const QJsonArray messages{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")}, {QStringLiteral("content"), QStringLiteral("hi")}}};
    ChatReply *reply = m_client->chat(QStringLiteral("llama3.2:latest"), messages, {{QStringLiteral("temperature"), 0.2}}, true);
    QSignalSpy finished(reply, &ChatReply::finished);
    QVERIFY(finished.wait(10000));
    const auto request = m_fake->lastRequest();
    QCOMPARE(request.path, QByteArray("/api/chat"));
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body.value(QStringLiteral("model")).toString(), QStringLiteral("llama3.2:latest"));
    QCOMPARE(body.value(QStringLiteral("messages")).toArray(), messages);
    QCOMPARE(body.value(QStringLiteral("options")).toObject().value(QStringLiteral("temperature")).toDouble(), 0.2);
    QCOMPARE(body.value(QStringLiteral("think")), QJsonValue(true));
    QVERIFY(body.value(QStringLiteral("stream")).toBool(true));
    reply->deleteLater();
}

void TestOllamaClient::chat_ollamaError_isTheReplysError()
{
    m_fake->setNextError(404, R"({"error":"model \"nope\" not found, try pulling it first"})");
    ChatReply *reply = m_client->chat(QStringLiteral("nope"), {});
    QSignalSpy finished(reply, &ChatReply::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY2(reply->errorText().contains(QLatin1String("not found")), qPrintable(reply->errorText()));
    QVERIFY(reply->content().isEmpty());
    reply->deleteLater();
}

void TestOllamaClient::capabilities_comeFromShow()
{
    m_fake->addModel(QStringLiteral("qwen3:8b"), 5'000'000'000, QStringLiteral("qwen3"), QStringLiteral("8B"), QStringLiteral("Q4_K_M"),
                     {QStringLiteral("completion"), QStringLiteral("tools"), QStringLiteral("thinking")});
    QSignalSpy fetched(m_client.get(), &OllamaClient::capabilitiesFetched);
    m_client->fetchCapabilities(QStringLiteral("qwen3:8b"));
    QVERIFY(fetched.wait(10000));
    QCOMPARE(fetched.first().at(0).toString(), QStringLiteral("qwen3:8b"));
    QCOMPARE(fetched.first().at(1).toStringList(), (QStringList{QStringLiteral("completion"), QStringLiteral("tools"), QStringLiteral("thinking")}));
    QCOMPARE(m_fake->lastRequest().path, QByteArray("/api/show"));
    // An unknown model: an empty list, never a stale one.
    fetched.clear();
    m_client->fetchCapabilities(QStringLiteral("missing:1b"));
    QVERIFY(fetched.wait(10000));
    QVERIFY(fetched.first().at(1).toStringList().isEmpty());
}

QTEST_GUILESS_MAIN(TestOllamaClient)
#include "tst_ollamaclient.moc"
