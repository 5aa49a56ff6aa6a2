// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/keylimitcheck.h"

#include "server/access/accesscontrol.h"
#include "server/activity.h"
#include "server/ollamaproxy.h"

#include <QCoreApplication>

namespace Corral {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::OllamaProxy", text);
}

} // namespace

std::optional<KeyLimitRefusal> checkKeyLimits(const RequestContext &context, const QByteArray &upstreamPath,
                                              const QByteArray &body, const Activity *activity)
{
    if (context.callerKind != ActivityEntry::CallerKind::ApiKey || context.keyLimits.isEmpty())
        return std::nullopt;
    const KeyLimits &limits = context.keyLimits;
    if (const QString model = AccessControl::refusedModelIn(limits, upstreamPath, body); !model.isEmpty()) {
        return KeyLimitRefusal{403,
                               OllamaProxy::errorBody(upstreamPath,
                                                      tr("The API key \"%1\" may not use the model \"%2\". It may use: %3.")
                                                          .arg(context.callerName, model, limits.models.join(QStringLiteral(", "))),
                                                      QStringLiteral("permission_error")),
                               {}};
    }
    if (limits.maxInFlight > 0 && activity && activity->inFlight(context.callerKind, context.callerName) >= limits.maxInFlight) {
        // RFC 6585 §4: 429 with Retry-After; a second is about when a short request ends.
        return KeyLimitRefusal{429,
                               OllamaProxy::errorBody(upstreamPath,
                                                      tr("The API key \"%1\" already has %2 requests in flight, its limit. Retry "
                                                         "when one has ended.")
                                                          .arg(context.callerName)
                                                          .arg(limits.maxInFlight),
                                                      QStringLiteral("rate_limit_error")),
                               {qMakePair(QByteArray("Retry-After"), QByteArray("1"))}};
    }
    return std::nullopt;
}

} // namespace Corral
