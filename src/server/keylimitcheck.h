// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/httpheaders.h"
#include "server/requestcontext.h"

#include <QJsonObject>

#include <optional>

namespace Corral {

class Activity;

/// What the proxy answers instead of forwarding a request its API key's limits do not allow.
struct KeyLimitRefusal
{
    int status = 403;
    QJsonObject body;    ///< in the client family's error shape
    HttpHeaders headers; ///< Retry-After for 429
};

/**
 * An API key's limits on one request (KeyLimits): a model it may not use (403 naming it), or a
 * request past its number in flight, counted by @p activity (429 with Retry-After). nullopt:
 * forward it. Callers other than API keys, and keys without limits, are never refused here.
 */
std::optional<KeyLimitRefusal> checkKeyLimits(const RequestContext &context, const QByteArray &upstreamPath,
                                              const QByteArray &body, const Activity *activity);

} // namespace Corral
