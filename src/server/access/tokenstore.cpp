// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/tokenstore.h"

#include "server/access/credentials.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace Corral {

TokenStore::TokenStore(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_path(QDir(dataDir).filePath(QStringLiteral("token")))
{
}

bool TokenStore::load(const QByteArray &overrideToken, QString *error)
{
    QMutexLocker lock(&m_mutex);
    m_override = overrideToken.trimmed();
    if (!m_override.isEmpty())
        return true;
    QFile file(m_path);
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot read the token file %1: %2").arg(m_path, file.errorString());
            return false;
        }
        m_token = file.readAll().trimmed();
        m_stamp = Credentials::fileStamp(m_path);
        // Heal permissions someone loosened.
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
        if (m_token.size() >= 22) // 128 bits in base64
            return true;
    }
    lock.unlock();
    return rotate(error);
}

bool TokenStore::isOverridden() const
{
    const QMutexLocker lock(&m_mutex);
    return !m_override.isEmpty();
}

bool TokenStore::refreshLocked()
{
    if (!m_override.isEmpty())
        return false;
    const Credentials::FileStamp stamp = Credentials::fileStamp(m_path);
    if (!stamp.exists || stamp == m_stamp)
        return false;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray token = file.readAll().trimmed();
    m_stamp = stamp;
    if (token.size() < 22 || token == m_token)
        return false;
    m_token = token;
    return true;
}

QByteArray TokenStore::currentLocked() const
{
    return m_override.isEmpty() ? m_token : m_override;
}

QByteArray TokenStore::token()
{
    QMutexLocker lock(&m_mutex);
    const bool changed = refreshLocked();
    const QByteArray current = currentLocked();
    lock.unlock();
    if (changed)
        Q_EMIT rotated();
    return current;
}

bool TokenStore::matches(const QByteArray &candidate)
{
    QMutexLocker lock(&m_mutex);
    const bool changed = refreshLocked();
    const QByteArray current = currentLocked();
    if (changed) {
        lock.unlock();
        Q_EMIT rotated();
        lock.relock();
    }
    if (current.isEmpty())
        return false;
    // What the comparison needs of the token is prepared once per token, not per request. (This
    // compares the stored token with its previous value, never with the candidate.)
    if (current != m_preparedFor) {
        m_preparedFor = current;
        const bool fits = current.size() <= Credentials::PaddedSecretSize;
        m_padded = fits ? Credentials::paddedSecret(current) : QByteArray();
        m_digest = fits ? QByteArray() : QCryptographicHash::hash(current, QCryptographicHash::Sha256);
    }
    // Constant time either way; the padded comparison costs a sixth of hashing the candidate.
    if (!m_padded.isEmpty())
        return Credentials::paddedEquals(candidate, m_padded, current.size());
    return Credentials::digestsEqual(QCryptographicHash::hash(candidate, QCryptographicHash::Sha256), m_digest);
}

bool TokenStore::rotate(QString *error)
{
    QMutexLocker lock(&m_mutex);
    bool changed = false;
    const bool ok = rotateLocked(error, &changed);
    lock.unlock();
    if (changed)
        Q_EMIT rotated();
    return ok;
}

bool TokenStore::rotateLocked(QString *error, bool *changed)
{
    if (!m_override.isEmpty()) {
        if (error)
            *error = tr("The token is set by CORRAL_TOKEN; change that variable instead.");
        return false;
    }
    const QByteArray token = Credentials::randomSecret(32);
    if (!Credentials::writePrivateFile(m_path, token + '\n', error))
        return false;
    *changed = !m_token.isEmpty();
    m_token = token;
    m_stamp = Credentials::fileStamp(m_path);
    return true;
}

} // namespace Corral
