// SPDX-License-Identifier: GPL-3.0-or-later
// The window on the GUI thread beside the local server on its own (as main.cpp wires them):
// chats made through the server show up in the window's list, and closing the window with
// streams in flight lets the server go cleanly.
#include "core/chatsearcher.h"
#include "core/chatstore.h"
#include "core/settings.h"
#include "gui/mainwindow.h"
#include "server/rawhttp.h"
#include "server/serverhost.h"
#include "support/fakeollama.h"
#include "support/testserver.h"
#include "support/windowparts.h"

#include <QApplication>
#include <QLineEdit>
#include <QListView>
#include <QScopeGuard>
#include <QSemaphore>
#include <QTest>
#include <QTimer>

#include <atomic>
#include <memory>

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
    void heldWindowSearch_leavesTheEventLoopTurning();

private:
    std::unique_ptr<TestServer> m_env;
    std::unique_ptr<WindowParts> m_parts;
    MainWindow *m_window = nullptr; ///< m_parts' window
    quint16 m_port = 0;
};

void TestWindowServer::init()
{
    m_env = std::make_unique<TestServer>();
    QVERIFY2(m_env->isReady() && m_env->createHost(OwnerToken), qPrintable(m_env->errorString()));
    m_port = m_env->startHost();
    QVERIFY(m_port != 0);
    m_parts = std::make_unique<WindowParts>(m_env->settings(), m_env->store());
    m_window = &m_parts->window;
    m_window->setKeepRunningOnClose(false);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void TestWindowServer::cleanup()
{
    if (m_env)
        m_env->destroyHost(); // first, as main.cpp does after the event loop
    m_window = nullptr;
    m_parts.reset();
    m_env.reset();
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
    m_env->fake()->setReplyTokenCount(1000);
    m_env->fake()->setTokenDelayMs(20);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < 2; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(m_port));
        clients.back()->send(request(m_port, "POST", "/ollama/api/chat",
                                     R"({"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}]})"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_env->fake()->activeStreams(), 2, 10000);
    m_window->close();
    QTRY_VERIFY(!m_window->isVisible());
    // main.cpp: the event loop returns once the last window closed, then the server goes.
    m_env->host()->shutdown();
    QVERIFY(!m_env->host()->isRunning());
    for (const auto &client : clients) {
        QVERIFY(client->waitForClose(5000));
        QVERIFY(client->pending().contains("\"error\"") || client->pending().contains("\"done\":true"));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_env->fake()->activeStreams(), 0, 5000);
    // The window's own store still works after the server's closed.
    QVERIFY(m_env->store()->createChat(QStringLiteral("after"), QString()).id > 0);
}

void TestWindowServer::heldWindowSearch_leavesTheEventLoopTurning()
{
    // The search box's query runs on the searcher's thread: held there, the GUI thread's event
    // loop goes on (its timers fire). Run on the GUI thread, it would stop the window until the
    // query ended (here: until the hook gave up after 5 s).
    QVERIFY(m_env->store()->createChat(QStringLiteral("A needle in the history"), QString()).id > 0);
    struct Gate
    {
        QSemaphore entered;
        QSemaphore release;
        std::atomic<bool> left{false};
    };
    const auto gate = std::make_shared<Gate>(); // shared: the searcher's thread may outlive this scope
    ChatSearcher::setSearchHook([gate] {
        gate->entered.release();
        gate->release.tryAcquire(1, 5000); // bounded, so a search held on the GUI thread cannot hang the suite
        gate->left = true;
    });
    const auto unhold = qScopeGuard([gate] {
        ChatSearcher::setSearchHook({});
        gate->release.release(100);
    });
    int ticks = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start();

    auto *list = m_window->findChild<QListView *>(QStringLiteral("chatList"));
    auto *edit = m_window->findChild<QLineEdit *>(QStringLiteral("searchEdit"));
    QVERIFY(list && list->model() && edit);
    edit->setText(QStringLiteral("needle"));
    QTRY_COMPARE_WITH_TIMEOUT(gate->entered.available(), 1, 10000); // the search is in the hook
    const int before = ticks;
    QTRY_VERIFY_WITH_TIMEOUT(ticks >= before + 10, 4000);
    QVERIFY2(!gate->left, "the event loop did not turn while the search was held");

    gate->release.release();
    QTRY_COMPARE_WITH_TIMEOUT(list->model()->rowCount(), 1, 5000);
    QCOMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("A needle in the history"));
}

QTEST_MAIN(TestWindowServer)
#include "tst_windowserver.moc"
