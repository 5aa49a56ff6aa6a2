// SPDX-License-Identifier: GPL-3.0-or-later
// The window with several Ollama servers: every server's models in the picker, chats sent to a
// server that has the model, "2 of 3 Ollama servers answering", and the Models dialog per server.
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "gui/mainwindow.h"
#include "gui/modelsdialog.h"
#include "support/fakeollama.h"
#include "support/windowparts.h"
#include "ui_mainwindow.h"

#include <QComboBox>
#include <QPushButton>
#include <QPlainTextEdit>
#include <QTableView>
#include <QLabel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

class TestMainWindowServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void picker_listsEveryServersModels_withTheirServers();
    void chat_goesToAServerWithTheModel();
    void statusBar_countsTheServersAnswering();
    void allDown_errorPanelNamesTheServer();
    void modelsDialog_showsEachServer_andPullsWhereChosen();

private:
    bool statusSays(const QString &text) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::vector<std::unique_ptr<FakeOllama>> m_fakes;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<OllamaServers> m_servers;
    std::unique_ptr<ChatStore> m_store;
    std::unique_ptr<WindowParts> m_parts;
    MainWindow *m_window = nullptr; ///< m_parts' window
};

void TestMainWindowServers::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_fakes.clear();
    for (int i = 0; i < 3; ++i) {
        m_fakes.push_back(std::make_unique<FakeOllama>());
        QVERIFY(m_fakes.back()->listen());
    }
    m_fakes[0]->addModel(QStringLiteral("llama3.2:latest"));
    m_fakes[1]->addModel(QStringLiteral("llama3.2:latest"));
    m_fakes[1]->addModel(QStringLiteral("mistral:latest"));
    m_fakes[2]->addModel(QStringLiteral("qwen3:8b"));
    m_settings = std::make_unique<Settings>(m_dir->filePath(QStringLiteral("settings.ini")));
    m_settings->setValue(SettingsKey::OllamaServers,
                         OllamaServers::toJson({{m_fakes[0]->url(), QStringLiteral("desk"), true, {}},
                                                {m_fakes[1]->url(), QStringLiteral("workstation"), true, {}},
                                                {m_fakes[2]->url(), QStringLiteral("team box"), true, {}}}));
    m_servers = std::make_unique<OllamaServers>();
    m_servers->setProbeIntervals(60000, 100, 400);
    m_servers->bindSettings(m_settings.get());
    m_store = std::make_unique<ChatStore>();
    QVERIFY(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), nullptr));
    m_parts = std::make_unique<WindowParts>(m_settings.get(), m_store.get(), m_servers.get());
    m_parts->monitor.setIntervals(300, 300);
    m_window = &m_parts->window;
    m_window->resize(1100, 720);
    m_window->show();
    m_parts->monitor.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_parts->monitor.state(), ConnectionMonitor::State::Connected, 20000);
}

void TestMainWindowServers::cleanup()
{
    m_window = nullptr;
    m_parts.reset();
    m_store.reset();
    m_servers.reset();
    m_settings.reset();
    m_fakes.clear();
    m_dir.reset();
}

bool TestMainWindowServers::statusSays(const QString &text) const
{
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>()) {
        if (label->text() == text)
            return true;
    }
    return false;
}

void TestMainWindowServers::picker_listsEveryServersModels_withTheirServers()
{
    QComboBox *picker = m_window->ui()->modelCombo;
    QTRY_COMPARE_WITH_TIMEOUT(picker->count(), 3, 20000);
    QStringList names;
    for (int i = 0; i < picker->count(); ++i)
        names.append(picker->itemText(i));
    QCOMPARE(names, (QStringList{QStringLiteral("llama3.2:latest"), QStringLiteral("mistral:latest"), QStringLiteral("qwen3:8b")}));
    QCOMPARE(picker->itemData(0, Qt::ToolTipRole).toString(), QStringLiteral("On desk, workstation"));
    QCOMPARE(picker->itemData(2, Qt::ToolTipRole).toString(), QStringLiteral("On team box"));
}

void TestMainWindowServers::chat_goesToAServerWithTheModel()
{
    QTRY_COMPARE_WITH_TIMEOUT(m_window->ui()->modelCombo->count(), 3, 20000);
    m_window->ui()->modelCombo->setCurrentText(QStringLiteral("qwen3:8b"));
    m_window->ui()->messageEdit->setPlainText(QStringLiteral("Hello"));
    QTest::mouseClick(m_window->ui()->sendButton, Qt::LeftButton);
    const auto chats = [](const FakeOllama &fake) {
        int count = 0;
        for (const RecordedRequest &request : fake.requests())
            count += request.path == "/api/chat";
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(chats(*m_fakes[2]), 1, 20000);
    QCOMPARE(chats(*m_fakes[0]), 0);
    QCOMPARE(chats(*m_fakes[1]), 0);
}

void TestMainWindowServers::statusBar_countsTheServersAnswering()
{
    QTRY_VERIFY_WITH_TIMEOUT(statusSays(QStringLiteral("3 of 3 Ollama servers answering")), 20000);
    m_fakes[1]->close();
    m_parts->monitor.checkNow();
    QTRY_VERIFY_WITH_TIMEOUT(statusSays(QStringLiteral("2 of 3 Ollama servers answering")), 20000);
    // The one that does not answer is named, with why, in the tool tip.
    bool named = false;
    for (const QLabel *label : m_window->statusBar()->findChildren<QLabel *>())
        named = named || (label->toolTip().startsWith(QLatin1String("workstation: ")) && label->toolTip().contains(QString::number(m_fakes[1]->port())));
    QVERIFY(named);
    QCOMPARE(m_window->ui()->stack->currentWidget(), m_window->ui()->conversation);
}

void TestMainWindowServers::allDown_errorPanelNamesTheServer()
{
    const quint16 port = m_fakes[0]->port();
    for (auto &fake : m_fakes)
        fake->close();
    m_parts->monitor.checkNow();
    QTRY_COMPARE_WITH_TIMEOUT(m_parts->monitor.state(), ConnectionMonitor::State::Failed, 20000);
    QCOMPARE(m_window->ui()->stack->currentWidget(), m_window->ui()->errorPanel);
    QVERIFY(m_window->ui()->errorPanel->messageText().contains(QStringLiteral("127.0.0.1:%1").arg(port)));
}

void TestMainWindowServers::modelsDialog_showsEachServer_andPullsWhereChosen()
{
    m_window->openModels();
    ModelsDialog *dialog = m_window->modelsDialog();
    QVERIFY(dialog);
    QComboBox *server = dialog->serverCombo();
    QVERIFY(!server->isHidden());
    QCOMPARE(server->count(), 3);
    server->setCurrentIndex(1);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->installedView()->model()->rowCount(), 2, 20000);
    server->setCurrentIndex(2);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->installedView()->model()->rowCount(), 1, 20000);
    dialog->pullEdit()->setText(QStringLiteral("gemma3:1b"));
    dialog->startPull();
    const auto pulls = [](const FakeOllama &fake) {
        int count = 0;
        for (const RecordedRequest &request : fake.requests())
            count += request.path == "/api/pull";
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(pulls(*m_fakes[2]), 1, 20000);
    QCOMPARE(pulls(*m_fakes[0]) + pulls(*m_fakes[1]), 0);
}

QTEST_MAIN(TestMainWindowServers)
#include "tst_mainwindowservers.moc"
