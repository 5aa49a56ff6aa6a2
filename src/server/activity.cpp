// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/activity.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcActivity, "corral.server.activity", QtInfoMsg)

namespace Corral {

namespace {

// Totals reach the file this long after a request ends (and at exit): one transaction for many.
constexpr int FlushMs = 5000;

/// The string value after "key": in a JSON text, or empty.
QString stringAfter(QByteArrayView body, QByteArrayView key)
{
    qsizetype at = 0;
    while ((at = body.indexOf(key, at)) >= 0) {
        qsizetype i = at + key.size();
        at = i;
        if (at - key.size() > 0 && body.at(at - key.size() - 1) == '\\')
            continue; // inside a string: \"model\"
        while (i < body.size() && (body.at(i) == ' ' || body.at(i) == '\t' || body.at(i) == '\r' || body.at(i) == '\n'))
            ++i;
        if (i >= body.size() || body.at(i) != ':')
            continue;
        ++i;
        while (i < body.size() && (body.at(i) == ' ' || body.at(i) == '\t' || body.at(i) == '\r' || body.at(i) == '\n'))
            ++i;
        if (i >= body.size() || body.at(i) != '"')
            continue;
        const qsizetype start = i + 1;
        const qsizetype end = body.indexOf('"', start);
        if (end < 0 || end - start > 256)
            return QString();
        const QByteArrayView value = body.sliced(start, end - start);
        if (value.contains('\\')) // escapes: let JSON decode it
            return QJsonDocument::fromJson("[\"" + value.toByteArray() + "\"]").array().at(0).toString();
        return QString::fromUtf8(value);
    }
    return QString();
}

} // namespace

Activity::Activity(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ActivitySnapshot>(); // snapshotReady() crosses to the window's thread
    m_publish.setTimerType(Qt::CoarseTimer);
    connect(&m_publish, &QTimer::timeout, this, &Activity::publish);
    m_flush.setSingleShot(true);
    m_flush.setInterval(FlushMs);
    m_flush.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_flush, &QTimer::timeout, this, [this] {
        QString error;
        if (!m_totals.flush(&error))
            qCWarning(lcActivity).noquote() << "cannot store the activity totals:" << error;
    });
}

Activity::~Activity()
{
    // The requests' exchanges go with the proxy; what ended is stored by ~ActivityTotals.
    qDeleteAll(m_live);
}

bool Activity::openTotals(const QString &path, QString *error)
{
    return m_totals.open(path, error);
}

QDate Activity::dayOf(qint64 ms)
{
    // The local day changes rarely: work it out once per day, not per request.
    if (ms >= m_dayEndsMs || ms < m_dayStartsMs) {
        m_day = QDateTime::fromMSecsSinceEpoch(ms).date();
        m_dayStartsMs = m_day.startOfDay().toMSecsSinceEpoch();
        m_dayEndsMs = m_day.addDays(1).startOfDay().toMSecsSinceEpoch();
    }
    return m_day;
}

Activity::Live *Activity::begin(ActivityEntry entry, std::function<void()> stop)
{
    auto *live = new Live;
    live->entry = std::move(entry);
    live->entry.id = m_nextId++;
    live->entry.startedMs = now();
    live->m_stop = std::move(stop);
    m_live.insert(live->entry.id, live);
    if (live->entry.callerKind == ActivityEntry::CallerKind::ApiKey)
        ++m_inFlight[qMakePair(int(live->entry.callerKind), live->entry.caller)];
    changed();
    return live;
}

void Activity::end(Live *live)
{
    if (!live || !m_live.remove(live->entry.id)) {
        delete live;
        return;
    }
    ActivityEntry &entry = live->entry;
    entry.endedMs = now();
    if (entry.callerKind == ActivityEntry::CallerKind::ApiKey) {
        const auto key = qMakePair(int(entry.callerKind), entry.caller);
        if (--m_inFlight[key] <= 0)
            m_inFlight.remove(key);
    }
    m_totals.add(entry.callerKind, entry.caller, dayOf(entry.endedMs), entry.tokensIn, entry.tokensOut);
    if (m_totals.isOpen() && !m_flush.isActive())
        m_flush.start();
    m_ring.push_front(std::move(entry));
    if (m_ring.size() > RingSize)
        m_ring.pop_back();
    delete live;
    changed();
}

int Activity::inFlight(ActivityEntry::CallerKind kind, const QString &caller) const
{
    return m_inFlight.value(qMakePair(int(kind), caller));
}

bool Activity::stop(quint64 id)
{
    Live *live = m_live.value(id);
    if (!live)
        return false;
    live->entry.stopped = true;
    const std::function<void()> stop = live->m_stop; // it ends the request, which deletes live
    if (stop)
        stop();
    return true;
}

ActivitySnapshot Activity::snapshot() const
{
    ActivitySnapshot snapshot;
    snapshot.takenMs = now();
    snapshot.live.reserve(m_live.size());
    for (const Live *live : m_live)
        snapshot.live.append(live->entry);
    std::sort(snapshot.live.begin(), snapshot.live.end(),
              [](const ActivityEntry &a, const ActivityEntry &b) { return a.id < b.id; });
    snapshot.recent = QList<ActivityEntry>(m_ring.cbegin(), m_ring.cend());
    snapshot.totals = m_totals.totals(QDateTime::fromMSecsSinceEpoch(snapshot.takenMs).date());
    return snapshot;
}

void Activity::setPublishInterval(int ms)
{
    m_publish.setInterval(ms);
    if (ms <= 0)
        m_publish.stop();
    else
        changed();
}

void Activity::changed()
{
    m_dirty = true;
    if (m_publish.interval() > 0 && !m_publish.isActive())
        m_publish.start();
}

void Activity::publish()
{
    // Requests in flight change every moment (elapsed, tokens): publish while there are any.
    if (!m_dirty && m_live.isEmpty()) {
        m_publish.stop();
        return;
    }
    m_dirty = false;
    Q_EMIT snapshotReady(snapshot());
}

QString Activity::peerText(const QHostAddress &address)
{
    if (address != m_lastPeer || m_lastPeerText.isNull()) {
        m_lastPeer = address;
        m_lastPeerText = address.toString();
    }
    return m_lastPeerText;
}

QString Activity::routeText(const QByteArray &method, const QByteArray &path)
{
    if (method != m_lastMethod || path != m_lastPath) {
        m_lastMethod = method;
        m_lastPath = path;
        m_lastRoute = QString::fromLatin1(method + ' ' + path);
    }
    return m_lastRoute;
}

QString Activity::modelNamedIn(QByteArrayView body)
{
    QString model = stringAfter(body, "\"model\"");
    if (model.isEmpty())
        model = stringAfter(body, "\"name\"");
    return model;
}

} // namespace Corral
