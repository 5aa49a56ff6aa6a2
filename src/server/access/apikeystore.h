// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "credentials.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

namespace Corral {

/**
 * Named, revocable API keys for other tools, each with a scope:
 *  - full: everything the owner token can do on /ollama,
 *  - chat: chat, generate, embeddings, model lists and the OpenAI-compatible routes, but no model
 *    management (see ScopePolicy).
 * Only SHA-256 hashes are stored (<data dir>/api-keys.json, mode 0600); a key is shown once, at
 * creation. Changes made by another process (the command line) are picked up on the next check.
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
    };

    explicit ApiKeyStore(const QString &dataDir, QObject *parent = nullptr);

    /// Creates a key; returns the plain key (shown once) or an empty array and @p error.
    QByteArray create(const QString &name, Scope scope, QString *error);
    bool revoke(const QString &name, QString *error);
    QList<Key> list();
    /// The key matching @p presented, compared in constant time.
    std::optional<Key> verify(const QByteArray &presented);

    static QString scopeName(Scope scope);
    static std::optional<Scope> parseScope(const QString &text);

Q_SIGNALS:
    void keysChanged();

private:
    void refresh();
    bool save(QString *error);

    QString m_path;
    QList<Key> m_keys;
    Credentials::FileStamp m_stamp;
};

} // namespace Corral
