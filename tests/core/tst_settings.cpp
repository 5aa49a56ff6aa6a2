// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults_matchOpenWebUi();
    void saved_survivesReopen();
    void override_winsAndIsNeverSaved();
    void changed_emittedOnlyForEffectiveChanges();
};

void TestSettings::defaults_matchOpenWebUi()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    QCOMPARE(settings.ollamaUrl(), QStringLiteral("http://127.0.0.1:11434"));
    QCOMPARE(settings.responseTimeoutSecs(), 300);
    QCOMPARE(settings.modelListTimeoutSecs(), 10);
    QCOMPARE(settings.serverPort(), 8080);
    QCOMPARE(settings.serverBind(), QStringLiteral("127.0.0.1"));
    QCOMPARE(settings.maxBodyBytes(), qint64(100) * 1024 * 1024);
    QCOMPARE(settings.source(SettingsKey::OllamaUrl), Settings::Source::Default);
}

void TestSettings::saved_survivesReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings settings(path);
        settings.setValue(SettingsKey::OllamaUrl, QStringLiteral("http://192.168.1.1:11434"));
        QVERIFY(settings.sync());
    }
    Settings reopened(path);
    QCOMPARE(reopened.ollamaUrl(), QStringLiteral("http://192.168.1.1:11434"));
    QCOMPARE(reopened.source(SettingsKey::OllamaUrl), Settings::Source::Saved);
}

void TestSettings::override_winsAndIsNeverSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        Settings settings(path);
        settings.setValue(SettingsKey::ResponseTimeout, 60);
        settings.setOverride(SettingsKey::ResponseTimeout, 900, Settings::Source::Environment,
                             QStringLiteral("AIOHTTP_CLIENT_TIMEOUT"));
        QCOMPARE(settings.responseTimeoutSecs(), 900);
        QVERIFY(settings.isOverridden(SettingsKey::ResponseTimeout));
        QCOMPARE(settings.overrideOrigin(SettingsKey::ResponseTimeout), QStringLiteral("AIOHTTP_CLIENT_TIMEOUT"));
        settings.setOverride(SettingsKey::ResponseTimeout, 30, Settings::Source::CommandLine, QStringLiteral("--x"));
        QCOMPARE(settings.source(SettingsKey::ResponseTimeout), Settings::Source::CommandLine);
    }
    Settings reopened(path);
    QCOMPARE(reopened.responseTimeoutSecs(), 60);
}

void TestSettings::changed_emittedOnlyForEffectiveChanges()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    QSignalSpy spy(&settings, &Settings::changed);
    settings.setValue(SettingsKey::ServerPort, 8080); // same as default
    QCOMPARE(spy.count(), 0);
    settings.setValue(SettingsKey::ServerPort, 9000);
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).toString(), SettingsKey::ServerPort);
    settings.setOverride(SettingsKey::ServerPort, 9100, Settings::Source::CommandLine, QStringLiteral("--port"));
    QCOMPARE(spy.count(), 1);
    settings.setValue(SettingsKey::ServerPort, 9200); // hidden behind the override
    QCOMPARE(spy.count(), 1);
    QCOMPARE(settings.serverPort(), 9100);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
