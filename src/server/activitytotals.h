// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include <QDate>
#include <QHash>
#include <QString>

namespace Corral {

/**
 * Requests and tokens per caller and day, for the last 30 days, kept in memory and stored in a
 * small SQLite file (<data dir>/activity.db, table usage) so they survive a restart. Adding is a
 * hash update; the changed rows go to the file in one transaction on flush() (the registry
 * flushes every few seconds and at exit). Days older than 30 are pruned when the file opens and
 * when the day changes.
 *
 * Like every QSqlDatabase connection, it belongs to the thread that opened it.
 */
class ActivityTotals final
{
    Q_DISABLE_COPY_MOVE(ActivityTotals)

public:
    static constexpr int Days = 30;

    ActivityTotals();
    ~ActivityTotals();

    /// Opens or creates the file and loads the last 30 days.
    bool open(const QString &path, QString *error);
    bool isOpen() const { return !m_connection.isEmpty(); }
    void add(ActivityEntry::CallerKind kind, const QString &caller, const QDate &day, qint64 tokensIn, qint64 tokensOut);
    /// Writes the rows changed since the last flush; prunes old days.
    bool flush(QString *error = nullptr);
    bool hasUnsaved() const { return m_unsaved; }
    /// Per caller, for @p today and the 30 days up to it, busiest first.
    QList<ActivityTotal> totals(const QDate &today) const;

private:
    struct Key
    {
        QDate day;
        ActivityEntry::CallerKind kind;
        QString caller;
        bool operator==(const Key &other) const
        {
            return day == other.day && kind == other.kind && caller == other.caller;
        }
    };
    friend size_t qHash(const Key &key, size_t seed) { return qHashMulti(seed, key.day, int(key.kind), key.caller); }
    struct Counts
    {
        qint64 requests = 0;
        qint64 tokensIn = 0;
        qint64 tokensOut = 0;
        bool unsaved = false;
    };
    void prune(const QDate &today);

    QHash<Key, Counts> m_counts;
    bool m_unsaved = false;
    QDate m_prunedFor;
    QString m_connection;
};

} // namespace Corral
