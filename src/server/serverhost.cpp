// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/serverhost.h"

#include "core/chatstore.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/accessgate.h"
#include "server/activity.h"
#include "server/activityapi.h"
#include "server/historyapi.h"
#include "server/localserver.h"
#include "server/ollamaproxy.h"
#include "server/serverside.h"

#include <QDir>
#include <QFileInfo>

namespace Corral {

// --- ServerSide: on the server thread -----------------------------------------------------------

ServerSide::ServerSide(const QString &chatsPath, Settings *settings, AccessControl *access, ChatChangeHub *chatChanges)
    : m_chatsPath(chatsPath)
    , m_settings(settings)
    , m_access(access)
    , m_chatChanges(chatChanges)
{
}

ServerSide::~ServerSide()
{
    teardown();
}

void ServerSide::applyAccessSettings()
{
    const auto list = [this](const QString &key) {
        return m_settings->value(key).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
    };
    m_access->setAllowedOrigins(list(SettingsKey::ServerAllowedOrigins));
    m_access->setAllowedHosts(list(SettingsKey::ServerAllowedHosts));
    m_access->setKeysMayUseCloudModels(m_settings->value(SettingsKey::KeysMayUseCloudModels).toBool());
}

void ServerSide::build(bool listen)
{
    // The server's own connection to chats.db: the window opened (and migrated) it first.
    m_store = std::make_unique<ChatStore>();
    QString error;
    if (!m_store->open(m_chatsPath, &error)) {
        m_store.reset();
        Q_EMIT built(false, QUrl(), error);
        return;
    }
    if (m_chatChanges)
        m_store->setChangeHub(m_chatChanges);

    applyAccessSettings();
    connect(m_settings, &Settings::changed, this, [this](const QString &key) {
        if (key == SettingsKey::ServerAllowedOrigins || key == SettingsKey::ServerAllowedHosts
            || key == SettingsKey::KeysMayUseCloudModels)
            applyAccessSettings();
    });

    // One Ollama server or several behind one /ollama; the first enabled one's connection is
    // the single-server path, as before.
    m_servers = std::make_unique<OllamaServers>();
    m_servers->bindSettings(m_settings);
    m_server = std::make_unique<LocalServer>(m_servers->primary(), m_settings);
    m_server->proxy()->setServers(m_servers.get());
    m_gate = std::make_unique<AccessGate>(m_server.get(), m_access);
    m_history = std::make_unique<HistoryApi>(m_server.get(), m_store.get());
    m_activityApi = std::make_unique<ActivityApi>(m_server.get(), m_server->activity()); // after HistoryApi: its tree wins
    // The totals per caller go to their own file beside chats.db, through this thread's connection.
    if (!m_server->activity()->openTotals(QFileInfo(m_chatsPath).dir().filePath(QStringLiteral("activity.db")), &error))
        qWarning("corral: the activity totals cannot be stored: %s", qPrintable(error));
    m_server->activity()->setPublishInterval(m_activityPublishMs);
    connect(m_server->activity(), &Activity::snapshotReady, this, &ServerSide::activitySnapshot);
    connect(m_server.get(), &LocalServer::listening, this, &ServerSide::listening);
    connect(m_server.get(), &LocalServer::listenFailed, this, &ServerSide::listenFailed);

    const bool listening = listen && m_server->start();
    Q_EMIT built(listening, listening ? m_server->url() : QUrl(), listen ? m_server->errorString() : QString());
}

void ServerSide::stopActivity(quint64 id)
{
    if (m_server)
        m_server->activity()->stop(id);
}

OllamaConnection *ServerSide::connection() const
{
    return m_servers ? m_servers->primary() : nullptr;
}

void ServerSide::teardown()
{
    if (m_server)
        m_server->stop(); // each stream in flight gets its last line; no new connections
    // Handlers first, then the server and its proxy, then the calls to Ollama, then the store.
    m_activityApi.reset();
    m_history.reset();
    m_gate.reset();
    m_server.reset();
    m_servers.reset(); // aborts what is left upstream
    m_store.reset();
}

// --- ServerHost: on the GUI thread --------------------------------------------------------------

ServerHost::ServerHost(const QString &dataDir, Settings *settings, ChatChangeHub *chatChanges, QObject *parent)
    : QObject(parent)
    , m_dataDir(dataDir)
    , m_settings(settings)
    , m_chatChanges(chatChanges)
    , m_tokens(std::make_unique<TokenStore>(dataDir))
    , m_keys(std::make_unique<ApiKeyStore>(dataDir))
    , m_securityLog(std::make_unique<SecurityLog>(dataDir))
    , m_access(std::make_unique<AccessControl>(m_tokens.get(), m_keys.get(), m_securityLog.get()))
{
    m_thread.setObjectName(QStringLiteral("corral-server"));
}

ServerHost::~ServerHost()
{
    shutdown();
}

bool ServerHost::loadCredentials(const QByteArray &tokenOverride, QString *error)
{
    return m_tokens->load(tokenOverride, error);
}

void ServerHost::start(bool listen)
{
    if (m_side)
        return;
    // The mirror is copied here, on the settings' thread, and follows it from the server thread.
    m_mirror = m_settings->mirror();
    m_side = new ServerSide(QDir(m_dataDir).filePath(QStringLiteral("chats.db")), m_mirror.get(), m_access.get(),
                            m_chatChanges);
    m_mirror->moveToThread(&m_thread);
    m_access->moveToThread(&m_thread);
    m_side->moveToThread(&m_thread);
    // Queued to this (GUI) thread: the only way the server side speaks to the window.
    connect(m_side, &ServerSide::built, this, [this](bool listening, const QUrl &url, const QString &error) {
        m_url = url;
        m_error = error;
        Q_EMIT started(listening, url, error);
    });
    connect(m_side, &ServerSide::listening, this, [this](const QUrl &url) {
        m_url = url;
        m_error.clear();
        Q_EMIT listening(url);
    });
    connect(m_side, &ServerSide::listenFailed, this, &ServerHost::listenFailed);
    connect(m_side, &ServerSide::activitySnapshot, this, &ServerHost::activitySnapshot);
    m_side->setActivityPublishInterval(m_activityPublishMs);
    m_thread.start();
    QMetaObject::invokeMethod(m_side, [side = m_side, listen] { side->build(listen); }, Qt::QueuedConnection);
}

void ServerHost::stopActivity(quint64 id)
{
    if (m_side)
        QMetaObject::invokeMethod(m_side, [side = m_side, id] { side->stopActivity(id); }, Qt::QueuedConnection);
}

void ServerHost::shutdown()
{
    if (!m_side)
        return;
    if (m_thread.isRunning()) {
        // Blocks the GUI thread for as long as the server takes to let go: only at exit.
        QMetaObject::invokeMethod(m_side, [side = m_side] { side->teardown(); }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait(); // runs the deleteLater()s still posted there
    }
    delete m_side; // its thread has finished: no event of it can run any more
    m_side = nullptr;
    m_mirror.reset();
    m_url.clear();
    Q_EMIT stopped();
}

} // namespace Corral
