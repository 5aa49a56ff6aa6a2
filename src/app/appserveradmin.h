// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/serveradmin.h"

namespace Corral {

class AccessControl;
class ApiKeyStore;
class LocalServer;
class TokenStore;

/// ServerAdmin over the server's access-control classes, for the Preferences dialog.
class AppServerAdmin final : public ServerAdmin
{
public:
    AppServerAdmin(TokenStore *tokens, ApiKeyStore *keys, AccessControl *access, LocalServer *server);

    QByteArray ownerToken() override;
    bool rotateToken(QString *error) override;
    QUrl browserLink() override;
    QList<ApiKey> apiKeys() override;
    QByteArray createApiKey(const QString &name, bool fullScope, bool allowCloud, const ApiKeyLimits &limits,
                            QString *error) override;
    bool setApiKeyLimits(const QString &name, const ApiKeyLimits &limits, QString *error) override;
    bool revokeApiKey(const QString &name, QString *error) override;
    QList<Session> sessions() override;
    void endSession(const QByteArray &id) override;

private:
    TokenStore *m_tokens;
    ApiKeyStore *m_keys;
    AccessControl *m_access;
    LocalServer *m_server;
};

} // namespace Corral
