// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appserveradmin.h"

#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/tokenstore.h"
#include "server/serverhost.h"

namespace Corral {

namespace {

KeyLimits keyLimits(const ServerAdmin::ApiKeyLimits &limits)
{
    KeyLimits converted;
    converted.models = limits.models;
    converted.maxInFlight = limits.maxInFlight;
    converted.expires = limits.expires;
    return converted;
}

} // namespace

AppServerAdmin::AppServerAdmin(ServerHost *host)
    : m_host(host)
{
}

QByteArray AppServerAdmin::ownerToken()
{
    return m_host->tokens()->token();
}

bool AppServerAdmin::rotateToken(QString *error)
{
    return m_host->tokens()->rotate(error);
}

QUrl AppServerAdmin::browserLink()
{
    QUrl link = m_host->url();
    link.setQuery(QStringLiteral("code=") + QString::fromLatin1(m_host->access()->mintSignInCode()));
    return link;
}

QList<ServerAdmin::ApiKey> AppServerAdmin::apiKeys()
{
    QList<ApiKey> list;
    for (const ApiKeyStore::Key &key : m_host->keys()->list())
        list.append({key.name, key.scope == ApiKeyStore::Scope::Full, key.created, key.allowCloud,
                     {key.limits.models, key.limits.maxInFlight, key.limits.expires}});
    return list;
}

QByteArray AppServerAdmin::createApiKey(const QString &name, bool fullScope, bool allowCloud, const ApiKeyLimits &limits,
                                        QString *error)
{
    return m_host->keys()->create(name, fullScope ? ApiKeyStore::Scope::Full : ApiKeyStore::Scope::Chat, error, allowCloud && !fullScope,
                          keyLimits(limits));
}

bool AppServerAdmin::setApiKeyLimits(const QString &name, const ApiKeyLimits &limits, QString *error)
{
    return m_host->keys()->setLimits(name, keyLimits(limits), error);
}

bool AppServerAdmin::revokeApiKey(const QString &name, QString *error)
{
    return m_host->keys()->revoke(name, error);
}

QList<ServerAdmin::Session> AppServerAdmin::sessions()
{
    QList<Session> list;
    for (const SessionStore::Session &session : m_host->access()->sessions().list())
        list.append({session.id, session.peer, session.userAgent, QDateTime::fromMSecsSinceEpoch(session.lastSeenMs)});
    return list;
}

void AppServerAdmin::endSession(const QByteArray &id)
{
    m_host->access()->sessions().end(id);
}

} // namespace Corral
