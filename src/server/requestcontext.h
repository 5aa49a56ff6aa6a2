// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/httpheaders.h"

#include <QByteArray>

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
};

} // namespace Corral
