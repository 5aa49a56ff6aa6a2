// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "support/fakehttpconnection.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QTcpServer>
#include <QUrl>

#include <optional>

namespace Corral::Test {

/**
 * A fake Ollama for tests and benchmarks: speaks the real HTTP API (see shared/ollama-api.md)
 * on 127.0.0.1 with controllable timing and failures, and records every request it receives.
 */
class FakeOllama final : public QObject
{
    Q_OBJECT

public:
    explicit FakeOllama(QObject *parent = nullptr);
    ~FakeOllama() override;

    bool listen(quint16 port = 0); ///< on 127.0.0.1 only
    /// Stops listening and drops every connection: the port then refuses.
    void close();
    quint16 port() const { return m_port; }
    QUrl url() const;

    void setVersion(const QString &version) { m_version = version; }
    void addModel(const QString &name, qint64 size = 4'000'000'000, const QString &family = QStringLiteral("llama"),
                  const QString &parameterSize = QStringLiteral("8B"), const QString &quantization = QStringLiteral("Q4_K_M"),
                  const QStringList &capabilities = {QStringLiteral("completion")});
    void removeModel(const QString &name);
    QStringList modelNames() const;
    void setLoadedModels(const QStringList &names) { m_loaded = names; }
    void setReplyTokens(const QStringList &tokens) { m_tokens = tokens; }
    void setReplyTokenCount(int count);
    void setThinkingTokens(const QStringList &tokens) { m_thinking = tokens; }
    /// /api/chat answers with these tool calls even to a request that offers no tools (a client
    /// that sends none, like the window, still shows what a model asked for). Empty: off.
    void setReplyToolCalls(const QJsonArray &calls) { m_replyToolCalls = calls; }

    void setHeaderDelayMs(int ms) { m_headerDelayMs = ms; }
    void setTokenDelayMs(int ms) { m_tokenDelayMs = ms; }
    void setStallAfterTokens(int count) { m_stallAfter = count; }
    void setResetAfterTokens(int count) { m_resetAfter = count; }
    /// One-shot: the next API request gets this status and body.
    void setNextError(int status, const QByteArray &body);
    /// One-shot: the next JSON answer announces its full length, sends half and closes.
    void setTruncateNextAnswer(bool on) { m_truncateNext = on; }
    void setPullLayers(int layers, qint64 bytesPerLayer, int stepsPerLayer);
    /// Like real Ollama: a foreign Origin gets 403 with an empty body (on by default).
    void setEnforceOrigin(bool on) { m_enforceOrigin = on; }
    /// Keep only the last @p count requests (default: all). Long benchmark runs need a bound.
    void setRecordLimit(int count) { m_recordLimit = count; }

    QList<RecordedRequest> requests() const { return m_requests; }
    RecordedRequest lastRequest() const { return m_requests.isEmpty() ? RecordedRequest() : m_requests.last(); }
    void clearRequests() { m_requests.clear(); }
    int activeStreams() const { return m_activeStreams; }
    int abortedStreams() const { return m_abortedStreams; }

Q_SIGNALS:
    void requestReceived(const Corral::Test::RecordedRequest &request);
    void tokenSent(int index);
    void streamAborted();
    void streamFinished();
    /// A stream stopped to wait for its reader: over 1 MiB waits unsent in the socket.
    void streamBlocked();

private:
    struct Model
    {
        QString name;
        qint64 size;
        QString family;
        QString parameterSize;
        QString quantization;
        QStringList capabilities;
    };
    class Stream;
    friend class Stream;

    void onRequest(FakeHttpConnection *connection);
    void route(FakeHttpConnection *connection);
    void answerJson(FakeHttpConnection *connection, int status, const QJsonObject &json);
    void answerError(FakeHttpConnection *connection, int status, const QString &message);
    bool originAllowed(const QByteArray &origin) const;
    QJsonObject modelJson(const Model &model, bool running) const;
    void chatOrGenerate(FakeHttpConnection *connection, bool chat);
    void openAiChat(FakeHttpConnection *connection, bool completions);
    void openAiResponses(FakeHttpConnection *connection);
    void openAiModel(FakeHttpConnection *connection, const QString &name);
    void anthropicMessages(FakeHttpConnection *connection);
    /// Answers 404 in OpenAI's shape unless @p name is a known model.
    bool openAiModelKnown(FakeHttpConnection *connection, const QString &name);
    void answerOpenAiError(FakeHttpConnection *connection, int status, const QString &message, const QString &type);
    /// The reply's pieces: JSON matching @p format (a schema, or "json"), else the reply tokens.
    QStringList formattedReply(const QJsonValue &format) const;
    /// The thinking pieces for a request's `think` value, or nullopt (and @p error) if invalid.
    std::optional<QStringList> thinkingFor(const QJsonValue &think, QString *error) const;
    /// Ollama-shaped tool calls ([{function:{name, arguments}}]) for a request offering @p tools.
    static QJsonArray toolCallsFor(const QJsonArray &tools, bool answered);
    /// A value matching a simple JSON schema (objects, arrays, strings, numbers, booleans, enums).
    static QJsonValue exampleFor(const QJsonObject &schema);
    static QJsonObject merged(QJsonObject a, const QJsonObject &b);
    void pull(FakeHttpConnection *connection);
    void startStream(FakeHttpConnection *connection, const QByteArray &contentType, QList<QByteArray> lines,
                     int tokenLines, bool countTokens);
    QStringList replyTokens() const;

    QTcpServer m_server;
    quint16 m_port = 0;
    QList<FakeHttpConnection *> m_connections;
    QList<RecordedRequest> m_requests;
    int m_recordLimit = -1;
    QList<Model> m_models;
    QStringList m_loaded;
    QString m_version = QStringLiteral("0.12.6");
    QStringList m_tokens;
    QStringList m_thinking;
    QJsonArray m_replyToolCalls;
    int m_tokenCount = -1;
    int m_headerDelayMs = 0;
    int m_tokenDelayMs = 0;
    int m_stallAfter = -1;
    int m_resetAfter = -1;
    int m_nextErrorStatus = 0;
    QByteArray m_nextErrorBody;
    int m_pullLayers = 2;
    qint64 m_pullBytes = 1000000;
    int m_pullSteps = 4;
    bool m_enforceOrigin = true;
    bool m_truncateNext = false;
    int m_activeStreams = 0;
    int m_abortedStreams = 0;
};

} // namespace Corral::Test
