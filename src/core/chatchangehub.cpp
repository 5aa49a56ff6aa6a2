// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatchangehub.h"

namespace Corral {

ChatChangeHub::ChatChangeHub(QObject *parent)
    : QObject(parent)
{
}

void ChatChangeHub::post(const QObject *origin, qint64 chatId, Kind kind)
{
    Q_EMIT posted(quintptr(origin), chatId, int(kind));
}

} // namespace Corral
