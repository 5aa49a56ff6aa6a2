// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"
#include "server/activitytotals.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>

namespace Corral {

/**
 * Who is using Ollama through the local server: every request the /ollama proxy has in flight
 * (caller, model, route, start, tokens so far), the last RingSize that ended (status, duration,
 * tokens in and out, error), and per-caller totals for today and the last 30 days (ActivityTotals,
 * stored in activity.db).
 *
 * It lives with the proxy, on the server's thread. The proxy calls begin() and end() and
 * updates its entry's token counts in place (no signal per token). Other threads see copies:
 * snapshot(), or snapshotReady() every publish interval while anything changes; Stop reaches it
 * as a queued call of stop().
 */
class Activity final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Activity)

public:
    static constexpr int RingSize = 300;

    /// A request in flight: its entry, kept up to date by the proxy.
    class Live
    {
    public:
        ActivityEntry entry;

    private:
        friend class Activity;
        std::function<void()> m_stop;
    };

    explicit Activity(QObject *parent = nullptr);
    ~Activity() override;

    /// Stores the totals in the SQLite file @p path (created if missing) and loads what it holds.
    bool openTotals(const QString &path, QString *error);
    /// The clock (milliseconds since the epoch) and the day it is, for tests.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    /// Registers a request; @p stop aborts it (and must lead to end()).
    Live *begin(ActivityEntry entry, std::function<void()> stop);
    /// The request ended: it moves to the ring and counts in the totals. @p live is deleted.
    void end(Live *live);

    /// Requests in flight for the caller (an API key's in-flight limit).
    int inFlight(ActivityEntry::CallerKind kind, const QString &caller) const;
    int liveCount() const { return int(m_live.size()); }

    ActivitySnapshot snapshot() const;
    /// How often snapshotReady() goes out while something changes; 0 (the default): never.
    void setPublishInterval(int ms);

    /// The text of @p address, and of @p method and @p path as "POST /api/chat": the same few
    /// clients and routes come again and again, so the last ones are kept.
    QString peerText(const QHostAddress &address);
    QString routeText(const QByteArray &method, const QByteArray &path);

    /// A model name as a request body names it ("model", else "name"), with a scan, not a JSON
    /// parse: it only labels the entry (the allow-lists parse the body).
    static QString modelNamedIn(QByteArrayView body);

public Q_SLOTS:
    /// Aborts the request @p id (Ollama stops generating); false when it is not in flight.
    bool stop(quint64 id);

Q_SIGNALS:
    void snapshotReady(const Corral::ActivitySnapshot &snapshot);

private:
    qint64 now() const { return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch(); }
    QDate dayOf(qint64 ms);
    void changed();
    void publish();

    QHash<quint64, Live *> m_live;
    QHash<QPair<int, QString>, int> m_inFlight;
    std::deque<ActivityEntry> m_ring; // newest at the front
    ActivityTotals m_totals;
    quint64 m_nextId = 1;
    std::function<qint64()> m_clock;
    QDate m_day;
    qint64 m_dayStartsMs = 0;
    qint64 m_dayEndsMs = 0;
    QHostAddress m_lastPeer;
    QString m_lastPeerText;
    QByteArray m_lastMethod;
    QByteArray m_lastPath;
    QString m_lastRoute;
    QTimer m_publish;
    QTimer m_flush;
    bool m_dirty = false;
};

} // namespace Corral
