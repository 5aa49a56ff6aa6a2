// SPDX-License-Identifier: GPL-3.0-or-later
#include "support/fakeollama.h"

#include <QCryptographicHash>
#include <utility>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace Corral::Test {

namespace {

QString digestFor(const QString &text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace

/// Writes a prepared list of lines with the configured delays, stalls and resets.
class FakeOllama::Stream final : public QObject
{
public:
    Stream(FakeOllama *fake, FakeHttpConnection *connection, QList<QByteArray> lines, int tokenLines)
        : QObject(fake)
        , m_fake(fake)
        , m_connection(connection)
        , m_lines(std::move(lines))
        , m_tokenLines(tokenLines)
    {
        ++m_fake->m_activeStreams;
        connect(connection, &FakeHttpConnection::closed, this, [this] {
            if (!m_done) {
                ++m_fake->m_abortedStreams;
                end();
                Q_EMIT m_fake->streamAborted();
            }
        });
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Stream::next);
        connect(connection->findChild<QTcpSocket *>(), &QTcpSocket::bytesWritten, this, [this] {
            if (m_waitingForDrain) {
                m_waitingForDrain = false;
                next();
            }
        });
        m_timer.start(0);
    }

private:
    void next()
    {
        if (m_done || !m_connection || !m_connection->isOpen())
            return;
        QTcpSocket *socket = m_connection->findChild<QTcpSocket *>();
        // Without a delay, send as fast as the socket takes it (a slow reader slows us down).
        const int burst = m_fake->m_tokenDelayMs > 0 ? 1 : 64;
        for (int i = 0; i < burst && m_index < m_lines.size(); ++i) {
            if (m_index < m_tokenLines) {
                if (m_fake->m_stallAfter >= 0 && m_index >= m_fake->m_stallAfter)
                    return; // keep the connection open, send nothing more
                if (m_fake->m_resetAfter >= 0 && m_index >= m_fake->m_resetAfter) {
                    m_done = true;
                    end();
                    m_connection->reset();
                    return;
                }
            }
            m_connection->streamChunk(m_lines.at(m_index));
            const int sent = m_index++;
            if (sent < m_tokenLines)
                Q_EMIT m_fake->tokenSent(sent);
            if (!m_connection || !m_connection->isOpen())
                return;
        }
        if (m_index >= m_lines.size()) {
            m_done = true;
            m_connection->endStream();
            end();
            Q_EMIT m_fake->streamFinished();
            return;
        }
        if (m_fake->m_tokenDelayMs > 0)
            m_timer.start(m_fake->m_tokenDelayMs);
        else if (socket && socket->bytesToWrite() > 1024 * 1024) {
            m_waitingForDrain = true;
            Q_EMIT m_fake->streamBlocked();
        }
        else
            m_timer.start(0);
    }

    void end()
    {
        if (m_ended)
            return;
        m_ended = true;
        m_done = true;
        m_timer.stop();
        --m_fake->m_activeStreams;
        deleteLater();
    }

    FakeOllama *m_fake;
    QPointer<FakeHttpConnection> m_connection;
    QList<QByteArray> m_lines;
    int m_tokenLines;
    int m_index = 0;
    QTimer m_timer;
    bool m_done = false;
    bool m_ended = false;
    bool m_waitingForDrain = false;
};

FakeOllama::FakeOllama(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            auto *connection = new FakeHttpConnection(socket, this);
            m_connections.append(connection);
            connect(connection, &FakeHttpConnection::requestReady, this, &FakeOllama::onRequest);
            connect(connection, &FakeHttpConnection::closed, this, [this](FakeHttpConnection *closed) {
                m_connections.removeAll(closed);
                closed->deleteLater();
            });
        }
    });
}

FakeOllama::~FakeOllama()
{
    close();
}

bool FakeOllama::listen(quint16 port)
{
    if (!m_server.listen(QHostAddress::LocalHost, port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void FakeOllama::close()
{
    m_server.close();
    const auto connections = m_connections;
    for (FakeHttpConnection *connection : connections)
        connection->reset();
}

QUrl FakeOllama::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void FakeOllama::addModel(const QString &name, qint64 size, const QString &family, const QString &parameterSize,
                          const QString &quantization, const QStringList &capabilities)
{
    removeModel(name);
    m_models.append({name, size, family, parameterSize, quantization, capabilities});
}

void FakeOllama::removeModel(const QString &name)
{
    m_models.removeIf([&name](const Model &model) { return model.name == name; });
}

QStringList FakeOllama::modelNames() const
{
    QStringList names;
    for (const Model &model : m_models)
        names.append(model.name);
    return names;
}

void FakeOllama::setReplyTokenCount(int count)
{
    m_tokenCount = count;
}

void FakeOllama::setNextError(int status, const QByteArray &body)
{
    m_nextErrorStatus = status;
    m_nextErrorBody = body;
}

void FakeOllama::setPullLayers(int layers, qint64 bytesPerLayer, int stepsPerLayer)
{
    m_pullLayers = layers;
    m_pullBytes = bytesPerLayer;
    m_pullSteps = qMax(1, stepsPerLayer);
}

QStringList FakeOllama::replyTokens() const
{
    if (m_tokenCount >= 0) {
        QStringList tokens;
        tokens.reserve(m_tokenCount);
        for (int i = 0; i < m_tokenCount; ++i)
            tokens.append(QStringLiteral("tok%1 ").arg(i));
        return tokens;
    }
    if (!m_tokens.isEmpty())
        return m_tokens;
    return {QStringLiteral("Hello"), QStringLiteral(" there"), QStringLiteral("!")};
}

bool FakeOllama::originAllowed(const QByteArray &origin) const
{
    const QUrl url(QString::fromLatin1(origin));
    const QString scheme = url.scheme();
    if (scheme == QLatin1String("http") || scheme == QLatin1String("https")) {
        const QString host = url.host();
        return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("0.0.0.0");
    }
    return scheme == QLatin1String("app") || scheme == QLatin1String("file") || scheme == QLatin1String("tauri")
        || scheme.startsWith(QLatin1String("vscode-")) || scheme.endsWith(QLatin1String("-extension"));
}

void FakeOllama::onRequest(FakeHttpConnection *connection)
{
    m_requests.append(connection->currentRequest());
    if (m_recordLimit >= 0 && m_requests.size() > m_recordLimit)
        m_requests.remove(0, m_requests.size() - m_recordLimit);
    Q_EMIT requestReceived(connection->currentRequest());
    if (m_headerDelayMs > 0) {
        QTimer::singleShot(m_headerDelayMs, connection, [this, connection] { route(connection); });
        return;
    }
    route(connection);
}

void FakeOllama::answerJson(FakeHttpConnection *connection, int status, const QJsonObject &json)
{
    const QByteArray body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    if (std::exchange(m_truncateNext, false)) {
        connection->respondTruncated(status, "application/json; charset=utf-8", body, body.size() / 2);
        return;
    }
    connection->respond(status, "application/json; charset=utf-8", body);
}

void FakeOllama::answerError(FakeHttpConnection *connection, int status, const QString &message)
{
    answerJson(connection, status, {{QStringLiteral("error"), message}});
}

QJsonObject FakeOllama::modelJson(const Model &model, bool running) const
{
    QJsonObject details{{QStringLiteral("parent_model"), QString()},
                        {QStringLiteral("format"), QStringLiteral("gguf")},
                        {QStringLiteral("family"), model.family},
                        {QStringLiteral("families"), QJsonArray{model.family}},
                        {QStringLiteral("parameter_size"), model.parameterSize},
                        {QStringLiteral("quantization_level"), model.quantization}};
    QJsonObject json{{QStringLiteral("name"), model.name},
                     {QStringLiteral("model"), model.name},
                     {QStringLiteral("size"), model.size},
                     {QStringLiteral("digest"), digestFor(model.name)},
                     {QStringLiteral("details"), details}};
    if (running) {
        json.insert(QStringLiteral("expires_at"), QDateTime::currentDateTimeUtc().addSecs(300).toString(Qt::ISODate));
        json.insert(QStringLiteral("size_vram"), model.size / 2);
        json.insert(QStringLiteral("context_length"), 4096);
    } else {
        json.insert(QStringLiteral("modified_at"), QStringLiteral("2026-11-01T10:00:00.000000000Z"));
    }
    return json;
}

void FakeOllama::startStream(FakeHttpConnection *connection, const QByteArray &contentType, QList<QByteArray> lines,
                             int tokenLines, bool)
{
    connection->beginStream(200, contentType);
    if (connection->isHead()) {
        connection->endStream();
        return;
    }
    new Stream(this, connection, std::move(lines), tokenLines);
}

} // namespace Corral::Test
