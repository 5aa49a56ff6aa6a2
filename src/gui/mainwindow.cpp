// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/mainwindow.h"

#include "core/chatlistmodel.h"
#include "core/chatsearcher.h"
#include "core/chatsession.h"
#include "core/chatstore.h"
#include "core/chattranscript.h"
#include "core/modelmanager.h"
#include "core/ollamaclient.h"
#include "core/ollamaservers.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "gui/activitywindow.h"
#include "gui/attachmentbar.h"
#include "gui/chatlistdelegate.h"
#include "gui/chatsettingsdialog.h"
#include "gui/modelsdialog.h"
#include "gui/preferencesdialog.h"
#include "ui_mainwindow.h"
#include "core/connectionmonitor.h"
#include "core/modelinfo.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QFileDialog>
#include <QGuiApplication>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QShortcut>
#include <QThread>

#include <memory>

namespace Corral {

namespace {
const QString GeometryKey = QStringLiteral("ui/geometry");
const QString SplitterKey = QStringLiteral("ui/splitter");
const QString LastChatKey = QStringLiteral("ui/lastChat");
} // namespace

MainWindow::MainWindow(const Parts &parts, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(std::make_unique<Ui::MainWindow>())
    , m_store(parts.store)
    , m_client(parts.client)
    , m_monitor(parts.monitor)
    , m_settings(parts.settings)
    , m_session(parts.session)
    , m_chats(new ChatListModel(parts.store, this))
    , m_modelManager(parts.models)
    , m_connectionLabel(new QLabel(this))
    , m_serverLabel(new QLabel(this))
    , m_streamsButton(new QPushButton(this))
{
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.corral_app.Corral.svg")));
    setAcceptDrops(true);
    m_ui->splitter->setStretchFactor(1, 1);
    m_ui->splitter->setSizes({260, 840});
    setupStatusBar();
    setupChatList();
    setupConversation();
    setupComposer();
    setupThinkingPicker();
    setupModels();
    setupConnection();
    setupMenus();
    setupFontSize();
    restoreLastState();
}

void MainWindow::setupStatusBar()
{
    m_ui->statusbar->addWidget(m_connectionLabel, 1);
    m_serverLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ui->statusbar->addPermanentWidget(m_serverLabel);
    m_streamsButton->setFlat(true);
    m_streamsButton->setToolTip(tr("Requests through Corral's local server right now: show who makes them"));
    m_streamsButton->hide();
    m_ui->statusbar->addPermanentWidget(m_streamsButton);
    connect(m_streamsButton, &QPushButton::clicked, this, &MainWindow::showActivity);
    auto *copyLink = new QPushButton(tr("Copy browser link"), this);
    auto *openLink = new QPushButton(tr("Open in browser"), this);
    copyLink->setFlat(true);
    openLink->setFlat(true);
    m_ui->statusbar->addPermanentWidget(copyLink);
    m_ui->statusbar->addPermanentWidget(openLink);
    connect(copyLink, &QPushButton::clicked, this, [this] {
        if (m_browserLink)
            QGuiApplication::clipboard()->setText(m_browserLink().toString());
        statusBar()->showMessage(tr("A sign-in link valid for 60 seconds was copied."), 5000);
    });
    connect(openLink, &QPushButton::clicked, this, [this] {
        if (m_browserLink)
            QDesktopServices::openUrl(m_browserLink());
    });
}

void MainWindow::setupChatList()
{
    m_ui->chatList->setModel(m_chats);
    m_ui->chatList->setItemDelegate(new ChatListDelegate(m_ui->chatList));
    // Searches run on their own thread, so typing never waits for a query.
    m_chats->setSearcher(new ChatSearcher(m_store->path(), this));
    connect(m_ui->newChatButton, &QPushButton::clicked, this, &MainWindow::newChat);
    connect(m_ui->searchEdit, &QLineEdit::textChanged, m_chats, &ChatListModel::setFilter);
    connect(m_ui->chatList->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::openChatAt);
    connect(m_ui->chatList, &QAbstractItemView::clicked, this, &MainWindow::openChatAt);
    connect(m_store, &ChatStore::searchIndexProgressChanged, this, [this](int percent) {
        statusBar()->showMessage(tr("Indexing chats for search… %1%").arg(percent));
    });
    connect(m_store, &ChatStore::searchIndexFinished, this, [this](bool ok) {
        statusBar()->showMessage(ok ? tr("Chats are indexed for search.") : tr("Indexing chats for search failed; search stays slower."),
                                 5000);
    });
    connect(m_ui->chatList, &QWidget::customContextMenuRequested, this, &MainWindow::showChatMenu);
    connect(m_session, &ChatSession::chatOpened, this, &MainWindow::showOpenedChat);
}

void MainWindow::showOpenedChat(qint64 chatId)
{
    m_settings->setValue(LastChatKey, chatId);
    const int row = m_chats->rowOf(chatId);
    if (row >= 0)
        m_ui->chatList->setCurrentIndex(m_chats->index(row));
    if (const auto chat = m_store->chat(chatId); chat && !chat->model.isEmpty()) {
        if (m_ui->modelCombo->findText(chat->model) < 0)
            m_ui->modelCombo->addItem(chat->model);
        m_ui->modelCombo->setCurrentText(chat->model);
    }
}

void MainWindow::setupConversation()
{
    ConversationView *view = m_ui->conversation;
    connect(m_session, &ChatSession::messagesReset, view, &ConversationView::setMessages);
    connect(m_session, &ChatSession::loadingStarted, view, &ConversationView::showLoading);
    connect(m_session, &ChatSession::sendQueued, this, [this] {
        statusBar()->showMessage(tr("Your message is saved; the answer starts once the chat has loaded."), 5000);
    });
    connect(m_session, &ChatSession::answerStarted, view, &ConversationView::beginStreaming);
    connect(m_session, &ChatSession::contentDelta, view, &ConversationView::appendContent);
    connect(m_session, &ChatSession::thinkingDelta, view, &ConversationView::appendThinking);
    connect(m_session, &ChatSession::streamingChanged, this, [this](bool streaming) {
        m_ui->sendButton->setText(streaming ? tr("Stop") : tr("Send"));
    });
    connect(m_session, &ChatSession::answerFinished, this, [this](ChatMessage::Status status, const QString &error) {
        if (status == ChatMessage::Status::Error)
            statusBar()->showMessage(error, 10000);
    });
    connect(view, &ConversationView::copyRequested, this, [](const QString &text) { QGuiApplication::clipboard()->setText(text); });
    connect(view, &ConversationView::regenerateRequested, m_session, &ChatSession::regenerate);
    connect(view, &ConversationView::editRequested, this, [this](int position, const QString &text) {
        m_editPosition = position;
        m_ui->messageEdit->setPlainText(text);
        m_ui->messageEdit->setFocus();
        statusBar()->showMessage(tr("Editing an earlier message: sending replaces it and everything after it."), 8000);
    });
    connect(view, &ConversationView::deleteRequested, this, [this](qint64 messageId) { m_store->deleteMessage(messageId); });
}

void MainWindow::setupComposer()
{
    m_ui->messageEdit->installEventFilter(this);
    connect(m_ui->sendButton, &QPushButton::clicked, this, &MainWindow::sendOrStop);
    setupAttachments();
}

void MainWindow::setupModels()
{
    connect(m_ui->modelCombo, &QComboBox::currentTextChanged, this, [this](const QString &model) {
        if (model.isEmpty())
            return;
        m_session->setModel(model);
        showThinking(false); // a model without the capability must not get `think` meanwhile
        m_client->fetchCapabilities(model);
        m_settings->setChatDefaultModel(model);
    });
    connect(m_client, &OllamaClient::modelsListed, this, [this](const QList<ModelInfo> &models) {
        QStringList names;
        for (const ModelInfo &model : models)
            names.append(model.name);
        fillModels(names);
        // Several servers: each model says where it is (the text stays the model's name).
        const bool multi = m_client->servers() && m_client->servers()->isMulti();
        for (int i = 0; multi && i < models.size(); ++i)
            m_ui->modelCombo->setItemData(i, tr("On %1").arg(models.at(i).servers.join(QStringLiteral(", "))), Qt::ToolTipRole);
    });
    if (OllamaServers *servers = m_client->servers())
        connect(servers, &OllamaServers::healthChanged, this, &MainWindow::updateServerCount);
    // Model management: the picker follows every change; pulls report in the status bar.
    connect(m_modelManager, &ModelManager::operationFinished, this, [this](const QString &, const QString &, const QString &error) {
        m_client->listModels();
        if (!error.isEmpty())
            statusBar()->showMessage(error, 10000);
    });
    connect(m_modelManager, &ModelManager::pullStarted, this, [this](PullJob *job) {
        connect(job, &PullJob::progressChanged, this, [this, job] { statusBar()->showMessage(ModelsDialog::describe(job), 3000); });
    });
}

void MainWindow::setupConnection()
{
    connect(m_monitor, &ConnectionMonitor::stateChanged, this, &MainWindow::updateConnectionState);
    connect(m_ui->errorPanel, &ConnectionErrorPanel::retryRequested, m_monitor, &ConnectionMonitor::checkNow);
    connect(m_ui->errorPanel, &ConnectionErrorPanel::preferencesRequested, this, &MainWindow::openPreferences);
    m_ui->errorPanel->setPreferencesAvailable(true);
}

void MainWindow::setupMenus()
{
    QMenu *chatMenu = menuBar()->addMenu(tr("&Chat"));
    chatMenu->addAction(tr("&New chat"), QKeySequence::New, this, &MainWindow::newChat);
    chatMenu->addAction(tr("&Search chats"), QKeySequence::Find, this, [this] { m_ui->searchEdit->setFocus(); });
    chatMenu->addAction(tr("S&top answer"), QKeySequence(Qt::Key_Escape), this, [this] { m_session->stop(); });
    chatMenu->addAction(tr("Chat &settings…"), this, &MainWindow::editChatSettings);
    chatMenu->addAction(tr("&Preferences…"), QKeySequence(Qt::CTRL | Qt::Key_Comma), this, &MainWindow::openPreferences);
    chatMenu->addAction(tr("&Models…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), this, &MainWindow::openModels);
    chatMenu->addAction(tr("&Activity…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), this, &MainWindow::showActivity);
    chatMenu->addSeparator();
    chatMenu->addAction(tr("Export as &Markdown…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chat"), QString(), tr("Markdown (*.md)"));
        if (!path.isEmpty())
            exportChat(path, false);
    });
    chatMenu->addAction(tr("Export as &JSON…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export chat"), QString(), tr("Corral chat (*.json)"));
        if (!path.isEmpty())
            exportChat(path, true);
    });
    chatMenu->addAction(tr("&Import…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import chat"), QString(), tr("Corral chat (*.json)"));
        if (!path.isEmpty())
            importChat(path);
    });
    chatMenu->addSeparator();
    chatMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &MainWindow::quitRequested);
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Corral"), this, &MainWindow::showAbout);
    connect(this, &MainWindow::quitRequested, this, [this] {
        m_keepRunning = false;
        close();
    });
}

void MainWindow::setupFontSize()
{
    connect(m_settings, &Settings::changed, this, [this](const QString &key) {
        if (key == SettingsKey::UiFontSize)
            applyFontSize();
    });
    if (m_settings->value(SettingsKey::UiFontSize).toInt() > 0)
        applyFontSize();
}

void MainWindow::applyFontSize()
{
    QFont font = QApplication::font();
    if (const int size = m_settings->value(SettingsKey::UiFontSize).toInt(); size > 0)
        font.setPointSize(size);
    m_ui->conversation->setFont(font); // the view renders again for the new size
}

void MainWindow::restoreLastState()
{
    m_session->setDefaults(m_settings->chatDefaultSystemPrompt(), m_settings->chatDefaultOptions());
    restoreGeometry(m_settings->value(GeometryKey).toByteArray());
    m_ui->splitter->restoreState(m_settings->value(SplitterKey).toByteArray());
    const QString defaultModel = m_settings->chatDefaultModel();
    if (!defaultModel.isEmpty())
        fillModels({defaultModel});
    if (const qint64 last = m_settings->value(LastChatKey).toLongLong(); last && m_store->chat(last))
        m_session->open(last);
    else
        m_ui->conversation->setMessages({}); // the empty state's hint
    updateConnectionState();
    m_client->listModels();
}

MainWindow::~MainWindow() = default;

void MainWindow::setServerInfo(const QUrl &url, std::function<QUrl()> browserLink)
{
    m_serverLabel->setText(tr("Local server: %1").arg(url.toString()));
    m_browserLink = std::move(browserLink);
}

void MainWindow::setupThinkingPicker()
{
    // Ollama's `think`: on/off for thinking models, or a level for those that take one (gpt-oss).
    m_ui->thinkCombo->addItem(tr("Off"), false);
    m_ui->thinkCombo->addItem(tr("On"), true);
    m_ui->thinkCombo->addItem(tr("Low"), QStringLiteral("low"));
    m_ui->thinkCombo->addItem(tr("Medium"), QStringLiteral("medium"));
    m_ui->thinkCombo->addItem(tr("High"), QStringLiteral("high"));
    m_ui->thinkCombo->setCurrentIndex(1);
    showThinking(false); // until /api/show says the model thinks
    connect(m_ui->thinkCombo, &QComboBox::currentIndexChanged, this, &MainWindow::applyThinking);
    connect(m_client, &OllamaClient::capabilitiesFetched, this, [this](const QString &model, const QStringList &capabilities) {
        if (model != m_ui->modelCombo->currentText())
            return; // an answer for a model no longer chosen
        showThinking(capabilities.contains(QLatin1String("thinking")));
    });
}

void MainWindow::showThinking(bool shown)
{
    m_ui->thinkCombo->setVisible(shown);
    m_ui->thinkLabel->setVisible(shown);
    applyThinking();
}

void MainWindow::applyThinking()
{
    // A model without the capability gets no `think` at all: Ollama refuses it for them.
    m_session->setThink(!m_ui->thinkCombo->isHidden() ? QJsonValue::fromVariant(m_ui->thinkCombo->currentData())
                                                            : QJsonValue(QJsonValue::Undefined));
}

void MainWindow::fillModels(const QStringList &names)
{
    const QString current = m_ui->modelCombo->currentText();
    const QString preferred = current.isEmpty() ? m_settings->chatDefaultModel() : current;
    QSignalBlocker blocker(m_ui->modelCombo);
    m_ui->modelCombo->clear();
    m_ui->modelCombo->addItems(names);
    const int index = m_ui->modelCombo->findText(preferred);
    m_ui->modelCombo->setCurrentIndex(index >= 0 ? index : 0);
    blocker.unblock();
    if (index < 0 && !preferred.isEmpty() && !names.isEmpty())
        statusBar()->showMessage(tr("The model %1 is no longer installed; this chat now uses %2. Pick another above.")
                                     .arg(preferred, m_ui->modelCombo->currentText()),
                                 15000);
    if (!m_ui->modelCombo->currentText().isEmpty()) {
        m_session->setModel(m_ui->modelCombo->currentText());
        m_client->fetchCapabilities(m_ui->modelCombo->currentText());
    }
}

void MainWindow::updateConnectionState()
{
    const QString url = m_client->connection()->baseUrl().toString();
    switch (m_monitor->state()) {
    case ConnectionMonitor::State::Checking:
        m_connectionLabel->setText(tr("Connecting to Ollama at %1…").arg(url));
        break;
    case ConnectionMonitor::State::Connected:
        m_connectionLabel->setText(tr("Ollama %1 at %2").arg(m_monitor->version(), url));
        updateServerCount();
        m_ui->stack->setCurrentWidget(m_ui->conversation);
        m_client->listModels();
        break;
    case ConnectionMonitor::State::Failed:
        m_connectionLabel->setText(m_monitor->failure().message());
        m_ui->errorPanel->setFailure(m_monitor->failure());
        m_ui->stack->setCurrentWidget(m_ui->errorPanel);
        break;
    }
}

void MainWindow::updateServerCount()
{
    OllamaServers *servers = m_client->servers();
    if (!servers || !servers->isMulti() || m_monitor->state() != ConnectionMonitor::State::Connected) {
        m_connectionLabel->setToolTip(QString());
        return;
    }
    m_connectionLabel->setText(tr("%1 of %2 Ollama servers answering").arg(servers->answeringCount()).arg(servers->enabledCount()));
    // Which ones do not, and why, where the user looks for it.
    QStringList down;
    for (int index : servers->enabledIndexes()) {
        if (servers->health(index) == OllamaServers::Health::Down)
            down.append(tr("%1: %2").arg(servers->displayName(index), servers->lastFailure(index).message()));
    }
    m_connectionLabel->setToolTip(down.join(QLatin1Char('\n')));
}

void MainWindow::sendOrStop()
{
    if (m_session->isStreaming()) {
        m_session->stop();
        return;
    }
    const QString text = m_ui->messageEdit->toPlainText().trimmed();
    if (text.isEmpty() && m_ui->attachmentBar->isEmpty())
        return;
    if (m_ui->attachmentBar->isReading()) {
        statusBar()->showMessage(tr("A PDF is still being read; send when its chip shows its pages."), 5000);
        return;
    }
    if (m_session->model().isEmpty()) {
        statusBar()->showMessage(tr("Pick a model first."), 5000);
        return;
    }
    if (m_editPosition >= 0)
        m_session->editAndResend(m_editPosition, text);
    else
        m_session->send(text, m_ui->attachmentBar->images(), m_ui->attachmentBar->files());
    m_editPosition = -1;
    m_ui->attachmentBar->clear();
    m_ui->messageEdit->clear();
}

void MainWindow::openChatAt(const QModelIndex &index)
{
    const qint64 id = m_chats->idAt(index.row());
    if (id && id != m_session->chatId())
        m_session->open(id);
    // A search result opens at the message that matched.
    if (const qint64 messageId = index.data(ChatListModel::MessageIdRole).toLongLong(); id && messageId)
        m_ui->conversation->scrollToMessage(messageId);
}

void MainWindow::newChat()
{
    m_session->open(0);
    m_ui->chatList->clearSelection();
    m_ui->messageEdit->setFocus();
}

// Attachments: the button, drops on the window or the message box, and pastes of files or an
// image into the message box all end in the attachment bar (gui/attachmentbar.h).
void MainWindow::setupAttachments()
{
    connect(m_ui->attachButton, &QPushButton::clicked, this, [this] {
        const QStringList paths = QFileDialog::getOpenFileNames(
            this, tr("Attach files"), QString(),
            tr("Images, text, code and PDF files (*);;PDF files (*.pdf);;Images (*.png *.jpg *.jpeg *.gif *.webp *.bmp)"));
        for (const QString &path : paths)
            attachFile(path);
    });
    m_ui->messageEdit->viewport()->installEventFilter(this);
    connect(m_ui->attachmentBar, &AttachmentBar::refused, this, [this](const QString &reason) { statusBar()->showMessage(reason, 8000); });
}

bool MainWindow::attachFile(const QString &path)
{
    QString error;
    if (m_ui->attachmentBar->addFile(path, &error))
        return true;
    statusBar()->showMessage(error, 8000);
    return false;
}

QStringList MainWindow::pendingImages() const
{
    return m_ui->attachmentBar->images();
}

bool MainWindow::attachMimeData(const QMimeData *data)
{
    if (!AttachmentBar::canAdd(data))
        return false;
    QStringList errors;
    m_ui->attachmentBar->addMimeData(data, &errors);
    if (!errors.isEmpty())
        statusBar()->showMessage(errors.join(QLatin1Char(' ')), 8000);
    return true;
}

void MainWindow::showChatMenu(const QPoint &pos)
{
    const QModelIndex index = m_ui->chatList->indexAt(pos);
    const qint64 id = m_chats->idAt(index.row());
    if (!id)
        return;
    QMenu menu(this);
    menu.addAction(tr("Rename…"), this, [this, id, index] {
        bool ok = false;
        const QString title = QInputDialog::getText(this, tr("Rename chat"), tr("Title:"), QLineEdit::Normal,
                                                    index.data().toString(), &ok);
        if (ok && !title.trimmed().isEmpty())
            m_store->renameChat(id, title.trimmed());
    });
    menu.addAction(tr("Delete…"), this, [this, id, index] {
        if (QMessageBox::question(this, tr("Delete chat"), tr("Delete \"%1\" and all its messages?").arg(index.data().toString()))
            != QMessageBox::Yes)
            return;
        if (id == m_session->chatId())
            newChat();
        m_store->deleteChat(id);
    });
    menu.exec(m_ui->chatList->viewport()->mapToGlobal(pos));
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // Drops reach the first widget that takes drops: the message box or its viewport.
    const bool messageBox = watched == m_ui->messageEdit || watched == m_ui->messageEdit->viewport();
    if (messageBox && (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove || event->type() == QEvent::Drop)) {
        // Files dropped on the message box are attached, not pasted as their paths.
        auto *drop = static_cast<QDropEvent *>(event);
        if (AttachmentBar::canAdd(drop->mimeData())) {
            if (event->type() == QEvent::Drop)
                attachMimeData(drop->mimeData());
            drop->acceptProposedAction();
            return true;
        }
    }
    if (watched == m_ui->messageEdit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Paste) && attachMimeData(QGuiApplication::clipboard()->mimeData()))
            return true;
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && !(key->modifiers() & Qt::ShiftModifier)) {
            if (!m_session->isStreaming())
                sendOrStop();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(GeometryKey, saveGeometry());
    m_settings->setValue(SplitterKey, m_ui->splitter->saveState());
    if (m_keepRunning) {
        // The local server keeps serving browsers; the tray brings the window back.
        hide();
        event->ignore();
        return;
    }
    m_session->stop();
    QMainWindow::closeEvent(event);
}

void MainWindow::openModels()
{
    if (!m_models) {
        m_models = new ModelsDialog(m_modelManager, this);
        if (m_client->servers())
            m_models->setServers(m_client->servers());
        connect(m_models, &QDialog::finished, this, [this] { m_client->listModels(); });
    }
    m_models->show();
    m_models->raise();
}

void MainWindow::openPreferences()
{
    PreferencesDialog dialog(m_settings, m_admin, this);
    Q_EMIT preferencesRequested();
    if (dialog.exec() == QDialog::Accepted)
        m_monitor->checkNow();
}

void MainWindow::editChatSettings()
{
    ChatSettingsDialog dialog(this);
    const auto chat = m_store->chat(m_session->chatId());
    dialog.setSystemPrompt(chat ? chat->systemPrompt : m_settings->chatDefaultSystemPrompt());
    dialog.setOptions(chat ? chat->options : m_settings->chatDefaultOptions());
    if (dialog.exec() != QDialog::Accepted)
        return;
    if (chat) {
        m_store->setSystemPrompt(chat->id, dialog.systemPrompt());
        m_store->setChatOptions(chat->id, dialog.options());
    }
    if (dialog.useAsDefaults() || !chat) {
        m_settings->setChatDefaults(dialog.systemPrompt(), dialog.options());
        m_session->setDefaults(dialog.systemPrompt(), dialog.options());
    }
}

template<typename Work, typename Done>
void MainWindow::runTransfer(const QString &status, Work work, Done done)
{
    // On a thread of its own with its own SQLite connection (ChatTranscript::exportFile and
    // importFile open one): reading or writing a long chat never holds up the window's painting.
    ++m_transfers;
    statusBar()->showMessage(status);
    auto result = std::make_shared<ChatTranscript::FileResult>();
    QThread *thread = QThread::create([work, result] { *result = work(); });
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, result, done] {
        --m_transfers;
        statusBar()->clearMessage();
        done(*result);
    });
    connect(this, &QObject::destroyed, thread, [thread] { thread->wait(); });
    thread->start();
}

void MainWindow::showWarning(const QString &title, const QString &text)
{
    // Window-modal but not blocking: the end of a transfer never runs a nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

bool MainWindow::exportChat(const QString &path, bool json)
{
    const qint64 chatId = m_session->chatId();
    if (!m_store->chat(chatId)) {
        statusBar()->showMessage(tr("Open a chat to export it."), 5000);
        return false;
    }
    const QString storePath = m_store->path();
    runTransfer(
        tr("Exporting to %1…").arg(path),
        [storePath, chatId, path, json] { return ChatTranscript::exportFile(storePath, chatId, path, json); },
        [this, path](const ChatTranscript::FileResult &result) {
            Q_EMIT exportFinished(result.ok, result.error);
            if (result.ok)
                statusBar()->showMessage(tr("Exported to %1").arg(path), 5000);
            else
                showWarning(tr("Export chat"), tr("Cannot write %1: %2").arg(path, result.error));
        });
    return true;
}

void MainWindow::importChat(const QString &path)
{
    const QString storePath = m_store->path();
    runTransfer(
        tr("Importing %1…").arg(path), [storePath, path] { return ChatTranscript::importFile(storePath, path); },
        [this, path](const ChatTranscript::FileResult &result) {
            if (result.ok) {
                // Written through the worker's own connection: tell this one's listeners (the
                // chat list) as the store does for its own writes.
                Q_EMIT m_store->chatCreated(result.chat.id);
                m_session->open(result.chat.id);
                statusBar()->showMessage(tr("Imported %1").arg(path), 5000);
            }
            Q_EMIT importFinished(result.ok, result.error);
            if (!result.ok)
                showWarning(tr("Import chat"), tr("%1 was not imported: %2").arg(path, result.error));
        });
}

void MainWindow::showAndRaise()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About Corral"));
    box.setIconPixmap(windowIcon().pixmap(96, 96));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h3>Corral %1</h3><p>A desktop client for Ollama with an authenticated local proxy.</p>")
                    .arg(QStringLiteral(CORRAL_VERSION)));
    box.setInformativeText(tr("<p>Built with Qt %1, running on Qt %2.<br>License: GPL-3.0-or-later.</p>"
                              "<p>Data directory:<br><code>%3</code></p>"
                              "<p><a href=\"https://github.com/corral-app/corral\">Project page</a> · "
                              "<a href=\"https://ollama.com\">Ollama</a></p>")
                               .arg(QStringLiteral(QT_VERSION_STR), QString::fromLatin1(qVersion()), m_dataDir.toHtmlEscaped()));
    box.setObjectName(QStringLiteral("aboutBox"));
    box.exec();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const auto urls = event->mimeData()->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile())
            attachFile(url.toLocalFile());
    }
    event->acceptProposedAction();
}

void MainWindow::setActivitySnapshot(const ActivitySnapshot &snapshot)
{
    m_lastActivity = snapshot;
    const int live = int(snapshot.live.size());
    m_streamsButton->setVisible(live > 0);
    m_streamsButton->setText(live == 1 ? tr("1 stream") : tr("%1 streams").arg(live));
    if (m_activity)
        m_activity->setSnapshot(snapshot);
}

void MainWindow::showActivity()
{
    if (!m_activity) {
        m_activity = new ActivityWindow(this);
        connect(m_activity, &ActivityWindow::stopRequested, this, &MainWindow::activityStopRequested);
        m_activity->setSnapshot(m_lastActivity);
    }
    m_activity->show();
    m_activity->raise();
    m_activity->activateWindow();
}

} // namespace Corral
