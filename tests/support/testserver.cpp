// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/testserver.h"

#include "core/chatchangehub.h"
#include "core/chatstore.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/accessgate.h"
#include "server/localserver.h"
#include "server/serverhost.h"
#include "support/fakeollama.h"

#include <QSignalSpy>
#include <QTemporaryDir>

namespace Corral::Test {

TestServer::TestServer(const QStringList &models, int fakes)
    : m_dir(std::make_unique<QTemporaryDir>())
{
    for (int i = 0; i < fakes; ++i) {
        m_fakes.push_back(std::make_unique<FakeOllama>());
        if (!m_fakes.back()->listen())
            m_error = QStringLiteral("fake Ollama %1 cannot listen").arg(i);
    }
    for (const QString &model : models)
        fake()->addModel(model);
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::ServerPort, 0);
    m_settings->setValue(SettingsKey::OllamaUrl, fake()->url().toString());
}

TestServer::~TestServer()
{
    m_host.reset(); // first, as main.cpp does after the event loop
    m_store.reset();
    m_hub.reset();
    m_gate.reset();
    m_server.reset();
    m_access.reset();
    m_log.reset();
    m_keys.reset();
    m_tokens.reset();
    m_servers.reset();
    m_connection.reset();
    m_settings.reset();
    m_fakes.clear();
    m_dir.reset();
}

OllamaServers *TestServer::createServers()
{
    m_servers = std::make_unique<OllamaServers>();
    return m_servers.get();
}

bool TestServer::createServer(const QByteArray &ownerToken)
{
    OllamaConnection *connection = m_servers ? m_servers->primary() : nullptr;
    if (!connection) {
        m_connection = std::make_unique<OllamaConnection>();
        m_connection->bindSettings(m_settings.get());
        connection = m_connection.get();
    }
    if (!ownerToken.isEmpty()) {
        m_tokens = std::make_unique<TokenStore>(m_dir->path());
        if (!m_tokens->load(ownerToken, &m_error))
            return false;
        m_keys = std::make_unique<ApiKeyStore>(m_dir->path());
        m_log = std::make_unique<SecurityLog>(m_dir->path());
        m_access = std::make_unique<AccessControl>(m_tokens.get(), m_keys.get(), m_log.get());
    }
    m_server = std::make_unique<LocalServer>(connection, m_settings.get());
    if (m_access)
        m_gate = std::make_unique<AccessGate>(m_server.get(), m_access.get());
    return true;
}

bool TestServer::startServer()
{
    if (m_server->start())
        return true;
    m_error = m_server->errorString();
    return false;
}

bool TestServer::createHost(const QByteArray &ownerToken)
{
    if (!m_store) {
        m_hub = std::make_unique<ChatChangeHub>();
        m_store = std::make_unique<ChatStore>();
        if (!m_store->open(m_dir->filePath(QStringLiteral("chats.db")), &m_error))
            return false;
        m_store->setChangeHub(m_hub.get());
    }
    m_host.reset();
    m_host = std::make_unique<ServerHost>(m_dir->path(), m_settings.get(), m_hub.get());
    return m_host->loadCredentials(ownerToken, &m_error);
}

quint16 TestServer::startHost(bool listen)
{
    QSignalSpy started(m_host.get(), &ServerHost::started);
    m_host->start(listen);
    if (!started.wait(10000))
        return 0;
    if (listen && !started.first().at(0).toBool())
        qWarning("%s", qPrintable(started.first().at(2).toString()));
    return port();
}

void TestServer::destroyHost()
{
    m_host.reset();
}

quint16 TestServer::port() const
{
    if (m_server)
        return m_server->port();
    return m_host ? quint16(m_host->url().port(0)) : 0;
}

QByteArray TestServer::hostAndPort() const
{
    return "127.0.0.1:" + QByteArray::number(port());
}

RawResponse TestServer::roundTrip(const QByteArray &bytes, bool headRequest, int timeoutMs) const
{
    RawHttpClient client;
    if (!client.connectTo(port()))
        return RawResponse();
    client.send(bytes);
    return client.readResponse(timeoutMs, headRequest);
}

QByteArray httpRequest(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                       const QByteArray &extraHeaders, const QByteArray &host)
{
    QByteArray bytes = method + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders;
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE")
        bytes += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    return bytes + "\r\n" + body;
}

} // namespace Corral::Test
