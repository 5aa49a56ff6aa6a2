// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

namespace Corral {

/// One request through the local server's /ollama proxy, in flight or ended.
struct ActivityEntry
{
    enum class CallerKind : quint8 { Owner, ApiKey, Session };

    quint64 id = 0;
    CallerKind callerKind = CallerKind::Owner;
    /// The API key's name, or the browser session's short tag (never the session id itself).
    QString caller;
    QString peer;   ///< the client's address
    QString model;  ///< as the request named it; empty for routes that name none
    QString route;  ///< method and upstream path, "POST /api/chat"
    qint64 startedMs = 0; ///< since the epoch
    qint64 endedMs = 0;   ///< 0 while in flight
    int status = 0;       ///< the HTTP status answered, 0 before the head
    qint64 tokensIn = 0;  ///< prompt tokens, when Ollama reported them
    qint64 tokensOut = 0; ///< lines/events so far; Ollama's own count once it reports one
    QString error;
    bool stopped = false; ///< ended by Stop

    /// "owner", "key" or "session": the name the JSON API and the totals use.
    static QString kindName(CallerKind kind)
    {
        switch (kind) {
        case CallerKind::Owner: return QStringLiteral("owner");
        case CallerKind::ApiKey: return QStringLiteral("key");
        case CallerKind::Session: return QStringLiteral("session");
        }
        return QString();
    }
};

/// Requests and tokens of one caller (an API key, a browser session, or the owner token).
struct ActivityTotal
{
    ActivityEntry::CallerKind callerKind = ActivityEntry::CallerKind::Owner;
    QString caller;
    qint64 requestsToday = 0;
    qint64 tokensToday = 0; ///< in and out
    qint64 requests30Days = 0;
    qint64 tokens30Days = 0;
};

/// What the local server's activity registry shows: copied out, so it may cross threads.
struct ActivitySnapshot
{
    QList<ActivityEntry> live;   ///< oldest first
    QList<ActivityEntry> recent; ///< the ring of ended requests, newest first
    QList<ActivityTotal> totals; ///< busiest (30 days) first
    qint64 takenMs = 0;
};

} // namespace Corral

Q_DECLARE_METATYPE(Corral::ActivitySnapshot)
