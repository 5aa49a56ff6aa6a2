// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamaclient.h"

#include "core/chatreply.h"
#include "core/modelinfo.h"
#include "core/ollamacall.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVersionNumber>

namespace Corral {

OllamaClient::OllamaClient(OllamaConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    qRegisterMetaType<Corral::OllamaFailure>();
    qRegisterMetaType<Corral::ModelInfo>();
}

bool OllamaClient::isMulti() const
{
    return m_servers && m_servers->isMulti();
}

OllamaConnection *OllamaClient::connectionFor(const QString &model) const
{
    if (!isMulti())
        return m_connection;
    const QList<int> candidates = m_servers->candidatesFor(model);
    OllamaConnection *chosen = candidates.isEmpty() ? nullptr : m_servers->connection(candidates.first());
    return chosen ? chosen : m_connection.data();
}

void OllamaClient::fromEach(const QByteArray &path, std::function<void(const QList<Answer> &)> done)
{
    struct Pending
    {
        QList<Answer> answers;
        int left = 0;
        std::function<void(const QList<Answer> &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    const QList<int> servers = m_servers->enabledIndexes();
    pending->answers.resize(servers.size());
    pending->left = int(servers.size());
    for (qsizetype i = 0; i < servers.size(); ++i) {
        OllamaConnection *connection = m_servers->connection(servers.at(i));
        OllamaCall *call = connection->get(path);
        pending->answers[i].server = servers.at(i);
        connect(call, &OllamaCall::finished, this, [this, call, connection, pending, i] {
            call->deleteLater();
            Answer &answer = pending->answers[i];
            answer.failure = call->failure();
            answer.status = call->status();
            answer.body = call->readAll();
            if (answer.failure.isFailure() && m_servers)
                m_servers->reportFailure(connection, answer.failure);
            else if (m_servers)
                m_servers->reportSuccess(connection);
            if (--pending->left == 0)
                pending->done(pending->answers);
        });
    }
}

void OllamaClient::listModels()
{
    if (isMulti()) {
        fromEach("/api/tags", [this](const QList<Answer> &answers) {
            QList<ModelInfo> merged;
            const OllamaFailure *failure = nullptr;
            bool any = false;
            for (const Answer &answer : answers) {
                if (answer.failure.isFailure()) {
                    failure = failure ? failure : &answer.failure;
                    continue;
                }
                any = true;
                const QString server = m_servers ? m_servers->displayName(answer.server) : QString();
                for (ModelInfo model : ModelInfo::listFromTags(answer.body)) {
                    const auto known = std::find_if(merged.begin(), merged.end(), [&model](const ModelInfo &m) {
                        return OllamaServers::normalizedModel(m.name) == OllamaServers::normalizedModel(model.name);
                    });
                    if (known != merged.end()) {
                        known->servers.append(server);
                    } else {
                        model.servers = {server};
                        merged.append(model);
                    }
                }
            }
            if (!any && failure)
                Q_EMIT modelsFailed(*failure);
            else
                Q_EMIT modelsListed(merged);
        });
        return;
    }
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
    if (isMulti()) {
        fromEach("/api/version", [this](const QList<Answer> &answers) {
            QString lowest;
            for (const Answer &answer : answers) {
                const QString version =
                    QJsonDocument::fromJson(answer.body).object().value(QStringLiteral("version")).toString();
                if (answer.failure.isFailure() || version.isEmpty())
                    continue;
                if (lowest.isEmpty() || QVersionNumber::fromString(version) < QVersionNumber::fromString(lowest))
                    lowest = version;
            }
            if (!lowest.isEmpty()) {
                Q_EMIT versionChecked(lowest);
                return;
            }
            // None answers: the first one's failure, which names its URL.
            for (const Answer &answer : answers) {
                OllamaFailure failure = answer.failure;
                if (!failure.isFailure()) {
                    failure.kind = OllamaFailure::Kind::Unreachable;
                    failure.reason = tr("the server at this address answered, but it is not Ollama (HTTP status %1)")
                                         .arg(answer.status);
                }
                if (failure.url.isEmpty() && m_servers)
                    failure.url = m_servers->config(answer.server).url;
                Q_EMIT versionFailed(failure);
                return;
            }
            Q_EMIT versionFailed(OllamaFailure{OllamaFailure::Kind::Unreachable, {}, tr("no Ollama server is enabled"), 0});
        });
        return;
    }
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
    OllamaCall *call = connectionFor(model)->postJson("/api/chat", QJsonDocument(body).toJson(QJsonDocument::Compact));
    return new ChatReply(call, this);
}

void OllamaClient::fetchCapabilities(const QString &model)
{
    OllamaCall *call = connectionFor(model)->postJson("/api/show", QJsonDocument(QJsonObject{{QStringLiteral("model"), model}})
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
