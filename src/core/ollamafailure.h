// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Corral {

/**
 * Why a request to Ollama did not get an answer, with the texts users see in the window, the
 * browser page and the proxy's JSON errors. One source for all of them.
 */
struct OllamaFailure
{
    enum class Kind {
        None,
        Unreachable,      ///< refused, host not found, network down, TLS failure ...
        ConnectTimeout,   ///< no TCP connection within the connect limit
        ResponseTimeout,  ///< the response limit (AIOHTTP_CLIENT_TIMEOUT) expired
        ModelListTimeout, ///< the model-list limit (AIOHTTP_CLIENT_TIMEOUT_MODEL_LIST) expired
        Interrupted,      ///< the connection broke after the response had started
        Cancelled,        ///< our side aborted (user pressed Stop, client went away)
    };

    Kind kind = Kind::None;
    QUrl url;         ///< the Ollama URL that failed (base URL + path)
    QString reason;   ///< the system's or Qt's own explanation, e.g. "Connection refused"
    int limitSecs = 0; ///< for the timeout kinds: the limit that expired

    bool isFailure() const { return kind != Kind::None; }
    bool isTimeout() const;

    /// Short heading: "Server connection error" or "Ollama took too long to answer".
    QString title() const;
    /// One sentence naming the URL and the reason.
    QString message() const;
    /// What to check, in order, as full sentences.
    QStringList hints() const;
    /// For JSON clients: {"error": message, "hints": [...], "ollama_url": ..., "kind": ...}.
    /// "error" keeps Ollama's own error shape so stock clients show it.
    QJsonObject toJson() const;
    /// HTTP status the proxy answers with: 502 unreachable/interrupted, 504 for timeouts.
    int httpStatus() const;
};

} // namespace Corral

Q_DECLARE_METATYPE(Corral::OllamaFailure)
