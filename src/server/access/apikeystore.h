// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/access/credentials.h"
#include "server/access/keylimits.h"

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <optional>

namespace Corral {

/**
 * Named, revocable API keys for other tools, each with a scope:
 *  - full: everything the owner token can do on /ollama,
 *  - chat: chat, generate, embeddings, model lists and the OpenAI-compatible routes, but no model
 *    management (see ScopePolicy), and cloud models only if allowed (Key::mayUseCloudModels).
 * Only SHA-256 hashes are stored (<data dir>/api-keys.json, mode 0600); a key is shown once, at
 * creation. Changes made by another process (the command line) are picked up on the next check.
 *
 * Thread-safe: the server thread verifies keys while the window's Preferences creates and
 * revokes them. One mutex, held for the check or the file write; a key revoked in one thread is
 * refused by the next verify() in any other. keysChanged() is emitted after it is released.
 */
class ApiKeyStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiKeyStore)

public:
    enum class Scope { Full, Chat };

    struct Key
    {
        QString name;
        Scope scope = Scope::Chat;
        QByteArray hash; ///< hex SHA-256 of the key
        QDateTime created;
        QDateTime lastUsed;
        /// A chat key allowed ollama.com cloud models at creation (--allow-cloud). Keys stored
        /// before this existed read as false: the default of their scope.
        bool allowCloud = false;
        /// Allowed models, requests in flight, expiry (KeyLimits). Keys stored before limits
        /// existed read as having none.
        KeyLimits limits;

        /// Full keys may use cloud models (they manage models already); chat keys only when
        /// allowed at creation or when @p chatKeysMayUseCloud (server/keysMayUseCloudModels).
        bool mayUseCloudModels(bool chatKeysMayUseCloud) const
        {
            return scope == Scope::Full || allowCloud || chatKeysMayUseCloud;
        }
    };

    explicit ApiKeyStore(const QString &dataDir, QObject *parent = nullptr);

    /// Creates a key; returns the plain key (shown once) or an empty array and @p error.
    /// @p allowCloud lets a chat key use cloud models whatever the setting says.
    QByteArray create(const QString &name, Scope scope, QString *error, bool allowCloud = false,
                      const KeyLimits &limits = {});
    /// Replaces the limits of the key named @p name (they apply from its next request).
    bool setLimits(const QString &name, const KeyLimits &limits, QString *error);
    bool revoke(const QString &name, QString *error);
    QList<Key> list();
    /// The key matching @p presented, compared in constant time (expired keys too: the caller
    /// says why it refuses them).
    std::optional<Key> verify(const QByteArray &presented);

    static QString scopeName(Scope scope);
    static std::optional<Scope> parseScope(const QString &text);

Q_SIGNALS:
    void keysChanged();

private:
    void refresh(); // with m_mutex held
    bool save(QString *error); // with m_mutex held

    QMutex m_mutex;
    QString m_path;
    QList<Key> m_keys;
    Credentials::FileStamp m_stamp;
};

} // namespace Corral
