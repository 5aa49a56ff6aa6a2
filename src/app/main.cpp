// SPDX-License-Identifier: GPL-3.0-or-later
#include "localserver.h"
#include "ollamaconnection.h"
#include "settings.h"
#include "startupoptions.h"
#include "unixsignals.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTextStream>

#include <cstdio>
#include <memory>

using namespace Corral;

namespace {

void print(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toLocal8Bit();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QStringList argumentList(int argc, char **argv)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

bool prepareDataDir(const QString &path, QString *error)
{
    QDir dir;
    if (!dir.mkpath(path)) {
        *error = QCoreApplication::translate("main", "Cannot create the data directory %1.").arg(path);
        return false;
    }
    // Chats and credentials live here: only the owner may enter.
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("corral"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORRAL_VERSION));

    const StartupOptions options =
        StartupOptions::parse(argumentList(argc, argv), QProcessEnvironment::systemEnvironment());
    if (options.showHelp) {
        print(stdout, options.helpText);
        return 0;
    }
    if (options.showVersion) {
        print(stdout, options.versionText + QLatin1Char('\n'));
        return 0;
    }
    if (!options.error.isEmpty()) {
        print(stderr, QStringLiteral("corral: %1\n").arg(options.error));
        return 2;
    }

    QCoreApplication app(argc, argv);
    const QString dataDir = options.resolvedDataDir();
    QString error;
    if (!prepareDataDir(dataDir, &error)) {
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }

    Settings settings(QDir(dataDir).filePath(QStringLiteral("settings.ini")));
    options.apply(settings);

    OllamaConnection connection;
    connection.bindSettings(&settings);
    LocalServer server(&connection, &settings);
    if (!server.start()) {
        print(stderr, QStringLiteral("corral: %1\n").arg(server.errorString()));
        return 1;
    }
    // Scripts wait for exactly this line.
    print(stdout, QStringLiteral("Corral is serving on %1\n").arg(server.url().toString()));

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::terminationRequested, &app, [&server] {
        server.stop();
        QCoreApplication::quit();
    });
    return app.exec();
}
