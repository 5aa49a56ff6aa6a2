// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/securitylog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcSecurity, "corral.security", QtInfoMsg)

namespace Corral {

namespace {

constexpr int MaxWindows = 1000; // distinct (event, address) pairs counted at once

/// The bytes behind @p text: header values reach us through QString::fromLatin1(), so text that
/// fits Latin-1 is shown as the bytes that were received; anything else as UTF-8.
QByteArray bytesOf(const QString &text)
{
    const bool latin1 = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x100; });
    return latin1 ? text.toLatin1() : text.toUtf8();
}

QString timestamp(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

SecurityLog::SecurityLog(const QString &dataDir)
    : m_path(dataDir.isEmpty() ? QString() : QDir(dataDir).filePath(QStringLiteral("security.log")))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
}

QByteArray SecurityLog::escaped(const QByteArray &text)
{
    QByteArray out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            out.append(c);
        } else {
            static constexpr char hex[] = "0123456789abcdef";
            out.append("\\x").append(hex[byte >> 4]).append(hex[byte & 0xf]);
        }
    }
    return out;
}

void SecurityLog::record(const QString &event, const QHostAddress &peer, const QString &detail)
{
    const QMutexLocker lock(&m_mutex);
    const qint64 now = m_clock();
    flushEndedWindows(now);
    // One counter per kind of event (its first word) and address.
    const QString key = event.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ') + peer.toString();
    Window &window = m_windows[key];
    if (window.count == 0)
        window.startMs = now;
    if (++window.count > MaxPerWindow)
        return; // counted, and summed up when the minute is over
    QByteArray line = escaped(bytesOf(event)) + " peer=" + escaped(bytesOf(peer.toString()));
    if (!detail.isEmpty())
        line += ' ' + escaped(bytesOf(detail));
    write(timestamp(now).toLatin1() + ' ' + line);
}

void SecurityLog::flushEndedWindows(qint64 now)
{
    if (m_windows.isEmpty())
        return;
    const bool full = m_windows.size() >= MaxWindows;
    for (auto it = m_windows.begin(); it != m_windows.end();) {
        if (!full && now - it->startMs < WindowMs) {
            ++it;
            continue;
        }
        if (it->count > MaxPerWindow) {
            const qsizetype space = it.key().indexOf(QLatin1Char(' '));
            write(timestamp(now).toLatin1() + ' ' + escaped(bytesOf(it.key().left(space))) + " peer="
                  + escaped(bytesOf(it.key().mid(space + 1))) + " suppressed="
                  + QByteArray::number(it->count - MaxPerWindow) + " (similar events not written)");
        }
        it = m_windows.erase(it);
    }
}

void SecurityLog::write(const QByteArray &line)
{
    qCInfo(lcSecurity).noquote() << QString::fromLatin1(line);
    if (m_path.isEmpty())
        return;
    QFile file(m_path);
    if (file.size() + line.size() + 1 > m_maxBytes && file.exists()) {
        // Keep one old file: at most about twice the limit on disk.
        const QString old = m_path + QStringLiteral(".1");
        QFile::remove(old);
        QFile::rename(m_path, old);
    }
    if (file.open(QIODevice::Append)) {
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(line + '\n');
    }
}

} // namespace Corral
