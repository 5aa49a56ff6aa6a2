// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include <QMainWindow>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QLabel;
class QMimeData;
class QPushButton;

namespace Ui {
class MainWindow;
}

namespace Corral {

class ActivityWindow;
class ChatListModel;
class ChatSession;
class ChatStore;
class ConnectionMonitor;
class ModelManager;
class OllamaClient;
class Settings;

/**
 * The main window: chat list, conversation, model picker and message box. It composes widgets
 * and forwards to ChatSession (sending, streaming, history) and ConnectionMonitor (the server
 * connection error panel); it holds no networking of its own.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /// What the window shows and drives; made and owned by the caller (src/app/main.cpp), so
    /// the core parts can be built, wired and tested without the window.
    struct Parts {
        ChatStore *store = nullptr;
        ChatSession *session = nullptr; ///< on @c store and @c client
        OllamaClient *client = nullptr;
        ModelManager *models = nullptr; ///< on @c client's connection
        ConnectionMonitor *monitor = nullptr;
        Settings *settings = nullptr;
    };
    explicit MainWindow(const Parts &parts, QWidget *parent = nullptr);
    ~MainWindow() override;

    /// The local server's address, and how to mint a one-time browser sign-in link.
    void setServerInfo(const QUrl &url, std::function<QUrl()> browserLink);
    ChatSession *session() const { return m_session; }
    Ui::MainWindow *ui() const { return m_ui.get(); }
    QStringList pendingImages() const;
    /// Attaches a file to the next message (button, drag and drop, paste): an image, or a text,
    /// code or PDF file whose text the model gets. A refusal is shown in the status bar.
    bool attachFile(const QString &path);
    /// Closing the window only hides it (the tray keeps Corral and its server running).
    void setKeepRunningOnClose(bool keep) { m_keepRunning = keep; }
    void setDataDirectory(const QString &path) { m_dataDir = path; }
    /// Lets Preferences manage the local server's token, keys and sessions.
    void setServerAdmin(class ServerAdmin *admin) { m_admin = admin; }
    /// Shows the window in front (tray, a second start of Corral).
    void showAndRaise();
    void showAbout();
    void editChatSettings();
    void openPreferences();
    void openModels();
    class ModelsDialog *modelsDialog() const { return m_models; }
    /// What the local server's activity registry reports: the status bar says "2 streams"
    /// while any request runs, and the Activity window shows it all.
    void setActivitySnapshot(const ActivitySnapshot &snapshot);
    /// Chat > Activity (and the status bar's stream count).
    void showActivity();
    ActivityWindow *activityWindow() const { return m_activity; }
    QPushButton *streamsButton() const { return m_streamsButton; }
    /// Starts exporting the open chat to @p path on a worker thread; exportFinished() follows.
    /// False (and nothing follows) when no chat is open.
    bool exportChat(const QString &path, bool json);
    /// Starts importing @p path on a worker thread; importFinished() follows, and the imported
    /// chat opens.
    void importChat(const QString &path);
    /// Whether an export or import is running (the window stays usable meanwhile).
    bool isTransferring() const { return m_transfers > 0; }

Q_SIGNALS:
    void exportFinished(bool ok, const QString &error);
    void importFinished(bool ok, const QString &error);
    /// The Preferences dialog is about to open (Ctrl+, or the error panel).
    void preferencesRequested();
    /// Ctrl+Q or Quit in the menu: end Corral, not just the window.
    void quitRequested();
    /// Stop in the Activity window: the server should abort request @p id.
    void activityStopRequested(quint64 id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void sendOrStop();
    void showWarning(const QString &title, const QString &text);
    template<typename Work, typename Done>
    void runTransfer(const QString &status, Work work, Done done);
    void newChat();
    void openChatAt(const QModelIndex &index);
    void updateConnectionState();
    /// Several servers: "2 of 3 Ollama servers answering", the others in the tool tip.
    void updateServerCount();
    void fillModels(const QStringList &names);
    void updateAttachButton();
    void setupStatusBar();
    void setupChatList();
    void setupConversation();
    void setupComposer();
    void setupAttachments();
    /// Attaches the files or image a paste or drop carries; false when it carries none.
    bool attachMimeData(const QMimeData *data);
    void setupThinkingPicker();
    void setupModels();
    void setupConnection();
    void setupMenus();
    void setupFontSize();
    void applyFontSize();
    void restoreLastState();
    void showOpenedChat(qint64 chatId);
    void showThinking(bool shown);
    void applyThinking();
    void showChatMenu(const QPoint &pos);

    std::unique_ptr<Ui::MainWindow> m_ui;
    ChatStore *m_store;
    OllamaClient *m_client;
    ConnectionMonitor *m_monitor;
    Settings *m_settings;
    ChatSession *m_session;
    ChatListModel *m_chats;
    ModelManager *m_modelManager;
    class ModelsDialog *m_models = nullptr;
    QLabel *m_connectionLabel;
    QLabel *m_serverLabel;
    QPushButton *m_streamsButton;
    ActivityWindow *m_activity = nullptr;
    ActivitySnapshot m_lastActivity;
    std::function<QUrl()> m_browserLink;
    int m_editPosition = -1;
    bool m_keepRunning = false;
    int m_transfers = 0; ///< exports and imports running on their worker threads
    QString m_dataDir;
    class ServerAdmin *m_admin = nullptr;
};

} // namespace Corral
