// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/activityapi.h"

#include "server/activity.h"
#include "server/httpsupport.h"
#include "server/localserver.h"
#include "server/routes.h"

#include <QDateTime>
#include <QJsonArray>

namespace Corral {

ActivityApi::ActivityApi(LocalServer *server, Activity *activity, QObject *parent)
    : QObject(parent)
    , m_activity(activity)
{
    // Registered after HistoryApi's /api/v1 tree, so it wins for its own paths.
    server->addRoutes<ActivityApi>(this, {{Routes::Activity, Routes::Match::Tree, &ActivityApi::serve}});
}

void ActivityApi::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context)
{
    const auto answer = [&](int status, const QJsonObject &json) {
        Http::writeJson(responder, status, json, context.responseHeaders);
    };
    const QList<QByteArray> parts = context.path.mid(int(qstrlen(Routes::Activity))).split('/');
    using Method = QHttpServerRequest::Method;
    // "/api/v1/activity" or "/api/v1/activity/"
    if (parts.size() <= 2 && parts.value(1).isEmpty() && parts.value(0).isEmpty()) {
        if (request.method() != Method::Get)
            return answer(405, {{QStringLiteral("error"), tr("Use GET.")}});
        return answer(200, toJson(m_activity->snapshot()));
    }
    bool isNumber = false;
    const quint64 id = parts.value(1).toULongLong(&isNumber);
    if (parts.size() == 3 && parts.value(0).isEmpty() && isNumber && parts.value(2) == "stop") {
        if (request.method() != Method::Post)
            return answer(405, {{QStringLiteral("error"), tr("Use POST.")}});
        if (!m_activity->stop(id))
            return answer(404, {{QStringLiteral("error"), tr("Request %1 is not in flight.").arg(id)}});
        return answer(200, {{QStringLiteral("stopped"), QString::number(id)}});
    }
    answer(404, {{QStringLiteral("error"), tr("Unknown API path. See /api/v1/activity.")}});
}

QJsonObject ActivityApi::toJson(const ActivityEntry &entry, qint64 nowMs)
{
    QJsonObject json{{QStringLiteral("id"), QString::number(entry.id)},
                     {QStringLiteral("caller_kind"), ActivityEntry::kindName(entry.callerKind)},
                     {QStringLiteral("caller"), entry.caller},
                     {QStringLiteral("peer"), entry.peer},
                     {QStringLiteral("model"), entry.model},
                     {QStringLiteral("route"), entry.route},
                     {QStringLiteral("started_at"), QDateTime::fromMSecsSinceEpoch(entry.startedMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                     {QStringLiteral("elapsed_ms"), (entry.endedMs ? entry.endedMs : nowMs) - entry.startedMs},
                     {QStringLiteral("status"), entry.status},
                     {QStringLiteral("tokens_in"), entry.tokensIn},
                     {QStringLiteral("tokens_out"), entry.tokensOut},
                     {QStringLiteral("live"), entry.endedMs == 0}};
    if (!entry.error.isEmpty())
        json.insert(QStringLiteral("error"), entry.error);
    if (entry.stopped)
        json.insert(QStringLiteral("stopped"), true);
    return json;
}

QJsonObject ActivityApi::toJson(const ActivitySnapshot &snapshot)
{
    QJsonArray live;
    for (const ActivityEntry &entry : snapshot.live)
        live.append(toJson(entry, snapshot.takenMs));
    QJsonArray recent;
    for (const ActivityEntry &entry : snapshot.recent)
        recent.append(toJson(entry, snapshot.takenMs));
    QJsonArray totals;
    for (const ActivityTotal &total : snapshot.totals) {
        totals.append(QJsonObject{{QStringLiteral("caller_kind"), ActivityEntry::kindName(total.callerKind)},
                                  {QStringLiteral("caller"), total.caller},
                                  {QStringLiteral("today"), QJsonObject{{QStringLiteral("requests"), total.requestsToday},
                                                                        {QStringLiteral("tokens"), total.tokensToday}}},
                                  {QStringLiteral("last_30_days"), QJsonObject{{QStringLiteral("requests"), total.requests30Days},
                                                                               {QStringLiteral("tokens"), total.tokens30Days}}}});
    }
    return {{QStringLiteral("live"), live}, {QStringLiteral("recent"), recent}, {QStringLiteral("totals"), totals},
            {QStringLiteral("now"), QDateTime::fromMSecsSinceEpoch(snapshot.takenMs, Qt::UTC).toString(Qt::ISODateWithMs)}};
}

} // namespace Corral
