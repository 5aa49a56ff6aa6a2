// SPDX-License-Identifier: GPL-3.0-or-later
// The fake Ollama's endpoints (FakeOllama::route and the handlers it calls).
#include "support/fakeollama.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Corral::Test {

namespace {

QByteArray line(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

QJsonObject stats()
{
    return {{QStringLiteral("total_duration"), 1234567890}, {QStringLiteral("load_duration"), 1234567},
            {QStringLiteral("prompt_eval_count"), 12},      {QStringLiteral("prompt_eval_duration"), 2345678},
            {QStringLiteral("eval_count"), 3},               {QStringLiteral("eval_duration"), 3456789}};
}

QJsonArray embedding(const QString &text)
{
    const QByteArray hash = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256);
    QJsonArray values;
    for (int i = 0; i < 4; ++i)
        values.append(double(quint8(hash.at(i))) / 255.0);
    return values;
}

QSet<QByteArray> &blobStore()
{
    static QSet<QByteArray> blobs;
    return blobs;
}

} // namespace

void FakeOllama::route(FakeHttpConnection *connection)
{
    if (!connection->isOpen())
        return;
    const RecordedRequest &request = connection->currentRequest();
    const QByteArray &method = request.method;
    const QByteArray &path = request.path;

    // Ollama's own CORS check (server/routes.go): a foreign Origin gets 403 with an empty body.
    if (m_enforceOrigin && request.hasHeader("Origin") && !originAllowed(request.header("Origin"))) {
        connection->respond(403, QByteArray(), QByteArray());
        return;
    }
    if (m_nextErrorStatus && (path.startsWith("/api/") || path.startsWith("/v1/"))) {
        const int status = m_nextErrorStatus;
        m_nextErrorStatus = 0;
        connection->respond(status, "application/json; charset=utf-8", m_nextErrorBody);
        return;
    }

    const bool get = method == "GET" || method == "HEAD";
    const bool post = method == "POST";
    auto notAllowed = [connection] { connection->respond(405, "text/plain", "405 method not allowed"); };

    if (path == "/") {
        get ? connection->respond(200, "text/plain; charset=utf-8", "Ollama is running") : notAllowed();
    } else if (path == "/api/version") {
        get ? answerJson(connection, 200, {{QStringLiteral("version"), m_version}}) : notAllowed();
    } else if (path == "/api/tags" || path == "/api/ps") {
        if (!get)
            return notAllowed();
        const bool running = path == "/api/ps";
        QJsonArray models;
        for (const Model &model : std::as_const(m_models)) {
            if (!running || m_loaded.contains(model.name))
                models.append(modelJson(model, running));
        }
        answerJson(connection, 200, {{QStringLiteral("models"), models}});
    } else if (path == "/api/chat" || path == "/api/generate") {
        post ? chatOrGenerate(connection, path == "/api/chat") : notAllowed();
    } else if (path == "/v1/chat/completions" || path == "/v1/completions") {
        post ? openAiChat(connection, path == "/v1/completions") : notAllowed();
    } else if (path == "/v1/responses") {
        post ? openAiResponses(connection) : notAllowed();
    } else if (path == "/v1/messages") {
        post ? anthropicMessages(connection) : notAllowed();
    } else if (path.startsWith("/v1/models/")) {
        get ? openAiModel(connection, QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(int(qstrlen("/v1/models/"))))))
            : notAllowed();
    } else if (path == "/api/pull") {
        post ? pull(connection) : notAllowed();
    } else if (path == "/api/push" || path == "/api/create") {
        if (!post)
            return notAllowed();
        const QString name = request.json().value(QStringLiteral("model")).toString();
        if (name.isEmpty())
            return answerError(connection, 400, QStringLiteral("model is required"));
        if (path == "/api/create")
            addModel(name);
        QList<QByteArray> lines{line({{QStringLiteral("status"), path == "/api/push" ? QStringLiteral("retrieving manifest")
                                                                                     : QStringLiteral("reading model metadata")}}),
                                line({{QStringLiteral("status"), QStringLiteral("success")}})};
        startStream(connection, "application/x-ndjson", lines, 0, false);
    } else if (path == "/api/show" || path == "/api/delete" || path == "/api/copy") {
        const QJsonObject body = request.json();
        const QString name = body.value(path == "/api/copy" ? QStringLiteral("source") : QStringLiteral("model")).toString();
        const bool known = modelNames().contains(name);
        if (path == "/api/delete") {
            if (method != "DELETE")
                return notAllowed();
            if (!known)
                return answerError(connection, 404, QStringLiteral("model '%1' not found").arg(name));
            removeModel(name);
            connection->respond(200, QByteArray(), QByteArray());
        } else if (path == "/api/copy") {
            if (!post)
                return notAllowed();
            if (!known)
                return answerError(connection, 404, QStringLiteral("model \"%1\" not found").arg(name));
            addModel(body.value(QStringLiteral("destination")).toString());
            connection->respond(200, QByteArray(), QByteArray());
        } else {
            if (!post)
                return notAllowed();
            if (!known)
                return answerError(connection, 404, QStringLiteral("model '%1' not found").arg(name));
            const Model &model = *std::find_if(m_models.cbegin(), m_models.cend(),
                                               [&name](const Model &m) { return m.name == name; });
            answerJson(connection, 200,
                       {{QStringLiteral("modelfile"), QStringLiteral("FROM %1\n").arg(name)},
                        {QStringLiteral("parameters"), QStringLiteral("stop \"<|eot_id|>\"")},
                        {QStringLiteral("template"), QStringLiteral("{{ .Prompt }}")},
                        {QStringLiteral("license"), QStringLiteral("Example license")},
                        {QStringLiteral("details"), modelJson(model, false).value(QStringLiteral("details"))},
                        {QStringLiteral("model_info"), QJsonObject{{QStringLiteral("general.architecture"), model.family}}},
                        {QStringLiteral("capabilities"), QJsonArray::fromStringList(model.capabilities)},
                        {QStringLiteral("modified_at"), QStringLiteral("2026-11-01T10:00:00Z")}});
        }
    } else if (path == "/api/embed" || path == "/api/embeddings" || path == "/v1/embeddings") {
        if (!post)
            return notAllowed();
        const QJsonObject body = request.json();
        const QString name = body.value(QStringLiteral("model")).toString();
        if (path == "/v1/embeddings" && !openAiModelKnown(connection, name))
            return;
        if (!modelNames().contains(name))
            return answerError(connection, 404, QStringLiteral("model \"%1\" not found, try pulling it first").arg(name));
        if (path == "/api/embeddings")
            return answerJson(connection, 200, {{QStringLiteral("embedding"), embedding(body.value(QStringLiteral("prompt")).toString())}});
        const QJsonValue input = body.value(QStringLiteral("input"));
        const QStringList inputs = input.isArray() ? input.toVariant().toStringList() : QStringList{input.toString()};
        QJsonArray vectors;
        QJsonArray data;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            vectors.append(embedding(inputs[i]));
            data.append(QJsonObject{{QStringLiteral("object"), QStringLiteral("embedding")},
                                    {QStringLiteral("embedding"), embedding(inputs[i])},
                                    {QStringLiteral("index"), int(i)}});
        }
        if (path == "/v1/embeddings")
            return answerJson(connection, 200, {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data},
                                                {QStringLiteral("model"), name}});
        answerJson(connection, 200, merged({{QStringLiteral("model"), name}, {QStringLiteral("embeddings"), vectors}}, stats()));
    } else if (path == "/v1/models") {
        QJsonArray data;
        for (const Model &model : std::as_const(m_models))
            data.append(QJsonObject{{QStringLiteral("id"), model.name}, {QStringLiteral("object"), QStringLiteral("model")},
                                    {QStringLiteral("created"), 1761991200}, {QStringLiteral("owned_by"), QStringLiteral("library")}});
        answerJson(connection, 200, {{QStringLiteral("object"), QStringLiteral("list")}, {QStringLiteral("data"), data}});
    } else if (path.startsWith("/api/blobs/")) {
        static const QRegularExpression digestPattern(QStringLiteral("^sha256[:-]([0-9a-f]{64})$"));
        const QByteArray digest = path.mid(int(qstrlen("/api/blobs/")));
        const auto match = digestPattern.match(QString::fromLatin1(digest));
        if (!match.hasMatch())
            return answerError(connection, 400, QStringLiteral("invalid digest format"));
        const QByteArray hex = match.captured(1).toLatin1();
        if (method == "HEAD") {
            blobStore().contains(hex) ? connection->respond(200, QByteArray(), QByteArray())
                                      : answerError(connection, 404, QStringLiteral("blob \"sha256:%1\" not found").arg(QString::fromLatin1(hex)));
        } else if (post) {
            const QByteArray actual = QCryptographicHash::hash(request.body, QCryptographicHash::Sha256).toHex();
            if (actual != hex)
                return answerError(connection, 400, QStringLiteral("digest mismatch, expected \"sha256:%1\", got \"sha256:%2\"")
                                                        .arg(QString::fromLatin1(hex), QString::fromLatin1(actual)));
            const bool existed = blobStore().contains(hex);
            blobStore().insert(hex);
            connection->respond(existed ? 200 : 201, QByteArray(), QByteArray());
        } else {
            notAllowed();
        }
    } else {
        connection->respond(404, "text/plain", "404 page not found");
    }
}

void FakeOllama::chatOrGenerate(FakeHttpConnection *connection, bool chat)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(connection->currentRequest().body, &parseError);
    if (connection->currentRequest().body.isEmpty())
        return answerError(connection, 400, QStringLiteral("missing request body"));
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return answerError(connection, 400, QStringLiteral("invalid character in JSON: %1").arg(parseError.errorString()));
    const QJsonObject body = document.object();
    const QString name = body.value(QStringLiteral("model")).toString();
    if (name.isEmpty())
        return answerError(connection, 400, QStringLiteral("model is required"));
    if (!modelNames().contains(name))
        return answerError(connection, 404, QStringLiteral("model '%1' not found").arg(name));

    const QJsonObject base{{QStringLiteral("model"), name}, {QStringLiteral("created_at"), now()}};
    const bool empty = chat ? body.value(QStringLiteral("messages")).toArray().isEmpty()
                            : body.value(QStringLiteral("prompt")).toString().isEmpty();
    if (empty) { // load, or unload with keep_alive 0
        const QJsonValue keepAlive = body.value(QStringLiteral("keep_alive"));
        const bool unload = keepAlive.isDouble() ? keepAlive.toDouble() == 0 : keepAlive.toString() == QLatin1String("0");
        QJsonObject answer = merged(base, {{QStringLiteral("done"), true},
                                           {QStringLiteral("done_reason"), unload ? QStringLiteral("unload") : QStringLiteral("load")}});
        if (chat)
            answer.insert(QStringLiteral("message"), QJsonObject{{QStringLiteral("role"), QStringLiteral("assistant")},
                                                                 {QStringLiteral("content"), QString()}});
        else
            answer.insert(QStringLiteral("response"), QString());
        if (unload)
            m_loaded.removeAll(name);
        else if (!m_loaded.contains(name))
            m_loaded.append(name);
        return answerJson(connection, 200, answer);
    }

    QString thinkError;
    const std::optional<QStringList> thinking = thinkingFor(body.value(QStringLiteral("think")), &thinkError);
    if (!thinking)
        return answerError(connection, 400, thinkError);
    const QJsonArray messages = body.value(QStringLiteral("messages")).toArray();
    const bool answered = !messages.isEmpty() && messages.last().toObject().value(QStringLiteral("role")).toString() == QLatin1String("tool");
    const QJsonArray calls = !chat                        ? QJsonArray()
        : !m_replyToolCalls.isEmpty() && !answered ? m_replyToolCalls
                                                   : toolCallsFor(body.value(QStringLiteral("tools")).toArray(), answered);
    const QStringList tokens = calls.isEmpty() ? formattedReply(body.value(QStringLiteral("format"))) : QStringList();
    auto piece = [&](const QString &content, const QString &thought, const QJsonArray &toolCalls = QJsonArray()) {
        QJsonObject object = base;
        if (chat) {
            QJsonObject message{{QStringLiteral("role"), QStringLiteral("assistant")}, {QStringLiteral("content"), content}};
            if (!thought.isEmpty())
                message.insert(QStringLiteral("thinking"), thought);
            if (!toolCalls.isEmpty())
                message.insert(QStringLiteral("tool_calls"), toolCalls);
            object.insert(QStringLiteral("message"), message);
        } else {
            object.insert(QStringLiteral("response"), content);
            if (!thought.isEmpty())
                object.insert(QStringLiteral("thinking"), thought);
        }
        return object;
    };
    QJsonObject final = merged(piece(QString(), QString()), stats());
    final.insert(QStringLiteral("done"), true);
    final.insert(QStringLiteral("done_reason"), QStringLiteral("stop"));
    if (!chat)
        final.insert(QStringLiteral("context"), QJsonArray{1, 2, 3});

    if (!body.value(QStringLiteral("stream")).toBool(true)) {
        QJsonObject whole = merged(piece(tokens.join(QString()), thinking->join(QString()), calls), stats());
        whole.insert(QStringLiteral("done"), true);
        whole.insert(QStringLiteral("done_reason"), QStringLiteral("stop"));
        return answerJson(connection, 200, whole);
    }
    QList<QByteArray> lines;
    for (const QString &thought : *thinking)
        lines.append(line(merged(piece(QString(), thought), {{QStringLiteral("done"), false}})));
    for (const QString &token : tokens)
        lines.append(line(merged(piece(token, QString()), {{QStringLiteral("done"), false}})));
    if (!calls.isEmpty()) // one line with every call, as Ollama sends them
        lines.append(line(merged(piece(QString(), QString(), calls), {{QStringLiteral("done"), false}})));
    const int tokenLines = int(lines.size());
    lines.append(line(final));
    startStream(connection, "application/x-ndjson", lines, tokenLines, true);
}

void FakeOllama::pull(FakeHttpConnection *connection)
{
    const QJsonObject body = connection->currentRequest().json();
    const QString name = body.value(QStringLiteral("model")).toString(body.value(QStringLiteral("name")).toString());
    if (name.isEmpty())
        return answerError(connection, 400, QStringLiteral("model is required"));
    QList<QByteArray> lines{line({{QStringLiteral("status"), QStringLiteral("pulling manifest")}})};
    if (name.contains(QLatin1String("missing")) || name.startsWith(QLatin1String("nonexistent"))) {
        lines.append(line({{QStringLiteral("error"), QStringLiteral("pull model manifest: file does not exist")}}));
        return startStream(connection, "application/x-ndjson", lines, 0, false);
    }
    for (int layer = 0; layer < m_pullLayers; ++layer) {
        const QString digest = QStringLiteral("sha256:%1")
                                   .arg(QString::fromLatin1(QCryptographicHash::hash(QStringLiteral("%1/%2").arg(name).arg(layer).toUtf8(),
                                                                                     QCryptographicHash::Sha256).toHex()));
        const QString status = QStringLiteral("pulling %1").arg(digest.mid(7, 12));
        lines.append(line({{QStringLiteral("status"), status}, {QStringLiteral("digest"), digest}, {QStringLiteral("total"), m_pullBytes}}));
        for (int step = 1; step <= m_pullSteps; ++step)
            lines.append(line({{QStringLiteral("status"), status}, {QStringLiteral("digest"), digest},
                               {QStringLiteral("total"), m_pullBytes}, {QStringLiteral("completed"), m_pullBytes * step / m_pullSteps}}));
    }
    for (const char *status : {"verifying sha256 digest", "writing manifest", "removing any unused layers", "success"})
        lines.append(line({{QStringLiteral("status"), QString::fromLatin1(status)}}));
    addModel(name.contains(QLatin1Char(':')) ? name : name + QStringLiteral(":latest"));
    if (!body.value(QStringLiteral("stream")).toBool(true))
        return answerJson(connection, 200, {{QStringLiteral("status"), QStringLiteral("success")}});
    // Progress lines count as "tokens" so delays, stalls and resets apply to pulls as well.
    startStream(connection, "application/x-ndjson", lines, int(lines.size()) - 1, true);
}

} // namespace Corral::Test
