// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "server/requestframer.h"

#include <QList>
#include <QRandomGenerator>

#include <functional>

namespace Corral::Test {

/// One message as RequestFramer framed it, with where it lies in the stream.
struct FramedMessage
{
    QByteArray method;
    QByteArray path;
    bool chunked = false;
    qsizetype begin = 0;     ///< offset of its first byte (leading CRLFs included)
    qsizetype bodyBegin = 0; ///< offset of its first body byte
    qsizetype end = 0;       ///< offset just after it
    bool operator==(const FramedMessage &other) const
    {
        return method == other.method && path == other.path && chunked == other.chunked
            && begin == other.begin && bodyBegin == other.bodyBegin && end == other.end;
    }
};

/// The whole reading of a stream: the messages completed, then an error status or 0.
struct FramedStream
{
    QList<FramedMessage> messages;
    int status = 0;
    bool idleAtEnd = false; ///< ended between messages (no partial request)
    qsizetype maxBuffered = 0;
    bool operator==(const FramedStream &other) const
    {
        return messages == other.messages && status == other.status && idleAtEnd == other.idleAtEnd;
    }
};

/// Feeds @p input to a fresh framer, in pieces that end at @p cuts (ascending offsets).
/// @p onHead runs after each HeadComplete (to call setBodyLimit(), say).
inline FramedStream frame(const QByteArray &input, const QList<qsizetype> &cuts,
                          const RequestFramer::Limits &limits = {},
                          const std::function<void(RequestFramer &)> &onHead = {})
{
    RequestFramer framer(limits);
    FramedStream out;
    FramedMessage current;
    qsizetype offset = 0;
    bool started = false;
    QList<qsizetype> ends = cuts;
    ends.append(input.size());
    qsizetype from = 0;
    for (const qsizetype to : ends) {
        QByteArrayView piece = QByteArrayView(input).sliced(from, to - from);
        from = to;
        while (true) {
            if (!started && !piece.isEmpty()) {
                current = FramedMessage();
                current.begin = offset;
                started = true;
            }
            const RequestFramer::Step step = framer.feed(piece);
            piece = piece.sliced(step.consumed);
            offset += step.consumed;
            out.maxBuffered = qMax(out.maxBuffered, framer.bufferedBytes());
            if (step.event == RequestFramer::Event::NeedMore)
                break;
            if (step.event == RequestFramer::Event::Error) {
                out.status = framer.errorStatus();
                return out;
            }
            if (step.event == RequestFramer::Event::HeadComplete) {
                current.method = framer.head().method;
                current.path = framer.head().path;
                current.chunked = framer.head().chunked;
                current.bodyBegin = offset;
                if (onHead) {
                    onHead(framer);
                    if (framer.hasError()) {
                        out.status = framer.errorStatus();
                        return out;
                    }
                }
            } else {
                current.end = offset;
                out.messages.append(current);
                started = false;
            }
        }
    }
    out.idleAtEnd = framer.idleBetweenMessages();
    return out;
}

inline QList<qsizetype> everyByte(qsizetype size)
{
    QList<qsizetype> cuts;
    for (qsizetype i = 1; i < size; ++i)
        cuts.append(i);
    return cuts;
}

inline QList<qsizetype> randomCuts(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QList<qsizetype> cuts;
    qsizetype at = 0;
    while (true) {
        at += 1 + random.bounded(17);
        if (at >= size)
            return cuts;
        cuts.append(at);
    }
}

/// The data of a chunked body the framer accepted (no checks: it did them).
inline QByteArray dechunk(QByteArrayView body)
{
    QByteArray data;
    qsizetype pos = 0;
    while (true) {
        const qsizetype eol = body.indexOf("\r\n", pos);
        QByteArrayView line = body.sliced(pos, eol - pos);
        if (const qsizetype ext = line.indexOf(';'); ext >= 0)
            line = line.first(ext);
        const qint64 size = line.toLongLong(nullptr, 16);
        if (size == 0)
            return data;
        data += body.sliced(eol + 2, size);
        pos = eol + 2 + size + 2;
    }
}

} // namespace Corral::Test
