// SPDX-License-Identifier: GPL-3.0-or-later
// QtHttpServer's own logging stays off, whatever QT_LOGGING_RULES asks: it would print credentials.
#include "core/ollamaconnection.h"
#include "server/localserver.h"
#include "rawhttp.h"
#include "core/settings.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray Secret = "very-secret-credential-0123456789abcdef";
QMutex capturedLock;
QStringList captured;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker locker(&capturedLock);
        captured.append(QString::fromLatin1(context.category ? context.category : "") + QLatin1Char(' ') + message);
    }
    if (previousHandler && !message.contains(QString::fromLatin1(Secret)))
        previousHandler(type, context, message);
}

} // namespace

class TestQtLoggingGuard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void requestsWithSecrets_neverReachTheLog();
};

void TestQtLoggingGuard::requestsWithSecrets_neverReachTheLog()
{
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(SettingsKey::ServerPort, 0);
    OllamaConnection connection;
    LocalServer server(&connection, &settings);
    QVERIFY(server.start());
    // Rules set after the server exists must not turn them on either.
    QLoggingCategory::setFilterRules(QStringLiteral("qt.*=true"));
    QVERIFY(QLoggingCategory("corral.other").isDebugEnabled()); // the previous filter still applies the rules
    for (const char *name : {"qt.httpserver", "qt.httpserver.response", "qt.httpserver.router.rule", "qt.httpserver.request"})
        QVERIFY2(!QLoggingCategory(name).isDebugEnabled(), name);

    previousHandler = qInstallMessageHandler(capture);
    for (int i = 0; i < 2; ++i) {
        RawHttpClient client;
        QVERIFY(client.connectTo(server.port()));
        client.send("GET /?token=" + Secret + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Secret
                    + "\r\nCookie: corral_session_1=" + Secret + "\r\n\r\n");
        QVERIFY(client.readResponse().status > 0);
        client.send("garbage " + Secret + "\r\n\r\n"); // error paths log too
        client.readResponse();
    }
    qInstallMessageHandler(previousHandler);
    QMutexLocker locker(&capturedLock);
    for (const QString &message : std::as_const(captured))
        QVERIFY2(!message.contains(QString::fromLatin1(Secret)), qPrintable(message.left(200)));
}

int main(int argc, char **argv)
{
    // As a user would set it, before Qt reads it.
    qputenv("QT_LOGGING_RULES", "qt.*=true");
    QCoreApplication app(argc, argv);
    TestQtLoggingGuard test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_qtloggingguard.moc"
