// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/configvalidation.h"

#include <QTest>

using namespace Corral;

class TestConfigValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ollamaUrl_data();
    void ollamaUrl();
    void ollamaUrl_rejectsWithExplanation_data();
    void ollamaUrl_rejectsWithExplanation();
    void timeout_acceptsEmptyAndZeroAsNoLimit();
    void timeout_rejectsGarbage();
    void port_range();
    void byteSize_units();
    void bindAddress();
};

void TestConfigValidation::ollamaUrl_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("default") << "http://127.0.0.1:11434" << "http://127.0.0.1:11434";
    QTest::newRow("trailing slash") << "http://127.0.0.1:11434/" << "http://127.0.0.1:11434";
    QTest::newRow("host:port") << "192.168.1.1:11434" << "http://192.168.1.1:11434";
    QTest::newRow("bare host") << "ollama.internal" << "http://ollama.internal:11434";
    QTest::newRow("https no port") << "https://ollama.example.org" << "https://ollama.example.org";
    QTest::newRow("uppercase scheme") << "HTTP://localhost:11434" << "http://localhost:11434";
    QTest::newRow("path prefix kept") << "http://host:8000/ollama/" << "http://host:8000/ollama";
    QTest::newRow("ipv6") << "http://[::1]:11434" << "http://[::1]:11434";
}

void TestConfigValidation::ollamaUrl()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const auto url = ConfigValidation::parseOllamaUrl(input);
    QVERIFY(url.has_value());
    QCOMPARE(url->toString(), expected);
}

void TestConfigValidation::ollamaUrl_rejectsWithExplanation_data()
{
    QTest::addColumn<QString>("input");
    QTest::newRow("ftp") << "ftp://x";
    QTest::newRow("empty") << "";
    QTest::newRow("query") << "http://host:11434/?a=b";
    QTest::newRow("credentials") << "http://user:pw@host:11434";
    QTest::newRow("no host") << "http://:11434";
    QTest::newRow("spaces") << "http://my host:11434";
}

void TestConfigValidation::ollamaUrl_rejectsWithExplanation()
{
    QFETCH(QString, input);
    QString expected;
    QVERIFY(!ConfigValidation::parseOllamaUrl(input, &expected).has_value());
    QVERIFY2(expected.contains(QLatin1String("http://192.168.1.1:11434")), qPrintable(expected));
}

void TestConfigValidation::timeout_acceptsEmptyAndZeroAsNoLimit()
{
    QCOMPARE(ConfigValidation::parseTimeoutSeconds(QString()).value(), 0);
    QCOMPARE(ConfigValidation::parseTimeoutSeconds(QStringLiteral("0")).value(), 0);
    QCOMPARE(ConfigValidation::parseTimeoutSeconds(QStringLiteral(" 300 ")).value(), 300);
}

void TestConfigValidation::timeout_rejectsGarbage()
{
    QString expected;
    QVERIFY(!ConfigValidation::parseTimeoutSeconds(QStringLiteral("abc"), &expected));
    QVERIFY(expected.contains(QLatin1String("seconds")));
    QVERIFY(!ConfigValidation::parseTimeoutSeconds(QStringLiteral("-5")));
    QVERIFY(!ConfigValidation::parseTimeoutSeconds(QStringLiteral("1.5")));
    QVERIFY(!ConfigValidation::parseTimeoutSeconds(QStringLiteral("99999999999")));
}

void TestConfigValidation::port_range()
{
    QCOMPARE(ConfigValidation::parsePort(QStringLiteral("0")).value(), 0);
    QCOMPARE(ConfigValidation::parsePort(QStringLiteral("8080")).value(), 8080);
    QCOMPARE(ConfigValidation::parsePort(QStringLiteral("65535")).value(), 65535);
    QString expected;
    QVERIFY(!ConfigValidation::parsePort(QStringLiteral("70000"), &expected));
    QVERIFY(expected.contains(QLatin1String("65535")));
    QVERIFY(!ConfigValidation::parsePort(QStringLiteral("-1")));
    QVERIFY(!ConfigValidation::parsePort(QStringLiteral("http")));
}

void TestConfigValidation::byteSize_units()
{
    QCOMPARE(ConfigValidation::parseByteSize(QStringLiteral("1024")).value(), 1024);
    QCOMPARE(ConfigValidation::parseByteSize(QStringLiteral("100M")).value(), qint64(100) << 20);
    QCOMPARE(ConfigValidation::parseByteSize(QStringLiteral("2GiB")).value(), qint64(2) << 30);
    QCOMPARE(ConfigValidation::parseByteSize(QStringLiteral("64k")).value(), qint64(64) << 10);
    QVERIFY(!ConfigValidation::parseByteSize(QStringLiteral("0")));
    QVERIFY(!ConfigValidation::parseByteSize(QStringLiteral("lots")));
}

void TestConfigValidation::bindAddress()
{
    QCOMPARE(ConfigValidation::parseBindAddress(QStringLiteral("localhost")).value(), QStringLiteral("127.0.0.1"));
    QCOMPARE(ConfigValidation::parseBindAddress(QStringLiteral("::1")).value(), QStringLiteral("::1"));
    QCOMPARE(ConfigValidation::parseBindAddress(QStringLiteral("0.0.0.0")).value(), QStringLiteral("0.0.0.0"));
    QVERIFY(!ConfigValidation::parseBindAddress(QStringLiteral("example.org")));
}

QTEST_GUILESS_MAIN(TestConfigValidation)
#include "tst_configvalidation.moc"
