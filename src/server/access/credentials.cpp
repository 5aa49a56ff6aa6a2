// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

#include <sys/stat.h>

namespace Corral::Credentials {

QByteArray randomSecret(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), bytes / int(sizeof(quint32)));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    return digestsEqual(QCryptographicHash::hash(a, QCryptographicHash::Sha256),
                        QCryptographicHash::hash(b, QCryptographicHash::Sha256));
}

bool digestsEqual(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray sha256Hex(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

bool writePrivateFile(const QString &path, const QByteArray &data, QString *error)
{
    // The temporary file QSaveFile writes is created with the process umask: tighten it first.
    const mode_t old = ::umask(077);
    QSaveFile file(path);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(data);
        ok = file.commit();
    }
    ::umask(old);
    if (!ok && error)
        *error = QCoreApplication::translate("Corral::Credentials", "Cannot write %1: %2").arg(path, file.errorString());
    return ok && QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner);
}

bool preparePrivateDir(const QString &path, QString *error)
{
    if (!QDir().mkpath(path)) {
        if (error)
            *error = QCoreApplication::translate("Corral::Credentials", "Cannot create the directory %1.").arg(path);
        return false;
    }
    return QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

} // namespace Corral::Credentials
