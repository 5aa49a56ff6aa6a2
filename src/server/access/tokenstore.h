// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/access/credentials.h"

#include <QByteArray>
#include <QMutex>
#include <QObject>
#include <QString>

namespace Corral {

/**
 * The owner token: the one secret that opens everything. 256 random bits, created on first
 * start in <data dir>/token (mode 0600), or set by CORRAL_TOKEN for servers and scripts.
 *
 * Another process (`corral --rotate-token`) may replace the file while Corral runs: the store
 * notices the change on the next check, and emits rotated() so browser sessions end.
 *
 * Thread-safe: the server thread checks tokens while the window's Preferences shows or rotates
 * it. One mutex, held for the comparison or the file check; rotated() is emitted after it is
 * released, in the thread that noticed or made the change.
 */
class TokenStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenStore)

public:
    explicit TokenStore(const QString &dataDir, QObject *parent = nullptr);

    /// Reads the token, creating it if there is none. @p overrideToken (CORRAL_TOKEN) wins.
    bool load(const QByteArray &overrideToken, QString *error);
    QByteArray token();
    bool isOverridden() const;
    /// Constant-time check of a presented token.
    bool matches(const QByteArray &candidate);
    /// Replaces the token on disk. Fails when CORRAL_TOKEN sets it.
    bool rotate(QString *error);
    QString filePath() const { return m_path; }

Q_SIGNALS:
    void rotated();

private:
    /// With m_mutex held: rereads the file if it changed; true if the token changed.
    bool refreshLocked();
    QByteArray currentLocked() const;
    bool rotateLocked(QString *error, bool *changed);

    mutable QMutex m_mutex;
    QString m_path;
    QByteArray m_token;
    QByteArray m_override;
    QByteArray m_preparedFor; // the token m_digest and m_padded belong to
    QByteArray m_digest;      // its SHA-256 (tokens longer than the padded size)
    QByteArray m_padded;      // it, zero-padded (see Credentials::paddedEquals)
    Credentials::FileStamp m_stamp;
};

} // namespace Corral
