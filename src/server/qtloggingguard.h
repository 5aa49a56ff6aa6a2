// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Corral {

/**
 * Keeps QtHttpServer's own logging categories (qt.httpserver, qt.httpserver.request, ...) off,
 * whatever QT_LOGGING_RULES or QLoggingCategory::setFilterRules() say: their debug output prints
 * whole requests, with every Authorization and Cookie header and ?token= query, to stderr and
 * whatever collects it (journald keeps it). Other categories go to the filter that was installed
 * before. Installed once per process; calling it again does nothing.
 */
void silenceHttpServerLogging();

} // namespace Corral
