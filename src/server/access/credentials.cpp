// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/credentials.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QSaveFile>

#include <algorithm>

#include <cerrno>

#include <sys/stat.h>
#include <unistd.h>

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

DirCheck preparePrivateDir(const QString &path, QString *error)
{
    const auto refuse = [error](const QString &message) {
        if (error)
            *error = message;
        return DirCheck::Unsafe;
    };
    const QByteArray native = QFile::encodeName(path);
    struct stat info;
    if (::lstat(native.constData(), &info) != 0) {
        // New: the parents as the user's umask makes them, the directory itself 0700 from the
        // start (no moment in which another user could open it).
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (::mkdir(native.constData(), 0700) != 0 && errno != EEXIST) {
            if (error)
                *error = QCoreApplication::translate("Corral::Credentials", "Cannot create the directory %1.").arg(path);
            return DirCheck::Failed;
        }
        if (::lstat(native.constData(), &info) != 0)
            return DirCheck::Failed;
    }
    // The token, the keys and the chats live here: a directory another user can replace or
    // write (a link they point elsewhere, their own directory, a shared one) would hand them over.
    if (S_ISLNK(info.st_mode))
        return refuse(QCoreApplication::translate("Corral::Credentials",
                                                  "The data directory %1 is a symbolic link, which Corral does not follow. "
                                                  "Use the directory it points to with --data-dir or CORRAL_DATA_DIR.")
                          .arg(path));
    if (!S_ISDIR(info.st_mode))
        return refuse(QCoreApplication::translate("Corral::Credentials",
                                                  "The data directory %1 is not a directory. Remove it or choose another "
                                                  "one with --data-dir or CORRAL_DATA_DIR.")
                          .arg(path));
    if (info.st_uid != ::geteuid())
        return refuse(QCoreApplication::translate("Corral::Credentials",
                                                  "The data directory %1 belongs to another user (uid %2). Use a directory "
                                                  "of your own with --data-dir or CORRAL_DATA_DIR.")
                          .arg(path)
                          .arg(info.st_uid));
    if (info.st_mode & (S_IWGRP | S_IWOTH))
        return refuse(QCoreApplication::translate("Corral::Credentials",
                                                  "The data directory %1 can be written by other users (mode %2). Run "
                                                  "\"chmod 700 %1\" or choose another one with --data-dir or CORRAL_DATA_DIR.")
                          .arg(path, QString::number(info.st_mode & 07777, 8)));
    // Readable by others is healed, as it always was.
    if ((info.st_mode & 0777) != 0700 && ::chmod(native.constData(), 0700) != 0)
        return DirCheck::Failed;
    return DirCheck::Ok;
}

} // namespace Corral::Credentials
