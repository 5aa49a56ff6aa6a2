// SPDX-License-Identifier: GPL-3.0-or-later
#include "credentials.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>

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

QByteArray paddedSecret(const QByteArray &secret)
{
    QByteArray padded(PaddedSecretSize, '\0');
    std::copy_n(secret.constData(), qMin(secret.size(), PaddedSecretSize), padded.data());
    return padded;
}

bool paddedEquals(const QByteArray &candidate, const QByteArray &paddedSecret, qsizetype secretSize)
{
    Q_ASSERT(paddedSecret.size() == PaddedSecretSize && secretSize <= PaddedSecretSize);
    if (candidate.size() > PaddedSecretSize)
        return false; // longer than any secret kept this way (only the candidate's own length decides)
    char padded[PaddedSecretSize] = {};
    std::copy_n(candidate.constData(), candidate.size(), padded);
    unsigned char diff = candidate.size() == secretSize ? 0 : 1;
    for (qsizetype i = 0; i < PaddedSecretSize; ++i)
        diff |= static_cast<unsigned char>(padded[i] ^ paddedSecret[i]);
    return diff == 0;
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

FileStamp fileStamp(const QString &path)
{
    FileStamp stamp;
    struct stat info;
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return stamp;
    stamp.exists = true;
    stamp.inode = qint64(info.st_ino);
    stamp.size = qint64(info.st_size);
    stamp.modifiedNs = qint64(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    stamp.changedNs = qint64(info.st_ctim.tv_sec) * 1000000000 + info.st_ctim.tv_nsec;
    return stamp;
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
