// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHostAddress>
#include <QString>

namespace Corral {

/**
 * The security log: refused and failed access, to stderr (category corral.security) and to
 * <data dir>/security.log (mode 0600). Callers pass only what is safe to keep: never a token,
 * key, cookie or prompt.
 */
class SecurityLog final
{
public:
    explicit SecurityLog(const QString &dataDir = QString());
    void record(const QString &event, const QHostAddress &peer, const QString &detail = QString());
    QString filePath() const { return m_path; }

private:
    QString m_path;
};

} // namespace Corral
