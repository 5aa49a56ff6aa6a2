// SPDX-License-Identifier: GPL-3.0-or-later
// Preferences > Connection with several Ollama servers: the list persists, each server verifies
// with its own key, and a list from the environment is read-only.
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "gui/preferencesdialog.h"
#include "support/fakeollama.h"
#include "ui_preferencesdialog.h"

#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestPreferencesServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void list_addEditReorderDisable_persists();
    void oneServerWithoutNameOrKey_staysTheSingleUrl();
    void verify_eachServerWithItsKey();
    void allDisabled_blocksOk();
    void environmentList_isReadOnlyWithItsSource();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestPreferencesServers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
}

void TestPreferencesServers::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestPreferencesServers::list_addEditReorderDisable_persists()
{
    OllamaServers live;
    live.bindSettings(m_settings.get());
    {
        PreferencesDialog dialog(m_settings.get());
        Ui::PreferencesDialog *ui = dialog.ui();
        QCOMPARE(ui->serverList->count(), 1);
        ui->addServerButton->click();
        QCOMPARE(ui->serverList->count(), 2);
        QCOMPARE(ui->serverList->currentRow(), 1);
        ui->urlEdit->setText(QStringLiteral("gpu.lan:11434"));
        ui->nameEdit->setText(QStringLiteral("GPU box"));
        ui->apiKeyEdit->setText(QStringLiteral("proxy-key"));
        ui->addServerButton->click();
        ui->urlEdit->setText(QStringLiteral("http://workstation:11434"));
        ui->serverList->item(2)->setCheckState(Qt::Unchecked);
        ui->serverList->setCurrentRow(1);
        ui->moveUpButton->click(); // the GPU box first
        QCOMPARE(ui->serverList->currentRow(), 0);
        ui->pullServerCombo->setCurrentIndex(ui->pullServerCombo->findData(1));
        QVERIFY(ui->buttons->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.accept();
    }
    Settings reread(m_dir->filePath(QStringLiteral("settings.ini")));
    const auto list = OllamaServers::configured(&reread);
    QCOMPARE(list.size(), 3);
    QCOMPARE(list.at(0).url, QUrl(QStringLiteral("http://gpu.lan:11434")));
    QCOMPARE(list.at(0).name, QStringLiteral("GPU box"));
    QCOMPARE(list.at(0).apiKey, QByteArray("proxy-key"));
    QCOMPARE(list.at(1).url, QUrl(QStringLiteral("http://127.0.0.1:11434")));
    QVERIFY(!list.at(2).enabled);
    QCOMPARE(reread.ollamaUrl(), QStringLiteral("http://gpu.lan:11434"));
    QCOMPARE(reread.value(SettingsKey::OllamaPullServer).toInt(), 1);
    // Applied live.
    QCOMPARE(live.count(), 3);
    QCOMPARE(live.enabledCount(), 2);
    QCOMPARE(live.pullServer(), 1);
    // Shown again as saved.
    PreferencesDialog again(m_settings.get());
    QCOMPARE(again.ui()->serverList->count(), 3);
    QCOMPARE(again.ui()->urlEdit->text(), QStringLiteral("http://gpu.lan:11434"));
    QCOMPARE(again.ui()->nameEdit->text(), QStringLiteral("GPU box"));
    QCOMPARE(again.ui()->serverList->item(2)->checkState(), Qt::Unchecked);
    // Removing brings it back to one.
    again.ui()->serverList->setCurrentRow(2);
    again.ui()->removeServerButton->click();
    again.ui()->removeServerButton->click();
    QCOMPARE(again.ui()->serverList->count(), 1);
    QVERIFY(!again.ui()->removeServerButton->isEnabled());
}

void TestPreferencesServers::oneServerWithoutNameOrKey_staysTheSingleUrl()
{
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(QStringLiteral("http://one:11434"));
    dialog.accept();
    QCOMPARE(m_settings->ollamaUrl(), QStringLiteral("http://one:11434"));
    QCOMPARE(m_settings->source(SettingsKey::OllamaServers), Settings::Source::Default);
}

void TestPreferencesServers::verify_eachServerWithItsKey()
{
    FakeOllama a;
    FakeOllama b;
    QVERIFY(a.listen());
    QVERIFY(b.listen());
    a.addModel(QStringLiteral("x:latest"));
    b.setVersion(QStringLiteral("0.11.0"));
    m_settings->setValue(SettingsKey::OllamaServers,
                         OllamaServers::toJson({{a.url(), QStringLiteral("A"), true, "key-a"}, {b.url(), QString(), true, {}}}));
    PreferencesDialog dialog(m_settings.get());
    QSignalSpy verified(&dialog, &PreferencesDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("Ollama 0.12.6")));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("1 model")));
    QCOMPARE(a.lastRequest().header("Authorization"), QByteArray("Bearer key-a"));
    const QString first = dialog.ui()->verifyResult->text();

    dialog.ui()->serverList->setCurrentRow(1);
    QVERIFY(dialog.ui()->verifyResult->text().isEmpty()); // not verified yet
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("Ollama 0.11.0")));
    QVERIFY(!b.lastRequest().hasHeader("Authorization"));
    // Each keeps its own answer, also as the list entry's tool tip.
    dialog.ui()->serverList->setCurrentRow(0);
    QCOMPARE(dialog.ui()->verifyResult->text(), first);
    QCOMPARE(dialog.ui()->serverList->item(0)->toolTip(), first);

    // A server that refuses shows the exact error with the troubleshooting hints.
    quint16 deadPort = 0;
    {
        FakeOllama gone;
        QVERIFY(gone.listen());
        deadPort = gone.port();
    }
    dialog.ui()->serverList->setCurrentRow(1);
    dialog.ui()->urlEdit->setText(QStringLiteral("http://127.0.0.1:%1").arg(deadPort));
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QCOMPARE(verified.last().at(0).toBool(), false);
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("Server connection error")));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QStringLiteral("127.0.0.1:%1").arg(deadPort)));
}

void TestPreferencesServers::allDisabled_blocksOk()
{
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->serverList->item(0)->setCheckState(Qt::Unchecked);
    QVERIFY(!dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.ui()->problemLabel->text().contains(QLatin1String("enabled")));
    dialog.ui()->addServerButton->click();
    dialog.ui()->urlEdit->setText(QStringLiteral("ftp://x"));
    QVERIFY(dialog.ui()->problemLabel->text().contains(QLatin1String("server 2")));
}

void TestPreferencesServers::environmentList_isReadOnlyWithItsSource()
{
    m_settings->setOverride(SettingsKey::OllamaServers,
                            OllamaServers::toJson(OllamaServers::fromUrls({QStringLiteral("http://a:1;http://b:2")})),
                            Settings::Source::Environment, QStringLiteral("OLLAMA_BASE_URLS"));
    PreferencesDialog dialog(m_settings.get());
    QCOMPARE(dialog.ui()->serverList->count(), 2);
    QVERIFY(!dialog.ui()->urlEdit->isEnabled());
    QVERIFY(!dialog.ui()->addServerButton->isEnabled());
    QVERIFY(!dialog.ui()->apiKeyEdit->isEnabled());
    QVERIFY(dialog.ui()->urlNote->text().contains(QLatin1String("OLLAMA_BASE_URLS")));
    dialog.ui()->serverList->setCurrentRow(1);
    QCOMPARE(dialog.ui()->urlEdit->text(), QStringLiteral("http://b:2"));
    dialog.accept();
    QCOMPARE(m_settings->source(SettingsKey::OllamaServers), Settings::Source::Environment);
    QVERIFY(m_settings->savedValue(SettingsKey::OllamaServers).toString().isEmpty());
}

QTEST_MAIN(TestPreferencesServers)
#include "tst_preferencesservers.moc"
