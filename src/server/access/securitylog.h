// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

#include <functional>

namespace Corral {

/**
 * The security log: refused and failed access, to stderr (category corral.security) and to
 * <data dir>/security.log (mode 0600). Callers pass only what is safe to keep: never a token,
 * key, cookie or prompt.
 *
 * What clients send cannot flood it or the terminal: every byte outside printable ASCII is
 * written as \xNN (so an ESC in a Host header never reaches a terminal, and a line stays one
 * line); the same event from the same address is written MaxPerWindow times a minute, then one
 * "N similar events suppressed" line; the file moves to security.log.1 at MaxBytes (one old
 * file kept), so it holds at most about twice that.
 *
 * Thread-safe: record() holds one mutex while it counts and writes its line.
 */
class SecurityLog final
{
    Q_DISABLE_COPY_MOVE(SecurityLog)

public:
    using Clock = std::function<qint64()>; ///< milliseconds since the epoch
    static constexpr qint64 MaxBytes = 1024 * 1024;
    static constexpr int MaxPerWindow = 5;
    static constexpr qint64 WindowMs = 60 * 1000;

    explicit SecurityLog(const QString &dataDir = QString());
    void record(const QString &event, const QHostAddress &peer, const QString &detail = QString());
    QString filePath() const { return m_path; }

    void setClock(Clock clock) { m_clock = std::move(clock); }
    void setMaxBytes(qint64 bytes) { m_maxBytes = bytes; }
    /// @p text with every byte outside printable ASCII (and the backslash) as \xNN.
    static QByteArray escaped(const QByteArray &text);

private:
    struct Window
    {
        qint64 startMs = 0;
        int count = 0;
    };
    void write(const QByteArray &line);
    void flushEndedWindows(qint64 now);

    QMutex m_mutex;
    QString m_path;
    Clock m_clock;
    qint64 m_maxBytes = MaxBytes;
    QHash<QString, Window> m_windows; ///< "event peer" -> this minute's count
};

} // namespace Corral
