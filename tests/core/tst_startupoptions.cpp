// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings.h"
#include "core/startupoptions.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

class TestStartupOptions final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void commandLine_beatsEnvironment_beatsSaved();
    void savedValue_usedWhenNothingOverrides();
    void invalidValues_namedInTheError_data();
    void invalidValues_namedInTheError();
    void dataDir_optionBeatsEnvironment();
    void headlessAndHelp();

private:
    static QProcessEnvironment env(const QList<QPair<QString, QString>> &values)
    {
        QProcessEnvironment environment;
        for (const auto &[key, value] : values)
            environment.insert(key, value);
        return environment;
    }
};

void TestStartupOptions::commandLine_beatsEnvironment_beatsSaved()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(SettingsKey::ServerPort, 9000);
    settings.setValue(SettingsKey::OllamaUrl, QStringLiteral("http://saved:11434"));
    const StartupOptions options = StartupOptions::parse(
        {QStringLiteral("corral"), QStringLiteral("--port"), QStringLiteral("9100")},
        env({{QStringLiteral("CORRAL_PORT"), QStringLiteral("9200")}, {QStringLiteral("OLLAMA_BASE_URL"), QStringLiteral("http://env:11434")}}));
    QVERIFY2(options.error.isEmpty(), qPrintable(options.error));
    options.apply(settings);
    QCOMPARE(settings.value(SettingsKey::ServerPort).toInt(), 9100);
    QCOMPARE(settings.source(SettingsKey::ServerPort), Settings::Source::CommandLine);
    QCOMPARE(settings.overrideOrigin(SettingsKey::ServerPort), QStringLiteral("--port"));
    QCOMPARE(settings.value(SettingsKey::OllamaUrl).toString(), QStringLiteral("http://env:11434"));
    QCOMPARE(settings.source(SettingsKey::OllamaUrl), Settings::Source::Environment);
    QCOMPARE(settings.overrideOrigin(SettingsKey::OllamaUrl), QStringLiteral("OLLAMA_BASE_URL"));
}

void TestStartupOptions::savedValue_usedWhenNothingOverrides()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(SettingsKey::ServerPort, 9000);
    const StartupOptions options = StartupOptions::parse({QStringLiteral("corral")}, QProcessEnvironment());
    QVERIFY(options.error.isEmpty());
    options.apply(settings);
    QCOMPARE(settings.value(SettingsKey::ServerPort).toInt(), 9000);
    QCOMPARE(settings.source(SettingsKey::ServerPort), Settings::Source::Saved);
    QVERIFY(!settings.isOverridden(SettingsKey::ServerPort));
}

void TestStartupOptions::invalidValues_namedInTheError_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("variable");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("named");
    QTest::newRow("port on the command line") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")} << QString() << QString()
                                              << QStringLiteral("--port");
    QTest::newRow("port in the environment") << QStringList() << QStringLiteral("CORRAL_PORT") << QStringLiteral("abc")
                                             << QStringLiteral("CORRAL_PORT");
    QTest::newRow("url") << QStringList{QStringLiteral("--ollama-url"), QStringLiteral("ftp://x")} << QString() << QString()
                         << QStringLiteral("--ollama-url");
    QTest::newRow("short token") << QStringList() << QStringLiteral("CORRAL_TOKEN") << QStringLiteral("short")
                                 << QStringLiteral("CORRAL_TOKEN");
}

void TestStartupOptions::invalidValues_namedInTheError()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, variable);
    QFETCH(QString, value);
    QFETCH(QString, named);
    QProcessEnvironment environment;
    if (!variable.isEmpty())
        environment.insert(variable, value);
    const StartupOptions options = StartupOptions::parse(QStringList{QStringLiteral("corral")} + arguments, environment);
    QVERIFY(!options.error.isEmpty());
    QVERIFY2(options.error.contains(named), qPrintable(options.error));
}

void TestStartupOptions::dataDir_optionBeatsEnvironment()
{
    const auto environment = env({{QStringLiteral("CORRAL_DATA_DIR"), QStringLiteral("/tmp/from-env")}});
    QCOMPARE(StartupOptions::parse({QStringLiteral("corral")}, environment).resolvedDataDir(), QStringLiteral("/tmp/from-env"));
    QCOMPARE(StartupOptions::parse({QStringLiteral("corral"), QStringLiteral("--data-dir"), QStringLiteral("/tmp/from-option")}, environment)
                 .resolvedDataDir(),
             QStringLiteral("/tmp/from-option"));
}

void TestStartupOptions::headlessAndHelp()
{
    QVERIFY(StartupOptions::parse({QStringLiteral("corral"), QStringLiteral("--headless")}, QProcessEnvironment()).headless);
    QVERIFY(!StartupOptions::parse({QStringLiteral("corral")}, QProcessEnvironment()).headless);
    const StartupOptions help = StartupOptions::parse({QStringLiteral("corral"), QStringLiteral("--help")}, QProcessEnvironment());
    QVERIFY(help.showHelp);
    QVERIFY(help.helpText.contains(QLatin1String("--port")));
}

QTEST_GUILESS_MAIN(TestStartupOptions)
#include "tst_startupoptions.moc"
