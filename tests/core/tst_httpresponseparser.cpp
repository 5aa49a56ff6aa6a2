// SPDX-License-Identifier: GPL-3.0-or-later
// The upstream response parser, fed whole, byte by byte and in random splits: every way a body can
// end, interim responses, keep-alive rules, and the limits that stop a hostile upstream.
#include "core/httpresponseparser.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Corral;

namespace {

struct Result
{
    HttpResponseParser::State state = HttpResponseParser::State::StatusLine;
    int status = 0;
    QByteArray body;
    qsizetype consumed = 0;
    bool keepAlive = false;
    QList<QPair<QByteArray, QByteArray>> headers;
};

// Feeds `wire` in pieces of the given sizes (cycled), keeping unconsumed bytes like a socket
// reader does, then reports the connection closing if `close` is set.
Result run(const QByteArray &wire, const QList<int> &pieces, bool head = false, bool close = false)
{
    HttpResponseParser parser;
    parser.reset(head);
    Result result;
    QByteArray pending;
    qsizetype offset = 0;
    int piece = 0;
    while (offset < wire.size() && !parser.isComplete() && !parser.hasError()) {
        const int size = pieces.isEmpty() ? int(wire.size()) : pieces.at(piece++ % pieces.size());
        pending += wire.mid(offset, size);
        offset += qMin<qsizetype>(size, wire.size() - offset);
        const qsizetype consumed = parser.feed(pending, &result.body);
        result.consumed += consumed;
        pending.remove(0, consumed);
    }
    if (close && !parser.isComplete() && !parser.hasError())
        parser.closed();
    result.state = parser.state();
    result.status = parser.status();
    result.keepAlive = parser.keepAlive();
    result.headers = parser.headers();
    return result;
}

QList<int> randomPieces(int seed)
{
    QRandomGenerator random{quint32(seed)};
    QList<int> pieces;
    for (int i = 0; i < 64; ++i)
        pieces.append(1 + int(random.bounded(23)));
    return pieces;
}

} // namespace

class TestHttpResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void responses_data();
    void responses();
    void extraBytes_areLeftForTheNextResponse();
    void headRequest_hasNoBodyWhateverTheHeadersSay();
    void bodyLength_isKnownOnlyWhenContentLengthFrames_data();
    void bodyLength_isKnownOnlyWhenContentLengthFrames();
    void interimResponses_areSkipped();
    void protocolSwitch_isAnError();
    void limits_stopHostileUpstreams_data();
    void limits_stopHostileUpstreams();
    void truncatedBodies_areErrorsAtClose_data();
    void truncatedBodies_areErrorsAtClose();
    void headers_keepOrderAndCase();
};

void TestHttpResponseParser::responses_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("close");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");

    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello") << false << 200
                                    << QByteArray("hello") << true;
    QTest::newRow("no reason phrase") << QByteArray("HTTP/1.1 204\r\n\r\n") << false << 204 << QByteArray() << true;
    QTest::newRow("bare LF lines") << QByteArray("HTTP/1.1 200 OK\nContent-Length: 2\n\nok") << false << 200
                                   << QByteArray("ok") << true;
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                                           "5\r\nhello\r\n1;name=value\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n")
                             << false << 200 << QByteArray("hello 0123456789") << true;
    QTest::newRow("chunked with trailers") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                                                         "3\r\nabc\r\n0\r\nX-Trailer: 1\r\nX-Other: 2\r\n\r\n")
                                           << false << 200 << QByteArray("abc") << true;
    QTest::newRow("ndjson stream") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\n"
                                                 "Transfer-Encoding: chunked\r\n\r\n"
                                                 "d\r\n{\"response\":1\r\n1\r\n}\r\n1\r\n\n\r\n0\r\n\r\n")
                                   << false << 200 << QByteArray("{\"response\":1}\n") << true;
    QTest::newRow("chunked not last") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, , gzip\r\n\r\nxyz") << true
                                      << 200 << QByteArray("xyz") << false;
    QTest::newRow("until close") << QByteArray("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it") << true
                                 << 200 << QByteArray("all of it") << false;
    QTest::newRow("connection close") << QByteArray("HTTP/1.1 404 Not Found\r\nConnection: keep-alive, close\r\n"
                                                    "Content-Length: 9\r\n\r\nnot found")
                                      << false << 404 << QByteArray("not found") << false;
    QTest::newRow("http/1.0") << QByteArray("HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx") << false << 200
                              << QByteArray("x") << false;
    QTest::newRow("http/1.0 keep-alive") << QByteArray("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nx")
                                         << false << 200 << QByteArray("x") << true;
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n") << false << 304
                         << QByteArray() << true;
    QTest::newRow("zero length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << false << 200
                                 << QByteArray() << true;
    QTest::newRow("repeated equal lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nab")
                                            << false << 200 << QByteArray("ab") << true;
    QTest::newRow("chunked wins over length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n"
                                                            "Transfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n")
                                              << false << 200 << QByteArray("ab") << false;
    QTest::newRow("binary body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\n") + QByteArray("\r\n\0\n\r\x01", 6) << false
                                 << 200 << QByteArray("\r\n\0\n\r\x01", 6) << true;
}

void TestHttpResponseParser::responses()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, close);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);

    // Whole, one byte at a time, and in eight different random splits: always the same result.
    QList<QList<int>> splits{{}, {1}, {2}, {3, 1}};
    for (int seed = 1; seed <= 8; ++seed)
        splits.append(randomPieces(seed));
    for (const QList<int> &pieces : std::as_const(splits)) {
        const Result result = run(wire, pieces, false, close);
        QCOMPARE(result.state, HttpResponseParser::State::Complete);
        QCOMPARE(result.status, status);
        QCOMPARE(result.body, body);
        QCOMPARE(result.keepAlive, keepAlive);
        QCOMPARE(result.consumed, wire.size());
    }
}

void TestHttpResponseParser::extraBytes_areLeftForTheNextResponse()
{
    const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none";
    const QByteArray second = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n";
    HttpResponseParser parser;
    QByteArray body;
    QCOMPARE(parser.feed(QByteArray(first + second), &body), first.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(body, QByteArray("one"));

    parser.reset();
    body.clear();
    QCOMPARE(parser.feed(QByteArray(second + "garbage"), &body), second.size());
    QVERIFY(parser.isComplete());
    QCOMPARE(body, QByteArray("two"));
}

void TestHttpResponseParser::bodyLength_isKnownOnlyWhenContentLengthFrames_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<bool>("headRequest");
    QTest::addColumn<qint64>("length");
    QTest::newRow("content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n") << false << qint64(5);
    QTest::newRow("zero") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n") << false << qint64(0);
    QTest::newRow("chunked") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") << false << qint64(-1);
    QTest::newRow("chunked wins") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n")
                                  << false << qint64(-1);
    QTest::newRow("until close") << QByteArray("HTTP/1.1 200 OK\r\n\r\n") << false << qint64(-1);
    QTest::newRow("304") << QByteArray("HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n") << false << qint64(-1);
    QTest::newRow("head") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n") << true << qint64(-1);
}

void TestHttpResponseParser::bodyLength_isKnownOnlyWhenContentLengthFrames()
{
    QFETCH(QByteArray, head);
    QFETCH(bool, headRequest);
    QFETCH(qint64, length);
    HttpResponseParser parser;
    parser.reset(headRequest);
    QByteArray body;
    QCOMPARE(parser.feed(head, &body), head.size());
    QVERIFY(parser.hasHeaders());
    QCOMPARE(parser.bodyLength(), length);
}

void TestHttpResponseParser::headRequest_hasNoBodyWhateverTheHeadersSay()
{
    const QByteArray wire = "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (const QList<int> &pieces : QList<QList<int>>{{}, {1}}) {
        const Result result = run(wire, pieces, true);
        QCOMPARE(result.state, HttpResponseParser::State::Complete);
        QVERIFY(result.body.isEmpty());
        QCOMPARE(result.consumed, wire.size());
    }
}

void TestHttpResponseParser::interimResponses_areSkipped()
{
    const QByteArray wire = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                            "HTTP/1.1 201 Created\r\nX-Final: yes\r\nContent-Length: 2\r\n\r\nok";
    for (const QList<int> &pieces : QList<QList<int>>{{}, {1}, randomPieces(7)}) {
        const Result result = run(wire, pieces);
        QCOMPARE(result.state, HttpResponseParser::State::Complete);
        QCOMPARE(result.status, 201);
        QCOMPARE(result.body, QByteArray("ok"));
        QCOMPARE(result.headers.size(), 2); // only the final response's headers
        QCOMPARE(result.headers.first().first, QByteArray("X-Final"));
    }
}

void TestHttpResponseParser::protocolSwitch_isAnError()
{
    const Result result = run("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", {});
    QCOMPARE(result.state, HttpResponseParser::State::Error);
}

void TestHttpResponseParser::limits_stopHostileUpstreams_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n");
    QTest::newRow("http/2 preface") << QByteArray("HTTP/2 200\r\n\r\n");
    QTest::newRow("status out of range") << QByteArray("HTTP/1.1 999 What\r\n\r\n");
    QTest::newRow("status not numeric") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
    QTest::newRow("folded header") << QByteArray("HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\n\r\n");
    QTest::newRow("header without colon") << QByteArray("HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n");
    QTest::newRow("space in header name") << QByteArray("HTTP/1.1 200 OK\r\nBad Name: 1\r\n\r\n");
    QTest::newRow("conflicting lengths") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nabc");
    QTest::newRow("empty length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: \r\n\r\n");
    QTest::newRow("empty item in length list") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2, ,2\r\n\r\nab");
    QTest::newRow("trailing comma in length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 2,\r\n\r\nab");
    QTest::newRow("negative length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
    QTest::newRow("huge length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n");
    QTest::newRow("bad chunk size") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
    QTest::newRow("chunk size overflow") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n");
    QTest::newRow("chunk not terminated") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY0\r\n\r\n");
    QTest::newRow("endless header line") << "HTTP/1.1 200 OK\r\nX-Big: " + QByteArray(70 * 1024, 'a');
    QTest::newRow("header block too big") << "HTTP/1.1 200 OK\r\n" + QByteArray("X-Many: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n").repeated(2000);
    QTest::newRow("too many headers") << "HTTP/1.1 200 OK\r\n" + QByteArray("X: 1\r\n").repeated(300) + "\r\n";
    QTest::newRow("endless chunk line") << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + QByteArray(8 * 1024, 'x');
}

void TestHttpResponseParser::limits_stopHostileUpstreams()
{
    QFETCH(QByteArray, wire);
    QList<QList<int>> splits{{}, {4096}};
    if (wire.size() < 4096)
        splits.append(QList<int>{1});
    for (const QList<int> &pieces : std::as_const(splits)) {
        const Result result = run(wire, pieces);
        QCOMPARE(result.state, HttpResponseParser::State::Error);
        QVERIFY(result.body.size() < 16);
    }
}

void TestHttpResponseParser::truncatedBodies_areErrorsAtClose_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("nothing") << QByteArray();
    QTest::newRow("half a status line") << QByteArray("HTTP/1.1 20");
    QTest::newRow("headers unfinished") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n");
    QTest::newRow("short body") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel");
    QTest::newRow("chunked without last chunk") << QByteArray("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n");
}

void TestHttpResponseParser::truncatedBodies_areErrorsAtClose()
{
    QFETCH(QByteArray, wire);
    HttpResponseParser parser;
    QByteArray body;
    parser.feed(wire, &body);
    QVERIFY(!parser.isComplete());
    parser.closed();
    QCOMPARE(parser.state(), HttpResponseParser::State::Error);
    QVERIFY(!parser.errorString().isEmpty());
}

void TestHttpResponseParser::headers_keepOrderAndCase()
{
    const Result result = run("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nX-Two:  spaced value \r\n"
                              "x-two: again\r\nContent-Length: 0\r\n\r\n",
                              {1});
    QCOMPARE(result.headers.size(), 4);
    QCOMPARE(result.headers.at(0), qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
    QCOMPARE(result.headers.at(1), qMakePair(QByteArray("X-Two"), QByteArray("spaced value")));
    QCOMPARE(result.headers.at(2), qMakePair(QByteArray("x-two"), QByteArray("again")));
}

QTEST_GUILESS_MAIN(TestHttpResponseParser)
#include "tst_httpresponseparser.moc"
