// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/rawhttp.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QTemporaryDir;

namespace Corral {
class AccessControl;
class AccessGate;
class ApiKeyStore;
class ChatChangeHub;
class ChatStore;
class LocalServer;
class OllamaConnection;
class OllamaServers;
class SecurityLog;
class ServerHost;
class Settings;
class TokenStore;
} // namespace Corral

namespace Corral::Test {

class FakeOllama;

/**
 * The local server as the server suites meet it, built once here instead of in each suite:
 * a temporary data directory, settings in it (port 0, Ollama at the first fake), fake Ollamas
 * listening on 127.0.0.1, and then one of two layouts:
 *  - createServer(): a LocalServer in this thread on its own OllamaConnection (or on
 *    createServers()' primary), with an owner token also the access stack (TokenStore,
 *    ApiKeyStore, SecurityLog, AccessControl) and an AccessGate in front, as ServerSide wires it;
 *  - createHost(): a ServerHost (the server on its own thread, as main.cpp runs it) beside the
 *    window's ChatStore on chats.db, sharing changes through a ChatChangeHub.
 * Each step returns false with errorString() when it fails. The destructor takes everything
 * down in the reverse order (server before its connection, settings and fakes).
 */
class TestServer final
{
    Q_DISABLE_COPY_MOVE(TestServer)

public:
    /// @p fakes fake Ollamas; the first serves @p models.
    explicit TestServer(const QStringList &models = {QStringLiteral("llama3.2:latest")}, int fakes = 1);
    ~TestServer();

    /// False when a fake could not listen (errorString()).
    bool isReady() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    QTemporaryDir *dir() const { return m_dir.get(); }
    FakeOllama *fake(int index = 0) const { return m_fakes.at(size_t(index)).get(); }
    const std::vector<std::unique_ptr<FakeOllama>> &fakes() const { return m_fakes; }
    Settings *settings() const { return m_settings.get(); }

    /// Several Ollama servers behind one /ollama: made, not yet bound to settings(), so a test
    /// can set its probe intervals first. createServer() then uses its primary() connection.
    OllamaServers *createServers();
    /// A LocalServer in this thread (not yet listening: startServer()). With @p ownerToken, the
    /// access stack with that owner token and an AccessGate in front.
    bool createServer(const QByteArray &ownerToken = QByteArray());
    /// Starts the LocalServer; false with its errorString().
    bool startServer();

    /// The window's store on chats.db and a ServerHost beside it, its credentials loaded with
    /// @p ownerToken (empty: the token file's; not yet started: startHost()). Called again, a
    /// new ServerHost replaces the old one beside the same store.
    bool createHost(const QByteArray &ownerToken);
    /// Starts the host and waits for started(): its port; 0 when it did not start within 10 s
    /// or is not listening (when @p listen, qWarning says why).
    quint16 startHost(bool listen = true);
    /// Shuts the host down and deletes it (a test that must let the server go before the rest).
    void destroyHost();

    OllamaConnection *connection() const { return m_connection.get(); }
    OllamaServers *servers() const { return m_servers.get(); }
    LocalServer *server() const { return m_server.get(); }
    TokenStore *tokens() const { return m_tokens.get(); }
    ApiKeyStore *keys() const { return m_keys.get(); }
    SecurityLog *log() const { return m_log.get(); }
    AccessControl *access() const { return m_access.get(); }
    ChatChangeHub *hub() const { return m_hub.get(); }
    ChatStore *store() const { return m_store.get(); }
    ServerHost *host() const { return m_host.get(); }

    /// The port clients reach: the LocalServer's or the ServerHost's; 0 when neither listens.
    quint16 port() const;
    /// "127.0.0.1:PORT", as a Host header says it.
    QByteArray hostAndPort() const;
    /// Sends @p bytes on a new connection to port() and reads one response.
    RawResponse roundTrip(const QByteArray &bytes, bool headRequest = false, int timeoutMs = 30000) const;

private:
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<FakeOllama>> m_fakes;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<OllamaServers> m_servers;
    std::unique_ptr<TokenStore> m_tokens;
    std::unique_ptr<ApiKeyStore> m_keys;
    std::unique_ptr<SecurityLog> m_log;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<LocalServer> m_server;
    std::unique_ptr<AccessGate> m_gate;
    std::unique_ptr<ChatChangeHub> m_hub;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ServerHost> m_host;
};

/// A request as a client writes it: @p extraHeaders after the Host line, and a JSON body with
/// its Content-Length when there is one or the method takes one (POST, PUT, PATCH, DELETE).
QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body = QByteArray(),
                       const QByteArray &extraHeaders = QByteArray(), const QByteArray &host = "127.0.0.1");

} // namespace Corral::Test
