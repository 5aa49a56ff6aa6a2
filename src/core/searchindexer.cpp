// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/searchindexer.h"

#include "core/chatsearch.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QTimer>

#include <atomic>

namespace Corral {

SearchIndexer::SearchIndexer(const QString &databasePath, QObject *parent)
    : QThread(parent)
    , m_path(databasePath)
{
}

SearchIndexer::~SearchIndexer()
{
    requestInterruption();
    quit();
    wait();
}

void SearchIndexer::run()
{
    // A QSqlDatabase connection belongs to the thread that opened it: one of our own, by name.
    static std::atomic<int> counter{0};
    const QString name = QStringLiteral("corral-search-indexer-%1").arg(counter++);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        if (db.open()) {
            int percent = ChatSearch::indexProgress(db);
            // A pause between batches lets the store's writers in: SQLite's busy handler retries
            // at most every 100 ms, and a lock taken again at once could keep them out until
            // their busy timeout ends (the write would fail). A timer, so stopping never waits
            // for more than the batch in progress.
            QTimer next;
            next.setSingleShot(true);
            connect(&next, &QTimer::timeout, &next, [&] {
                percent = isInterruptionRequested() ? percent : ChatSearch::indexBatch(db);
                if (percent >= 0 && !isInterruptionRequested())
                    Q_EMIT progressChanged(percent);
                if (percent < 0 || percent == 100 || isInterruptionRequested())
                    exit();
                else
                    next.start(BatchPauseMs);
            });
            if (percent < 100) {
                next.start(0);
                exec();
            }
            ok = percent == 100;
            db.close();
        } else {
            qWarning("chat search index: %s", qPrintable(db.lastError().text()));
        }
    }
    QSqlDatabase::removeDatabase(name);
    if (!isInterruptionRequested())
        Q_EMIT indexingFinished(ok);
}

} // namespace Corral
