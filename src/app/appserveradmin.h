// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/serveradmin.h"

namespace Corral {

class ServerHost;

/// ServerAdmin over the server's access-control classes, for the Preferences dialog. Runs on
/// the GUI thread while the server thread uses the same stores: only their thread-safe calls
/// are made here (see ServerHost).
class AppServerAdmin final : public ServerAdmin
{
public:
    explicit AppServerAdmin(ServerHost *host);

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
    ServerHost *m_host;
};

} // namespace Corral
