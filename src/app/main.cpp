// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appserveradmin.h"
#include "app/credentialscommands.h"
#include "app/unixsignals.h"
#include "core/chatchangehub.h"
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/modelmanager.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "core/singleinstance.h"
#include "core/startupoptions.h"
#include "gui/appearancepage.h"
#include "gui/mainwindow.h"
#include "gui/trayicon.h"
#include "server/access/credentials.h"
#include "server/serverhost.h"

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

    // One chat history for the window and the browser page, one SQLite connection per thread:
    // this one (the window's, which checks and migrates the file first) and the server's,
    // which share their changes through the hub.
    ChatStore store;
    ChatChangeHub chatChanges;
    // The local server on its own thread, window or headless alike (see ServerHost).
    ServerHost host(dataDir, &settings, &chatChanges);
    if (!host.loadCredentials(qgetenv("CORRAL_TOKEN"), &error)) {
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }
    if (!store.open(QDir(dataDir).filePath(QStringLiteral("chats.db")), &error)) {
        if (gui)
            QMessageBox::critical(nullptr, QStringLiteral("Corral"), error);
        print(stderr, QStringLiteral("corral: %1\n").arg(error));
        return 1;
    }
    store.setChangeHub(&chatChanges);

    // The window may run without the local server (Preferences > Local server); headless never does.
    const bool serverWanted = !gui || settings.value(SettingsKey::ServerEnabled).toBool();
    QObject::connect(&host, &ServerHost::started, &app, [gui, serverWanted, &dataDir](bool listening, const QUrl &url,
                                                                                      const QString &message) {
        if (listening) {
            CredentialsCommands::writeInstanceFile(dataDir, url.toString());
            print(stdout, QStringLiteral("Corral is serving on %1\n").arg(url.toString())); // scripts wait for it
            return;
        }
        if (serverWanted || !message.isEmpty())
            print(stderr, QStringLiteral("corral: %1\n").arg(message));
        if (!gui)
            QCoreApplication::exit(1);
    });
    QObject::connect(&host, &ServerHost::listening, &app, [&dataDir](const QUrl &url) {
        CredentialsCommands::writeInstanceFile(dataDir, url.toString());
    });
    if (gui)
        host.setActivityPublishInterval(500); // the window's activity view follows the registry
    host.start(serverWanted);

    AppServerAdmin admin(&host);
    std::unique_ptr<OllamaServers> windowServers;
    std::unique_ptr<OllamaClient> client;
    std::unique_ptr<ConnectionMonitor> monitor;
    std::unique_ptr<ChatSession> session;
    std::unique_ptr<ModelManager> models;
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
        // The window has its own servers (connections, health, choice), configured from the
        // same settings as the local server's, so each thread can keep its own.
        windowServers = std::make_unique<OllamaServers>();
        windowServers->bindSettings(&settings);
        client = std::make_unique<OllamaClient>(windowServers->primary());
        client->setServers(windowServers.get());
        monitor = std::make_unique<ConnectionMonitor>(client.get());
        session = std::make_unique<ChatSession>(&store, client.get());
        models = std::make_unique<ModelManager>(client->connection());
        window = std::make_unique<MainWindow>(
            MainWindow::Parts{&store, session.get(), client.get(), models.get(), monitor.get(), &settings});
        const auto browserLink = [&admin] { return admin.browserLink(); };
        window->setServerInfo(host.url(), browserLink);
        window->setDataDirectory(dataDir);
        window->setServerAdmin(&admin);
        // The activity registry lives with the server; the window sees its snapshots and sends
        // Stop back, both as queued signals across the threads.
        QObject::connect(&host, &ServerHost::activitySnapshot, window.get(), &MainWindow::setActivitySnapshot);
        QObject::connect(window.get(), &MainWindow::activityStopRequested, &host, &ServerHost::stopActivity);
        // A port or address change that fails keeps the old listener; say so where it is seen.
        QObject::connect(&host, &ServerHost::listenFailed, window.get(), [&window](const QString &message) {
            window->statusBar()->showMessage(message, 15000);
        });
        QObject::connect(&host, &ServerHost::listening, window.get(), [&window, browserLink](const QUrl &url) {
            window->setServerInfo(url, browserLink);
        });
        QObject::connect(&host, &ServerHost::started, window.get(),
                         [&window, browserLink, serverWanted](bool listening, const QUrl &url, const QString &message) {
            window->setServerInfo(url, browserLink);
            if (!listening)
                window->statusBar()->showMessage(serverWanted ? message
                                                              : QCoreApplication::translate("main", "The local server is off (Preferences > Local server)."));
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
    QObject::connect(&signals, &UnixSignals::terminationRequested, &app, [&host] {
        host.shutdown();
        QCoreApplication::quit();
    });
    const int code = app.exec();
    // Window closed, Quit, or a signal: the server lets go of its streams and its thread ends
    // before the window's objects go.
    host.shutdown();
    CredentialsCommands::removeInstanceFile(dataDir);
    return code;
}
