// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Corral {

/**
 * Tells every ChatStore connection to one chats.db what the others changed, across threads.
 *
 * The window and the local server each have their own ChatStore (a QSqlDatabase connection
 * belongs to the thread that opened it; SQLite's WAL lets one write while the other reads).
 * Each store posts the chat it changed and how (post()); every other store that joined the hub
 * hears it on its own thread (a queued signal when the threads differ) and emits its usual
 * signal (chatCreated, chatChanged, chatDeleted, messagesChanged), so its listeners
 * (ChatListModel, ChatSession) refresh only that chat, as if the change had been their own.
 * The write is committed before it is posted, so a listener's read sees it.
 */
class ChatChangeHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatChangeHub)

public:
    enum Kind { Created, Changed, Deleted, MessagesChanged };
    Q_ENUM(Kind)

    explicit ChatChangeHub(QObject *parent = nullptr);

    /// Called by a store (on its own thread) after a committed change to @p chatId.
    void post(const QObject *origin, qint64 chatId, Kind kind);

Q_SIGNALS:
    /// @p origin identifies the store that made the change (never dereferenced).
    void posted(quintptr origin, qint64 chatId, int kind);
};

} // namespace Corral
