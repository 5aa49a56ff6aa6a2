// SPDX-License-Identifier: GPL-3.0-or-later
// Model management against the fake Ollama.
#include "core/modelinfo.h"
#include "core/modelmanager.h"
#include "core/ollamaconnection.h"
#include "support/fakeollama.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestModelManager : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pullProgress_everyLineShape();
    void refresh_listsInstalledAndRunning();
    void tableModel_passesTheTester();
    void pull_reportsProgressAndAddsTheModel();
    void pull_cancelStopsTheDownload();
    void pull_errorMidStream_showsOllamasText();
    void deleteCopyDetailsUnload();

private:
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<ModelManager> m_manager;
};

void TestModelManager::init()
{
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_fake->addModel(QStringLiteral("llama3.2:latest"), 2'000'000'000, QStringLiteral("llama"), QStringLiteral("3.2B"));
    m_fake->addModel(QStringLiteral("qwen3:8b"), 5'000'000'000, QStringLiteral("qwen3"), QStringLiteral("8.2B"));
    m_fake->setLoadedModels({QStringLiteral("qwen3:8b")});
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->setBaseUrl(m_fake->url());
    m_manager = std::make_unique<ModelManager>(m_connection.get());
}

void TestModelManager::cleanup()
{
    m_manager.reset();
    m_connection.reset();
    m_fake.reset();
}

void TestModelManager::pullProgress_everyLineShape()
{
    PullProgress progress;
    QCOMPARE(progress.fraction(), -1.0);
    progress.feed({{QStringLiteral("status"), QStringLiteral("pulling manifest")}});
    QCOMPARE(progress.status(), QStringLiteral("pulling manifest"));
    progress.feed({{QStringLiteral("status"), QStringLiteral("pulling aaa")}, {QStringLiteral("digest"), QStringLiteral("sha256:aaa")},
                   {QStringLiteral("total"), 1000}});
    progress.feed({{QStringLiteral("status"), QStringLiteral("pulling aaa")}, {QStringLiteral("digest"), QStringLiteral("sha256:aaa")},
                   {QStringLiteral("total"), 1000}, {QStringLiteral("completed"), 500}});
    progress.feed({{QStringLiteral("status"), QStringLiteral("pulling bbb")}, {QStringLiteral("digest"), QStringLiteral("sha256:bbb")},
                   {QStringLiteral("total"), 3000}, {QStringLiteral("completed"), 1500}});
    QCOMPARE(progress.layerCount(), 2);
    QCOMPARE(progress.total(), 4000);
    QCOMPARE(progress.completed(), 2000);
    QCOMPARE(progress.fraction(), 0.5);
    for (const char *status : {"verifying sha256 digest", "writing manifest", "removing any unused layers"}) {
        progress.feed({{QStringLiteral("status"), QLatin1String(status)}});
        QCOMPARE(progress.status(), QLatin1String(status));
        QVERIFY(!progress.succeeded());
    }
    progress.feed({{QStringLiteral("status"), QStringLiteral("success")}});
    QVERIFY(progress.succeeded());
    QCOMPARE(progress.fraction(), 1.0);
    PullProgress failing;
    failing.feed({{QStringLiteral("status"), QStringLiteral("pulling manifest")}});
    failing.feed({{QStringLiteral("error"), QStringLiteral("pull model manifest: file does not exist")}});
    QCOMPARE(failing.error(), QStringLiteral("pull model manifest: file does not exist"));
    QVERIFY(!failing.succeeded());
}

void TestModelManager::refresh_listsInstalledAndRunning()
{
    QSignalSpy installed(m_manager.get(), &ModelManager::installedChanged);
    QSignalSpy running(m_manager.get(), &ModelManager::runningChanged);
    m_manager->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(installed.count() == 1 && running.count() == 1, 20000);
    QCOMPARE(m_manager->installed().size(), 2);
    QCOMPARE(m_manager->installed().at(1).parameterSize, QStringLiteral("8.2B"));
    QCOMPARE(m_manager->running().size(), 1);
    QCOMPARE(m_manager->running().first().name, QStringLiteral("qwen3:8b"));
    QCOMPARE(m_manager->running().first().sizeVram, qint64(2'500'000'000));
}

void TestModelManager::tableModel_passesTheTester()
{
    InstalledModelsModel model(m_manager.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy installed(m_manager.get(), &ModelManager::installedChanged);
    m_manager->refresh();
    QVERIFY(installed.wait(20000));
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.data(model.index(1, InstalledModelsModel::Family)).toString(), QStringLiteral("qwen3"));
    QCOMPARE(model.data(model.index(1, InstalledModelsModel::Size), InstalledModelsModel::SortRole).toLongLong(), 5'000'000'000);
    QCOMPARE(model.nameAt(0), QStringLiteral("llama3.2:latest"));
}

void TestModelManager::pull_reportsProgressAndAddsTheModel()
{
    m_fake->setPullLayers(2, 1'000'000, 5);
    m_fake->setTokenDelayMs(20);
    PullJob *job = m_manager->pull(QStringLiteral("phi4"));
    QSignalSpy progress(job, &PullJob::progressChanged);
    QSignalSpy done(m_manager.get(), &ModelManager::operationFinished);
    QSignalSpy installed(m_manager.get(), &ModelManager::installedChanged);
    QTRY_VERIFY_WITH_TIMEOUT(job->progress().fraction() > 0 && job->progress().fraction() < 1, 20000);
    QVERIFY(done.wait(20000));
    QVERIFY(progress.count() > 5);
    QCOMPARE(done.first().at(0).toString(), QStringLiteral("pull"));
    QCOMPARE(done.first().at(2).toString(), QString());
    QVERIFY(installed.wait(20000));
    bool found = false;
    for (const ModelInfo &model : m_manager->installed())
        found = found || model.name == QLatin1String("phi4:latest");
    QVERIFY(found);
}

void TestModelManager::pull_cancelStopsTheDownload()
{
    m_fake->setPullLayers(3, 1'000'000, 50);
    m_fake->setTokenDelayMs(30);
    QSignalSpy aborted(m_fake.get(), &FakeOllama::streamAborted);
    PullJob *first = m_manager->pull(QStringLiteral("big-one"));
    PullJob *second = m_manager->pull(QStringLiteral("another"));
    QCOMPARE(m_manager->pulls().size(), 2); // several at once
    QTRY_VERIFY_WITH_TIMEOUT(first->progress().completed() > 0 && second->progress().completed() > 0, 20000);
    QVERIFY(first->bytesPerSecond() > 0);
    QSignalSpy done(m_manager.get(), &ModelManager::operationFinished);
    first->cancel();
    QVERIFY(done.count() == 1 || done.wait(20000));
    QCOMPARE(done.first().at(2).toString(), QStringLiteral("Cancelled"));
    QVERIFY(aborted.count() >= 1 || aborted.wait(20000)); // the download really stopped
    second->cancel();
}

void TestModelManager::pull_errorMidStream_showsOllamasText()
{
    QSignalSpy done(m_manager.get(), &ModelManager::operationFinished);
    m_manager->pull(QStringLiteral("missing-model"));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.first().at(2).toString(), QStringLiteral("pull model manifest: file does not exist"));
}

void TestModelManager::deleteCopyDetailsUnload()
{
    QSignalSpy done(m_manager.get(), &ModelManager::operationFinished);
    m_manager->copy(QStringLiteral("llama3.2:latest"), QStringLiteral("mine:v1"));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.takeFirst().at(2).toString(), QString());
    QVERIFY(m_fake->modelNames().contains(QStringLiteral("mine:v1")));

    QSignalSpy details(m_manager.get(), &ModelManager::detailsReady);
    m_manager->showDetails(QStringLiteral("mine:v1"));
    QVERIFY(details.wait(20000));
    const QJsonObject shown = details.first().at(1).toJsonObject();
    QVERIFY(shown.contains(QStringLiteral("template")));
    QVERIFY(shown.contains(QStringLiteral("capabilities")));

    m_manager->remove(QStringLiteral("mine:v1"));
    QVERIFY(done.wait(20000));
    QCOMPARE(done.takeFirst().at(2).toString(), QString());
    QVERIFY(!m_fake->modelNames().contains(QStringLiteral("mine:v1")));
    QCOMPARE(m_fake->lastRequest().method, QByteArray("DELETE"));

    m_manager->remove(QStringLiteral("mine:v1")); // already gone: Ollama's own words
    QVERIFY(done.wait(20000));
    QCOMPARE(done.takeFirst().at(2).toString(), QStringLiteral("model 'mine:v1' not found"));

    m_manager->unload(QStringLiteral("qwen3:8b"));
    QVERIFY(done.wait(20000));
    QCOMPARE(m_fake->lastRequest().json().value(QStringLiteral("keep_alive")).toInt(), 0);
    QSignalSpy running(m_manager.get(), &ModelManager::runningChanged);
    QTRY_VERIFY_WITH_TIMEOUT(!running.isEmpty() && m_manager->running().isEmpty(), 20000);
}

QTEST_GUILESS_MAIN(TestModelManager)
#include "tst_modelmanager.moc"
