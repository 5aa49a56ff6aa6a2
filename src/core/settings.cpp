// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/settings.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QSettings>

namespace Corral {

namespace {

const QHash<QString, QVariant> &defaults()
{
    static const QHash<QString, QVariant> values{
        {SettingsKey::OllamaUrl, QStringLiteral("http://127.0.0.1:11434")},
        {SettingsKey::OllamaServers, QString()},
        {SettingsKey::OllamaPullServer, -1},
        {SettingsKey::ResponseTimeout, 300}, // Open WebUI's 5 minutes
        {SettingsKey::ModelListTimeout, 10},
        {SettingsKey::ConnectTimeout, 10},
        {SettingsKey::ServerEnabled, true},
        {SettingsKey::ServerPort, 8080},
        {SettingsKey::ServerBind, QStringLiteral("127.0.0.1")},
        {SettingsKey::ServerMaxBodyBytes, qint64(100) * 1024 * 1024},
        {SettingsKey::ServerIdleTimeout, 60},
        {SettingsKey::ServerMaxConnections, 4096},
        {SettingsKey::ServerMaxConnectionsPerAddress, 2048},
        {SettingsKey::ServerAllowedOrigins, QString()},
        {SettingsKey::ServerAllowedHosts, QString()},
        {SettingsKey::KeysMayUseCloudModels, false},
        {SettingsKey::ServerTlsCertificate, QString()},
        {SettingsKey::ServerTlsKey, QString()},
        {SettingsKey::UiTheme, QStringLiteral("system")},
        {SettingsKey::UiFontSize, 0},
        {SettingsKey::UiLanguage, QString()},
        {SettingsKey::UiCloseToTray, true},
    };
    return values;
}

} // namespace

Settings::Settings(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_store(std::make_unique<QSettings>(filePath, QSettings::IniFormat))
{
}

Settings::Settings()
    : QObject(nullptr)
{
}

Settings::~Settings()
{
    if (m_store)
        m_store->sync();
}

QStringList Settings::knownKeys() const
{
    QStringList keys = defaults().keys();
    if (m_store)
        keys += m_store->allKeys();
    keys += m_overrides.keys();
    keys += m_mirrored.keys();
    keys.removeDuplicates();
    return keys;
}

std::unique_ptr<Settings> Settings::mirror() const
{
    std::unique_ptr<Settings> copy(new Settings());
    for (const QString &key : knownKeys())
        copy->m_mirrored.insert(key, value(key));
    copy->m_overrides = m_overrides; // for source() and overrideOrigin(); set before start-up
    for (auto it = m_overrides.cbegin(); it != m_overrides.cend(); ++it)
        copy->m_mirroredSaved.insert(it.key(), savedValue(it.key()));
    Settings *target = copy.get();
    // Runs on this object's thread, where value() may be read, and posts the value to the
    // mirror's thread. Posted events to a deleted mirror are dropped with it.
    connect(this, &Settings::changed, target, [this, target](const QString &key) {
        QMetaObject::invokeMethod(target, [target, key, value = value(key)] { target->applyMirrored(key, value); },
                                  Qt::QueuedConnection);
    }, Qt::DirectConnection);
    return copy;
}

void Settings::applyMirrored(const QString &key, const QVariant &value)
{
    if (m_mirrored.value(key) == value && m_mirrored.contains(key))
        return;
    m_mirrored.insert(key, value);
    Q_EMIT changed(key);
}

bool Settings::refusedOnMirror(const QString &key) const
{
    if (m_store)
        return false;
    qWarning("Settings: %s was not changed: a mirror is read-only", qPrintable(key));
    return true;
}

QVariant Settings::defaultValue(const QString &key)
{
    return defaults().value(key);
}

QVariant Settings::value(const QString &key) const
{
    if (!m_store)
        return m_mirrored.value(key, defaultValue(key));
    const auto it = m_overrides.constFind(key);
    if (it != m_overrides.cend())
        return it->value;
    return m_store->value(key, defaultValue(key));
}

QVariant Settings::savedValue(const QString &key) const
{
    if (!m_store) // a mirror keeps the saved values only of the keys something overrides
        return m_mirroredSaved.contains(key) ? m_mirroredSaved.value(key) : value(key);
    return m_store->value(key, defaultValue(key));
}

Settings::Source Settings::source(const QString &key) const
{
    const auto it = m_overrides.constFind(key);
    if (it != m_overrides.cend())
        return it->source;
    if (!m_store)
        return m_mirrored.value(key) != defaultValue(key) ? Source::Saved : Source::Default;
    return m_store->contains(key) ? Source::Saved : Source::Default;
}

QString Settings::overrideOrigin(const QString &key) const
{
    return m_overrides.value(key).origin;
}

bool Settings::isOverridden(const QString &key) const
{
    return m_overrides.contains(key);
}

void Settings::setValue(const QString &key, const QVariant &value)
{
    if (refusedOnMirror(key))
        return;
    const QVariant before = this->value(key);
    m_store->setValue(key, value);
    if (this->value(key) != before)
        Q_EMIT changed(key);
}

void Settings::resetValue(const QString &key)
{
    if (refusedOnMirror(key))
        return;
    const QVariant before = value(key);
    m_store->remove(key);
    if (value(key) != before)
        Q_EMIT changed(key);
}

void Settings::setOverride(const QString &key, const QVariant &value, Source source, const QString &origin)
{
    if (refusedOnMirror(key))
        return;
    const QVariant before = this->value(key);
    m_overrides.insert(key, Override{value, source, origin});
    if (this->value(key) != before)
        Q_EMIT changed(key);
}

bool Settings::sync(QString *errorMessage)
{
    if (!m_store)
        return true;
    m_store->sync();
    if (m_store->status() == QSettings::NoError)
        return true;
    if (errorMessage) {
        *errorMessage = QCoreApplication::translate("Corral::Settings", "Could not save the settings to %1.")
                            .arg(m_store->fileName());
    }
    return false;
}

QString Settings::filePath() const
{
    return m_store ? m_store->fileName() : QString();
}

QString Settings::ollamaUrl() const
{
    return value(SettingsKey::OllamaUrl).toString();
}

int Settings::responseTimeoutSecs() const
{
    return value(SettingsKey::ResponseTimeout).toInt();
}

int Settings::modelListTimeoutSecs() const
{
    return value(SettingsKey::ModelListTimeout).toInt();
}

int Settings::connectTimeoutSecs() const
{
    return value(SettingsKey::ConnectTimeout).toInt();
}

int Settings::serverPort() const
{
    return value(SettingsKey::ServerPort).toInt();
}

QString Settings::serverBind() const
{
    return value(SettingsKey::ServerBind).toString();
}

qint64 Settings::maxBodyBytes() const
{
    return value(SettingsKey::ServerMaxBodyBytes).toLongLong();
}

int Settings::idleTimeoutSecs() const
{
    return value(SettingsKey::ServerIdleTimeout).toInt();
}

QString Settings::chatDefaultModel() const
{
    return value(SettingsKey::ChatDefaultModel).toString();
}

void Settings::setChatDefaultModel(const QString &model)
{
    setValue(SettingsKey::ChatDefaultModel, model);
}

QString Settings::chatDefaultSystemPrompt() const
{
    return value(SettingsKey::ChatDefaultSystemPrompt).toString();
}

QJsonObject Settings::chatDefaultOptions() const
{
    return QJsonDocument::fromJson(value(SettingsKey::ChatDefaultOptions).toByteArray()).object();
}

void Settings::setChatDefaults(const QString &systemPrompt, const QJsonObject &options)
{
    setValue(SettingsKey::ChatDefaultSystemPrompt, systemPrompt);
    setValue(SettingsKey::ChatDefaultOptions, QJsonDocument(options).toJson(QJsonDocument::Compact));
}

} // namespace Corral
