// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): several fake Ollama servers behind one /ollama, in one process.
//
// 1. spread: 64 parallel streams of one model that every server has; how many each server got.
// 2. failover: 64 clients send streams back to back; one server is killed mid-run. Reports the
//    time until Corral marks it down, the requests that failed, and how many of those had been
//    started after it was marked down (the target is zero).
//
// bench_multiserver [--servers 2..4] [--streams 64] [--seconds 4]
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "server/localserver.h"
#include "server/ollamaproxy.h"
#include "support/fakeollama.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <vector>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray Body = R"({"model":"llama3.2:latest","prompt":"benchmark"})";

QByteArray request(quint16 port)
{
    return "POST /ollama/api/generate HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(Body.size()) + "\r\n\r\n" + Body;
}

/// One client sending streams one after the other on its own keep-alive connection... or on a
/// fresh one after a failure. A request fails if it does not end with the last line ("done":true).
struct Client
{
    QTcpSocket *socket = nullptr;
    QByteArray received;
    qint64 startedMs = 0;
    bool busy = false;
};

bool complete(const QByteArray &data, bool *failed)
{
    // Chunked framing ends with 0\r\n\r\n; a good answer has a done:true line and no error.
    if (!data.endsWith("0\r\n\r\n"))
        return false;
    *failed = !data.contains("\"done\":true") || data.contains("\"error\"") || !data.startsWith("HTTP/1.1 200");
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption serversOption(QStringLiteral("servers"), QStringLiteral("Fake servers (2-4)."), QStringLiteral("N"),
                                           QStringLiteral("3"));
    const QCommandLineOption streamsOption(QStringLiteral("streams"), QStringLiteral("Parallel streams."), QStringLiteral("N"),
                                           QStringLiteral("64"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("Failover run length."),
                                           QStringLiteral("S"), QStringLiteral("4"));
    parser.addOptions({serversOption, streamsOption, secondsOption});
    parser.process(app);
    QLoggingCategory::setFilterRules(QStringLiteral("corral.*.info=false")); // one line per cut stream otherwise
    const int serverCount = qBound(2, parser.value(serversOption).toInt(), 4);
    const int streams = parser.value(streamsOption).toInt();
    const int seconds = parser.value(secondsOption).toInt();

    std::vector<std::unique_ptr<FakeOllama>> fakes;
    QList<OllamaServerConfig> configs;
    for (int i = 0; i < serverCount; ++i) {
        fakes.push_back(std::make_unique<FakeOllama>());
        fakes.back()->listen();
        fakes.back()->addModel(QStringLiteral("llama3.2:latest"));
        fakes.back()->setReplyTokenCount(40);
        fakes.back()->setTokenDelayMs(10);
        fakes.back()->setRecordLimit(10000);
        configs.append({fakes.back()->url(), QStringLiteral("fake%1").arg(i), true, {}});
    }
    QTemporaryDir dir;
    Settings settings(dir.filePath(QStringLiteral("settings.ini")));
    settings.setValue(SettingsKey::ServerPort, 0);
    settings.setValue(SettingsKey::OllamaServers, OllamaServers::toJson(configs));
    OllamaServers servers;
    servers.bindSettings(&settings);
    LocalServer server(servers.primary(), &settings);
    server.proxy()->setServers(&servers);
    if (!server.start()) {
        std::fprintf(stderr, "cannot listen: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    const QByteArray bytes = request(server.port());

    // Wait for every server's model list.
    QElapsedTimer clock;
    clock.start();
    while (servers.someModelsUnknown() && clock.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    for (auto &fake : fakes)
        fake->clearRequests();

    // 1. Spread of 64 parallel streams.
    {
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        int done = 0;
        int failed = 0;
        for (int i = 0; i < streams; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            QTcpSocket *raw = socket.get();
            auto data = std::make_shared<QByteArray>();
            QObject::connect(raw, &QTcpSocket::connected, raw, [raw, &bytes] { raw->write(bytes); });
            QObject::connect(raw, &QTcpSocket::readyRead, raw, [raw, data, &done, &failed] {
                *data += raw->readAll();
                bool bad = false;
                if (complete(*data, &bad)) {
                    ++done;
                    failed += bad;
                    raw->disconnectFromHost();
                }
            });
            raw->connectToHost(QHostAddress::LocalHost, server.port());
            sockets.push_back(std::move(socket));
        }
        clock.restart();
        while (done < streams && clock.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        std::printf("spread: %d streams over %d servers in %lld ms, %d failed; per server:", streams, serverCount,
                    qint64(clock.elapsed()), failed);
        int least = streams;
        int most = 0;
        for (auto &fake : fakes) {
            int count = 0;
            for (const RecordedRequest &seen : fake->requests())
                count += seen.path == "/api/generate";
            least = qMin(least, count);
            most = qMax(most, count);
            std::printf(" %d", count);
        }
        const double even = double(streams) / serverCount;
        std::printf(" (even: %.1f; furthest from it: %.1f)\n", even, qMax(even - least, most - even));
    }

    // 2. One server killed mid-run.
    {
        for (auto &fake : fakes)
            fake->clearRequests();
        std::vector<std::unique_ptr<Client>> clients;
        int total = 0;
        int failed = 0;
        int failedAfterMarked = 0;
        int startedAfterMarked = 0;
        qint64 killedMs = -1;
        qint64 markedMs = -1;
        bool running = true;
        const int victim = serverCount - 1;
        QObject::connect(&servers, &OllamaServers::healthChanged, &app, [&](int index) {
            if (index == victim && servers.health(index) == OllamaServers::Health::Down && markedMs < 0 && killedMs >= 0)
                markedMs = clock.elapsed();
        });
        std::function<void(Client *)> send = [&](Client *client) {
            if (!running)
                return;
            client->received.clear();
            client->startedMs = clock.elapsed();
            client->busy = true;
            if (client->socket->state() == QAbstractSocket::ConnectedState)
                client->socket->write(bytes);
            else
                client->socket->connectToHost(QHostAddress::LocalHost, server.port());
        };
        const auto finishOne = [&](Client *client, bool bad) {
            client->busy = false;
            ++total;
            const bool afterMarked = markedMs >= 0 && client->startedMs >= markedMs;
            startedAfterMarked += afterMarked;
            if (bad) {
                ++failed;
                failedAfterMarked += afterMarked;
            }
        };
        clock.restart();
        for (int i = 0; i < streams; ++i) {
            auto client = std::make_unique<Client>();
            Client *raw = client.get();
            raw->socket = new QTcpSocket(&app);
            QObject::connect(raw->socket, &QTcpSocket::connected, raw->socket, [raw, &bytes] { raw->socket->write(bytes); });
            QObject::connect(raw->socket, &QTcpSocket::readyRead, raw->socket, [raw, &finishOne, &send] {
                raw->received += raw->socket->readAll();
                bool bad = false;
                if (raw->busy && complete(raw->received, &bad)) {
                    finishOne(raw, bad);
                    send(raw);
                }
            });
            QObject::connect(raw->socket, &QTcpSocket::disconnected, raw->socket, [raw, &finishOne, &send] {
                if (raw->busy) {
                    finishOne(raw, true);
                    QTimer::singleShot(0, raw->socket, [raw, &send] { send(raw); });
                }
            });
            clients.push_back(std::move(client));
            send(raw);
        }
        QTimer::singleShot(seconds * 500, &app, [&] {
            killedMs = clock.elapsed();
            fakes[victim]->close();
        });
        QTimer::singleShot(seconds * 1000, &app, [&] { running = false; });
        while ((running || std::any_of(clients.begin(), clients.end(), [](const auto &c) { return c->busy; }))
               && clock.elapsed() < seconds * 1000 + 30000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        std::printf("failover: %d clients, %d requests in %d s over %d servers, server %d killed at %lld ms, marked down "
                    "%lld ms later; %d failed (streams cut on the killed server), %d of the %d started after it was "
                    "marked down\n",
                    streams, total, seconds, serverCount, victim, killedMs, markedMs - killedMs, failed, failedAfterMarked,
                    startedAfterMarked);
        for (auto &client : clients)
            client->socket->abort();
    }
    return 0;
}
