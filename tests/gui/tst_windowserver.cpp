// SPDX-License-Identifier: GPL-3.0-or-later
// The window on the GUI thread beside the local server on its own (as main.cpp wires them):
// chats made through the server show up in the window's list, and closing the window with
// streams in flight lets the server go cleanly.
#include "core/chatchangehub.h"
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/modelmanager.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "gui/mainwindow.h"
#include "server/rawhttp.h"
#include "server/serverhost.h"
#include "support/fakeollama.h"

#include <QApplication>
#include <QListView>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray OwnerToken = "tst-windowserver-owner-token-0123456789";

QByteArray request(quint16 port, const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nAuthorization: Bearer "
        + OwnerToken + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

} // namespace

class TestWindowServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void chatFromThePage_appearsInTheWindowsList();
    void windowClose_withStreamsInFlight_serverLetsGoCleanly();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeOllama> m_fake;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<ChatChangeHub> m_hub;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<ServerHost> m_host;
    std::unique_ptr<OllamaConnection> m_connection;
    std::unique_ptr<OllamaClient> m_client;
    std::unique_ptr<ConnectionMonitor> m_monitor;
    std::unique_ptr<ChatSession> m_session;
    std::unique_ptr<ModelManager> m_models;
    std::unique_ptr<MainWindow> m_window;
    quint16 m_port = 0;
};

void TestWindowServer::init()
{
    m_fake = std::make_unique<FakeOllama>();
    QVERIFY(m_fake->listen());
    m_fake->addModel(QStringLiteral("llama3.2:latest"));
    m_dir = std::make_unique<QTemporaryDir>();
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::ServerPort, 0);
    m_settings->setValue(SettingsKey::OllamaUrl, m_fake->url().toString());
    m_hub = std::make_unique<ChatChangeHub>();
    m_store = std::make_unique<ChatStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), &error), qPrintable(error));
    m_store->setChangeHub(m_hub.get());
    m_host = std::make_unique<ServerHost>(m_dir->path(), m_settings.get(), m_hub.get());
    QVERIFY(m_host->loadCredentials(OwnerToken, &error));
    QSignalSpy started(m_host.get(), &ServerHost::started);
    m_host->start(true);
    QVERIFY(started.wait(10000));
    QVERIFY(started.first().at(0).toBool());
    m_port = quint16(m_host->url().port());
    m_connection = std::make_unique<OllamaConnection>();
    m_connection->bindSettings(m_settings.get());
    m_client = std::make_unique<OllamaClient>(m_connection.get());
    m_monitor = std::make_unique<ConnectionMonitor>(m_client.get());
    m_session = std::make_unique<ChatSession>(m_store.get(), m_client.get());
    m_models = std::make_unique<ModelManager>(m_connection.get());
    m_window = std::make_unique<MainWindow>(
        MainWindow::Parts{m_store.get(), m_session.get(), m_client.get(), m_models.get(), m_monitor.get(), m_settings.get()});
    m_window->setKeepRunningOnClose(false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestWindowServer::cleanup()
{
    m_host.reset(); // first, as main.cpp does after the event loop
    m_window.reset();
    m_models.reset();
    m_session.reset();
    m_monitor.reset();
    m_client.reset();
    m_connection.reset();
    m_store.reset();
    m_hub.reset();
    m_settings.reset();
    m_fake.reset();
    m_dir.reset();
}

void TestWindowServer::chatFromThePage_appearsInTheWindowsList()
{
    auto *list = m_window->findChild<QListView *>(QStringLiteral("chatList"));
    QVERIFY(list && list->model());
    const int before = list->model()->rowCount();
    RawHttpClient page;
    QVERIFY(page.connectTo(m_port));
    page.send(request(m_port, "POST", "/api/v1/chats", R"({"title":"Started in the page","model":"llama3.2:latest"})"));
    QCOMPARE(page.readResponse().status, 201);
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), before + 1, 1000);
    QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("Started in the page"));
}

void TestWindowServer::windowClose_withStreamsInFlight_serverLetsGoCleanly()
{
    m_fake->setReplyTokenCount(1000);
    m_fake->setTokenDelayMs(20);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(m_port));
        clients.back()->send(request(m_port, "POST", "/ollama/api/chat",
                                     R"({"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]})"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->activeStreams(), 2, 10000);
    m_window->close();
    QTRY_VERIFY(!m_window->isVisible());
    // main.cpp: the event loop returns once the last window closed, then the server goes.
    m_host->shutdown();
    QVERIFY(!m_host->isRunning());
    for (const auto &client : clients) {
        QVERIFY(client->waitForClose(5000));
        QVERIFY(client->pending().contains("\"error\"") || client->pending().contains("\"done\":true"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_fake->activeStreams(), 0, 5000);
    // The window's own store still works after the server's closed.
    QVERIFY(m_store->createChat(QStringLiteral("after"), QString()).id > 0);
}

QTEST_MAIN(TestWindowServer)
#include "tst_windowserver.moc"
