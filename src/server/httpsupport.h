// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamaconnection.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>

class QTcpSocket;

namespace Corral::Http {

/// Qt 6.4's responder throws on status codes it has no name for: map to a known one.
QHttpServerResponder::StatusCode statusCode(int status);
/// The reason phrase for @p status (RFC 9110 §15), for answers written without a responder.
QByteArray reasonPhrase(int status);

/// "GET", "POST" ... for the request's method.
QByteArray methodName(QHttpServerRequest::Method method);

/// The value of header @p name (case-insensitive) in @p headers, or an empty array.
QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name);

/// Whether @p socket is still there to be written to.
bool isWritable(const QTcpSocket *socket);

/// Appends "Name: value\r\n" to a header block for writeHead().
void appendHeader(QByteArray &lines, QByteArrayView name, QByteArrayView value);

/// Writes the status line, then @p headerLines (see appendHeader()), the empty line that ends the
/// head and @p body in one socket write; QHttpServerResponder::writeHeader() makes four per
/// header. Anything written afterwards goes straight to responder.socket(): writeBody() would end
/// the head a second time.
void writeHead(QHttpServerResponder &responder, int status, QByteArray headerLines,
               const QByteArray &body = QByteArray());

/// Writes a complete response with Content-Length. Does nothing if the client is gone. If
/// @p headers say "Connection: close", the connection closes once the response is out.
void writeResponse(QHttpServerResponder &responder, int status, const QByteArray &contentType,
                   const QByteArray &body, const HttpHeaders &headers);

/// Writes {"error": ...} (and any other members of @p json) as a complete JSON response.
/// @p json as a compact body with its final newline, as every JSON answer of Corral's is written.
QByteArray jsonBody(const QJsonObject &json);
void writeJson(QHttpServerResponder &responder, int status, const QJsonObject &json, const HttpHeaders &headers);

/// Headers every answer carries (OWASP secure headers, RFC 7034); no-store on API and sign-in.
HttpHeaders securityHeaders(const QByteArray &path);

/// One piece of a "Transfer-Encoding: chunked" body (RFC 9112 §7.1); empty data ends the body.
QByteArray chunk(const QByteArray &data);

} // namespace Corral::Http
