// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/apikeystore.h"

#include "server/access/credentials.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Corral {

ApiKeyStore::ApiKeyStore(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_path(QDir(dataDir).filePath(QStringLiteral("api-keys.json")))
{
    const QMutexLocker lock(&m_mutex);
    refresh();
}

QString ApiKeyStore::scopeName(Scope scope)
{
    return scope == Scope::Full ? QStringLiteral("full") : QStringLiteral("chat");
}

std::optional<ApiKeyStore::Scope> ApiKeyStore::parseScope(const QString &text)
{
    if (text == QLatin1String("full"))
        return Scope::Full;
    if (text == QLatin1String("chat"))
        return Scope::Chat;
    return std::nullopt;
}

void ApiKeyStore::refresh()
{
    const Credentials::FileStamp stamp = Credentials::fileStamp(m_path);
    if (!stamp.exists) {
        m_keys.clear();
        m_stamp = stamp;
        return;
    }
    if (stamp == m_stamp)
        return;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return;
    m_stamp = stamp;
    m_keys.clear();
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("keys")).toArray();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        const auto scope = parseScope(object.value(QStringLiteral("scope")).toString());
        const QByteArray hash = object.value(QStringLiteral("sha256")).toString().toLatin1();
        if (!scope || hash.size() != 64)
            continue;
        m_keys.append({object.value(QStringLiteral("name")).toString(), *scope, hash,
                       QDateTime::fromString(object.value(QStringLiteral("created")).toString(), Qt::ISODate),
                       QDateTime::fromString(object.value(QStringLiteral("last_used")).toString(), Qt::ISODate),
                       object.value(QStringLiteral("allow_cloud")).toBool(), KeyLimits::readFrom(object)});
    }
}

bool ApiKeyStore::save(QString *error)
{
    QJsonArray array;
    for (const Key &key : std::as_const(m_keys)) {
        QJsonObject object{{QStringLiteral("name"), key.name},
                           {QStringLiteral("scope"), scopeName(key.scope)},
                           {QStringLiteral("sha256"), QString::fromLatin1(key.hash)},
                           {QStringLiteral("created"), key.created.toString(Qt::ISODate)},
                           {QStringLiteral("last_used"), key.lastUsed.toString(Qt::ISODate)}};
        if (key.allowCloud)
            object.insert(QStringLiteral("allow_cloud"), true);
        key.limits.writeTo(&object); // only what is set: a key without limits is stored as before
        array.append(object);
    }
    const QByteArray data = QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("keys"), array}}).toJson();
    if (!Credentials::writePrivateFile(m_path, data, error))
        return false;
    m_stamp = Credentials::fileStamp(m_path);
    return true;
}

QByteArray ApiKeyStore::create(const QString &name, Scope scope, QString *error, bool allowCloud, const KeyLimits &limits)
{
    QMutexLocker lock(&m_mutex);
    refresh();
    if (const QString problem = KeyLimits::checkModels(limits.models); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return QByteArray();
    }
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$"));
    if (!valid.match(name).hasMatch()) {
        if (error)
            *error = tr("A key name has 1 to 64 letters, digits, spaces, dots, dashes or underscores.");
        return QByteArray();
    }
    for (const Key &key : std::as_const(m_keys)) {
        if (key.name == name) {
            if (error)
                *error = tr("There is already a key named \"%1\".").arg(name);
            return QByteArray();
        }
    }
    const QByteArray plain = "crl_" + Credentials::randomSecret(32);
    m_keys.append({name, scope, Credentials::sha256Hex(plain), QDateTime::currentDateTimeUtc(), QDateTime(), allowCloud, limits});
    if (!save(error)) {
        m_keys.removeLast();
        return QByteArray();
    }
    lock.unlock();
    Q_EMIT keysChanged();
    return plain;
}

bool ApiKeyStore::setLimits(const QString &name, const KeyLimits &limits, QString *error)
{
    refresh();
    if (const QString problem = KeyLimits::checkModels(limits.models); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return false;
    }
    for (Key &key : m_keys) {
        if (key.name != name)
            continue;
        const KeyLimits before = std::exchange(key.limits, limits);
        if (save(error))
            return true;
        key.limits = before;
        return false;
    }
    if (error)
        *error = tr("There is no key named \"%1\".").arg(name);
    return false;
}

bool ApiKeyStore::revoke(const QString &name, QString *error)
{
    QMutexLocker lock(&m_mutex);
    refresh();
    const qsizetype removed = m_keys.removeIf([&name](const Key &key) { return key.name == name; });
    if (removed == 0) {
        if (error)
            *error = tr("There is no key named \"%1\".").arg(name);
        return false;
    }
    if (!save(error))
        return false;
    lock.unlock();
    Q_EMIT keysChanged();
    return true;
}

QList<ApiKeyStore::Key> ApiKeyStore::list()
{
    const QMutexLocker lock(&m_mutex);
    refresh();
    return m_keys;
}

std::optional<ApiKeyStore::Key> ApiKeyStore::verify(const QByteArray &presented)
{
    if (!presented.startsWith("crl_"))
        return std::nullopt;
    const QByteArray hash = Credentials::sha256Hex(presented);
    const QMutexLocker lock(&m_mutex);
    refresh();
    std::optional<Key> found;
    // Look at every key, so the time taken does not tell which one matched.
    for (Key &key : m_keys) {
        if (Credentials::digestsEqual(hash, key.hash) && !found) {
            key.lastUsed = QDateTime::currentDateTimeUtc();
            found = key;
        }
    }
    return found;
}

} // namespace Corral
