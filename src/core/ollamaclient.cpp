// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamaclient.h"

#include "core/chatreply.h"
#include "core/modelinfo.h"
#include "core/ollamacall.h"
#include "core/ollamaconnection.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corral {

OllamaClient::OllamaClient(OllamaConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    qRegisterMetaType<Corral::OllamaFailure>();
    qRegisterMetaType<Corral::ModelInfo>();
}

void OllamaClient::listModels()
{
    OllamaCall *call = m_connection->get("/api/tags");
    connect(call, &OllamaCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->failure().isFailure()) {
            Q_EMIT modelsFailed(call->failure());
            return;
        }
        const QList<ModelInfo> models = ModelInfo::listFromTags(call->readAll());
        Q_EMIT modelsListed(models);
    });
}

void OllamaClient::checkVersion()
{
    OllamaCall *call = m_connection->get("/api/version");
    connect(call, &OllamaCall::finished, this, [this, call] {
        call->deleteLater();
        if (call->failure().isFailure()) {
            Q_EMIT versionFailed(call->failure());
            return;
        }
        const QString version = QJsonDocument::fromJson(call->readAll()).object().value(QStringLiteral("version")).toString();
        if (call->status() != 200 || version.isEmpty()) {
            OllamaFailure failure;
            failure.kind = OllamaFailure::Kind::Unreachable;
            failure.url = call->url();
            failure.reason = tr("the server at this address answered, but it is not Ollama (HTTP status %1)").arg(call->status());
            Q_EMIT versionFailed(failure);
            return;
        }
        Q_EMIT versionChecked(version);
    });
}

ChatReply *OllamaClient::chat(const QString &model, const QJsonArray &messages, const QJsonObject &options,
                              const QJsonValue &think)
{
    QJsonObject body{{QStringLiteral("model"), model}, {QStringLiteral("messages"), messages}, {QStringLiteral("stream"), true}};
    if (!options.isEmpty())
        body.insert(QStringLiteral("options"), options);
    if (!think.isUndefined())
        body.insert(QStringLiteral("think"), think);
    OllamaCall *call = m_connection->postJson("/api/chat", QJsonDocument(body).toJson(QJsonDocument::Compact));
    return new ChatReply(call, this);
}

void OllamaClient::fetchCapabilities(const QString &model)
{
    OllamaCall *call = m_connection->postJson("/api/show", QJsonDocument(QJsonObject{{QStringLiteral("model"), model}})
                                                               .toJson(QJsonDocument::Compact));
    connect(call, &OllamaCall::finished, this, [this, model, call] {
        call->deleteLater();
        QStringList capabilities;
        if (!call->failure().isFailure() && call->status() == 200) {
            const QJsonArray list = QJsonDocument::fromJson(call->readAll()).object().value(QStringLiteral("capabilities")).toArray();
            for (const QJsonValue &value : list)
                capabilities.append(value.toString());
        }
        Q_EMIT capabilitiesFetched(model, capabilities);
    });
}

} // namespace Corral
