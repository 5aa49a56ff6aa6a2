// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window and the parts src/app/main.cpp gives it, for the GUI tests and the window
// benchmarks: the Ollama client, the connection monitor, the chat session and the model manager,
// made in main.cpp's order and destroyed in the reverse one.
#include "core/chatsession.h"
#include "core/connectionmonitor.h"
#include "core/modelmanager.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "gui/mainwindow.h"

#include <memory>

namespace Corral::Test {

struct WindowParts
{
    /// The window on @p store and @p settings. It talks to Ollama through @p servers (their
    /// primary first, as main.cpp does) when given, else through a connection of its own bound
    /// to @p settings.
    WindowParts(Settings *settings, ChatStore *store, OllamaServers *servers = nullptr)
        : ownConnection(servers ? nullptr : std::make_unique<OllamaConnection>())
        , client(servers ? servers->primary() : bound(ownConnection.get(), settings))
        , monitor(withServers(&client, servers))
        , session(store, &client)
        , models(client.connection())
        , window(MainWindow::Parts{store, &session, &client, &models, &monitor, settings})
    {
    }

    std::unique_ptr<OllamaConnection> ownConnection; ///< null with servers
    OllamaClient client;
    ConnectionMonitor monitor;
    ChatSession session;
    ModelManager models;
    MainWindow window;

private:
    static OllamaConnection *bound(OllamaConnection *connection, Settings *settings)
    {
        connection->bindSettings(settings);
        return connection;
    }
    static OllamaClient *withServers(OllamaClient *client, OllamaServers *servers)
    {
        if (servers)
            client->setServers(servers);
        return client;
    }
};

} // namespace Corral::Test
