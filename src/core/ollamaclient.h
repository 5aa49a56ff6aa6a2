// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ollamaconnection.h"
#include "ollamafailure.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Corral {

class OllamaCall;
class OllamaConnection;

/// One model as /api/tags describes it.
struct ModelInfo
{
    QString name;
    qint64 size = 0;
    QString family;
    QString parameterSize;
    QString quantization;
    QString modifiedAt;

    /// One entry of /api/tags' "models".
    static ModelInfo fromJson(const QJsonObject &model);
    /// All entries of an /api/tags answer.
    static QList<ModelInfo> listFromTags(const QByteArray &tagsJson);
};

/**
 * Splits an NDJSON byte stream into JSON objects: pieces may end mid-line, the tail waits for
 * the rest. One QJsonDocument per complete line.
 */
class NdjsonParser final
{
public:
    /// Adds @p data and returns the objects of every line it completed.
    QList<QJsonObject> feed(const QByteArray &data);
    /// What is left without a newline (a last line some servers do not terminate).
    QList<QJsonObject> finish();

private:
    QByteArray m_tail;
};

/// A streamed answer from /api/chat.
class ChatReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatReply)

public:
    ~ChatReply() override;
    QString content() const { return m_content; }
    QString thinking() const { return m_thinking; }
    /// The tool calls of the answer so far (Ollama's message.tool_calls, every line's in order).
    QJsonArray toolCalls() const { return m_toolCalls; }
    bool isFinished() const { return m_finished; }
    bool wasStopped() const { return m_stopped; }
    /// Ollama's own error ({"error": ...}) or the connection failure, empty when it went well.
    QString errorText() const { return m_error; }
    const OllamaFailure &failure() const { return m_failure; }
    QJsonObject finalStats() const { return m_stats; }

    /// Stop: the request to Ollama is aborted so it stops generating; the partial answer stays.
    void abort();

Q_SIGNALS:
    void contentDelta(const QString &text);
    void thinkingDelta(const QString &text);
    void finished();

private:
    friend class OllamaClient;
    explicit ChatReply(OllamaCall *call, QObject *parent);
    void onData();
    void onFinished();
    void handle(const QJsonObject &line);

    OllamaCall *m_call;
    NdjsonParser m_parser;
    QString m_content;
    QString m_thinking;
    QJsonArray m_toolCalls;
    QString m_error;
    OllamaFailure m_failure;
    QJsonObject m_stats;
    bool m_finished = false;
    bool m_stopped = false;
};

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
    QPointer<OllamaConnection> m_connection;
};

/**
 * Watches whether Ollama answers: checks /api/version now, then every 30 s while it does and
 * every 5 s while it does not, and at once when the URL changes.
 */
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    enum class State { Checking, Connected, Failed };
    Q_ENUM(State)

    explicit ConnectionMonitor(OllamaClient *client, QObject *parent = nullptr);
    void setIntervals(int connectedMs, int failedMs);
    State state() const { return m_state; }
    QString version() const { return m_version; }
    const OllamaFailure &failure() const { return m_failure; }

public Q_SLOTS:
    void checkNow();

Q_SIGNALS:
    void stateChanged(Corral::ConnectionMonitor::State state);

private:
    void setState(State state);

    OllamaClient *m_client;
    QTimer m_timer;
    State m_state = State::Checking;
    QString m_version;
    OllamaFailure m_failure;
    int m_connectedMs = 30000;
    int m_failedMs = 5000;
    bool m_inFlight = false;
};

} // namespace Corral

Q_DECLARE_METATYPE(Corral::ModelInfo)
