// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include <QObject>
#include <QThread>
#include <QUrl>

#include <memory>

namespace Corral {

class AccessControl;
class ApiKeyStore;
class ChatChangeHub;
class SecurityLog;
class ServerSide;
class Settings;
class TokenStore;

/**
 * The local server on a thread of its own, so nothing the window does delays a proxied byte
 * and no client makes the window stutter. Window and headless mode both use it.
 *
 * Made on the GUI thread. start() builds, on the server thread: the server's own
 * OllamaConnection, LocalServer, AccessGate, HistoryApi and its own ChatStore connection to
 * chats.db (WAL), which shares its changes with the window's store through a ChatChangeHub.
 * The window keeps its own connection layer and store on the GUI thread.
 *
 * The two sides talk only through queued signals and these thread-safe pieces:
 *  - settings: the server reads a Settings::mirror() that follows the window's Settings;
 *  - credentials: TokenStore, ApiKeyStore, SessionStore and SecurityLog lock for each call, so a
 *    key revoked or a token rotated in Preferences is refused by the next request.
 * AccessControl lives on the server thread; from the GUI thread only mintSignInCode() and
 * sessions() may be called (see AppServerAdmin).
 */
class ServerHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerHost)

public:
    /// @p settings and @p chatChanges live on the calling (GUI) thread and outlive this object.
    ServerHost(const QString &dataDir, Settings *settings, ChatChangeHub *chatChanges, QObject *parent = nullptr);
    ~ServerHost() override;

    /// Reads the owner token (@p tokenOverride, CORRAL_TOKEN, wins) and the API keys. Call once,
    /// before start().
    bool loadCredentials(const QByteArray &tokenOverride, QString *error);

    /// Starts the server thread and builds the server there; listens at once if @p listen. The
    /// outcome arrives as started(). Call once.
    void start(bool listen);
    /// Stops the listener (each stream in flight gets its last line), aborts the calls to
    /// Ollama, closes the server's store and joins the thread. Blocks until done; safe to call
    /// twice and before start().
    void shutdown();
    bool isRunning() const { return m_thread.isRunning(); }

    /// The window's activity view: the registry on the server thread publishes a snapshot this
    /// often while anything changes (activitySnapshot()); 0, the default (headless): never. Set
    /// before start().
    void setActivityPublishInterval(int ms) { m_activityPublishMs = ms; }

    /// The server's address as last reported (http://127.0.0.1:PORT/); empty when not listening.
    QUrl url() const { return m_url; }
    /// Why the last start failed; empty otherwise.
    QString errorString() const { return m_error; }

    TokenStore *tokens() const { return m_tokens.get(); }
    ApiKeyStore *keys() const { return m_keys.get(); }
    /// Lives on the server thread: see the class comment for what the GUI thread may call.
    AccessControl *access() const { return m_access.get(); }
    /// The server thread (tests, and code that must run there).
    QThread *thread() { return &m_thread; }
    /// The server-side objects, on the server thread: use only from there (invokeMethod).
    ServerSide *serverSide() const { return m_side; }

public Q_SLOTS:
    /// Stop in the window's activity view: request @p id is aborted on the server thread.
    void stopActivity(quint64 id);

Q_SIGNALS:
    /// start() is done: @p listening, at @p url, or why not in @p error (the server side is
    /// built either way when the store opened; Preferences may still turn the server on).
    void started(bool listening, const QUrl &url, const QString &error);
    /// Listening on @p url (after start, or after a settings change moved it).
    void listening(const QUrl &url);
    /// A restart after a settings change failed; the previous listener keeps running.
    void listenFailed(const QString &message);
    /// The activity registry's latest snapshot (see setActivityPublishInterval()).
    void activitySnapshot(const Corral::ActivitySnapshot &snapshot);
    /// shutdown() is done.
    void stopped();

private:
    QString m_dataDir;
    Settings *m_settings;
    ChatChangeHub *m_chatChanges;
    QThread m_thread;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<SecurityLog> m_securityLog;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<Settings> m_mirror;
    ServerSide *m_side = nullptr;
    QUrl m_url;
    QString m_error;
    int m_activityPublishMs = 0;
};

} // namespace Corral
