// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/activitytotals.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>

namespace Corral {

namespace {

QString kindName(ActivityEntry::CallerKind kind)
{
    return ActivityEntry::kindName(kind);
}

std::optional<ActivityEntry::CallerKind> parseKind(const QString &name)
{
    for (const auto kind : {ActivityEntry::CallerKind::Owner, ActivityEntry::CallerKind::ApiKey, ActivityEntry::CallerKind::Session}) {
        if (ActivityEntry::kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

} // namespace

ActivityTotals::ActivityTotals() = default;

ActivityTotals::~ActivityTotals()
{
    if (m_connection.isEmpty())
        return;
    flush();
    QSqlDatabase::database(m_connection, false).close();
    QSqlDatabase::removeDatabase(m_connection);
}

bool ActivityTotals::open(const QString &path, QString *error)
{
    const QString name = QStringLiteral("corral-activity-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=2000"));
        QSqlQuery query(db);
        const bool ok = db.open() && query.exec(QStringLiteral("PRAGMA journal_mode=WAL"))
            && query.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS usage (day TEXT NOT NULL, kind TEXT NOT NULL, "
                                         "caller TEXT NOT NULL, requests INTEGER NOT NULL, tokens_in INTEGER NOT NULL, "
                                         "tokens_out INTEGER NOT NULL, PRIMARY KEY (day, kind, caller))"))
            && query.exec(QStringLiteral("SELECT day, kind, caller, requests, tokens_in, tokens_out FROM usage"));
        if (!ok) {
            if (error)
                *error = db.lastError().text().isEmpty() ? query.lastError().text() : db.lastError().text();
            db.close();
        } else {
            while (query.next()) {
                const QDate day = QDate::fromString(query.value(0).toString(), Qt::ISODate);
                const auto kind = parseKind(query.value(1).toString());
                if (!day.isValid() || !kind)
                    continue;
                Counts &counts = m_counts[Key{day, *kind, query.value(2).toString()}];
                counts.requests += query.value(3).toLongLong();
                counts.tokensIn += query.value(4).toLongLong();
                counts.tokensOut += query.value(5).toLongLong();
            }
            m_connection = name;
        }
    }
    if (m_connection.isEmpty()) {
        QSqlDatabase::removeDatabase(name);
        return false;
    }
    prune(QDate::currentDate());
    return flush(error);
}

void ActivityTotals::add(ActivityEntry::CallerKind kind, const QString &caller, const QDate &day, qint64 tokensIn,
                         qint64 tokensOut)
{
    if (day != m_prunedFor)
        prune(day);
    Counts &counts = m_counts[Key{day, kind, caller}];
    ++counts.requests;
    counts.tokensIn += tokensIn;
    counts.tokensOut += tokensOut;
    counts.unsaved = true;
    m_unsaved = true;
}

void ActivityTotals::prune(const QDate &today)
{
    m_prunedFor = today;
    const QDate oldest = today.addDays(-(Days - 1));
    m_counts.removeIf([&oldest](const auto &it) { return it.key().day < oldest; });
    if (m_connection.isEmpty())
        return;
    QSqlQuery query(QSqlDatabase::database(m_connection, false));
    query.prepare(QStringLiteral("DELETE FROM usage WHERE day < ?"));
    query.addBindValue(oldest.toString(Qt::ISODate));
    query.exec();
}

bool ActivityTotals::flush(QString *error)
{
    if (m_connection.isEmpty() || !m_unsaved)
        return true;
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    db.transaction();
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO usage (day, kind, caller, requests, tokens_in, tokens_out) "
                                 "VALUES (?, ?, ?, ?, ?, ?)"));
    QList<Counts *> written;
    for (auto it = m_counts.begin(); it != m_counts.end(); ++it) {
        if (!it->unsaved)
            continue;
        const Key &key = it.key();
        const Counts &counts = *it;
        written.append(&*it);
        query.addBindValue(key.day.toString(Qt::ISODate));
        query.addBindValue(kindName(key.kind));
        query.addBindValue(key.caller.isNull() ? QStringLiteral("") : key.caller); // the owner's: empty, not NULL
        query.addBindValue(counts.requests);
        query.addBindValue(counts.tokensIn);
        query.addBindValue(counts.tokensOut);
        if (!query.exec()) {
            if (error)
                *error = query.lastError().text();
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        if (error)
            *error = db.lastError().text();
        return false;
    }
    for (Counts *counts : std::as_const(written))
        counts->unsaved = false;
    m_unsaved = false;
    return true;
}

QList<ActivityTotal> ActivityTotals::totals(const QDate &today) const
{
    const QDate oldest = today.addDays(-(Days - 1));
    QHash<QPair<int, QString>, ActivityTotal> byCaller;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        const Key &key = it.key();
        if (key.day < oldest || key.day > today)
            continue;
        ActivityTotal &total = byCaller[qMakePair(int(key.kind), key.caller)];
        total.callerKind = key.kind;
        total.caller = key.caller;
        const qint64 tokens = it->tokensIn + it->tokensOut;
        total.requests30Days += it->requests;
        total.tokens30Days += tokens;
        if (key.day == today) {
            total.requestsToday += it->requests;
            total.tokensToday += tokens;
        }
    }
    QList<ActivityTotal> list = byCaller.values();
    std::sort(list.begin(), list.end(), [](const ActivityTotal &a, const ActivityTotal &b) {
        return a.tokens30Days != b.tokens30Days ? a.tokens30Days > b.tokens30Days : a.caller < b.caller;
    });
    return list;
}

} // namespace Corral
