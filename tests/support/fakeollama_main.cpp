// SPDX-License-Identifier: GPL-3.0-or-later
// corral-fake-ollama: the test fake as a program, for end-to-end tests and benchmarks.
#include "support/fakeollama.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalFds[2] = {-1, -1};
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalFds[0], &byte, 1);
}
} // namespace

int main(int argc, char **argv)
{
    // Qt's GLib dispatcher signals its wake-up descriptor whenever a socket notifier is toggled,
    // and QTcpSocket toggles its write notifier for every write: two extra system calls per
    // streamed token. Ollama sends a token with one write, so the fake does too, as the fast
    // upstream that the benchmark measures against. (Corral's headless mode does the same.)
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("corral-fake-ollama"));
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A fake Ollama server for Corral's tests and benchmarks."));
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0 = any)."), QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption tokens(QStringLiteral("tokens"), QStringLiteral("Tokens per answer."), QStringLiteral("N"));
    const QCommandLineOption tokenDelay(QStringLiteral("token-delay-ms"), QStringLiteral("Delay between tokens."), QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption headerDelay(QStringLiteral("header-delay-ms"), QStringLiteral("Delay before answering."), QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption model(QStringLiteral("model"), QStringLiteral("A model to offer (repeatable)."), QStringLiteral("NAME"));
    const QCommandLineOption record(QStringLiteral("record"),
                                    QStringLiteral("Append every request to FILE, one JSON object a line (method, path, "
                                                   "query, headers, body_base64), for end-to-end tests."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption script(QStringLiteral("script"),
                                    QStringLiteral("A JSON file {\"tokens\": [...], \"thinking\": [...]}: the answer's pieces."),
                                    QStringLiteral("FILE"));
    parser.addOptions({port, tokens, tokenDelay, headerDelay, model, record, script});
    parser.process(app);

    Corral::Test::FakeOllama fake;
    fake.setRecordLimit(100); // it serves benchmarks for minutes: memory must stay flat
    const QStringList models = parser.isSet(model) ? parser.values(model) : QStringList{QStringLiteral("llama3.2:latest")};
    for (const QString &name : models)
        fake.addModel(name);
    if (parser.isSet(tokens))
        fake.setReplyTokenCount(parser.value(tokens).toInt());
    if (parser.isSet(script)) {
        QFile file(parser.value(script));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "corral-fake-ollama: cannot read %s\n", qPrintable(parser.value(script)));
            return 1;
        }
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        const auto strings = [&json](const QString &key) {
            QStringList list;
            for (const QJsonValue &value : json.value(key).toArray())
                list.append(value.toString());
            return list;
        };
        fake.setReplyTokens(strings(QStringLiteral("tokens")));
        fake.setThinkingTokens(strings(QStringLiteral("thinking")));
    }
    fake.setTokenDelayMs(parser.value(tokenDelay).toInt());
    fake.setHeaderDelayMs(parser.value(headerDelay).toInt());
    QFile recordFile(parser.value(record));
    if (parser.isSet(record)) {
        if (!recordFile.open(QIODevice::WriteOnly | QIODevice::Append)) {
            std::fprintf(stderr, "corral-fake-ollama: cannot write %s\n", qPrintable(recordFile.fileName()));
            return 1;
        }
        QObject::connect(&fake, &Corral::Test::FakeOllama::requestReceived, &app,
                         [&recordFile](const Corral::Test::RecordedRequest &request) {
                             QJsonArray headers;
                             for (const auto &[name, value] : request.headers)
                                 headers.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
                             const QJsonObject line{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                                                    {QStringLiteral("path"), QString::fromLatin1(request.path)},
                                                    {QStringLiteral("query"), QString::fromLatin1(request.query)},
                                                    {QStringLiteral("headers"), headers},
                                                    {QStringLiteral("body_base64"), QString::fromLatin1(request.body.toBase64())}};
                             recordFile.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
                             recordFile.flush();
                         });
    }
    if (!fake.listen(quint16(parser.value(port).toUInt()))) {
        std::fprintf(stderr, "corral-fake-ollama: cannot listen on port %s\n", qPrintable(parser.value(port)));
        return 1;
    }

    ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds);
    QSocketNotifier notifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    std::printf("Fake Ollama listening on http://127.0.0.1:%u/\n", unsigned(fake.port()));
    std::fflush(stdout);
    return app.exec();
}
