// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Corral::Credentials {

/// At least 128 random bits (we use 256) from the operating system's CSPRNG, base64url.
QByteArray randomSecret(int bytes = 32);

/// Compares two secrets in time that does not depend on where they differ: both are hashed to
/// SHA-256 first, so the lengths never leak either (OWASP: use constant-time comparison).
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

/// Compares a presented secret with a stored one padded to PaddedSecretSize bytes (see
/// paddedSecret()): always PaddedSecretSize steps, so the time depends on neither the contents nor
/// the lengths of the secrets. Cheaper than hashing both; for secrets that fit.
constexpr qsizetype PaddedSecretSize = 256;
QByteArray paddedSecret(const QByteArray &secret);
bool paddedEquals(const QByteArray &candidate, const QByteArray &paddedSecret, qsizetype secretSize);

/// Compares two digests of the same kind (whose length is public) in time that does not depend
/// on where they differ. For a secret kept as a digest: hash the candidate once, compare here.
bool digestsEqual(const QByteArray &a, const QByteArray &b);

/// What identifies one version of a file another process may replace (corral --rotate-token,
/// --add-key): checked on every request, so it is one stat() and no date conversion.
struct FileStamp
{
    bool exists = false;
    qint64 inode = 0;
    qint64 size = -1;
    qint64 modifiedNs = 0;
    qint64 changedNs = 0;
    bool operator==(const FileStamp &other) const
    {
        return exists == other.exists && inode == other.inode && size == other.size
            && modifiedNs == other.modifiedNs && changedNs == other.changedNs;
    }
};
FileStamp fileStamp(const QString &path);

/// SHA-256 as lowercase hex.
QByteArray sha256Hex(const QByteArray &data);

/// Writes @p data to @p path atomically (QSaveFile) with mode 0600 from the start.
bool writePrivateFile(const QString &path, const QByteArray &data, QString *error);

/// What preparePrivateDir() found.
enum class DirCheck {
    Ok,
    Failed, ///< could not be created or restricted
    Unsafe, ///< a symbolic link, not a directory, another user's, or writable by others: refused
};
/// Creates @p path (0700) if needed, or checks that the existing one is the user's own real
/// directory that no one else can write, and restricts it to its owner (0700).
DirCheck preparePrivateDir(const QString &path, QString *error);

} // namespace Corral::Credentials
