// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamafailure.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Corral {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Corral::OllamaFailure", text);
}

QString kindName(OllamaFailure::Kind kind)
{
    switch (kind) {
    case OllamaFailure::Kind::None: return QStringLiteral("none");
    case OllamaFailure::Kind::Unreachable: return QStringLiteral("unreachable");
    case OllamaFailure::Kind::ConnectTimeout: return QStringLiteral("connect_timeout");
    case OllamaFailure::Kind::ResponseTimeout: return QStringLiteral("response_timeout");
    case OllamaFailure::Kind::ModelListTimeout: return QStringLiteral("model_list_timeout");
    case OllamaFailure::Kind::Interrupted: return QStringLiteral("interrupted");
    case OllamaFailure::Kind::Cancelled: return QStringLiteral("cancelled");
    }
    return QString();
}

} // namespace

bool OllamaFailure::isTimeout() const
{
    return kind == Kind::ConnectTimeout || kind == Kind::ResponseTimeout || kind == Kind::ModelListTimeout;
}

QString OllamaFailure::title() const
{
    switch (kind) {
    case Kind::ResponseTimeout:
    case Kind::ModelListTimeout:
        return tr("Ollama took too long to answer");
    case Kind::Interrupted:
        return tr("The answer from Ollama was cut off");
    case Kind::Cancelled:
        return tr("Request stopped");
    case Kind::None:
    case Kind::Unreachable:
    case Kind::ConnectTimeout:
        break;
    }
    return tr("Server connection error");
}

QString OllamaFailure::message() const
{
    const QString where = url.toDisplayString(QUrl::RemoveUserInfo);
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Unreachable:
        return tr("Could not connect to Ollama at %1: %2").arg(where, reason);
    case Kind::ConnectTimeout:
        return tr("Could not connect to Ollama at %1: no connection within %2 seconds").arg(where).arg(limitSecs);
    case Kind::ResponseTimeout:
        return tr("Ollama at %1 did not finish its response within the %2-second limit. "
                  "Raise it in Preferences > Connection, with AIOHTTP_CLIENT_TIMEOUT or with --timeout (seconds, "
                  "0 = no limit).")
            .arg(where)
            .arg(limitSecs);
    case Kind::ModelListTimeout:
        return tr("Ollama at %1 did not answer within the %2-second limit for model lists and version "
                  "checks. Raise it with AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST (seconds).")
            .arg(where)
            .arg(limitSecs);
    case Kind::Interrupted:
        return tr("The connection to Ollama at %1 broke during the answer: %2").arg(where, reason);
    case Kind::Cancelled:
        return tr("The request to Ollama at %1 was stopped.").arg(where);
    }
    return QString();
}

QStringList OllamaFailure::hints() const
{
    if (kind == Kind::None || kind == Kind::Cancelled)
        return {};
    if (kind == Kind::ResponseTimeout) {
        return {
            tr("Large or thinking models can need more time, especially while the model is still loading."),
            tr("Raise the response time limit in Preferences > Connection, or set AIOHTTP_CLIENT_TIMEOUT (or "
               "--timeout) to more seconds, or to 0 for no limit."),
        };
    }
    return {
        tr("Make sure Ollama is running on that machine (for example with \"ollama serve\") and is up to "
           "date; see https://ollama.com for the latest version."),
        tr("Check that the address is a full URL with scheme, host and port, such as "
           "http://127.0.0.1:11434 on this computer or http://192.168.1.1:11434 for another machine."),
        tr("If Ollama runs in a container or on another host, it must listen on an address reachable from "
           "here (OLLAMA_HOST=0.0.0.0 on that side) and the port must be published; 127.0.0.1 inside a "
           "container is not this computer."),
        tr("Set the address in Preferences > Connection, with OLLAMA_BASE_URL or with --ollama-url, then try "
           "again."),
    };
}

QJsonObject OllamaFailure::toJson() const
{
    QJsonArray hintArray;
    for (const QString &hint : hints())
        hintArray.append(hint);
    return QJsonObject{
        {QStringLiteral("error"), message()},
        {QStringLiteral("title"), title()},
        {QStringLiteral("kind"), kindName(kind)},
        {QStringLiteral("ollama_url"), url.toString(QUrl::RemoveUserInfo)},
        {QStringLiteral("hints"), hintArray},
    };
}

int OllamaFailure::httpStatus() const
{
    switch (kind) {
    case Kind::ConnectTimeout:
    case Kind::ResponseTimeout:
    case Kind::ModelListTimeout:
        return 504;
    case Kind::Cancelled:
        return 499;
    case Kind::None:
        return 200;
    case Kind::Unreachable:
    case Kind::Interrupted:
        break;
    }
    return 502;
}

} // namespace Corral
