// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/httpsupport.h"

#include "core/httpresponseparser.h"
#include "server/routes.h"

#include <algorithm>

#include <QJsonDocument>
#include <QMetaEnum>
#include <QTcpSocket>

namespace Corral::Http {

QHttpServerResponder::StatusCode statusCode(int status)
{
    const QMetaEnum meta = QMetaEnum::fromType<QHttpServerResponder::StatusCode>();
    if (meta.valueToKey(status))
        return QHttpServerResponder::StatusCode(status);
    const int base = (status / 100) * 100;
    if (base >= 200 && meta.valueToKey(base))
        return QHttpServerResponder::StatusCode(base);
    return QHttpServerResponder::StatusCode::InternalServerError;
}

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put: return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head: return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect: return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace: return QByteArrayLiteral("TRACE");
    default: break;
    }
    return QByteArray();
}

QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return QByteArray();
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 408: return QByteArrayLiteral("Request Timeout");
    case 413: return QByteArrayLiteral("Content Too Large");
    case 429: return QByteArrayLiteral("Too Many Requests");
    case 431: return QByteArrayLiteral("Request Header Fields Too Large");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return status < 500 ? QByteArrayLiteral("Client Error") : QByteArrayLiteral("Server Error");
    }
}

bool isWritable(const QTcpSocket *socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

void appendHeader(QByteArray &lines, QByteArrayView name, QByteArrayView value)
{
    // One resize and plain copies: four QByteArray::append() calls cost three times as much.
    const qsizetype at = lines.size();
    lines.resize(at + name.size() + value.size() + 4);
    char *out = lines.data() + at;
    out = std::copy(name.begin(), name.end(), out);
    *out++ = ':';
    *out++ = ' ';
    out = std::copy(value.begin(), value.end(), out);
    *out++ = '\r';
    *out = '\n';
}

void writeHead(QHttpServerResponder &responder, int status, QByteArray headerLines, const QByteArray &body)
{
    QTcpSocket *socket = responder.socket();
    if (!isWritable(socket))
        return;
    responder.writeStatusLine(statusCode(status));
    headerLines.append("\r\n").append(body);
    socket->write(headerLines);
}

void writeResponse(QHttpServerResponder &responder, int status, const QByteArray &contentType,
                   const QByteArray &body, const HttpHeaders &headers)
{
    QByteArray lines;
    lines.reserve(768 + body.size());
    for (const auto &[name, value] : headers)
        appendHeader(lines, name, value);
    if (!contentType.isEmpty())
        appendHeader(lines, "Content-Type", contentType);
    appendHeader(lines, "Content-Length", QByteArray::number(body.size()));
    writeHead(responder, status, std::move(lines), body);
    // QtHttpServer 6.4 keeps every connection open; the pending bytes still go out first.
    if (hasToken(headerValue(headers, "connection"), "close") && isWritable(responder.socket()))
        responder.socket()->disconnectFromHost();
}

QByteArray jsonBody(const QJsonObject &json)
{
    return QJsonDocument(json).toJson(QJsonDocument::Compact) + '\n';
}

void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &json, const HttpHeaders &headers)
{
    writeResponse(responder, status, "application/json; charset=utf-8", jsonBody(json), headers);
}

HttpHeaders securityHeaders(const QByteArray &path)
{
    // Built once and shared (QList is implicitly shared): every request starts from one of these.
    static const HttpHeaders common{
        {"X-Content-Type-Options", "nosniff"},
        {"X-Frame-Options", "DENY"},
        {"Referrer-Policy", "no-referrer"},
        {"Content-Security-Policy",
         "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; "
         "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"},
    };
    static const HttpHeaders uncached = [] {
        HttpHeaders headers = common;
        headers.append(qMakePair(QByteArray("Cache-Control"), QByteArray("no-store")));
        return headers;
    }();
    if (Routes::isUncached(path))
        return uncached;
    return common;
}

QByteArray chunk(const QByteArray &data)
{
    if (data.isEmpty())
        return QByteArrayLiteral("0\r\n\r\n");
    // One allocation and memcpy (Qt 6.4's QStringBuilder copies byte arrays byte by byte).
    const QByteArray size = QByteArray::number(data.size(), 16);
    QByteArray piece;
    piece.reserve(size.size() + data.size() + 4);
    return piece.append(size).append("\r\n", 2).append(data).append("\r\n", 2);
}

} // namespace Corral::Http
