// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatsearch.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <functional>
#include <memory>

namespace Corral {

/**
 * Runs searches for the window on a thread and a SQLite connection of its own (WAL lets it
 * read while the store writes), so typing in the search box never waits for a query. Results
 * come back by queued signal. A search that has not started when a newer one is asked for is
 * skipped: only the latest request matters while the user types.
 */
class ChatSearcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSearcher)

public:
    explicit ChatSearcher(const QString &databasePath, QObject *parent = nullptr);
    /// Waits for the search in progress, if any, to end.
    ~ChatSearcher() override;

    /// Queues a search and returns its serial, which finished() names.
    quint64 search(const QString &text, int offset, int limit);

    /// For tests: @p hook runs on the searcher's thread at the start of each search that is not
    /// skipped, before the database is read; empty (the default) runs nothing. A test blocks in
    /// it to hold a search and see that the window's event loop goes on. Process-wide.
    static void setSearchHook(std::function<void()> hook);

Q_SIGNALS:
    void finished(quint64 serial, const Corral::ChatSearchPage &page);

private:
    QThread m_thread;
    class ChatSearchWorker *m_worker;
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

} // namespace Corral
