// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark client (not a test): opens N concurrent streaming requests over raw sockets and
// reports tokens per second and time to first byte. Raw sockets, because QNAM would cap the
// concurrency at six connections per host.
//
// streamload --port P [--path /api/generate] [--streams 50] [--header "Authorization: Bearer x"]
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

struct Stream
{
    QTcpSocket *socket = nullptr;
    qint64 firstByteNs = -1;
    qint64 doneNs = -1;
    qint64 lines = 0;
    QByteArray tail;
    QByteArray end;
};

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1."), QStringLiteral("N"));
    const QCommandLineOption path(QStringLiteral("path"), QStringLiteral("Request path."), QStringLiteral("PATH"),
                                  QStringLiteral("/api/generate"));
    const QCommandLineOption streams(QStringLiteral("streams"), QStringLiteral("Concurrent streams."),
                                     QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption header(QStringLiteral("header"), QStringLiteral("Extra request header."),
                                    QStringLiteral("HEADER"));
    parser.addOptions({port, path, streams, header});
    parser.process(app);

    const QByteArray body = R"({"model":"llama3.2:latest","prompt":"benchmark"})";
    QByteArray request = "POST " + parser.value(path).toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + parser.value(port).toLatin1() + "\r\n"
                         "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const QString &extra : parser.values(header))
        request += extra.toLatin1() + "\r\n";
    request += "\r\n" + body;

    const int count = parser.value(streams).toInt();
    std::vector<Stream> all(static_cast<size_t>(count));
    QElapsedTimer clock;
    clock.start();
    int finished = 0;
    const auto done = [&clock, &finished, count](Stream &stream) {
        if (stream.doneNs >= 0)
            return;
        stream.doneNs = clock.nsecsElapsed();
        if (++finished == count)
            QCoreApplication::quit();
    };
    for (Stream &stream : all) {
        stream.socket = new QTcpSocket(&app);
        QObject::connect(stream.socket, &QTcpSocket::connected, [&stream, request] { stream.socket->write(request); });
        QObject::connect(stream.socket, &QTcpSocket::readyRead, [&stream, &clock, &done] {
            const QByteArray data = stream.socket->readAll();
            if (stream.firstByteNs < 0)
                stream.firstByteNs = clock.nsecsElapsed();
            // Each NDJSON line ends in "}\n"; keep one byte so a split across reads still counts.
            const QByteArray joined = stream.tail + data;
            stream.lines += joined.count("}\n");
            stream.tail = data.right(1);
            // The response ends with its last chunk; do not wait for the server to close.
            stream.end = QByteArray(stream.end + data).right(7);
            if (stream.end == "\r\n0\r\n\r\n")
                done(stream);
        });
        QObject::connect(stream.socket, &QTcpSocket::disconnected, [&stream, &done] { done(stream); });
        stream.socket->connectToHost(QHostAddress::LocalHost, quint16(parser.value(port).toInt()));
    }
    app.exec();

    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    qint64 tokens = 0;
    std::vector<double> ttfb;
    for (const Stream &stream : all) {
        tokens += stream.lines;
        ttfb.push_back(double(stream.firstByteNs) / 1e6);
    }
    const QJsonObject result{
        {QStringLiteral("streams"), count},
        {QStringLiteral("tokens"), tokens},
        {QStringLiteral("seconds"), seconds},
        {QStringLiteral("tokens_per_second"), double(tokens) / seconds},
        {QStringLiteral("ttfb_ms_p50"), percentile(ttfb, 0.5)},
        {QStringLiteral("ttfb_ms_p99"), percentile(ttfb, 0.99)},
    };
    std::printf("%s\n", QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
    return 0;
}
