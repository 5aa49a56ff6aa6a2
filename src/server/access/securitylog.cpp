// SPDX-License-Identifier: GPL-3.0-or-later
#include "securitylog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSecurity, "corral.security", QtInfoMsg)

namespace Corral {

SecurityLog::SecurityLog(const QString &dataDir)
    : m_path(dataDir.isEmpty() ? QString() : QDir(dataDir).filePath(QStringLiteral("security.log")))
{
}

void SecurityLog::record(const QString &event, const QHostAddress &peer, const QString &detail)
{
    QString line = QStringLiteral("%1 %2 peer=%3").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), event, peer.toString());
    if (!detail.isEmpty())
        line += QLatin1Char(' ') + detail;
    // Keep one event on one line whatever the detail holds.
    line.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    qCInfo(lcSecurity).noquote() << line;
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (file.open(QIODevice::Append | QIODevice::Text)) {
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(line.toUtf8() + '\n');
    }
}

} // namespace Corral
