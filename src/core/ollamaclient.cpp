// SPDX-License-Identifier: GPL-3.0-or-later
#include "ollamaclient.h"

#include "ollamaconnection.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corral {

ModelInfo ModelInfo::fromJson(const QJsonObject &model)
{
    const QJsonObject details = model.value(QStringLiteral("details")).toObject();
    return {model.value(QStringLiteral("name")).toString(), model.value(QStringLiteral("size")).toInteger(),
            details.value(QStringLiteral("family")).toString(), details.value(QStringLiteral("parameter_size")).toString(),
            details.value(QStringLiteral("quantization_level")).toString(), model.value(QStringLiteral("modified_at")).toString()};
}

QList<ModelInfo> ModelInfo::listFromTags(const QByteArray &tagsJson)
{
    QList<ModelInfo> models;
    const QJsonArray array = QJsonDocument::fromJson(tagsJson).object().value(QStringLiteral("models")).toArray();
    for (const QJsonValue &value : array)
        models.append(fromJson(value.toObject()));
    return models;
}

QList<QJsonObject> NdjsonParser::feed(const QByteArray &data)
{
    m_tail += data;
    QList<QJsonObject> objects;
    qsizetype start = 0;
    for (qsizetype end = m_tail.indexOf('\n'); end >= 0; end = m_tail.indexOf('\n', start)) {
        const QByteArray line = m_tail.mid(start, end - start).trimmed();
        start = end + 1;
        if (!line.isEmpty()) {
            const QJsonDocument document = QJsonDocument::fromJson(line);
            if (document.isObject())
                objects.append(document.object());
        }
    }
    m_tail.remove(0, start);
    return objects;
}

QList<QJsonObject> NdjsonParser::finish()
{
    QList<QJsonObject> objects = feed("\n");
    m_tail.clear();
    return objects;
}

// --- ChatReply ----------------------------------------------------------------------------------

ChatReply::ChatReply(OllamaCall *call, QObject *parent)
    : QObject(parent)
    , m_call(call)
{
    call->setParent(this);
    connect(call, &OllamaCall::dataAvailable, this, &ChatReply::onData);
    connect(call, &OllamaCall::finished, this, &ChatReply::onFinished);
}

ChatReply::~ChatReply() = default;

void ChatReply::abort()
{
    if (m_finished)
        return;
    m_stopped = true;
    m_call->abort();
}

void ChatReply::handle(const QJsonObject &line)
{
    if (line.contains(QStringLiteral("error"))) {
        m_error = line.value(QStringLiteral("error")).toString();
        return;
    }
    const QJsonObject message = line.value(QStringLiteral("message")).toObject();
    const QString thinking = message.value(QStringLiteral("thinking")).toString();
    if (!thinking.isEmpty()) {
        m_thinking += thinking;
        Q_EMIT thinkingDelta(thinking);
    }
    const QString content = message.value(QStringLiteral("content")).toString();
    if (!content.isEmpty()) {
        m_content += content;
        Q_EMIT contentDelta(content);
    }
    // Ollama sends a call whole, on one line (several lines may each carry some).
    const QJsonArray calls = message.value(QStringLiteral("tool_calls")).toArray();
    for (const QJsonValue &call : calls)
        m_toolCalls.append(call);
    if (line.value(QStringLiteral("done")).toBool())
        m_stats = line;
}

void ChatReply::onData()
{
    const QByteArray data = m_call->readAll();
    if (m_call->status() >= 400) {
        m_error += QString::fromUtf8(data); // collected whole below
        return;
    }
    const auto lines = m_parser.feed(data);
    for (const QJsonObject &line : lines)
        handle(line);
}

void ChatReply::onFinished()
{
    if (m_call->status() >= 400) {
        // Ollama's own error object, e.g. {"error":"model 'x' not found"}.
        const QJsonObject body = QJsonDocument::fromJson(m_error.toUtf8()).object();
        m_error = body.value(QStringLiteral("error")).toString(m_error.trimmed());
        if (m_error.isEmpty())
            m_error = tr("Ollama answered with status %1.").arg(m_call->status());
    } else {
        const auto lines = m_parser.finish();
        for (const QJsonObject &line : lines)
            handle(line);
    }
    m_failure = m_call->failure();
    if (m_failure.isFailure() && m_failure.kind != OllamaFailure::Kind::Cancelled && m_error.isEmpty())
        m_error = m_failure.message();
    m_finished = true;
    Q_EMIT finished();
}

// --- OllamaClient -------------------------------------------------------------------------------

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

// --- ConnectionMonitor --------------------------------------------------------------------------

ConnectionMonitor::ConnectionMonitor(OllamaClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::checkNow);
    connect(client, &OllamaClient::versionChecked, this, [this](const QString &version) {
        m_inFlight = false;
        m_version = version;
        m_failure = OllamaFailure();
        setState(State::Connected);
        m_timer.start(m_connectedMs);
    });
    connect(client, &OllamaClient::versionFailed, this, [this](const OllamaFailure &failure) {
        m_inFlight = false;
        m_failure = failure;
        setState(State::Failed);
        m_timer.start(m_failedMs);
    });
    connect(client->connection(), &OllamaConnection::baseUrlChanged, this, [this] {
        setState(State::Checking);
        checkNow();
    });
}

void ConnectionMonitor::setIntervals(int connectedMs, int failedMs)
{
    m_connectedMs = connectedMs;
    m_failedMs = failedMs;
}

void ConnectionMonitor::checkNow()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_client->checkVersion();
}

void ConnectionMonitor::setState(State state)
{
    // Failures are re-announced, since the reason or the URL may have changed.
    if (state == m_state && state != State::Failed)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Corral
