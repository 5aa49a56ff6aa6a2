// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

namespace Corral {

/**
 * Splits an NDJSON byte stream into JSON objects: pieces may end mid-line, the tail waits for
 * the rest. One QJsonDocument per complete line.
 */
class NdjsonParser final
{
public:
    /// Adds @p data and returns the objects of every line it completed.
    QList<QJsonObject> feed(const QByteArray &data);
    /// What is left without a newline (a last line some servers do not terminate).
    QList<QJsonObject> finish();

private:
    QByteArray m_tail;
};

} // namespace Corral
