// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace Corral {

/// One model as /api/tags describes it.
struct ModelInfo
{
    QString name;
    qint64 size = 0;
    QString family;
    QString parameterSize;
    QString quantization;
    QString modifiedAt;
    /// With several Ollama servers: the ones that have it (display names), in configured order.
    QStringList servers;

    /// One entry of /api/tags' "models".
    static ModelInfo fromJson(const QJsonObject &model);
    /// All entries of an /api/tags answer.
    static QList<ModelInfo> listFromTags(const QByteArray &tagsJson);
};

} // namespace Corral
