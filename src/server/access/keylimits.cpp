// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/access/keylimits.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

namespace Corral {

QString KeyLimits::normalizedModel(QStringView model)
{
    QString name = model.trimmed().toString().toLower();
    // Ollama's default registry and namespace: "registry.ollama.ai/library/llama3" is "llama3".
    for (const QLatin1String prefix : {QLatin1String("registry.ollama.ai/"), QLatin1String("library/")}) {
        if (name.startsWith(prefix))
            name.remove(0, prefix.size());
    }
    // The tag follows the last ':' after the last '/' (a registry may carry a port).
    const qsizetype slash = name.lastIndexOf(QLatin1Char('/'));
    if (name.indexOf(QLatin1Char(':'), slash + 1) < 0 && !name.isEmpty())
        name += QLatin1String(":latest");
    return name;
}

bool KeyLimits::allowsModel(QStringView model) const
{
    if (models.isEmpty())
        return true;
    const QString name = normalizedModel(model);
    for (const QString &pattern : models) {
        if (pattern == QLatin1String("*"))
            return true;
        if (pattern.endsWith(QLatin1String(":*"))) {
            const QString base = normalizedModel(pattern.chopped(2)).chopped(int(qstrlen(":latest")));
            if (name.size() > base.size() && name.startsWith(base) && name.at(base.size()) == QLatin1Char(':'))
                return true;
        } else if (normalizedModel(pattern) == name) {
            return true;
        }
    }
    return false;
}

QByteArray KeyLimits::filterModelList(const QByteArray &json) const
{
    QJsonObject object = QJsonDocument::fromJson(json).object();
    return filterModelList(&object) ? QJsonDocument(object).toJson(QJsonDocument::Compact) : json;
}

bool KeyLimits::filterModelList(QJsonObject *object) const
{
    bool changed = false;
    for (const auto &[list, field] : {std::pair{QStringLiteral("models"), QStringLiteral("name")},
                                      std::pair{QStringLiteral("data"), QStringLiteral("id")}}) {
        if (!object->value(list).isArray())
            continue;
        QJsonArray kept;
        for (const QJsonValue &value : object->value(list).toArray()) {
            const QJsonObject model = value.toObject();
            QString name = model.value(field).toString();
            if (name.isEmpty())
                name = model.value(QStringLiteral("model")).toString();
            if (allowsModel(name))
                kept.append(value);
        }
        object->insert(list, kept);
        changed = true;
    }
    return changed;
}

QStringList KeyLimits::parseModels(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

QString KeyLimits::checkModels(const QStringList &patterns)
{
    static const QRegularExpression valid(QStringLiteral("^(\\*|[A-Za-z0-9][A-Za-z0-9._/-]*(:([A-Za-z0-9._-]+|\\*))?)$"));
    for (const QString &pattern : patterns) {
        if (!valid.match(pattern).hasMatch())
            return QCoreApplication::translate("Corral::KeyLimits",
                                               "\"%1\" is not a model name or a name:* pattern.").arg(pattern);
    }
    return QString();
}

void KeyLimits::writeTo(QJsonObject *object) const
{
    if (!models.isEmpty())
        object->insert(QStringLiteral("models"), QJsonArray::fromStringList(models));
    if (maxInFlight > 0)
        object->insert(QStringLiteral("max_in_flight"), maxInFlight);
    if (expires.isValid())
        object->insert(QStringLiteral("expires"), expires.toUTC().toString(Qt::ISODate));
}

KeyLimits KeyLimits::readFrom(const QJsonObject &object)
{
    KeyLimits limits;
    for (const QJsonValue &value : object.value(QStringLiteral("models")).toArray()) {
        if (const QString pattern = value.toString(); !pattern.isEmpty())
            limits.models.append(pattern);
    }
    limits.maxInFlight = qMax(0, object.value(QStringLiteral("max_in_flight")).toInt());
    limits.expires = QDateTime::fromString(object.value(QStringLiteral("expires")).toString(), Qt::ISODate);
    return limits;
}

} // namespace Corral
