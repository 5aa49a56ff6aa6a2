// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include <QObject>
#include <QUrl>

#include <memory>

namespace Corral {

class AccessControl;
class AccessGate;
class ActivityApi;
class ChatChangeHub;
class ChatStore;
class HistoryApi;
class LocalServer;
class OllamaConnection;
class OllamaServers;
class Settings;

/**
 * What ServerHost runs on the server thread: the server's connections to Ollama, the local
 * server with its gate and history API, and the server's own ChatStore. Built by build() and
 * taken down by teardown(), both on the server thread; everything here is used only there.
 * A new server-side part (one that needs the server, the store or the settings) is made in
 * build() and destroyed in teardown().
 */
class ServerSide final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerSide)

public:
    /// @p settings is the server thread's mirror; @p access is moved to the server thread.
    ServerSide(const QString &chatsPath, Settings *settings, AccessControl *access, ChatChangeHub *chatChanges);
    ~ServerSide() override;

    void build(bool listen);
    void teardown();
    /// How often the activity registry publishes snapshots (activitySnapshot()); 0: never
    /// (headless). Set before build().
    void setActivityPublishInterval(int ms) { m_activityPublishMs = ms; }
    /// Stop in the window's activity view: aborts request @p id (Ollama stops generating).
    void stopActivity(quint64 id);

    Settings *settings() const { return m_settings; }
    AccessControl *access() const { return m_access; }
    /// The first enabled Ollama server's connection (the single-server path).
    OllamaConnection *connection() const;
    OllamaServers *servers() const { return m_servers.get(); }
    LocalServer *server() const { return m_server.get(); }
    ChatStore *store() const { return m_store.get(); }

Q_SIGNALS:
    void built(bool listening, const QUrl &url, const QString &error);
    void listening(const QUrl &url);
    void listenFailed(const QString &message);
    /// What the activity registry published (see setActivityPublishInterval()).
    void activitySnapshot(const Corral::ActivitySnapshot &snapshot);

private:
    void applyAccessSettings();

    QString m_chatsPath;
    Settings *m_settings;
    AccessControl *m_access;
    ChatChangeHub *m_chatChanges;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<OllamaServers> m_servers; ///< the server thread's own connections to every Ollama
    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<AccessGate> m_gate;
    std::unique_ptr<HistoryApi> m_history;
    std::unique_ptr<ActivityApi> m_activityApi;
    int m_activityPublishMs = 0;
};

} // namespace Corral
