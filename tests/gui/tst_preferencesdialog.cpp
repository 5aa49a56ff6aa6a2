// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "gui/appearancepage.h"
#include "gui/preferencesdialog.h"
#include "support/fakeollama.h"
#include "ui_preferencesdialog.h"

#include <QApplication>
#include <QComboBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestPreferencesDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void fields_showTheSavedValues();
    void save_appliesLiveToTheConnection();
    void invalidUrl_blocksOkWithTheReason();
    void environmentValues_areReadOnlyWithTheirSource();
    void verify_success_showsVersionAndModels();
    void verify_oldOllama_warnsToUpdate();
    void verify_failure_showsUrlReasonAndHints();
    void appearanceAndLanguage_savedAndApplied();
    void verify_timeoutAndNotOllama_areExplained();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Settings> m_settings;
};

void TestPreferencesDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
}

void TestPreferencesDialog::cleanup()
{
    m_settings.reset();
    m_dir.reset();
}

void TestPreferencesDialog::fields_showTheSavedValues()
{
    m_settings->setValue(SettingsKey::OllamaUrl, QStringLiteral("http://192.168.1.1:11434"));
    m_settings->setValue(SettingsKey::ResponseTimeout, 0);
    PreferencesDialog dialog(m_settings.get());
    QCOMPARE(dialog.ui()->urlEdit->text(), QStringLiteral("http://192.168.1.1:11434"));
    QCOMPARE(dialog.ui()->timeoutSpin->text(), QStringLiteral("No limit"));
    QCOMPARE(dialog.ui()->modelListSpin->value(), 10);
}

void TestPreferencesDialog::save_appliesLiveToTheConnection()
{
    OllamaConnection connection;
    connection.bindSettings(m_settings.get());
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(QStringLiteral("ollama.lan:11500"));
    dialog.ui()->timeoutSpin->setValue(900);
    dialog.accept();
    QCOMPARE(connection.baseUrl(), QUrl(QStringLiteral("http://ollama.lan:11500")));
    QCOMPARE(connection.responseTimeoutSecs(), 900);
    Settings reread(m_dir->filePath(QStringLiteral("settings.ini")));
    QCOMPARE(reread.ollamaUrl(), QStringLiteral("http://ollama.lan:11500"));
}

void TestPreferencesDialog::invalidUrl_blocksOkWithTheReason()
{
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(QStringLiteral("ftp://x"));
    QVERIFY(!dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.ui()->problemLabel->text().contains(QLatin1String("http://192.168.1.1:11434")));
    dialog.accept(); // even if called, nothing is saved
    QCOMPARE(m_settings->ollamaUrl(), QStringLiteral("http://127.0.0.1:11434"));
    dialog.ui()->urlEdit->setText(QStringLiteral("http://127.0.0.1:11434"));
    QVERIFY(dialog.ui()->buttons->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(dialog.ui()->problemLabel->text().isEmpty());
}

void TestPreferencesDialog::environmentValues_areReadOnlyWithTheirSource()
{
    m_settings->setOverride(SettingsKey::OllamaUrl, QStringLiteral("http://10.0.0.2:11434"), Settings::Source::Environment,
                            QStringLiteral("OLLAMA_BASE_URL"));
    m_settings->setOverride(SettingsKey::ResponseTimeout, 60, Settings::Source::Environment, QStringLiteral("AIOHTTP_CLIENT_TIMEOUT"));
    PreferencesDialog dialog(m_settings.get());
    QVERIFY(!dialog.ui()->urlEdit->isEnabled());
    QCOMPARE(dialog.ui()->urlEdit->text(), QStringLiteral("http://10.0.0.2:11434"));
    QVERIFY(dialog.ui()->urlNote->text().contains(QLatin1String("OLLAMA_BASE_URL")));
    QVERIFY(!dialog.ui()->timeoutSpin->isEnabled());
    QVERIFY(dialog.ui()->timeoutNote->text().contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT")));
    dialog.accept();
    QCOMPARE(m_settings->source(SettingsKey::OllamaUrl), Settings::Source::Environment);
    QVERIFY(m_settings->value(SettingsKey::OllamaUrl).toString() == QStringLiteral("http://10.0.0.2:11434"));
}

void TestPreferencesDialog::verify_success_showsVersionAndModels()
{
    FakeOllama fake;
    QVERIFY(fake.listen());
    fake.addModel(QStringLiteral("a:latest"));
    fake.addModel(QStringLiteral("b:latest"));
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(fake.url().toString());
    QSignalSpy verified(&dialog, &PreferencesDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QCOMPARE(verified.first().at(0).toBool(), true);
    const QString result = dialog.ui()->verifyResult->text();
    QVERIFY2(result.contains(QLatin1String("Ollama 0.12.6")) && result.contains(QLatin1String("2 model")), qPrintable(result));
    QVERIFY(!result.contains(QLatin1String("older than")));
    QCOMPARE(m_settings->ollamaUrl(), QStringLiteral("http://127.0.0.1:11434")); // verifying does not save
}

void TestPreferencesDialog::verify_oldOllama_warnsToUpdate()
{
    FakeOllama fake;
    QVERIFY(fake.listen());
    fake.setVersion(QStringLiteral("0.1.32"));
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(fake.url().toString());
    QSignalSpy verified(&dialog, &PreferencesDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("older than 0.9.0")));
    QVERIFY(dialog.ui()->verifyResult->text().contains(QLatin1String("thinking")));
}

void TestPreferencesDialog::verify_failure_showsUrlReasonAndHints()
{
    quint16 deadPort = 0;
    {
        FakeOllama gone;
        QVERIFY(gone.listen());
        deadPort = gone.port();
    }
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(QStringLiteral("http://127.0.0.1:%1").arg(deadPort));
    QSignalSpy verified(&dialog, &PreferencesDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QCOMPARE(verified.first().at(0).toBool(), false);
    const QString result = dialog.ui()->verifyResult->text();
    QVERIFY(result.contains(QLatin1String("Server connection error")));
    QVERIFY(result.contains(QStringLiteral("127.0.0.1:%1").arg(deadPort)));
    QVERIFY(result.contains(QLatin1String("refused"), Qt::CaseInsensitive));
    QVERIFY(result.contains(QLatin1String("container")));
    QVERIFY(dialog.ui()->verifyButton->isEnabled());
    if (const QString dir = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR"); !dir.isEmpty()) {
        dialog.show();
        dialog.adjustSize();
        dialog.grab().save(dir + QStringLiteral("/preferences-verify-failed.png"));
    }
}

void TestPreferencesDialog::appearanceAndLanguage_savedAndApplied()
{
    PreferencesDialog dialog(m_settings.get());
    AppearancePage *appearance = dialog.appearancePage();
    appearance->themeBox()->setCurrentIndex(appearance->themeBox()->findData(QStringLiteral("dark")));
    appearance->fontSizeSpin()->setValue(14);
    dialog.languagePage()->languageBox()->setCurrentIndex(dialog.languagePage()->languageBox()->findData(QStringLiteral("fr")));
    dialog.accept();
    Settings reread(m_dir->filePath(QStringLiteral("settings.ini")));
    QCOMPARE(reread.value(SettingsKey::UiTheme).toString(), QStringLiteral("dark"));
    QCOMPARE(reread.value(SettingsKey::UiFontSize).toInt(), 14);
    QCOMPARE(reread.value(SettingsKey::UiLanguage).toString(), QStringLiteral("fr"));
    AppearancePage::applyTheme(QStringLiteral("dark"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 80);
    AppearancePage::applyTheme(QStringLiteral("light"));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() > 180);
    AppearancePage::applyTheme(QStringLiteral("system"));
}

void TestPreferencesDialog::verify_timeoutAndNotOllama_areExplained()
{
    // A server that accepts and never answers: the model-list limit expires.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&silent, &held] { held.append(silent.nextPendingConnection()); });
    PreferencesDialog dialog(m_settings.get());
    dialog.ui()->urlEdit->setText(QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort()));
    dialog.ui()->modelListSpin->setValue(1);
    QSignalSpy verified(&dialog, &PreferencesDialog::verified);
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QVERIFY2(dialog.ui()->verifyResult->text().contains(QLatin1String("AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST")),
             qPrintable(dialog.ui()->verifyResult->text()));

    // Something that speaks HTTP but is not Ollama.
    QTcpServer other;
    QVERIFY(other.listen(QHostAddress::LocalHost, 0));
    connect(&other, &QTcpServer::newConnection, this, [&other] {
        QTcpSocket *socket = other.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            socket->readAll();
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here!");
        });
    });
    dialog.ui()->urlEdit->setText(QStringLiteral("http://127.0.0.1:%1").arg(other.serverPort()));
    verified.clear();
    dialog.verify();
    QVERIFY(verified.wait(20000));
    QCOMPARE(verified.first().at(0).toBool(), false);
    QVERIFY2(dialog.ui()->verifyResult->text().contains(QLatin1String("not Ollama")), qPrintable(dialog.ui()->verifyResult->text()));
}

QTEST_MAIN(TestPreferencesDialog)
#include "tst_preferencesdialog.moc"
