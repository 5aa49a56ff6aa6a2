// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QStringList>

namespace Corral {

/**
 * What one API key may do beyond its scope, set when it is created and editable later. Every
 * part is optional; a key without any (every key made before limits existed) has none.
 *  - models: the models it may name, as names ("llama3.2", meaning llama3.2:latest, or
 *    "qwen3:8b") or "name:*" patterns (every tag of a name); "*" alone allows all. Other models
 *    get 403, and the model lists (/api/tags, /api/ps, /v1/models) show only these.
 *  - maxInFlight: at most this many of its requests through the proxy at once (429 after).
 *  - expires: from then on it is refused like a revoked key.
 */
struct KeyLimits
{
    QStringList models;
    int maxInFlight = 0; ///< 0: no limit
    QDateTime expires;   ///< invalid: never

    bool restrictsModels() const { return !models.isEmpty(); }
    bool isEmpty() const { return models.isEmpty() && maxInFlight <= 0 && !expires.isValid(); }
    bool isExpired(const QDateTime &now) const { return expires.isValid() && now >= expires; }
    /// Whether @p model is one of models (any model when models is empty).
    bool allowsModel(QStringView model) const;

    /// A model list answer (/api/tags, /api/ps: "models" with "name"/"model"; /v1/models: "data"
    /// with "id") with only the allowed models; other JSON comes back as it was.
    QByteArray filterModelList(const QByteArray &json) const;
    /// The same on a parsed list (the router's merged one); false when it has no list.
    bool filterModelList(QJsonObject *object) const;

    /// "llama3.2" -> "llama3.2:latest", lower case, without the default registry's prefix: the
    /// name Ollama resolves it to.
    static QString normalizedModel(QStringView model);
    /// A pattern list from "a, b:*, c" (commas or spaces); empty entries dropped.
    static QStringList parseModels(const QString &text);
    /// Empty when @p patterns are all valid, else a sentence naming the bad one.
    static QString checkModels(const QStringList &patterns);

    /// The stored form (only the parts that are set) and back; a missing part reads as unset.
    void writeTo(QJsonObject *object) const;
    static KeyLimits readFrom(const QJsonObject &object);
};

} // namespace Corral
