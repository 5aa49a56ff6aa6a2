// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ndjsonparser.h"

#include <QJsonDocument>

namespace Corral {

QList<QJsonObject> NdjsonParser::feed(const QByteArray &data)
{
    m_tail += data;
    QList<QJsonObject> objects;
    qsizetype start = 0;
    for (qsizetype end = m_tail.indexOf('\n'); end >= 0; end = m_tail.indexOf('\n', start)) {
        const QByteArray line = m_tail.mid(start, end - start).trimmed();
        start = end + 1;
        if (!line.isEmpty()) {
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (document.isObject())
                objects.append(document.object());
        }
    }
    m_tail.remove(0, start);
    return objects;
}

QList<QJsonObject> NdjsonParser::finish()
{
    QList<QJsonObject> objects = feed("\n");
    m_tail.clear();
    return objects;
}

} // namespace Corral
