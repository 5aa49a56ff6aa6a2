// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelinfo.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Corral {

ModelInfo ModelInfo::fromJson(const QJsonObject &model)
{
    const QJsonObject details = model.value(QStringLiteral("details")).toObject();
    return {model.value(QStringLiteral("name")).toString(), model.value(QStringLiteral("size")).toInteger(),
            details.value(QStringLiteral("family")).toString(), details.value(QStringLiteral("parameter_size")).toString(),
            details.value(QStringLiteral("quantization_level")).toString(), model.value(QStringLiteral("modified_at")).toString(), {}};
}

QList<ModelInfo> ModelInfo::listFromTags(const QByteArray &tagsJson)
{
    QList<ModelInfo> models;
    const QJsonArray array = QJsonDocument::fromJson(tagsJson).object().value(QStringLiteral("models")).toArray();
    for (const QJsonValue &value : array)
        models.append(fromJson(value.toObject()));
    return models;
}

} // namespace Corral
