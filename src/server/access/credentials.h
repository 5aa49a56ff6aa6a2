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

/// Compares two digests of the same kind (whose length is public) in time that does not depend
/// on where they differ. For a secret kept as a digest: hash the candidate once, compare here.
bool digestsEqual(const QByteArray &a, const QByteArray &b);

/// SHA-256 as lowercase hex.
QByteArray sha256Hex(const QByteArray &data);

/// Writes @p data to @p path atomically (QSaveFile) with mode 0600 from the start.
bool writePrivateFile(const QString &path, const QByteArray &data, QString *error);

/// Creates @p path if needed and restricts it to its owner (0700).
bool preparePrivateDir(const QString &path, QString *error);

} // namespace Corral::Credentials
