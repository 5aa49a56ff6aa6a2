// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/appserveradmin.h"

#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/tokenstore.h"
#include "server/localserver.h"

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

AppServerAdmin::AppServerAdmin(TokenStore *tokens, ApiKeyStore *keys, AccessControl *access, LocalServer *server)
    : m_tokens(tokens)
    , m_keys(keys)
    , m_access(access)
    , m_server(server)
{
}

QByteArray AppServerAdmin::ownerToken()
{
    return m_tokens->token();
}

bool AppServerAdmin::rotateToken(QString *error)
{
    return m_tokens->rotate(error);
}

QUrl AppServerAdmin::browserLink()
{
    QUrl link = m_server->url();
    link.setQuery(QStringLiteral("code=") + QString::fromLatin1(m_access->mintSignInCode()));
    return link;
}

QList<ServerAdmin::ApiKey> AppServerAdmin::apiKeys()
{
    QList<ApiKey> list;
    for (const ApiKeyStore::Key &key : m_keys->list())
        list.append({key.name, key.scope == ApiKeyStore::Scope::Full, key.created, key.allowCloud,
                     {key.limits.models, key.limits.maxInFlight, key.limits.expires}});
    return list;
}

QByteArray AppServerAdmin::createApiKey(const QString &name, bool fullScope, bool allowCloud, const ApiKeyLimits &limits,
                                        QString *error)
{
    return m_keys->create(name, fullScope ? ApiKeyStore::Scope::Full : ApiKeyStore::Scope::Chat, error, allowCloud && !fullScope,
                          keyLimits(limits));
}

bool AppServerAdmin::setApiKeyLimits(const QString &name, const ApiKeyLimits &limits, QString *error)
{
    return m_keys->setLimits(name, keyLimits(limits), error);
}

bool AppServerAdmin::revokeApiKey(const QString &name, QString *error)
{
    return m_keys->revoke(name, error);
}

QList<ServerAdmin::Session> AppServerAdmin::sessions()
{
    QList<Session> list;
    for (const SessionStore::Session &session : m_access->sessions().list())
        list.append({session.id, session.peer, session.userAgent, QDateTime::fromMSecsSinceEpoch(session.lastSeenMs)});
    return list;
}

void AppServerAdmin::endSession(const QByteArray &id)
{
    m_access->sessions().end(id);
}

} // namespace Corral
