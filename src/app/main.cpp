// SPDX-License-Identifier: GPL-3.0-or-later
#include "accesscontrol.h"
#include "accessgate.h"
#include "apikeystore.h"
#include "credentials.h"
#include "credentialscommands.h"
#include "localserver.h"
#include "ollamaconnection.h"
#include "securitylog.h"
#include "settings.h"
#include "startupoptions.h"
#include "tokenstore.h"
#include "unixsignals.h"

#include <QCoreApplication>
#include <QDir>

#include <cstdio>

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

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("corral"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CORRAL_VERSION));

    const StartupOptions options = StartupOptions::parse(argumentList(argc, argv), QProcessEnvironment::systemEnvironment(),
                                                         CredentialsCommands::options());
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
    if (const auto exitCode = CredentialsCommands::run(*options.parser, dataDir))
        return *exitCode;

    QString error;
    if (!Credentials::preparePrivateDir(dataDir, &error)) {
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }
    if (!options.headless) {
        const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
        print(stderr, display ? QStringLiteral("corral: this build has no desktop window yet; running the local server only "
                                               "(as with --headless).\n")
                              : QStringLiteral("corral: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running "
                                               "the local server only (as with --headless).\n"));
    }

    Settings settings(QDir(dataDir).filePath(QStringLiteral("settings.ini")));
    options.apply(settings);

    TokenStore tokens(dataDir);
    if (!tokens.load(qgetenv("CORRAL_TOKEN"), &error)) {
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }
    ApiKeyStore keys(dataDir);
    SecurityLog securityLog(dataDir);
    AccessControl access(&tokens, &keys, &securityLog);
    const auto applyLists = [&access, &settings] {
        const auto list = [&settings](const QString &key) {
            return settings.value(key).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        };
        access.setAllowedOrigins(list(SettingsKey::ServerAllowedOrigins));
        access.setAllowedHosts(list(SettingsKey::ServerAllowedHosts));
    };
    applyLists();
    QObject::connect(&settings, &Settings::changed, &access, [applyLists](const QString &key) {
        if (key == SettingsKey::ServerAllowedOrigins || key == SettingsKey::ServerAllowedHosts)
            applyLists();
    });

    OllamaConnection connection;
    connection.bindSettings(&settings);
    LocalServer server(&connection, &settings);
    AccessGate gate(&server, &access);
    if (!server.start()) {
        print(stderr, QStringLiteral("corral: %1\n").arg(server.errorString()));
        return 1;
    }
    CredentialsCommands::writeInstanceFile(dataDir, server.url().toString());
    QObject::connect(&server, &LocalServer::listening, &app, [&dataDir](const QUrl &url) {
        CredentialsCommands::writeInstanceFile(dataDir, url.toString());
    });
    // Scripts wait for exactly this line.
    print(stdout, QStringLiteral("Corral is serving on %1\n").arg(server.url().toString()));

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::terminationRequested, &app, [&server] {
        server.stop();
        QCoreApplication::quit();
    });
    const int code = app.exec();
    CredentialsCommands::removeInstanceFile(dataDir);
    return code;
}
