// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QThread>

namespace Corral {

/**
 * Builds the search index of a history written before it existed, in batches
 * (ChatSearch::indexBatch(): one transaction each), on a thread and a SQLite connection of its
 * own, so neither the window nor the local server waits for it, except that a write to the
 * history waits for the batch in progress (a few hundred milliseconds at most; batches are
 * BatchPauseMs apart). Stopping (or a killed process) keeps every finished batch: the next
 * start goes on from there.
 */
class SearchIndexer final : public QThread
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SearchIndexer)

public:
    static constexpr int BatchPauseMs = 100;

    explicit SearchIndexer(const QString &databasePath, QObject *parent = nullptr);
    /// Stops after the batch in progress.
    ~SearchIndexer() override;

Q_SIGNALS:
    /// Percent done, after each batch (queued to the thread that owns the indexer).
    void progressChanged(int percent);
    /// @p ok false: the index could not be built (the LIKE search stays in use).
    void indexingFinished(bool ok);

protected:
    void run() override;

private:
    QString m_path;
};

} // namespace Corral
