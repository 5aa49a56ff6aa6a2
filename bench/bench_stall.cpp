// SPDX-License-Identifier: GPL-3.0-or-later
// bench_stall: how long the window and the page's searches hold up another client's stream.
//
// One process as `corral` runs it (src/app/main.cpp): an offscreen MainWindow and the local
// server, made by makeServerSide() below. A raw-socket client on a thread of its own reads a
// proxied /ollama/api/chat stream of 20 ms tokens (a corral-fake-ollama process upstream) and
// timestamps every read, while (a) the window types a search letter by letter, opens a
// 5,000-message chat and renders a 20,000-token answer (a second fake process, no delay), and
// (b) a second thread searches through GET /api/v1/chats?q=. Prints JSON: the reads, the
// largest gap between them and the p99 gap. Target: max gap <= 50 ms.
//
// Usage: bench_stall FAKE_OLLAMA_BINARY [HISTORY_DB]
//   HISTORY_DB: a chats.db to copy (bench_search's cached 10,000 x 20 history); without it a
//   history of BENCH_STALL_CHATS (default 2,000) x 20 short messages is made here.
#include "benchhistory.h"
#include "core/chatchangehub.h"
#include "core/chatstore.h"
#include "core/connectionmonitor.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "gui/conversationview.h"
#include "gui/mainwindow.h"
#include "server/access/accesscontrol.h"
#include "server/access/apikeystore.h"
#include "server/access/securitylog.h"
#include "server/access/tokenstore.h"
#include "server/accessgate.h"
#include "server/historyapi.h"
#include "server/localserver.h"
#include "server/serverhost.h"
#include "ui_mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListView>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTimer>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

using namespace Corral;
using Clock = std::chrono::steady_clock;

namespace {

const QByteArray Token = "bench-stall-token-0123456789abcdef";

/// The local server under test, in one of two layouts, so both are measured in one run:
/// - BENCH_STALL_LAYOUT=thread (the default): as main.cpp builds it, a ServerHost with the
///   server, its gate, history API, Ollama connections and chats.db connection on a thread of
///   their own;
/// - BENCH_STALL_LAYOUT=single: the layout before the server thread, everything on the GUI
///   thread sharing the window's ChatStore.
struct ServerSide
{
    // single
    std::unique_ptr<TokenStore> tokens;
    std::unique_ptr<ApiKeyStore> keys;
    std::unique_ptr<SecurityLog> log;
    std::unique_ptr<AccessControl> access;
    std::unique_ptr<OllamaConnection> connection;
    std::unique_ptr<LocalServer> server;
    std::unique_ptr<AccessGate> gate;
    std::unique_ptr<HistoryApi> history;
    // thread
    std::unique_ptr<ServerHost> host;
    quint16 listeningPort = 0;
    quint16 port() const { return listeningPort; }
};

bool threaded()
{
    return qEnvironmentVariable("BENCH_STALL_LAYOUT") != QLatin1String("single");
}

std::unique_ptr<ServerSide> makeServerSide(const QString &dataDir, Settings *settings, ChatStore *store, ChatChangeHub *hub)
{
    auto side = std::make_unique<ServerSide>();
    QString error;
    if (threaded()) {
        side->host = std::make_unique<ServerHost>(dataDir, settings, hub);
        if (!side->host->loadCredentials(Token, &error)) {
            std::fprintf(stderr, "bench_stall: %s\n", qPrintable(error));
            return nullptr;
        }
        QEventLoop loop;
        bool ok = false;
        QObject::connect(side->host.get(), &ServerHost::started, &loop, [&](bool listening, const QUrl &url, const QString &message) {
            ok = listening;
            side->listeningPort = quint16(url.port());
            if (!listening)
                std::fprintf(stderr, "bench_stall: %s\n", qPrintable(message));
            loop.quit();
        });
        side->host->start(true);
        loop.exec();
        return ok ? std::move(side) : nullptr;
    }
    side->tokens = std::make_unique<TokenStore>(dataDir);
    if (!side->tokens->load(Token, &error)) {
        std::fprintf(stderr, "bench_stall: %s\n", qPrintable(error));
        return nullptr;
    }
    side->keys = std::make_unique<ApiKeyStore>(dataDir);
    side->log = std::make_unique<SecurityLog>(dataDir);
    side->access = std::make_unique<AccessControl>(side->tokens.get(), side->keys.get(), side->log.get());
    side->connection = std::make_unique<OllamaConnection>();
    side->connection->bindSettings(settings);
    side->server = std::make_unique<LocalServer>(side->connection.get(), settings);
    side->gate = std::make_unique<AccessGate>(side->server.get(), side->access.get());
    side->history = std::make_unique<HistoryApi>(side->server.get(), store);
    if (!side->server->start()) {
        std::fprintf(stderr, "bench_stall: %s\n", qPrintable(side->server->errorString()));
        return nullptr;
    }
    side->listeningPort = side->server->port();
    return side;
}

/// Starts corral-fake-ollama and returns its port (0 on failure).
quint16 startFake(QProcess &process, const QString &binary, int tokens, int delayMs)
{
    process.start(binary, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--tokens"), QString::number(tokens),
                           QStringLiteral("--token-delay-ms"), QString::number(delayMs)});
    QByteArray out;
    const QRegularExpression address(QStringLiteral("127\\.0\\.0\\.1:(\\d+)"));
    while (process.waitForReadyRead(10000)) {
        out += process.readAllStandardOutput();
        const auto match = address.match(QString::fromLatin1(out));
        if (match.hasMatch())
            return quint16(match.captured(1).toUInt());
    }
    return 0;
}

int connectTo(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

void sendAll(int fd, const QByteArray &data)
{
    qsizetype sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.constData() + sent, size_t(data.size() - sent), MSG_NOSIGNAL);
        if (n <= 0)
            return;
        sent += n;
    }
}

/// Reads one proxied stream to its end and returns the time of each read.
std::vector<Clock::time_point> readStream(quint16 port)
{
    std::vector<Clock::time_point> reads;
    const int fd = connectTo(port);
    if (fd < 0)
        return reads;
    const QByteArray body = R"({"model":"llama3.2:latest","messages":[{"role":"user","content":"hi"}],"stream":true})";
    sendAll(fd, "POST /ollama/api/chat HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nAuthorization: Bearer " + Token
                    + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
                    + "\r\n\r\n" + body);
    char buffer[65536];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0)
            break;
        reads.push_back(Clock::now());
        if (QByteArray::fromRawData(buffer, int(n)).contains("\"done\":true"))
            break;
    }
    ::close(fd);
    return reads;
}

/// GET /api/v1/chats?q=... in a loop until @p stop; returns how many answered.
int searchLoop(quint16 port, const std::atomic<bool> &stop)
{
    const QList<QByteArray> queries{"docker", "git reb", "rust borr", "postgres", "how to use docker", "kube"};
    int answered = 0;
    for (int i = 0; !stop; ++i) {
        const int fd = connectTo(port);
        if (fd < 0)
            return answered;
        QByteArray q = queries.at(i % queries.size());
        q.replace(' ', "%20");
        sendAll(fd, "GET /api/v1/chats?q=" + q + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\nAuthorization: Bearer " + Token
                        + "\r\nConnection: close\r\n\r\n");
        char buffer[65536];
        while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
        }
        ::close(fd);
        ++answered;
    }
    return answered;
}

} // namespace

int main(int argc, char **argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_stall FAKE_OLLAMA_BINARY [HISTORY_DB]\n");
        return 2;
    }
    const QString fakeBinary = QString::fromLocal8Bit(argv[1]);
    QTemporaryDir dir;
    const QString dbPath = dir.filePath(QStringLiteral("chats.db"));
    if (argc > 2) {
        if (!QFile::copy(QString::fromLocal8Bit(argv[2]), dbPath))
            return 1;
    } else if (!Bench::makeHistory(dbPath, qEnvironmentVariableIntValue("BENCH_STALL_CHATS") > 0
                                         ? qEnvironmentVariableIntValue("BENCH_STALL_CHATS") : 2000)) {
        return 1;
    }

    QProcess slowFake, fastFake;
    // The other client's stream: long enough to span all of the window's work (BENCH_STALL_TOKENS).
    const int streamTokens = qEnvironmentVariableIntValue("BENCH_STALL_TOKENS") > 0 ? qEnvironmentVariableIntValue("BENCH_STALL_TOKENS") : 600;
    const quint16 slowPort = startFake(slowFake, fakeBinary, streamTokens, 20);
    const quint16 fastPort = startFake(fastFake, fakeBinary, 20000, 0);   // the window's answer
    if (!slowPort || !fastPort)
        return 1;

    ChatStore store;
    QString error;
    if (!store.open(dbPath, &error))
        return 1;
    ChatChangeHub chatChanges; // the window's and the server thread's stores hear each other
    store.setChangeHub(&chatChanges);
    // The long chat the window opens.
    if (!Bench::addLongChat(&store, QStringLiteral("Five thousand messages"), 5000))
        return 1;

    Settings serverSettings(dir.filePath(QStringLiteral("server.ini")));
    serverSettings.setValue(SettingsKey::ServerPort, 0);
    serverSettings.setValue(SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:%1").arg(slowPort));
    const auto server = makeServerSide(dir.path(), &serverSettings, &store, &chatChanges);
    if (!server)
        return 1;

    Bench::Window parts(dir.filePath(QStringLiteral("window.ini")), QStringLiteral("http://127.0.0.1:%1").arg(fastPort));
    MainWindow &window = parts.make(&store);
    window.show();

    std::vector<Clock::time_point> reads;
    std::atomic<bool> streamDone{false};
    std::thread reader([&] {
        reads = readStream(server->port());
        streamDone = true;
    });
    int searches = 0;
    std::thread searcher([&] { searches = searchLoop(server->port(), streamDone); });

    // The window's part, each step when the one before has finished.
    Ui::MainWindow *ui = window.ui();
    const QString typed = QStringLiteral("docker");
    int letter = 0;
    QTimer typing;
    typing.setInterval(120);
    bool answered = false;
    QObject::connect(&typing, &QTimer::timeout, &app, [&] {
        if (letter < typed.size()) {
            ui->searchEdit->setText(typed.left(++letter));
            return;
        }
        typing.stop();
        ui->searchEdit->clear();
        QAbstractItemModel *list = ui->chatList->model();
        for (int row = 0; row < list->rowCount(); ++row) {
            if (list->index(row, 0).data().toString() == QLatin1String("Five thousand messages"))
                ui->chatList->setCurrentIndex(list->index(row, 0));
        }
        QTimer::singleShot(0, &app, [&] {
            ui->messageEdit->setPlainText(QStringLiteral("and one more answer"));
            ui->sendButton->click();
            answered = true;
        });
    });
    QTimer::singleShot(300, &typing, qOverload<>(&QTimer::start));
    QTimer poll;
    poll.setInterval(20);
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (streamDone)
            app.quit();
    });
    poll.start();
    app.exec();
    reader.join();
    searcher.join();

    std::vector<double> gaps;
    for (size_t i = 1; i < reads.size(); ++i)
        gaps.push_back(std::chrono::duration<double, std::milli>(reads[i] - reads[i - 1]).count());
    std::sort(gaps.begin(), gaps.end());
    const double maxGap = gaps.empty() ? 0 : gaps.back();
    const double p99 = gaps.empty() ? 0 : gaps[std::min(gaps.size() - 1, size_t(double(gaps.size()) * 0.99))];
    const QJsonObject result{{QStringLiteral("layout"), threaded() ? QStringLiteral("thread") : QStringLiteral("single")},
                             {QStringLiteral("tokens"), streamTokens},
                             {QStringLiteral("reads"), int(reads.size())},
                             {QStringLiteral("max_gap_ms"), maxGap},
                             {QStringLiteral("p99_gap_ms"), p99},
                             {QStringLiteral("api_searches"), searches},
                             {QStringLiteral("window_sent_answer"), answered},
                             {QStringLiteral("window_answer_chars"), ui->conversation->streamedText().size()}};
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    slowFake.kill();
    fastFake.kill();
    slowFake.waitForFinished();
    fastFake.waitForFinished();
    return 0;
}
