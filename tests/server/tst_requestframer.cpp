// SPDX-License-Identifier: GPL-3.0-or-later
#include "framerrun.h"

#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

const QByteArray Get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

QByteArray post(const QByteArray &body)
{
    return "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

QByteArray chunkedPost(const QByteArray &chunks)
{
    return "POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
}

QByteArray withHeader(const QByteArray &line)
{
    return "GET / HTTP/1.1\r\nHost: a\r\n" + line + "\r\n\r\n";
}

} // namespace

class TestRequestFramer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_sameResultInAnySplit_data();
    void rules_sameResultInAnySplit();
    void pipelining_readsEachMessageInTurn();
    void head_completesBeforeAnyBodyByte();
    void head_fieldsAndFlags();
    void oneByteChunks_hitTheLimitAfterLimitOverCost();
    void chunkSize_overflowIsRefusedBeforeData();
    void setBodyLimit_tightensOneMessage();
    void headLimit_decidedAsSoonAsPassed();
    void afterError_nothingMoreIsConsumed();
    void errors_haveTheirOwnMessages();
};

void TestRequestFramer::rules_sameResultInAnySplit_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");   // 0: accepted
    QTest::addColumn<int>("messages"); // completed before the end (or the error)

    // Accepted.
    QTest::newRow("get") << Get << 0 << 1;
    QTest::newRow("http10 without host") << QByteArray("GET /x HTTP/1.0\r\n\r\n") << 0 << 1;
    QTest::newRow("leading crlfs") << "\r\n\r\n" + Get << 0 << 1;
    QTest::newRow("four leading crlfs") << "\r\n\r\n\r\n\r\n" + Get << 0 << 1;
    QTest::newRow("every method") << QByteArray("HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"
                                                "PUT / HTTP/1.1\r\nHost: a\r\n\r\n"
                                                "PATCH / HTTP/1.1\r\nHost: a\r\n\r\n"
                                                "DELETE / HTTP/1.1\r\nHost: a\r\n\r\n"
                                                "OPTIONS / HTTP/1.1\r\nHost: a\r\n\r\n")
                                  << 0 << 5;
    QTest::newRow("post") << post("hello") << 0 << 1;
    QTest::newRow("content-length 0") << post("") << 0 << 1;
    QTest::newRow("content-length leading zeros")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0003\r\n\r\nabc") << 0 << 1;
    QTest::newRow("chunked") << chunkedPost("5\r\nhello\r\n0\r\n\r\n") << 0 << 1;
    QTest::newRow("chunked upper hex, zeros") << chunkedPost("00A\r\n0123456789\r\n000\r\n\r\n") << 0 << 1;
    QTest::newRow("chunk ext") << chunkedPost("5;name=\"v a\"\t\r\nhello\r\n0;x\r\n\r\n") << 0 << 1;
    QTest::newRow("chunked case") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n")
                                  << 0 << 1;
    QTest::newRow("ows and obs-text") << withHeader("X-A:  \t v\xc3\xa9 x \t") << 0 << 1;
    QTest::newRow("empty value") << withHeader("X-A:") << 0 << 1;
    QTest::newRow("expect 100-continue") << withHeader("Expect: 100-Continue") << 0 << 1;
    QTest::newRow("query") << QByteArray("GET /a/b?c=d&e=%20 HTTP/1.1\r\nHost: a\r\n\r\n") << 0 << 1;
    QTest::newRow("pipelined") << Get + post("abc") + chunkedPost("3\r\nabc\r\n0\r\n\r\n") << 0 << 3;
    QTest::newRow("partial head") << QByteArray("GET / HTTP/1.1\r\nHo") << 0 << 0;
    QTest::newRow("partial body") << post("hello").chopped(2) << 0 << 0;

    // Line endings (RFC 9112 §2.2).
    QTest::newRow("bare lf request line") << QByteArray("GET / HTTP/1.1\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("bare lf field") << QByteArray("GET / HTTP/1.1\r\nHost: a\n\r\n") << 400 << 0;
    QTest::newRow("bare lf end") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\n") << 400 << 0;
    QTest::newRow("bare cr value") << withHeader("X-A: a\rb") << 400 << 0;
    QTest::newRow("bare cr end") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n\rX") << 400 << 0;
    QTest::newRow("leading bare lf") << "\n" + Get << 400 << 0;
    QTest::newRow("leading space") << " " + Get << 400 << 0;
    QTest::newRow("five leading crlfs") << "\r\n\r\n\r\n\r\n\r\n" + Get << 400 << 0;

    // Request line (RFC 9112 §3).
    QTest::newRow("two spaces") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("tab") << QByteArray("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("no version") << QByteArray("GET /\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("connect") << QByteArray("CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n") << 501 << 0;
    QTest::newRow("trace") << QByteArray("TRACE / HTTP/1.1\r\nHost: a\r\n\r\n") << 501 << 0;
    QTest::newRow("lowercase get") << QByteArray("get / HTTP/1.1\r\nHost: a\r\n\r\n") << 501 << 0;
    QTest::newRow("non-token method") << QByteArray("G(T / HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("tls hello") << QByteArray("\x16\x03\x01\x02\x00\x01", 6) << 400 << 0;
    QTest::newRow("absolute-form") << QByteArray("GET http://a/ HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("asterisk") << QByteArray("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("target non-ascii") << QByteArray("GET /\xc3\xa9 HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("target del") << QByteArray("GET /\x7f HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("target fragment") << QByteArray("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("http/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << 505 << 0;
    QTest::newRow("http/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505 << 0;
    QTest::newRow("http/0.9") << QByteArray("GET / HTTP/0.9\r\n\r\n") << 505 << 0;
    QTest::newRow("lowercase version") << QByteArray("GET / http/1.1\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("long version") << QByteArray("GET / HTTP/1.10\r\nHost: a\r\n\r\n") << 400 << 0;
    QTest::newRow("short version") << QByteArray("GET / HTTP/11\r\nHost: a\r\n\r\n") << 400 << 0;

    // Field lines (RFC 9112 §5).
    QTest::newRow("obs-fold") << withHeader("X-A: a\r\n b") << 400 << 0;
    QTest::newRow("obs-fold tab") << withHeader("X-A: a\r\n\tb") << 400 << 0;
    QTest::newRow("space before colon") << withHeader("X-A : a") << 400 << 0;
    QTest::newRow("empty name") << withHeader(": a") << 400 << 0;
    QTest::newRow("no colon") << withHeader("X-A") << 400 << 0;
    QTest::newRow("bad name") << withHeader("X(A): a") << 400 << 0;
    QTest::newRow("nul value") << withHeader(QByteArray("X-A: a\0b", 8)) << 400 << 0;
    QTest::newRow("esc value") << withHeader("X-A: a\x1b") << 400 << 0;
    QTest::newRow("del value") << withHeader("X-A: a\x7f") << 400 << 0;

    // Host (RFC 9112 §3.2).
    QTest::newRow("no host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400 << 0;
    QTest::newRow("empty host") << QByteArray("GET / HTTP/1.1\r\nHost:\r\n\r\n") << 400 << 0;
    QTest::newRow("two hosts") << withHeader("host: b") << 400 << 0;
    QTest::newRow("two hosts http10") << QByteArray("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n") << 400 << 0;

    // Content-Length (RFC 9112 §6.3).
    QTest::newRow("duplicate length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
                                                    "content-length: 1\r\n\r\nx")
                                      << 400 << 0;
    QTest::newRow("length list") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\nx") << 400 << 0;
    QTest::newRow("length sign") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\nx") << 400 << 0;
    QTest::newRow("length negative") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400 << 0;
    QTest::newRow("length hex") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0x1\r\n\r\nx") << 400 << 0;
    QTest::newRow("length empty") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n") << 400 << 0;
    QTest::newRow("length inner space") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1 2\r\n\r\n") << 400 << 0;
    QTest::newRow("length 19 digits") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9999999999999999999\r\n\r\n")
                                      << 413 << 0;
    QTest::newRow("length int64 max") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 9223372036854775807\r\n\r\n")
                                      << 413 << 0;
    QTest::newRow("length over limit") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 104857601\r\n\r\n") << 413 << 0;

    // Transfer-Encoding (RFC 9112 §6.1).
    QTest::newRow("te and length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                                                 "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                   << 400 << 0;
    QTest::newRow("te gzip") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 400 << 0;
    QTest::newRow("te gzip chunked") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
                                     << 400 << 0;
    QTest::newRow("te chunked twice") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, chunked\r\n\r\n")
                                      << 400 << 0;
    QTest::newRow("te two fields") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                                                 "Transfer-Encoding: chunked\r\n\r\n")
                                   << 400 << 0;
    QTest::newRow("te xchunked") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n") << 400 << 0;
    QTest::newRow("te http10") << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n") << 400 << 0;

    // Upgrades and expectations.
    QTest::newRow("connection upgrade") << withHeader("Connection: Upgrade") << 400 << 0;
    QTest::newRow("connection list upgrade") << withHeader("Connection: keep-alive, upgrade") << 400 << 0;
    QTest::newRow("upgrade header") << withHeader("Upgrade: websocket") << 400 << 0;
    QTest::newRow("expect other") << withHeader("Expect: 200-ok") << 417 << 0;

    // Chunked framing (RFC 9112 §7.1).
    QTest::newRow("chunk size not hex") << chunkedPost("g\r\n") << 400 << 0;
    QTest::newRow("chunk size sign") << chunkedPost("+5\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk size 0x") << chunkedPost("0x5\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk size space") << chunkedPost(" 5\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk size space ext") << chunkedPost("5 ;a\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk size empty") << chunkedPost("\r\n") << 400 << 0;
    QTest::newRow("chunk size 17 digits") << chunkedPost("00000000000000005\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk size bare lf") << chunkedPost("5\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk ext ctl") << chunkedPost("5;a\x01\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk line too long") << chunkedPost("5;" + QByteArray(1100, 'a') + "\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk data no crlf") << chunkedPost("5\r\nhelloXY0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk data lf only") << chunkedPost("5\r\nhello\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("chunk data too long") << chunkedPost("3\r\nhello\r\n0\r\n\r\n") << 400 << 0;
    QTest::newRow("trailers") << chunkedPost("5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n") << 400 << 0;
    QTest::newRow("last chunk bare cr") << chunkedPost("0\r\n\rX") << 400 << 0;
    QTest::newRow("chunk int64 overflow") << chunkedPost("ffffffffffffffff\r\n") << 413 << 0;
    QTest::newRow("chunk int64 max after small")
        << chunkedPost("1\r\na\r\n7fffffffffffffff\r\n") << 413 << 0;

    // Errors after good messages still end the stream there.
    QTest::newRow("smuggled after get") << Get + "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
                                        << 400 << 1;
}

void TestRequestFramer::rules_sameResultInAnySplit()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    QFETCH(int, messages);

    const FramedStream whole = frame(input, {});
    QCOMPARE(whole.status, status);
    QCOMPARE(whole.messages.size(), messages);
    if (status == 0)
        QCOMPARE(whole.idleAtEnd, (whole.messages.isEmpty() ? 0 : whole.messages.last().end) == input.size());

    const FramedStream bytes = frame(input, everyByte(input.size()));
    QCOMPARE(bytes.status, whole.status);
    QCOMPARE(bytes.messages, whole.messages);
    QCOMPARE(bytes.idleAtEnd, whole.idleAtEnd);
    for (quint32 seed = 1; seed <= 20; ++seed) {
        const FramedStream random = frame(input, randomCuts(input.size(), seed));
        QCOMPARE(random.status, whole.status);
        QCOMPARE(random.messages, whole.messages);
    }
}

void TestRequestFramer::pipelining_readsEachMessageInTurn()
{
    const QByteArray second = post("hello");
    const QByteArray third = chunkedPost("5\r\nhello\r\n3;x\r\nabc\r\n0\r\n\r\n");
    const QByteArray input = Get + second + third;
    const FramedStream stream = frame(input, {});
    QCOMPARE(stream.status, 0);
    QCOMPARE(stream.messages.size(), 3);
    QCOMPARE(stream.messages.at(0).method, "GET");
    QCOMPARE(stream.messages.at(0).end, Get.size());
    QCOMPARE(stream.messages.at(1).method, "POST");
    QCOMPARE(stream.messages.at(1).path, "/p");
    QCOMPARE(input.mid(stream.messages.at(1).bodyBegin, stream.messages.at(1).end - stream.messages.at(1).bodyBegin),
             "hello");
    QCOMPARE(stream.messages.at(2).path, "/c");
    QVERIFY(stream.messages.at(2).chunked);
    QCOMPARE(stream.messages.at(2).end, input.size());
    const FramedMessage &chunked = stream.messages.at(2);
    QCOMPARE(dechunk(QByteArrayView(input).sliced(chunked.bodyBegin, chunked.end - chunked.bodyBegin)), "helloabc");
    QVERIFY(stream.idleAtEnd);
}

void TestRequestFramer::head_completesBeforeAnyBodyByte()
{
    RequestFramer framer;
    const QByteArray input = post("hello") + Get;
    RequestFramer::Step step = framer.feed(input);
    QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
    QCOMPARE(step.consumed, input.indexOf("hello"));
    QVERIFY(framer.inBody());
    QVERIFY(!framer.idleBetweenMessages());
    QCOMPARE(framer.bodyCost(), 5);
    QByteArrayView rest = QByteArrayView(input).sliced(step.consumed);
    step = framer.feed(rest);
    QCOMPARE(step.event, RequestFramer::Event::MessageComplete);
    QCOMPARE(step.consumed, 5);
    QVERIFY(framer.idleBetweenMessages());
    QCOMPARE(framer.head().path, "/p"); // still the finished message's head
    rest = rest.sliced(step.consumed);
    step = framer.feed(rest);
    QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
    QCOMPARE(framer.head().method, "GET");
    QCOMPARE(framer.head().contentLength, -1);
    // A message without a body completes on the next call, which consumes nothing.
    step = framer.feed({});
    QCOMPARE(step.event, RequestFramer::Event::MessageComplete);
    QCOMPARE(step.consumed, 0);
    QCOMPARE(framer.feed({}).event, RequestFramer::Event::NeedMore);
}

void TestRequestFramer::head_fieldsAndFlags()
{
    RequestFramer framer;
    const QByteArray input = "\r\nPOST /api/chat?x=1 HTTP/1.1\r\nHost:  127.0.0.1:8080 \r\nExpect: 100-continue\r\n"
                             "Connection: keep-alive, Close\r\nContent-Length: 2\r\nX-Empty:\r\n\r\n";
    const RequestFramer::Step step = framer.feed(input);
    QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
    QCOMPARE(step.consumed, input.size());
    const RequestHead &head = framer.head();
    QCOMPARE(head.method, "POST");
    QCOMPARE(head.target, "/api/chat?x=1");
    QCOMPARE(head.path, "/api/chat");
    QVERIFY(!head.http10);
    QCOMPARE(head.headers.size(), 5);
    QCOMPARE(head.headers.at(0).first, "Host");
    QCOMPARE(head.value("host"), "127.0.0.1:8080");
    QCOMPARE(head.contentLength, 2);
    QVERIFY(head.expectContinue);
    QVERIFY(head.connectionClose);
    QVERIFY(!head.chunked);
    QCOMPARE(head.headBytes, input.size());
    QVERIFY(!head.value("x-empty").isNull());
    QVERIFY(head.value("x-empty").isEmpty());
    QVERIFY(head.value("x-missing").isNull());

    RequestFramer old;
    QCOMPARE(old.feed("GET / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n").event, RequestFramer::Event::HeadComplete);
    QVERIFY(old.head().http10);
    QVERIFY(!old.head().expectContinue); // RFC 9110 §10.1.1: ignored in HTTP/1.0
    QVERIFY(old.head().connectionClose);
    RequestFramer keep;
    QCOMPARE(keep.feed("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").event, RequestFramer::Event::HeadComplete);
    QVERIFY(!keep.head().connectionClose);
}

void TestRequestFramer::oneByteChunks_hitTheLimitAfterLimitOverCost()
{
    const qint64 limit = 64 * 1024;
    const qint64 perChunk = 1 + 3 + 2 + RequestFramer::PerChunkCost; // data, "1\r\n", CRLF, charge
    const qint64 fits = (limit - 5) / perChunk; // room is left for "0\r\n\r\n"
    QByteArray chunks;
    for (qint64 i = 0; i < fits; ++i)
        chunks += "1\r\nx\r\n";
    const QByteArray exact = chunkedPost(chunks + "0\r\n\r\n");
    RequestFramer::Limits limits;
    limits.maxBodyBytes = limit;
    FramedStream stream = frame(exact, {}, limits);
    QCOMPARE(stream.status, 0);
    QCOMPARE(stream.messages.size(), 1);

    // One more chunk is refused at its size line, before its data byte.
    RequestFramer framer(limits);
    const QByteArray over = chunkedPost(chunks + "1\r\nx\r\n0\r\n\r\n");
    RequestFramer::Step step = framer.feed(over);
    QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
    step = framer.feed(QByteArrayView(over).sliced(step.consumed));
    QCOMPARE(step.event, RequestFramer::Event::Error);
    QCOMPARE(framer.errorStatus(), 413);
    QVERIFY(framer.bodyCost() <= limit);
    QVERIFY(framer.bodyCost() > limit - perChunk);
}

void TestRequestFramer::chunkSize_overflowIsRefusedBeforeData()
{
    for (const QByteArray &size : {QByteArray("ffffffffffffffff"), QByteArray("7fffffffffffffff"),
                                   QByteArray("8000000000000000"), QByteArray("6400001")}) {
        RequestFramer framer;
        const QByteArray input = chunkedPost("1\r\na\r\n" + size + "\r\nabc");
        RequestFramer::Step step = framer.feed(input);
        QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
        const qsizetype bodyBegin = step.consumed;
        step = framer.feed(QByteArrayView(input).sliced(bodyBegin));
        QCOMPARE(step.event, RequestFramer::Event::Error);
        QCOMPARE(framer.errorStatus(), 413);
        QVERIFY(bodyBegin + step.consumed <= input.indexOf("abc"));
    }
}

void TestRequestFramer::setBodyLimit_tightensOneMessage()
{
    // A Content-Length over the tighter limit fails at once.
    RequestFramer framer;
    const QByteArray big = post(QByteArray(2000, 'x'));
    RequestFramer::Step step = framer.feed(big);
    QCOMPARE(step.event, RequestFramer::Event::HeadComplete);
    QVERIFY(!framer.setBodyLimit(1000));
    QCOMPARE(framer.errorStatus(), 413);
    QCOMPARE(framer.feed(QByteArrayView(big).sliced(step.consumed)).event, RequestFramer::Event::Error);

    // Chunks: the tighter limit counts from the head; the next message gets the default again.
    const auto tighten = [](RequestFramer &f) { f.setBodyLimit(600); };
    const QByteArray two = chunkedPost("10\r\n0123456789abcdef\r\n0\r\n\r\n");
    QCOMPARE(frame(two, {}, {}, tighten).status, 0);
    const QByteArray three = chunkedPost("10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n");
    QCOMPARE(frame(three, {}, {}, tighten).status, 413);
    QCOMPARE(frame(three + three, {}).messages.size(), 2);
    int heads = 0;
    const auto firstOnly = [&heads](RequestFramer &f) {
        if (heads++ == 0)
            f.setBodyLimit(600);
    };
    const FramedStream stream = frame(two + three, {}, {}, firstOnly);
    QCOMPARE(stream.status, 0);
    QCOMPARE(stream.messages.size(), 2);
}

void TestRequestFramer::headLimit_decidedAsSoonAsPassed()
{
    RequestFramer::Limits limits;
    limits.maxHeadBytes = 1024;
    QByteArray head = "GET / HTTP/1.1\r\nHost: a\r\nX-Pad: ";
    const QByteArray exact = head + QByteArray(1024 - head.size() - 4, 'p') + "\r\n\r\n";
    QCOMPARE(exact.size(), 1024);
    QCOMPARE(frame(exact, everyByte(exact.size()), limits).status, 0);
    QByteArray over = exact;
    over.insert(head.size(), 'p');
    QCOMPARE(frame(over, {}, limits).status, 431);

    // A flood without an end is refused at the limit, having kept no more than that.
    RequestFramer framer(limits);
    const QByteArray flood = head + QByteArray(100000, 'p');
    const RequestFramer::Step step = framer.feed(flood);
    QCOMPARE(step.event, RequestFramer::Event::Error);
    QCOMPARE(framer.errorStatus(), 431);
    QCOMPARE(step.consumed, 1024);
    QVERIFY(framer.bufferedBytes() <= 1024);

    QByteArray fields = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 1; i < 100; ++i)
        fields += "X-" + QByteArray::number(i) + ": v\r\n";
    QCOMPARE(frame(fields + "\r\n", {}).status, 0);
    QCOMPARE(frame(fields + "X-100: v\r\n\r\n", {}).status, 431);
    limits.maxFields = 2;
    QCOMPARE(frame(withHeader("A: b"), {}, limits).status, 0);
    QCOMPARE(frame(withHeader("A: b\r\nC: d"), {}, limits).status, 431);
}

void TestRequestFramer::afterError_nothingMoreIsConsumed()
{
    RequestFramer framer;
    const RequestFramer::Step step = framer.feed("GET / HTTP/1.1\r\nHost: a\nmore");
    QCOMPARE(step.event, RequestFramer::Event::Error);
    QCOMPARE(step.consumed, 23); // up to the bare LF
    QCOMPARE(framer.errorStatus(), 400);
    QCOMPARE(framer.errorReason(), "Bad Request");
    QVERIFY(!framer.errorMessage().isEmpty());
    const RequestFramer::Step again = framer.feed(Get);
    QCOMPARE(again.event, RequestFramer::Event::Error);
    QCOMPARE(again.consumed, 0);
}

void TestRequestFramer::errors_haveTheirOwnMessages()
{
    const QList<QByteArray> inputs = {
        "GET / HTTP/1.1\nHost: a\r\n\r\n",
        "TRACE / HTTP/1.1\r\nHost: a\r\n\r\n",
        withHeader("X-A: a\r\n b"),
        withHeader("Content-Length: 1\r\nContent-Length: 1"),
        chunkedPost("0\r\nX: 1\r\n\r\n"),
        withHeader("Upgrade: h2c"),
        "GET / HTTP/1.1\r\n\r\n",
        withHeader("Expect: x"),
    };
    QSet<QString> messages;
    for (const QByteArray &input : inputs) {
        RequestFramer framer;
        QByteArrayView rest(input);
        RequestFramer::Step step{0, RequestFramer::Event::NeedMore};
        do {
            step = framer.feed(rest);
            rest = rest.sliced(step.consumed);
        } while (step.event == RequestFramer::Event::HeadComplete);
        QCOMPARE(step.event, RequestFramer::Event::Error);
        messages.insert(framer.errorMessage());
    }
    QCOMPARE(messages.size(), inputs.size());
    RequestFramer upgrade;
    upgrade.feed(withHeader("Connection: upgrade"));
    QVERIFY(upgrade.errorMessage().contains(QLatin1String("upgrades are not supported")));
}

QTEST_GUILESS_MAIN(TestRequestFramer)
#include "tst_requestframer.moc"
