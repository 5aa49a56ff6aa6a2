// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace Corral {

/// HTTP header fields in order, names and values as they go on the wire.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

} // namespace Corral
