// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/modelinfo.h"
#include "core/ollamaconnection.h"
#include "core/ollamafailure.h"
#include "core/ollamaservers.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>


namespace Corral {

class ChatReply;


/**
 * The window's view of Ollama, on top of the shared OllamaConnection (the same layer the proxy
 * uses; the window never calls its own local server).
 */
class OllamaClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaClient)

public:
    explicit OllamaClient(OllamaConnection *connection, QObject *parent = nullptr);

    OllamaConnection *connection() const { return m_connection; }
    /// Several Ollama servers: models are listed from all of them (each with its servers),
    /// the version is the lowest, and a chat goes to a server that has its model, the least
    /// busy. With one server (or none set) everything goes to connection(), as before.
    void setServers(OllamaServers *servers) { m_servers = servers; }
    OllamaServers *servers() const { return m_servers; }
    /// Where a request for @p model goes.
    OllamaConnection *connectionFor(const QString &model) const;
    void listModels();
    void checkVersion();
    /// Starts a streamed chat. @p messages as Ollama takes them ({role, content, images}).
    /// Streams a chat answer. @p think, when defined, is sent as Ollama's `think`: true/false,
    /// or "low"/"medium"/"high" for models that take levels (gpt-oss).
    ChatReply *chat(const QString &model, const QJsonArray &messages, const QJsonObject &options = {},
                    const QJsonValue &think = QJsonValue(QJsonValue::Undefined));
    /// Asks /api/show for @p model's capabilities ("completion", "tools", "thinking", ...);
    /// capabilitiesFetched() answers (with an empty list on failure).
    void fetchCapabilities(const QString &model);

Q_SIGNALS:
    void modelsListed(const QList<Corral::ModelInfo> &models);
    void modelsFailed(const Corral::OllamaFailure &failure);
    void versionChecked(const QString &version);
    void versionFailed(const Corral::OllamaFailure &failure);
    void capabilitiesFetched(const QString &model, const QStringList &capabilities);

private:
    struct Answer
    {
        int server = -1;
        int status = 0;
        QByteArray body;
        OllamaFailure failure;
    };
    /// GET @p path from every enabled server; @p done gets every answer, in configured order.
    void fromEach(const QByteArray &path, std::function<void(const QList<Answer> &)> done);
    bool isMulti() const;

    QPointer<OllamaConnection> m_connection;
    QPointer<OllamaServers> m_servers;
};

} // namespace Corral
