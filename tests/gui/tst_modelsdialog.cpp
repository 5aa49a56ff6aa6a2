// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelmanager.h"
#include "core/ollamaconnection.h"
#include "gui/modelsdialog.h"
#include "support/fakeollama.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeWidget>

using namespace Corral;
using namespace Corral::Test;

class TestModelsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void installed_filterAndSort();
    void pull_showsProgressAndCanBeCancelled();
    void pullError_showsOllamasText();
    void delete_removesTheModel();
    void running_listsLoadedModels();

private:
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<ModelManager> m_manager;
    std::unique_ptr<ModelsDialog> m_dialog;
};

void TestModelsDialog::init()
{
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_fake->addModel(QStringLiteral("llama3.2:latest"), 2'000'000'000, QStringLiteral("llama"), QStringLiteral("3.2B"));
    m_fake->addModel(QStringLiteral("qwen3:8b"), 5'000'000'000, QStringLiteral("qwen3"), QStringLiteral("8.2B"));
    m_fake->addModel(QStringLiteral("gemma3:1b"), 800'000'000, QStringLiteral("gemma3"), QStringLiteral("1B"));
    m_fake->setLoadedModels({QStringLiteral("qwen3:8b")});
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->setBaseUrl(m_fake->url());
    m_manager = std::make_unique<ModelManager>(m_connection.get());
    m_dialog = std::make_unique<ModelsDialog>(m_manager.get());
    m_dialog->show();
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->installedView()->model()->rowCount(), 3, 20000);
}

void TestModelsDialog::cleanup()
{
    m_dialog.reset();
    m_manager.reset();
    m_connection.reset();
    m_fake.reset();
}

void TestModelsDialog::installed_filterAndSort()
{
    QAbstractItemModel *model = m_dialog->installedView()->model();
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("gemma3:1b")); // by name
    m_dialog->installedView()->sortByColumn(InstalledModelsModel::Size, Qt::DescendingOrder);
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("qwen3:8b")); // by size, not by text
    m_dialog->filterEdit()->setText(QStringLiteral("LLAMA"));
    QCOMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, InstalledModelsModel::Parameters).data().toString(), QStringLiteral("3.2B"));
}

void TestModelsDialog::pull_showsProgressAndCanBeCancelled()
{
    m_fake->setPullLayers(2, 50'000'000, 40);
    m_fake->setTokenDelayMs(40);
    m_dialog->pullEdit()->setText(QStringLiteral("phi4"));
    m_dialog->startPull();
    QTRY_VERIFY_WITH_TIMEOUT(!m_dialog->findChildren<QProgressBar *>().isEmpty()
                                 && m_dialog->findChildren<QProgressBar *>().first()->value() > 50,
                             20000);
    const QList<QLabel *> labels = m_dialog->findChildren<QLabel *>();
    bool described = false;
    for (QLabel *label : labels)
        described = described || (label->text().startsWith(QLatin1String("phi4:")) && label->text().contains(QLatin1String("/s")));
    QVERIFY(described);
    if (const QString dir = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        m_dialog->findChild<QTabWidget *>()->setCurrentIndex(2);
        m_dialog->grab().save(dir + QStringLiteral("/models-pull.png"));
    }
    QCOMPARE(m_manager->pulls().size(), 1);
    QSignalSpy aborted(m_fake.get(), &FakeOllama::streamAborted);
    m_manager->pulls().first()->cancel();
    QVERIFY(aborted.count() == 1 || aborted.wait(20000));
    QTRY_VERIFY(m_manager->pulls().isEmpty());
}

void TestModelsDialog::pullError_showsOllamasText()
{
    m_dialog->pullEdit()->setText(QStringLiteral("missing-thing"));
    m_dialog->startPull();
    QTRY_VERIFY_WITH_TIMEOUT(m_dialog->findChildren<QLabel *>().last()->text().contains(
                                 QLatin1String("pull model manifest: file does not exist")),
                             20000);
}

void TestModelsDialog::delete_removesTheModel()
{
    m_dialog->installedView()->selectRow(0);
    m_dialog->deleteSelected(false);
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->installedView()->model()->rowCount(), 2, 20000);
    QVERIFY(!m_fake->modelNames().contains(QStringLiteral("gemma3:1b")));
}

void TestModelsDialog::running_listsLoadedModels()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_dialog->runningView()->topLevelItemCount(), 1, 20000);
    QCOMPARE(m_dialog->runningView()->topLevelItem(0)->text(0), QStringLiteral("qwen3:8b"));
    QCOMPARE(m_dialog->runningView()->topLevelItem(0)->text(2), QStringLiteral("50%"));
}

QTEST_MAIN(TestModelsDialog)
#include "tst_modelsdialog.moc"
