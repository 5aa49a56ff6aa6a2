// SPDX-License-Identifier: GPL-3.0-or-later
// bench_startup: an in-process harness that builds the window as src/app/main.cpp does (the
// store opened, OllamaClient, ConnectionMonitor, MainWindow, show()) over a history of
// BENCH_CHATS (default 10,000) chats x 20 messages, and prints the time until the window is shown
// and until the chat list's first paint with rows in it. Target: <= 500 ms.
// Then it opens the history's 5,000-message chat and prints the longest the GUI event loop stood
// still until the conversation was all there (a 1 ms timer's largest gap; target <= 50 ms), and,
// beside it, how long reading those messages takes (what the GUI thread did at once before).
// Last, how long opening a short chat holds the GUI thread while the 5,000 messages are shown.
//
// Usage: bench_startup HISTORY_DB   (made there if missing, and kept for later runs)
#include "benchhistory.h"
#include "core/chatlistmodel.h"
#include "core/chatstore.h"
#include "gui/conversationview.h"
#include "gui/mainwindow.h"
#include "ui_mainwindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Corral;

namespace {

/// Notes the first paint of the chat list once it has rows.
class PaintWatch final : public QObject
{
public:
    PaintWatch(QListView *view, QElapsedTimer *clock) : m_view(view), m_clock(clock) { view->viewport()->installEventFilter(this); }
    qint64 paintedAt = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && paintedAt < 0 && m_view->model() && m_view->model()->rowCount() > 0) {
            paintedAt = m_clock->elapsed();
            QTimer::singleShot(0, qApp, &QCoreApplication::quit);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QListView *m_view;
    QElapsedTimer *m_clock;
};

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_startup HISTORY_DB\n");
        return 2;
    }
    const QString dbPath = QString::fromLocal8Bit(argv[1]);
    const int chats = qEnvironmentVariableIntValue("BENCH_CHATS") > 0 ? qEnvironmentVariableIntValue("BENCH_CHATS") : 10000;
    const QString longTitle = QStringLiteral("Five thousand messages");
    if (!QFileInfo::exists(dbPath)) {
        std::fprintf(stderr, "building %d chats x 20 messages and one of 5,000 in %s\n", chats, qPrintable(dbPath));
        ChatStore builder;
        if (!Bench::makeHistory(dbPath, chats) || !builder.open(dbPath, nullptr) || !Bench::addLongChat(&builder, longTitle, 5000))
            return 1;
    }
    QTemporaryDir dir;
    QElapsedTimer clock;
    clock.start();
    ChatStore store;
    QString error;
    if (!store.open(dbPath, &error)) {
        std::fprintf(stderr, "bench_startup: %s\n", qPrintable(error));
        return 1;
    }
    const qint64 opened = clock.elapsed();
    // Nothing answers at port 9: as without Ollama.
    Bench::Window parts(dir.filePath(QStringLiteral("settings.ini")), QStringLiteral("http://127.0.0.1:9"));
    MainWindow &window = parts.make(&store);
    PaintWatch watch(window.ui()->chatList, &clock);
    window.show();
    const qint64 shown = clock.elapsed();
    QTimer::singleShot(10000, &app, &QCoreApplication::quit);
    app.exec();

    // Opening the long chat: the largest gap between ticks of a 1 ms timer, from the click until
    // the conversation is all there.
    qint64 maxGap = -1;
    qint64 openMs = -1;
    qint64 readMs = -1;
    qint64 leaveMs = -1;
    QAbstractItemModel *list = window.ui()->chatList->model();
    for (int row = 0; row < list->rowCount(); ++row) {
        if (list->index(row, 0).data().toString() != longTitle)
            continue;
        ConversationView *view = window.ui()->conversation;
        QElapsedTimer since;
        QElapsedTimer open;
        QTimer ticks;
        ticks.setInterval(1);
        QObject::connect(&ticks, &QTimer::timeout, &app, [&] {
            maxGap = std::max(maxGap, since.restart());
            if (!view->isRendering())
                app.quit();
        });
        QTimer::singleShot(0, &app, [&] {
            since.start();
            open.start();
            ticks.start();
            window.ui()->chatList->setCurrentIndex(list->index(row, 0));
            maxGap = std::max(maxGap, since.restart());
        });
        QTimer::singleShot(30000, &app, &QCoreApplication::quit);
        app.exec();
        openMs = open.elapsed();
        // What the GUI thread used to do at once before its slices began (the read, as open() did).
        QElapsedTimer read;
        read.start();
        readMs = store.messages(window.ui()->chatList->model()->index(row, 0).data(ChatListModel::IdRole).toLongLong()).isEmpty() ? -1 : read.elapsed();
        // Leaving it: opening a short chat while the 5,000 messages are shown clears them.
        const int other = row == 0 ? 1 : 0;
        QElapsedTimer leave;
        leave.start();
        window.ui()->chatList->setCurrentIndex(list->index(other, 0));
        leaveMs = leave.elapsed();
        break;
    }
    const QJsonObject result{{QStringLiteral("chats"), store.countChats()},
                             {QStringLiteral("store_open_ms"), opened},
                             {QStringLiteral("window_shown_ms"), shown},
                             {QStringLiteral("chat_list_painted_ms"), watch.paintedAt},
                             {QStringLiteral("open_5000_messages_ms"), openMs},
                             {QStringLiteral("open_5000_max_gui_gap_ms"), maxGap},
                             {QStringLiteral("read_5000_on_the_gui_thread_ms"), readMs},
                             {QStringLiteral("leave_5000_for_a_short_chat_ms"), leaveMs}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return watch.paintedAt < 0 ? 1 : 0;
}
