// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include "server/requestcontext.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QObject>

namespace Corral {

class Activity;
class LocalServer;

/**
 * The activity registry for the browser page, under /api/v1 (so only the owner token and
 * signed-in browsers reach it: the gate refuses API keys there, see AccessControl):
 *
 *   GET  /api/v1/activity              {"live": [...], "recent": [...], "totals": [...], "now": ms}
 *   POST /api/v1/activity/<id>/stop    aborts request <id> (Ollama stops generating); 404 when
 *                                      it is no longer in flight
 */
class ActivityApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityApi)

public:
    ActivityApi(LocalServer *server, Activity *activity, QObject *parent = nullptr);

    static QJsonObject toJson(const ActivitySnapshot &snapshot);
    static QJsonObject toJson(const ActivityEntry &entry, qint64 nowMs);

private:
    /// The route (Routes::Activity and below).
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);

    Activity *m_activity;
};

} // namespace Corral
