// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"
#include "core/httpheaders.h"
#include "server/access/keylimits.h"

#include <QByteArray>

#include <memory>

namespace Corral {

/// What every route handler gets after the gate let the request in.
struct RequestContext
{
    /// The request's path as it came (percent-encoded), worked out once per request.
    QByteArray path;
    /// The request target (path and query) as it came, byte for byte.
    QByteArray target;
    /// Headers to add to whatever is answered (security headers, CORS, Connection: close).
    HttpHeaders responseHeaders;
    /// The client spoke HTTP/1.0: no chunked framing for it.
    bool http10 = false;
    /// The connection closes after this answer: the client asked (Connection: close) or spoke
    /// HTTP/1.0. QtHttpServer 6.4 honours neither; responseHeaders already say so.
    bool closeAfter = false;
    /// The caller may not use ollama.com cloud models (a chat key not allowed them, see
    /// ApiKeyStore::Key::mayUseCloudModels): the proxy refuses requests that name one.
    bool cloudModelsRefused = false;
    /// Who calls (what the gate decided): the activity registry shows it, per-key limits use it.
    ActivityEntry::CallerKind callerKind = ActivityEntry::CallerKind::Owner;
    /// The API key's name or the browser session's tag (AccessDecision::sessionTag).
    QString callerName;
    /// An API key's limits: the proxy refuses models it does not allow and requests past its
    /// number in flight, and filters the model lists.
    KeyLimits keyLimits;
    /// Set by the proxy for a request the router (several Ollama servers) takes: what the
    /// activity view shows for it once an exchange forwards it.
    std::shared_ptr<const ActivityEntry> activityEntry;
};

} // namespace Corral
