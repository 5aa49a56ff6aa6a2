// SPDX-License-Identifier: GPL-3.0-or-later
// The window speaks German and French; screenshots (CORRAL_SCREENSHOT_DIR) show long words fit.
#include "core/chatstore.h"
#include "core/settings.h"
#include "gui/appearancepage.h"
#include "gui/localserverpage.h"
#include "gui/mainwindow.h"
#include "gui/preferencesdialog.h"
#include "support/windowparts.h"
#include "ui_mainwindow.h"
#include "ui_preferencesdialog.h"

#include <QApplication>
#include <QDir>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace Corral;
using Corral::Test::WindowParts;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void window_data();
    void window();

private:
    void removeTranslators();
};

void TestTranslations::removeTranslators()
{
    const auto translators = qApp->findChildren<QTranslator *>();
    for (QTranslator *translator : translators) {
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
}

void TestTranslations::cleanup()
{
    removeTranslators();
    QLocale::setDefault(QLocale::c());
}

void TestTranslations::window_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("send");
    QTest::addColumn<QString>("newChat");
    QTest::addColumn<QString>("preferencesTab");
    QTest::newRow("German") << "de" << "Senden" << "Neuer Chat" << "Lokaler Server";
    QTest::newRow("French") << "fr" << "Envoyer" << "Nouvelle discussion" << "Serveur local";
    QTest::newRow("English") << "en" << "Send" << "New chat" << "Local server";
}

void TestTranslations::window()
{
    QFETCH(QString, language);
    QFETCH(QString, send);
    QFETCH(QString, newChat);
    QFETCH(QString, preferencesTab);
    LanguagePage::installTranslation(language);
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:9"));
    ChatStore store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("chats.db")), nullptr));
    WindowParts parts(&settings, &store);
    MainWindow &window = parts.window;
    ConnectionMonitor &monitor = parts.monitor;
    window.resize(1100, 720);
    window.show();
    QCOMPARE(window.ui()->sendButton->text(), send);
    QCOMPARE(window.ui()->newChatButton->text(), newChat);
    monitor.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(window.ui()->stack->currentWidget(), window.ui()->errorPanel, 20000);
    const QString shots = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR");
    if (!shots.isEmpty()) {
        QDir().mkpath(shots);
        window.grab().save(QStringLiteral("%1/window-error-%2.png").arg(shots, language));
    }
    PreferencesDialog preferences(&settings, nullptr, &window);
    QCOMPARE(preferences.ui()->pages->tabText(1), preferencesTab);
    preferences.show();
    for (int page = 0; page < preferences.ui()->pages->count(); ++page) {
        preferences.ui()->pages->setCurrentIndex(page);
        // Every label's text fits in the width it was given.
        const auto labels = preferences.ui()->pages->currentWidget()->findChildren<QLabel *>();
        for (QLabel *label : labels) {
            if (!label->isVisible() || label->wordWrap() || label->text().isEmpty())
                continue;
            QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->text()));
        }
        if (!shots.isEmpty())
            preferences.grab().save(QStringLiteral("%1/preferences-%2-%3.png").arg(shots, language).arg(page));
    }
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
