// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

namespace Corral {

/**
 * What the Preferences dialog may do with the local server's credentials, without the window
 * depending on the server library: the app implements it over the access-control classes.
 */
class ServerAdmin
{
public:
    struct ApiKey
    {
        QString name;
        bool fullScope = false;
        QDateTime created;
        bool allowCloud = false; ///< a chat key allowed cloud models at creation
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
    virtual QByteArray createApiKey(const QString &name, bool fullScope, bool allowCloud, QString *error) = 0;
    virtual bool revokeApiKey(const QString &name, QString *error) = 0;
    virtual QList<Session> sessions() = 0;
    virtual void endSession(const QByteArray &id) = 0;
};

} // namespace Corral
