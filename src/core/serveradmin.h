// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Corral {

/**
 * What the Preferences dialog may do with the local server's credentials, without the window
 * depending on the server library: the app implements it over the access-control classes.
 */
class ServerAdmin
{
public:
    /// What a key may do beyond its scope (the server's KeyLimits): every part optional.
    struct ApiKeyLimits
    {
        QStringList models;  ///< names or name:* patterns; empty: every model
        int maxInFlight = 0; ///< 0: no limit
        QDateTime expires;   ///< invalid: never
    };
    struct ApiKey
    {
        QString name;
        bool fullScope = false;
        QDateTime created;
        bool allowCloud = false; ///< a chat key allowed cloud models at creation
        ApiKeyLimits limits;
    };
    struct Session
    {
        QByteArray id;
        QString peer;
        QString userAgent;
        QDateTime lastSeen;
    };

    virtual ~ServerAdmin() = default;
    virtual QByteArray ownerToken() = 0;
    /// Replaces the owner token; every browser session ends.
    virtual bool rotateToken(QString *error) = 0;
    /// A one-time sign-in link, valid 60 seconds.
    virtual QUrl browserLink() = 0;
    virtual QList<ApiKey> apiKeys() = 0;
    /// The new key, shown once; empty on failure.
    /// @p allowCloud: a chat key that may use cloud models whatever server/keysMayUseCloudModels says.
    virtual QByteArray createApiKey(const QString &name, bool fullScope, bool allowCloud, const ApiKeyLimits &limits,
                                    QString *error) = 0;
    /// Replaces a key's limits; they apply from its next request.
    virtual bool setApiKeyLimits(const QString &name, const ApiKeyLimits &limits, QString *error) = 0;
    virtual bool revokeApiKey(const QString &name, QString *error) = 0;
    virtual QList<Session> sessions() = 0;
    virtual void endSession(const QByteArray &id) = 0;
};

} // namespace Corral
