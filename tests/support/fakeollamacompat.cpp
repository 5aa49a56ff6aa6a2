// SPDX-License-Identifier: GPL-3.0-or-later
// The fake Ollama's OpenAI- and Anthropic-compatible endpoints, and what every family shares:
// tool calls, `format` schemas and `think` levels (shapes from Ollama's openai/ and anthropic/
// middleware and server/routes.go; see shared/ollama-api.md).
#include "support/fakeollama.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corral::Test {

namespace {

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

/// One server-sent event: a `data:` record for OpenAI, `event:` + `data:` for Anthropic and
/// the Responses API.
QByteArray sse(const QJsonObject &data, const QByteArray &event = QByteArray())
{
    const QByteArray record = "data: " + compact(data) + "\n\n";
    return event.isEmpty() ? record : "event: " + event + '\n' + record;
}

QJsonObject usage(int input, int output)
{
    return {{QStringLiteral("input_tokens"), input}, {QStringLiteral("output_tokens"), output}};
}

} // namespace

QJsonObject FakeOllama::merged(QJsonObject a, const QJsonObject &b)
{
    for (auto it = b.begin(); it != b.end(); ++it)
        a.insert(it.key(), it.value());
    return a;
}

QJsonValue FakeOllama::exampleFor(const QJsonObject &schema)
{
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (schema.contains(QStringLiteral("enum")))
        return schema.value(QStringLiteral("enum")).toArray().first();
    if (type == QLatin1String("object") || schema.contains(QStringLiteral("properties"))) {
        QJsonObject object;
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it)
            object.insert(it.key(), exampleFor(it.value().toObject()));
        return object;
    }
    if (type == QLatin1String("array"))
        return QJsonArray{exampleFor(schema.value(QStringLiteral("items")).toObject())};
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return 42;
    if (type == QLatin1String("boolean"))
        return true;
    return QStringLiteral("fake");
}

QStringList FakeOllama::formattedReply(const QJsonValue &format) const
{
    QByteArray json;
    if (format.isObject())
        json = QJsonDocument(exampleFor(format.toObject()).toObject()).toJson(QJsonDocument::Compact);
    else if (format.toString() == QLatin1String("json"))
        json = compact({{QStringLiteral("response"), replyTokens().join(QString())}});
    else
        return replyTokens();
    // Several pieces, as a model streams it.
    QStringList pieces;
    for (qsizetype i = 0; i < json.size(); i += 8)
        pieces.append(QString::fromUtf8(json.mid(i, 8)));
    return pieces;
}

std::optional<QStringList> FakeOllama::thinkingFor(const QJsonValue &think, QString *error) const
{
    // Ollama: `think` is true/false or "low"/"medium"/"high" (gpt-oss style levels).
    static const QStringList levels{QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")};
    if (think.isString() && !levels.contains(think.toString())) {
        *error = QStringLiteral("invalid think value: \"%1\" (must be \"high\", \"medium\", \"low\", true, or false)")
                     .arg(think.toString());
        return std::nullopt;
    }
    if (think.isBool() && !think.toBool())
        return QStringList();
    if (!m_thinking.isEmpty() || think.isUndefined())
        return m_thinking;
    // Asked for explicitly: think aloud, and say at which level, so tests see it arrived.
    return QStringList{QStringLiteral("Thinking"), QStringLiteral(" (%1).").arg(think.isString() ? think.toString()
                                                                                                  : QStringLiteral("on"))};
}

QJsonArray FakeOllama::toolCallsFor(const QJsonArray &tools, bool answered)
{
    // A model that was given tools calls the first one, until a tool's result comes back.
    if (tools.isEmpty() || answered)
        return QJsonArray();
    const QJsonObject tool = tools.first().toObject();
    const QJsonObject function = tool.contains(QStringLiteral("function")) ? tool.value(QStringLiteral("function")).toObject() : tool;
    const QJsonObject schema = function.value(function.contains(QStringLiteral("input_schema")) ? QStringLiteral("input_schema")
                                                                                                 : QStringLiteral("parameters"))
                                   .toObject();
    return QJsonArray{QJsonObject{{QStringLiteral("function"),
                                   QJsonObject{{QStringLiteral("name"), function.value(QStringLiteral("name"))},
                                               {QStringLiteral("arguments"), exampleFor(schema)}}}}};
}

void FakeOllama::answerOpenAiError(FakeHttpConnection *connection, int status, const QString &message, const QString &type)
{
    answerJson(connection, status,
               {{QStringLiteral("error"), QJsonObject{{QStringLiteral("message"), message},
                                                      {QStringLiteral("type"), type},
                                                      {QStringLiteral("param"), QJsonValue::Null},
                                                      {QStringLiteral("code"), QJsonValue::Null}}}});
}

bool FakeOllama::openAiModelKnown(FakeHttpConnection *connection, const QString &name)
{
    if (modelNames().contains(name))
        return true;
    answerOpenAiError(connection, 404, QStringLiteral("model \"%1\" not found, try pulling it first").arg(name),
                      QStringLiteral("not_found_error"));
    return false;
}

void FakeOllama::openAiModel(FakeHttpConnection *connection, const QString &name)
{
    if (!openAiModelKnown(connection, name))
        return;
    answerJson(connection, 200, {{QStringLiteral("id"), name}, {QStringLiteral("object"), QStringLiteral("model")},
                                 {QStringLiteral("created"), 1761991200}, {QStringLiteral("owned_by"), QStringLiteral("library")}});
}

void FakeOllama::openAiChat(FakeHttpConnection *connection, bool completions)
{
    const QJsonObject body = connection->currentRequest().json();
    const QString name = body.value(QStringLiteral("model")).toString();
    if (!openAiModelKnown(connection, name))
        return;
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    const bool answered = !messages.isEmpty() && messages.last().toObject().value(QStringLiteral("role")).toString() == QLatin1String("tool");
    QJsonArray calls = completions ? QJsonArray() : toolCallsFor(body.value(QStringLiteral("tools")).toArray(), answered);
    // OpenAI's shape: an id, a type, and the arguments as a JSON string.
    for (qsizetype i = 0; i < calls.size(); ++i) {
        QJsonObject function = calls[i].toObject().value(QStringLiteral("function")).toObject();
        function.insert(QStringLiteral("arguments"),
                        QString::fromUtf8(QJsonDocument(function.value(QStringLiteral("arguments")).toObject()).toJson(QJsonDocument::Compact)));
        calls[i] = QJsonObject{{QStringLiteral("id"), QStringLiteral("call_%1").arg(i)}, {QStringLiteral("index"), int(i)},
                               {QStringLiteral("type"), QStringLiteral("function")}, {QStringLiteral("function"), function}};
    }
    const QJsonValue format = body.value(QStringLiteral("response_format")).toObject().value(QStringLiteral("json_schema"))
                                  .toObject().value(QStringLiteral("schema"));
    const QStringList tokens = calls.isEmpty() ? formattedReply(format) : QStringList();
    const QString finish = calls.isEmpty() ? QStringLiteral("stop") : QStringLiteral("tool_calls");
    const QJsonObject base{{QStringLiteral("id"), completions ? QStringLiteral("cmpl-42") : QStringLiteral("chatcmpl-42")},
                           {QStringLiteral("created"), 1764000000},
                           {QStringLiteral("model"), name},
                           {QStringLiteral("system_fingerprint"), QStringLiteral("fp_ollama")}};
    auto choice = [completions](const QString &content, const QJsonArray &toolCalls, const QJsonValue &finishReason, bool delta) {
        QJsonObject choice{{QStringLiteral("index"), 0}, {QStringLiteral("finish_reason"), finishReason}};
        if (completions) {
            choice.insert(QStringLiteral("text"), content);
            return choice;
        }
        QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content}};
        if (!toolCalls.isEmpty())
            message.insert(QStringLiteral("tool_calls"), toolCalls);
        choice.insert(delta ? QStringLiteral("delta") : QStringLiteral("message"), message);
        return choice;
    };
    QJsonObject whole = base;
    const QString object = completions ? QStringLiteral("text_completion") : QStringLiteral("chat.completion");
    if (!body.value(QStringLiteral("stream")).toBool(false)) {
        whole.insert(QStringLiteral("object"), object);
        whole.insert(QStringLiteral("choices"), QJsonArray{choice(tokens.join(QString()), calls, finish, false)});
        whole.insert(QStringLiteral("usage"), QJsonObject{{QStringLiteral("prompt_tokens"), 12}, {QStringLiteral("completion_tokens"), 3},
                                                          {QStringLiteral("total_tokens"), 15}});
        return answerJson(connection, 200, whole);
    }
    auto event = [&](const QString &content, const QJsonArray &toolCalls, const QJsonValue &finishReason) {
        QJsonObject chunk = base;
        chunk.insert(QStringLiteral("object"), completions ? object : QStringLiteral("chat.completion.chunk"));
        chunk.insert(QStringLiteral("choices"), QJsonArray{choice(content, toolCalls, finishReason, true)});
        return sse(chunk);
    };
    QList<QByteArray> lines;
    for (const QString &token : tokens)
        lines.append(event(token, QJsonArray(), QJsonValue::Null));
    if (!calls.isEmpty()) // Ollama sends each call whole, in one delta
        lines.append(event(QString(), calls, QJsonValue::Null));
    const int tokenLines = int(lines.size());
    lines.append(event(QString(), QJsonArray(), finish));
    lines.append("data: [DONE]\n\n");
    startStream(connection, "text/event-stream", lines, tokenLines, true);
}

void FakeOllama::openAiResponses(FakeHttpConnection *connection)
{
    const QJsonObject body = connection->currentRequest().json();
    const QString name = body.value(QStringLiteral("model")).toString();
    if (!openAiModelKnown(connection, name))
        return;
    const QJsonValue format = body.value(QStringLiteral("text")).toObject().value(QStringLiteral("format")).toObject()
                                  .value(QStringLiteral("schema"));
    const QStringList tokens = formattedReply(format);
    const QString text = tokens.join(QString());
    const QJsonObject part{{QStringLiteral("type"), QStringLiteral("output_text")}, {QStringLiteral("text"), text},
                           {QStringLiteral("annotations"), QJsonArray()}};
    QJsonObject item{{QStringLiteral("id"), QStringLiteral("msg_42")}, {QStringLiteral("type"), QStringLiteral("message")},
                     {QStringLiteral("status"), QStringLiteral("completed")}, {QStringLiteral("role"), QStringLiteral("assistant")},
                     {QStringLiteral("content"), QJsonArray{part}}};
    QJsonObject response{{QStringLiteral("id"), QStringLiteral("resp_42")}, {QStringLiteral("object"), QStringLiteral("response")},
                         {QStringLiteral("created_at"), 1764000000}, {QStringLiteral("model"), name},
                         {QStringLiteral("status"), QStringLiteral("completed")}, {QStringLiteral("output"), QJsonArray{item}},
                         {QStringLiteral("usage"), QJsonObject{{QStringLiteral("input_tokens"), 12}, {QStringLiteral("output_tokens"), 3},
                                                               {QStringLiteral("total_tokens"), 15}}}};
    if (!body.value(QStringLiteral("stream")).toBool(false))
        return answerJson(connection, 200, response);

    int sequence = 0;
    auto event = [&sequence](const char *type, QJsonObject data) {
        data.insert(QStringLiteral("type"), QString::fromLatin1(type));
        data.insert(QStringLiteral("sequence_number"), sequence++);
        return sse(data, type);
    };
    QJsonObject started = response;
    started.insert(QStringLiteral("status"), QStringLiteral("in_progress"));
    started.insert(QStringLiteral("output"), QJsonArray());
    started.remove(QStringLiteral("usage"));
    QJsonObject openItem = item;
    openItem.insert(QStringLiteral("status"), QStringLiteral("in_progress"));
    openItem.insert(QStringLiteral("content"), QJsonArray());
    const QJsonObject at{{QStringLiteral("item_id"), QStringLiteral("msg_42")}, {QStringLiteral("output_index"), 0},
                         {QStringLiteral("content_index"), 0}};
    QList<QByteArray> lines{
        event("response.created", {{QStringLiteral("response"), started}}),
        event("response.in_progress", {{QStringLiteral("response"), started}}),
        event("response.output_item.added", {{QStringLiteral("output_index"), 0}, {QStringLiteral("item"), openItem}}),
        event("response.content_part.added", merged(at, {{QStringLiteral("part"), merged(part, {{QStringLiteral("text"), QString()}})}})),
    };
    for (const QString &token : tokens)
        lines.append(event("response.output_text.delta", merged(at, {{QStringLiteral("delta"), token}})));
    const int tokenLines = int(lines.size());
    lines.append(event("response.output_text.done", merged(at, {{QStringLiteral("text"), text}})));
    lines.append(event("response.content_part.done", merged(at, {{QStringLiteral("part"), part}})));
    lines.append(event("response.output_item.done", {{QStringLiteral("output_index"), 0}, {QStringLiteral("item"), item}}));
    lines.append(event("response.completed", {{QStringLiteral("response"), response}}));
    startStream(connection, "text/event-stream", lines, tokenLines, true);
}

void FakeOllama::anthropicMessages(FakeHttpConnection *connection)
{
    const QJsonObject body = connection->currentRequest().json();
    const QString name = body.value(QStringLiteral("model")).toString();
    auto error = [this, connection](int status, const QString &type, const QString &message) {
        answerJson(connection, status, {{QStringLiteral("type"), QStringLiteral("error")},
                                        {QStringLiteral("error"), QJsonObject{{QStringLiteral("type"), type},
                                                                              {QStringLiteral("message"), message}}}});
    };
    if (name.isEmpty())
        return error(400, QStringLiteral("invalid_request_error"), QStringLiteral("model is required"));
    if (!body.contains(QStringLiteral("max_tokens")))
        return error(400, QStringLiteral("invalid_request_error"), QStringLiteral("max_tokens is required"));
    if (!modelNames().contains(name))
        return error(404, QStringLiteral("not_found_error"), QStringLiteral("model '%1' not found").arg(name));

    // A tool's result comes back as a tool_result block in the last user message.
    bool answered = false;
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    if (!messages.isEmpty()) {
        for (const QJsonValue &block : messages.last().toObject().value(QStringLiteral("content")).toArray())
            answered = answered || block.toObject().value(QStringLiteral("type")).toString() == QLatin1String("tool_result");
    }
    const QJsonArray calls = toolCallsFor(body.value(QStringLiteral("tools")).toArray(), answered);
    const bool think = body.value(QStringLiteral("thinking")).toObject().value(QStringLiteral("type")).toString() == QLatin1String("enabled");
    QString ignored;
    const QStringList thinking = think ? *thinkingFor(true, &ignored) : QStringList();
    const QStringList tokens = calls.isEmpty() ? replyTokens() : QStringList();
    const QString stopReason = calls.isEmpty() ? QStringLiteral("end_turn") : QStringLiteral("tool_use");

    QJsonArray content;
    if (!thinking.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("thinking")}, {QStringLiteral("thinking"), thinking.join(QString())},
                                   {QStringLiteral("signature"), QString()}});
    if (!tokens.isEmpty())
        content.append(QJsonObject{{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), tokens.join(QString())}});
    QList<QJsonObject> toolUses;
    for (qsizetype i = 0; i < calls.size(); ++i) {
        const QJsonObject function = calls[i].toObject().value(QStringLiteral("function")).toObject();
        toolUses.append({{QStringLiteral("type"), QStringLiteral("tool_use")}, {QStringLiteral("id"), QStringLiteral("toolu_%1").arg(i)},
                         {QStringLiteral("name"), function.value(QStringLiteral("name"))},
                         {QStringLiteral("input"), function.value(QStringLiteral("arguments"))}});
        content.append(toolUses.last());
    }
    const QJsonObject message{{QStringLiteral("id"), QStringLiteral("msg_42")}, {QStringLiteral("type"), QStringLiteral("message")},
                              {QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("model"), name},
                              {QStringLiteral("content"), content}, {QStringLiteral("stop_reason"), stopReason},
                              {QStringLiteral("stop_sequence"), QJsonValue::Null}, {QStringLiteral("usage"), usage(12, 3)}};
    if (!body.value(QStringLiteral("stream")).toBool(false))
        return answerJson(connection, 200, message);

    // message_start, then per block: content_block_start, (ping after the first), deltas,
    // content_block_stop; then message_delta and message_stop.
    auto event = [](const char *type, QJsonObject data) {
        data.insert(QStringLiteral("type"), QString::fromLatin1(type));
        return sse(data, type);
    };
    QJsonObject started = message;
    started.insert(QStringLiteral("content"), QJsonArray());
    started.insert(QStringLiteral("stop_reason"), QJsonValue::Null);
    started.insert(QStringLiteral("usage"), usage(12, 0));
    QList<QByteArray> lines{event("message_start", {{QStringLiteral("message"), started}})};
    int index = 0;
    auto block = [&](const QJsonObject &start, const char *deltaType, const QString &field, const QStringList &pieces) {
        lines.append(event("content_block_start", {{QStringLiteral("index"), index}, {QStringLiteral("content_block"), start}}));
        if (index == 0)
            lines.append(event("ping", {}));
        for (const QString &piece : pieces)
            lines.append(event("content_block_delta",
                               {{QStringLiteral("index"), index},
                                {QStringLiteral("delta"), QJsonObject{{QStringLiteral("type"), QString::fromLatin1(deltaType)}, {field, piece}}}}));
        lines.append(event("content_block_stop", {{QStringLiteral("index"), index}}));
        ++index;
    };
    if (!thinking.isEmpty())
        block({{QStringLiteral("type"), QStringLiteral("thinking")}, {QStringLiteral("thinking"), QString()}}, "thinking_delta",
              QStringLiteral("thinking"), thinking);
    if (!tokens.isEmpty())
        block({{QStringLiteral("type"), QStringLiteral("text")}, {QStringLiteral("text"), QString()}}, "text_delta",
              QStringLiteral("text"), tokens);
    for (QJsonObject use : toolUses) {
        const QString input = QString::fromUtf8(QJsonDocument(use.value(QStringLiteral("input")).toObject()).toJson(QJsonDocument::Compact));
        use.insert(QStringLiteral("input"), QJsonObject());
        block(use, "input_json_delta", QStringLiteral("partial_json"), {input});
    }
    const int tokenLines = int(lines.size());
    lines.append(event("message_delta", {{QStringLiteral("delta"), QJsonObject{{QStringLiteral("stop_reason"), stopReason},
                                                                               {QStringLiteral("stop_sequence"), QJsonValue::Null}}},
                                         {QStringLiteral("usage"), QJsonObject{{QStringLiteral("output_tokens"), 3}}}}));
    lines.append(event("message_stop", {}));
    startStream(connection, "text/event-stream", lines, tokenLines, true);
}

} // namespace Corral::Test
