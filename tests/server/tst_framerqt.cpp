// SPDX-License-Identifier: GPL-3.0-or-later
// What RequestFramer accepts, QtHttpServer 6.4 reads the same way; what Qt reads differently
// from RFC 9112, RequestFramer refuses. Qt runs here without the connection guard.
#include "framerrun.h"

#include <QAbstractHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Corral;
using namespace Corral::Test;

namespace {

struct SeenRequest
{
    QByteArray method;
    QByteArray path;
    QByteArray body;
    bool operator==(const SeenRequest &other) const
    {
        return method == other.method && path == other.path && body == other.body;
    }
};

QByteArray describe(const QList<SeenRequest> &requests)
{
    QByteArray text;
    for (const SeenRequest &request : requests)
        text += request.method + ' ' + request.path + " [" + request.body.toPercentEncoding() + "] ";
    return text;
}

char *toString(const SeenRequest &request) // for QCOMPARE
{
    return qstrdup(describe({request}).constData());
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "Unknown";
    }
}

/// Qt's own reading: every request QtHttpServer hands to a handler.
class RecordingServer final : public QAbstractHttpServer
{
public:
    QList<SeenRequest> seen;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        seen.append({methodName(request.method()), request.url().path(QUrl::FullyEncoded).toLatin1(), request.body()});
        makeResponder(request, socket).write(QHttpServerResponder::StatusCode::NoContent);
        return true;
    }
    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override {}
};

/// Counts the reads on each accepted socket; its slot runs before QtHttpServer's.
class CountingTcpServer final : public QTcpServer
{
public:
    int reads = 0;
    QTcpSocket *nextPendingConnection() override
    {
        QTcpSocket *socket = QTcpServer::nextPendingConnection();
        if (socket)
            connect(socket, &QTcpSocket::readyRead, this, [this] { ++reads; });
        return socket;
    }
};

const QByteArray Sentinel = "GET /sentinel HTTP/1.1\r\nHost: a\r\n\r\n";

QByteArray chunkedPost(const QByteArray &path, const QByteArray &chunks)
{
    return "POST " + path + " HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
}

} // namespace

Q_DECLARE_METATYPE(SeenRequest)

class TestFramerQt : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void accepted_qtReadsTheSameRequests_data();
    void accepted_qtReadsTheSameRequests();
    void readDifferently_framerRefuses_data();
    void readDifferently_framerRefuses();

private:
    /// Sends @p stream to Qt in pieces ending at @p cuts, each piece once the previous one was
    /// read, then the sentinel; returns what Qt handed to the handler once it saw the sentinel
    /// or closed the connection.
    QList<SeenRequest> qtReads(const QByteArray &stream, const QList<qsizetype> &cuts);

    RecordingServer *m_http = nullptr;
    CountingTcpServer *m_tcp = nullptr;
};

void TestFramerQt::initTestCase()
{
    m_http = new RecordingServer;
    m_http->setParent(this);
    m_tcp = new CountingTcpServer;
    m_tcp->setParent(this);
    QVERIFY(m_tcp->listen(QHostAddress::LocalHost, 0));
    m_http->bind(m_tcp);
}

QList<SeenRequest> TestFramerQt::qtReads(const QByteArray &stream, const QList<qsizetype> &cuts)
{
    m_http->seen.clear();
    QTcpSocket client;
    client.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    client.connectToHost(QHostAddress::LocalHost, m_tcp->serverPort());
    if (!QTest::qWaitFor([&] { return client.state() == QAbstractSocket::ConnectedState; }))
        return {};
    QList<qsizetype> ends = cuts;
    ends.append(stream.size());
    qsizetype from = 0;
    for (const qsizetype to : ends) {
        const int readsBefore = m_tcp->reads;
        client.write(stream.mid(from, to - from));
        from = to;
        if (!QTest::qWaitFor([&] { return m_tcp->reads > readsBefore || client.state() != QAbstractSocket::ConnectedState; }))
            return {};
    }
    client.write(Sentinel);
    const auto sentinelSeen = [this] {
        return !m_http->seen.isEmpty() && m_http->seen.last().path == "/sentinel";
    };
    // Qt ends a reading it cannot make sense of by closing the connection, or it waits for
    // more (a body it thinks is longer): the wait ends there with what it saw.
    static_cast<void>(QTest::qWaitFor(
        [&] { return sentinelSeen() || client.state() != QAbstractSocket::ConnectedState; }, 3000));
    QList<SeenRequest> seen = m_http->seen;
    if (!sentinelSeen())
        seen.append({"(no sentinel)", {}, {}});
    else if (seen.last().method == "GET")
        seen.removeLast(); // else Qt glued bytes before it to its request line: keep that
    return seen;
}

void TestFramerQt::accepted_qtReadsTheSameRequests_data()
{
    QTest::addColumn<QByteArray>("stream");
    const QByteArray get = "GET /api/tags HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n";
    QTest::newRow("get") << get;
    QTest::newRow("leading crlfs") << "\r\n\r\n" + get;
    QTest::newRow("http10") << QByteArray("GET /old HTTP/1.0\r\n\r\n");
    QTest::newRow("query") << QByteArray("GET /a/b%20c?x=1&y=%2F HTTP/1.1\r\nHost: a\r\n\r\n");
    QTest::newRow("methods") << QByteArray("HEAD /h HTTP/1.1\r\nHost: a\r\n\r\n"
                                           "DELETE /d HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}"
                                           "OPTIONS /o HTTP/1.1\r\nHost: a\r\n\r\n"
                                           "PUT /u HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx"
                                           "PATCH /p HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("post") << QByteArray("POST /api/chat HTTP/1.1\r\nHost: a\r\ncontent-length: 0011\r\n"
                                        "Content-Type: application/json\r\n\r\n{\"a\":\"b\"}\r\n");
    QTest::newRow("binary body") << QByteArray("POST /b HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n") + QByteArray("\0\r\n\n\xff ", 6);
    QTest::newRow("body that looks like a request")
        << "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: " + QByteArray::number(get.size()) + "\r\n\r\n" + get;
    QTest::newRow("ows and obs-text") << QByteArray("GET / HTTP/1.1\r\nHost:a\r\nX-A: \t v\xe9 x\t \r\nX-B:\r\n\r\n");
    QTest::newRow("chunked") << chunkedPost("/c", "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
    QTest::newRow("chunked hex and ext") << chunkedPost("/c", "0A;a=b\r\n0123456789\r\n1;x=\"y z\"\r\n!\r\n00;e\r\n\r\n");
    QTest::newRow("chunked case") << QByteArray("POST /c HTTP/1.1\r\nHost: a\r\ntransfer-encoding: CHUNKED\r\n\r\n"
                                                "3\r\nabc\r\n0\r\n\r\n");
    QTest::newRow("chunk with crlf data") << chunkedPost("/c", "4\r\n\r\n\r\n\r\n0\r\n\r\n");
    QTest::newRow("expect") << QByteArray("POST /e HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc");
    QTest::newRow("pipelined") << get + "POST /p HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                                      + chunkedPost("/c", "3\r\nabc\r\n0\r\n\r\n") + "\r\n" + get;
    QByteArray many = "GET / HTTP/1.1\r\nHost: a\r\n";
    for (int i = 2; i <= 100; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("100 fields") << many + "\r\n";
    QTest::newRow("100 fields with a body") << many.replace("X-100: v", "Content-Length: 3") + "\r\nabc";
}

void TestFramerQt::accepted_qtReadsTheSameRequests()
{
    QFETCH(QByteArray, stream);
    const FramedStream framed = frame(stream, {});
    QCOMPARE(framed.status, 0);
    QVERIFY(framed.idleAtEnd);
    QList<SeenRequest> expected;
    for (const FramedMessage &message : framed.messages) {
        const QByteArrayView body = QByteArrayView(stream).sliced(message.bodyBegin, message.end - message.bodyBegin);
        expected.append({message.method, message.path, message.chunked ? dechunk(body) : body.toByteArray()});
    }

    QCOMPARE(qtReads(stream, {}), expected);
    QCOMPARE(qtReads(stream, everyByte(stream.size()).mid(0, 40)), expected);
    for (quint32 seed = 1; seed <= 3; ++seed) {
        QList<qsizetype> cuts = randomCuts(stream.size(), seed);
        // A few pieces each: Qt reads each on its own.
        for (qsizetype i = cuts.size() - 1; i >= 0; --i) {
            if (i % 4 != 0)
                cuts.removeAt(i);
        }
        QCOMPARE(qtReads(stream, cuts), expected);
    }
}

void TestFramerQt::readDifferently_framerRefuses_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<int>("status");
    QTest::addColumn<QList<SeenRequest>>("qtReading"); // what Qt 6.4 handed to its handler

    const SeenRequest glued{"Unknown", "/sentinel", {}}; // leftover bytes + the sentinel's request line
    const SeenRequest dropped{"(no sentinel)", {}, {}};  // Qt closed the connection
    // Qt takes the first Content-Length; a reader that took the last would see no body and
    // "hello" as the start of the next request (the connection guard took the last).
    QTest::newRow("duplicate content-length")
        << QByteArray("POST /d HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 0\r\n\r\nhello") << 400
        << QList<SeenRequest>{{"POST", "/d", "hello"}};
    // Qt reads two bytes after the last chunk ("X-") and the rest as a next request.
    QTest::newRow("trailers") << chunkedPost("/t", "5\r\nhello\r\n0\r\nX-Trailer: 1\r\n\r\n") << 400
                              << QList<SeenRequest>{{"POST", "/t", "hello"}, dropped};
    // Qt folds the second line into X-A, so it sees no Content-Length and "hello" starts the
    // next request; a reader that trimmed lines (as the connection guard did) sees a body.
    QTest::newRow("obs-fold") << QByteArray("POST /f HTTP/1.1\r\nHost: a\r\nX-A: a\r\n Content-Length: 5\r\n\r\nhello")
                              << 400 << QList<SeenRequest>{{"POST", "/f", {}}, glued};
    // Past 100 fields QHttpHeaderParser fails and Qt keeps no headers at all: no Content-Length.
    QByteArray many = "POST /m HTTP/1.1\r\nHost: a\r\n";
    for (int i = 2; i <= 100; ++i)
        many += "X-" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("101 fields") << many + "Content-Length: 5\r\n\r\nhello" << 431
                                << QList<SeenRequest>{{"POST", "/m", {}}, glued};
    // Qt looks for "chunked" anywhere in the value.
    QTest::newRow("xchunked") << QByteArray("POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n"
                                            "5\r\nhello\r\n0\r\n\r\n")
                              << 400 << QList<SeenRequest>{{"POST", "/x", "hello"}};
    // Qt never looks at the two bytes after chunk data.
    QTest::newRow("chunk data without crlf") << chunkedPost("/c", "5\r\nhelloXY0\r\n\r\n") << 400
                                             << QList<SeenRequest>{{"POST", "/c", "hello"}};
    // Qt reads "+5" as a chunk size (QByteArray::toLong accepts a sign).
    QTest::newRow("signed chunk size") << chunkedPost("/s", "+5\r\nhello\r\n0\r\n\r\n") << 400
                                       << QList<SeenRequest>{{"POST", "/s", "hello"}};
}

void TestFramerQt::readDifferently_framerRefuses()
{
    QFETCH(QByteArray, stream);
    QFETCH(int, status);
    QFETCH(QList<SeenRequest>, qtReading);
    QCOMPARE(qtReads(stream, {}), qtReading);
    QCOMPARE(frame(stream, {}).status, status);
}

QTEST_GUILESS_MAIN(TestFramerQt)
#include "tst_framerqt.moc"
