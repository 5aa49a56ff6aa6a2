// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamacall.h"

#include <QAbstractSocket>
#include <QTimerEvent>

namespace Corral {

OllamaCall::OllamaCall(OllamaConnection *connection, const QUrl &baseUrl, const QByteArray &path,
                       const QByteArray &endpoint, const QByteArray &requestHead, const QByteArray &requestBody,
                       bool headRequest, OllamaConnection::TimeoutClass timeoutClass, int timeoutSecs,
                       int connectTimeoutSecs)
    : QObject(connection)
    , m_connection(connection)
    , m_baseUrl(baseUrl)
    , m_path(path)
    , m_endpoint(endpoint)
    , m_requestHead(requestHead)
    , m_requestBody(requestBody)
    , m_timeoutClass(timeoutClass)
{
    m_parser.reset(headRequest);
    m_timeoutSecs = timeoutSecs;
    m_connectTimeoutSecs = connectTimeoutSecs > 0 && (timeoutSecs <= 0 || connectTimeoutSecs < timeoutSecs)
        ? connectTimeoutSecs
        : 0;
    if (timeoutSecs > 0)
        m_deadline.start(timeoutSecs * 1000, Qt::CoarseTimer, this);
}

void OllamaCall::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_deadline.timerId()) {
        m_deadline.stop();
        fail(m_timeoutClass == OllamaConnection::TimeoutClass::ModelList ? OllamaFailure::Kind::ModelListTimeout
                                                                         : OllamaFailure::Kind::ResponseTimeout,
             QString(), m_timeoutSecs);
    } else if (event->timerId() == m_connectTimer.timerId()) {
        m_connectTimer.stop();
        fail(OllamaFailure::Kind::ConnectTimeout, QString(), m_connectTimeoutSecs);
    } else {
        QObject::timerEvent(event);
    }
}

OllamaCall::~OllamaCall()
{
    if (!m_finished) {
        m_finished = true;
        detachSocket(false);
        if (m_connection)
            m_connection->callFinished(this);
    }
}

void OllamaCall::start()
{
    // Errors a socket reports while we are still inside send() are handled once the caller had
    // the chance to connect to our signals.
    m_starting = true;
    QAbstractSocket *socket = m_connection->takeIdle(m_endpoint);
    attach(socket ? socket : m_connection->openSocket(m_baseUrl), socket != nullptr);
    m_starting = false;
}

void OllamaCall::attach(QAbstractSocket *socket, bool reused)
{
    m_socket = socket;
    m_reused = reused;
    m_connection->m_owners.insert(socket, this);
    if (m_connectTimeoutSecs > 0) {
        if (reused || socket->state() == QAbstractSocket::ConnectedState)
            m_connectTimer.stop();
        else
            m_connectTimer.start(m_connectTimeoutSecs * 1000, this); // stopped once connected
    }
    // A socket that is still connecting keeps what we write and sends it once connected.
    socket->write(m_requestHead);
    if (!m_requestBody.isEmpty())
        socket->write(m_requestBody);
    if (reused)
        socket->flush(); // send now instead of on the next event-loop pass
}

void OllamaCall::detachSocket(bool keepAlive)
{
    if (!m_socket)
        return;
    QAbstractSocket *socket = std::exchange(m_socket, nullptr);
    if (!m_connection)
        return; // its sockets went with it
    m_connection->m_owners.remove(socket);
    // Reusable only when nothing of this exchange is left in either direction (Ollama may answer
    // before it read the whole request body, e.g. with an error).
    if (keepAlive && socket->state() == QAbstractSocket::ConnectedState && m_in.isEmpty()
        && socket->bytesAvailable() == 0 && socket->bytesToWrite() == 0) {
        m_connection->putIdle(m_endpoint, socket);
    } else {
        m_connection->discard(socket);
    }
}

QUrl OllamaCall::url() const
{
    // Built on demand: most calls never need it, and parsing a URL per request is measurable.
    return QUrl::fromEncoded(m_baseUrl.toEncoded() + m_path);
}

qint64 OllamaCall::bytesAvailable() const
{
    return m_body.size();
}

QByteArray OllamaCall::read(qint64 maxSize)
{
    QByteArray data;
    if (maxSize >= m_body.size()) {
        data = std::exchange(m_body, QByteArray());
    } else {
        data = m_body.first(maxSize);
        m_body.remove(0, maxSize);
    }
    // Back-pressure released: read on from the socket, outside of the caller's stack.
    if (m_readLimit > 0 && !m_finished && !m_resumeQueued && m_body.size() < m_readLimit && m_socket
        && (m_socket->bytesAvailable() > 0 || !m_in.isEmpty())) {
        m_resumeQueued = true;
        QMetaObject::invokeMethod(this, [this] {
            m_resumeQueued = false;
            onReadable();
        }, Qt::QueuedConnection);
    }
    return data;
}

QByteArray OllamaCall::readAll()
{
    return read(m_body.size());
}

void OllamaCall::setReadBufferSize(qint64 size)
{
    m_readLimit = qMax<qint64>(size, 0);
}

void OllamaCall::abort()
{
    if (m_finished)
        return;
    ++m_aborts;
    if (!m_failure.isFailure()) {
        m_failure.kind = OllamaFailure::Kind::Cancelled;
        m_failure.reason = tr("Cancelled");
    }
    finish(); // emits finished() synchronously, or the finish() in progress does
}

void OllamaCall::onReadable()
{
    if (m_finished || !m_socket || m_starting)
        return;
    process(false);
}

void OllamaCall::process(bool ignoreLimit)
{
    while (!m_finished && m_socket) {
        const bool limited = !ignoreLimit && m_readLimit > 0 && m_body.size() >= m_readLimit;
        if (limited)
            return;
        if (m_socket->bytesAvailable() > 0) {
            m_received = true;
            // Ask for what is there, not for the limit: QIODevice::read(n) allocates n bytes up
            // front, and a request for exactly one buffered block takes it without a copy.
            const qint64 size = qMin(m_socket->bytesAvailable(), qMax<qint64>(m_readLimit, OllamaConnection::SocketReadBuffer));
            if (m_in.isEmpty())
                m_in = m_socket->read(size);
            else
                m_in += m_socket->read(size);
        } else if (m_in.isEmpty() || m_parser.isComplete()) {
            return;
        }

        const qsizetype before = m_body.size();
        const qsizetype consumed = m_parser.feed(m_in, &m_body);
        if (consumed == m_in.size())
            m_in.clear();
        else
            m_in.remove(0, consumed);

        if (m_parser.hasError()) {
            fail(m_started ? OllamaFailure::Kind::Interrupted : OllamaFailure::Kind::Unreachable,
                 m_parser.errorString(), 0);
            return;
        }
        if (!m_started && m_parser.hasHeaders()) {
            m_started = true;
            m_status = m_parser.status();
            m_responseHeaders = m_parser.headers();
            m_connectTimer.stop();
            m_requestBody.clear(); // answered: it will never be resent
            if (!announce(&Observer::responseStarted, &OllamaCall::responseStarted, m_status))
                return;
        }
        if (m_body.size() > before && !m_parser.isComplete()) {
            if (!announce(&Observer::dataAvailable, &OllamaCall::dataAvailable))
                return;
        }
        if (m_parser.isComplete()) {
            finish();
            return;
        }
        if (consumed == 0 && m_socket && m_socket->bytesAvailable() == 0)
            return; // waiting for the rest of a line
    }
}

void OllamaCall::onSocketClosed()
{
    if (m_finished || !m_socket)
        return;
    if (m_starting) {
        QMetaObject::invokeMethod(this, &OllamaCall::onSocketClosed, Qt::QueuedConnection);
        return;
    }
    const QAbstractSocket::SocketError error = m_socket->error();
    const QString reason = m_socket->errorString();
    // A kept-alive connection that Ollama had closed meanwhile: nothing was answered, so the
    // request goes again on a fresh connection (once).
    if (m_reused && !m_retried && !m_received && m_in.isEmpty()) {
        m_retried = true;
        detachSocket(false);
        m_starting = true;
        attach(m_connection->openSocket(m_baseUrl), false);
        m_starting = false;
        return;
    }
    // Take what arrived before the close, whatever the read limit.
    const QPointer<OllamaCall> self(this);
    process(true);
    if (!self || m_finished)
        return;
    m_parser.closed();
    if (m_parser.isComplete()) {
        if (m_body.size() > 0 && !announce(&Observer::dataAvailable, &OllamaCall::dataAvailable))
            return;
        finish();
        return;
    }
    const bool transport = error != QAbstractSocket::RemoteHostClosedError && error != QAbstractSocket::UnknownSocketError;
    fail(m_started ? OllamaFailure::Kind::Interrupted : OllamaFailure::Kind::Unreachable,
         transport || !m_received ? reason : m_parser.errorString(), 0);
}

void OllamaCall::fail(OllamaFailure::Kind kind, const QString &reason, int limitSecs)
{
    if (m_finished || m_failure.isFailure())
        return;
    m_failure.kind = kind;
    m_failure.reason = reason;
    m_failure.limitSecs = limitSecs;
    finish();
}

void OllamaCall::finish()
{
    // Ending already: a reader that aborts while it takes the last bytes (its client went away)
    // changes how the call ends (the failure), not whether it does. Starting over from here
    // would hand it the same bytes again, and so on until the stack overflows.
    if (m_finished || m_ending)
        return;
    m_ending = true;
    m_deadline.stop();
    m_connectTimer.stop();
    const bool success = !m_failure.isFailure() && m_parser.isComplete();
    detachSocket(success && m_parser.keepAlive());
    // A finished call still holds its last bytes: let the reader take them before finished().
    // (A reader that aborts meanwhile only turns this end into a cancelled one.)
    if (m_body.size() > 0) {
        const QPointer<OllamaCall> self(this);
        announce(&Observer::dataAvailable, &OllamaCall::dataAvailable);
        if (!self || m_finished)
            return;
    }
    m_finished = true;
    if (m_connection)
        m_connection->callFinished(this);
    announce(&Observer::finished, &OllamaCall::finished);
}

/// Tells the observer, then the signal's receivers. False if the call was deleted, ended
/// (finished) or was aborted in the meantime: the caller stops there, and so do the receivers
/// when it happened in the observer's callback.
template <typename... Args>
bool OllamaCall::announce(void (Observer::*event)(Args...), void (OllamaCall::*signal)(Args...), Args... args)
{
    const QPointer<OllamaCall> self(this);
    const bool wasFinished = m_finished;
    const int aborts = m_aborts;
    if (m_observer) {
        (m_observer->*event)(args...);
        if (!self || m_finished != wasFinished || m_aborts != aborts)
            return false;
    }
    Q_EMIT (this->*signal)(args...);
    return self && m_finished == wasFinished;
}

} // namespace Corral
