// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appserveradmin.h"
#include "app/credentialscommands.h"
#include "app/unixsignals.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "core/singleinstance.h"
#include "core/startupoptions.h"
#include "gui/appearancepage.h"
#include "gui/mainwindow.h"
#include "gui/trayicon.h"
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/credentials.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/accessgate.h"
#include "server/activity.h"
#include "server/activityapi.h"
#include "server/historyapi.h"
#include "server/localserver.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QStatusBar>

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

    // Decide between window and headless before any Qt object exists.
    const bool display = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
    const bool credentialsCommand = CredentialsCommands::isRequested(*options.parser);
    const bool gui = !options.headless && display && !credentialsCommand;
    if (!options.headless && !display && !credentialsCommand)
        print(stderr, QStringLiteral("corral: no display found (DISPLAY and WAYLAND_DISPLAY are unset); running the "
                                     "local server only, as with --headless.\n"));
    // Headless, the event loop serves nothing but sockets: Qt's own poll()-based dispatcher wakes
    // itself once per proxied request, the GLib one about five times, because it signals its
    // wake-up fd whenever a socket notifier is toggled (bench/RESULTS.md). The window
    // keeps GLib for the desktop's platform themes and dialogs. An explicit QT_NO_GLIB wins.
    if (!gui && !qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    std::unique_ptr<QCoreApplication> application =
        gui ? std::make_unique<QApplication>(argc, argv) : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication &app = *application;
    const QString dataDir = options.resolvedDataDir();
    QString error;
    // Checked before anything is read from it or the single-instance socket may fall back into it.
    if (const auto check = Credentials::preparePrivateDir(dataDir, &error); check != Credentials::DirCheck::Ok) {
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return check == Credentials::DirCheck::Unsafe ? 2 : 1;
    }
    if (const auto exitCode = CredentialsCommands::run(*options.parser, dataDir))
        return *exitCode;

    // A second start of the window hands off to the first one instead of failing on the port.
    SingleInstance instance(dataDir);
    if (gui && !instance.claim()) {
        print(stdout, QStringLiteral("Corral is already running for %1; showing its window.\n").arg(dataDir));
        return 0;
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
        access.setKeysMayUseCloudModels(settings.value(SettingsKey::KeysMayUseCloudModels).toBool());
    };
    applyLists();
    QObject::connect(&settings, &Settings::changed, &access, [applyLists](const QString &key) {
        if (key == SettingsKey::ServerAllowedOrigins || key == SettingsKey::ServerAllowedHosts
            || key == SettingsKey::KeysMayUseCloudModels)
            applyLists();
    });

    // One chat history for the window and the browser page.
    ChatStore store;
    if (!store.open(QDir(dataDir).filePath(QStringLiteral("chats.db")), &error)) {
        if (gui)
            QMessageBox::critical(nullptr, QStringLiteral("Corral"), error);
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }

    OllamaConnection connection;
    connection.bindSettings(&settings);
    LocalServer server(&connection, &settings);
    AccessGate gate(&server, &access);
    HistoryApi history(&server, &store);
    ActivityApi activityApi(&server, server.activity()); // after HistoryApi: its /api/v1/activity wins
    if (!server.activity()->openTotals(QDir(dataDir).filePath(QStringLiteral("activity.db")), &error))
        print(stderr, QStringLiteral("corral: the activity totals cannot be stored: %1\n").arg(error));
    // The window may run without the local server (Preferences > Local server); headless never does.
    const bool serverWanted = !gui || settings.value(SettingsKey::ServerEnabled).toBool();
    const bool listening = serverWanted && server.start();
    if (!listening && !gui) {
        print(stderr, QStringLiteral("corral: %1\n").arg(server.errorString()));
        return 1;
    }
    if (!listening && serverWanted)
        print(stderr, QStringLiteral("corral: %1\n").arg(server.errorString()));
    else if (listening)
        CredentialsCommands::writeInstanceFile(dataDir, server.url().toString());
    QObject::connect(&server, &LocalServer::listening, &app, [&dataDir](const QUrl &url) {
        CredentialsCommands::writeInstanceFile(dataDir, url.toString());
    });
    // Scripts wait for exactly this line.
    if (listening)
        print(stdout, QStringLiteral("Corral is serving on %1\n").arg(server.url().toString()));

    AppServerAdmin admin(&tokens, &keys, &access, &server);
    std::unique_ptr<OllamaClient> client;
    std::unique_ptr<ConnectionMonitor> monitor;
    std::unique_ptr<MainWindow> window;
    if (gui) {
        LanguagePage::installTranslation(settings.value(SettingsKey::UiLanguage).toString());
        AppearancePage::applyTheme(settings.value(SettingsKey::UiTheme).toString());
        QObject::connect(&settings, &Settings::changed, &app, [&settings](const QString &key) {
            if (key == SettingsKey::UiTheme)
                AppearancePage::applyTheme(settings.value(SettingsKey::UiTheme).toString());
        });
        QApplication::setApplicationDisplayName(QStringLiteral("Corral"));
        QApplication::setDesktopFileName(QStringLiteral(CORRAL_APP_ID));
        client = std::make_unique<OllamaClient>(&connection);
        monitor = std::make_unique<ConnectionMonitor>(client.get());
        window = std::make_unique<MainWindow>(&store, client.get(), monitor.get(), &settings);
        const auto browserLink = [&admin] { return admin.browserLink(); };
        window->setServerInfo(server.url(), browserLink);
        window->setDataDirectory(dataDir);
        window->setServerAdmin(&admin);
        // The activity registry lives with the server; the window sees its snapshots and sends
        // Stop back, both as (queued, across threads) signals.
        server.activity()->setPublishInterval(500);
        QObject::connect(server.activity(), &Activity::snapshotReady, window.get(), &MainWindow::setActivitySnapshot);
        QObject::connect(window.get(), &MainWindow::activityStopRequested, server.activity(), &Activity::stop);
        // A port or address change that fails keeps the old listener; say so where it is seen.
        QObject::connect(&server, &LocalServer::listenFailed, window.get(), [&window](const QString &message) {
            window->statusBar()->showMessage(message, 15000);
        });
        QObject::connect(&server, &LocalServer::listening, window.get(), [&window, browserLink](const QUrl &url) {
            window->setServerInfo(url, browserLink);
        });
        QObject::connect(window.get(), &MainWindow::quitRequested, &app, &QCoreApplication::quit);
        QObject::connect(&instance, &SingleInstance::activationRequested, window.get(), &MainWindow::showAndRaise);
        if (QSystemTrayIcon::isSystemTrayAvailable()) {
            auto *tray = new TrayIcon(window.get(), browserLink, window.get());
            QObject::connect(tray, &TrayIcon::quitRequested, &app, &QCoreApplication::quit);
            tray->show();
            const auto applyTray = [&settings, &window] {
                const bool keep = settings.value(SettingsKey::UiCloseToTray).toBool();
                window->setKeepRunningOnClose(keep);
                QApplication::setQuitOnLastWindowClosed(!keep);
            };
            applyTray();
            QObject::connect(&settings, &Settings::changed, window.get(), [applyTray](const QString &key) {
                if (key == SettingsKey::UiCloseToTray)
                    applyTray();
            });
        }
        if (!listening)
            window->statusBar()->showMessage(serverWanted ? server.errorString()
                                                          : QCoreApplication::translate("main", "The local server is off (Preferences > Local server)."));
        monitor->checkNow();
        window->show();
    }

    // A history from before the search index is indexed in the background; until then search
    // works as it did (slower). The window shows the progress in its status bar.
    QElapsedTimer indexing;
    indexing.start();
    if (store.startSearchIndexing()) {
        if (!gui)
            print(stdout, QStringLiteral("Indexing chats for search in the background (from %1%)…\n").arg(store.searchIndexProgress()));
        QObject::connect(&store, &ChatStore::searchIndexFinished, &app, [gui, &indexing](bool ok) {
            if (gui)
                return;
            if (ok)
                print(stdout, QStringLiteral("Chats indexed for search in %1 s.\n").arg(double(indexing.elapsed()) / 1000, 0, 'f', 1));
            else
                print(stderr, QStringLiteral("corral: indexing chats for search failed; search stays slower.\n"));
        });
    }

    UnixSignals signals;
    QObject::connect(&signals, &UnixSignals::terminationRequested, &app, [&server] {
        server.stop();
        QCoreApplication::quit();
    });
    const int code = app.exec();
    CredentialsCommands::removeInstanceFile(dataDir);
    return code;
}
