// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/ollamaservers.h"

#include "core/ollamacall.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>
#include <tuple>

namespace Corral {

namespace {

QString jsonKey(const char *name)
{
    return QString::fromLatin1(name);
}

} // namespace

QString OllamaServerConfig::displayName() const
{
    if (!name.trimmed().isEmpty())
        return name.trimmed();
    const QString host = url.host();
    return url.port() == -1 ? host : QStringLiteral("%1:%2").arg(host).arg(url.port());
}

OllamaServers::OllamaServers(QObject *parent)
    : QObject(parent)
    , m_primary(new OllamaConnection(this))
{
    Slot slot;
    slot.config.url = m_primary->baseUrl();
    slot.connection = m_primary;
    m_slots.append(slot);
}

OllamaServers::~OllamaServers()
{
    // Probes before the connections they run on.
    for (Slot &slot : m_slots)
        delete std::exchange(slot.probe, nullptr);
}

QList<OllamaServers::Config> OllamaServers::configured(const Settings *settings)
{
    const QList<Config> list = fromJson(settings->value(SettingsKey::OllamaServers).toString());
    const QUrl single(settings->ollamaUrl());
    if (list.isEmpty() || settings->source(SettingsKey::OllamaUrl) > settings->source(SettingsKey::OllamaServers)) {
        Config config;
        config.url = single;
        // A key saved for this URL in the list still applies (an override names only the URL).
        for (const Config &saved : list) {
            if (saved.url == single) {
                config.name = saved.name;
                config.apiKey = saved.apiKey;
            }
        }
        return {config};
    }
    if (settings->isOverridden(SettingsKey::OllamaServers)) {
        // URLs from the environment or command line keep the names and keys saved for them.
        const QList<Config> saved = fromJson(settings->savedValue(SettingsKey::OllamaServers).toString());
        QList<Config> merged = list;
        for (Config &config : merged) {
            for (const Config &known : saved) {
                if (known.url == config.url) {
                    config.name = known.name;
                    config.apiKey = known.apiKey;
                }
            }
        }
        return merged;
    }
    return list;
}

QList<OllamaServers::Config> OllamaServers::fromJson(const QString &json)
{
    QList<Config> list;
    if (json.trimmed().isEmpty())
        return list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Config config;
        config.url = QUrl(object.value(jsonKey("url")).toString());
        if (!config.url.isValid() || config.url.host().isEmpty())
            continue;
        config.name = object.value(jsonKey("name")).toString();
        config.enabled = object.value(jsonKey("enabled")).toBool(true);
        config.apiKey = object.value(jsonKey("apiKey")).toString().toUtf8();
        list.append(config);
    }
    return list;
}

QString OllamaServers::toJson(const QList<Config> &servers)
{
    QJsonArray array;
    for (const Config &config : servers) {
        QJsonObject object{{jsonKey("url"), config.url.toString()}, {jsonKey("enabled"), config.enabled}};
        if (!config.name.isEmpty())
            object.insert(jsonKey("name"), config.name);
        if (!config.apiKey.isEmpty())
            object.insert(jsonKey("apiKey"), QString::fromUtf8(config.apiKey));
        array.append(object);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<OllamaServers::Config> OllamaServers::fromUrls(const QStringList &urls)
{
    QList<Config> list;
    for (const QString &text : urls) {
        for (const QString &part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (part.trimmed().isEmpty())
                continue;
            Config config;
            config.url = QUrl(part.trimmed());
            list.append(config);
        }
    }
    return list;
}

QString OllamaServers::normalizedModel(const QString &name)
{
    QString model = name.trimmed().toLower();
    // A tag is what follows the last ':' after the last '/' (registry host ports have ':').
    const qsizetype slash = model.lastIndexOf(QLatin1Char('/'));
    if (model.indexOf(QLatin1Char(':'), slash + 1) < 0 && !model.isEmpty())
        model += QLatin1String(":latest");
    return model;
}

void OllamaServers::bindSettings(const Settings *settings)
{
    const auto apply = [this, settings] {
        setTimeouts(settings->responseTimeoutSecs(), settings->modelListTimeoutSecs(), settings->connectTimeoutSecs());
        setServers(configured(settings));
        setPullServer(settings->value(SettingsKey::OllamaPullServer).toInt());
    };
    apply();
    connect(settings, &Settings::changed, this, [apply](const QString &key) {
        if (key.startsWith(QLatin1String("ollama/")))
            apply();
    });
}

void OllamaServers::applyTimeouts(OllamaConnection *connection) const
{
    connection->setResponseTimeoutSecs(m_responseSecs);
    connection->setModelListTimeoutSecs(m_modelListSecs);
    connection->setConnectTimeoutSecs(m_connectSecs);
}

void OllamaServers::setTimeouts(int responseSecs, int modelListSecs, int connectSecs)
{
    m_responseSecs = responseSecs;
    m_modelListSecs = modelListSecs;
    m_connectSecs = connectSecs;
    for (const Slot &slot : std::as_const(m_slots)) {
        if (slot.connection)
            applyTimeouts(slot.connection);
    }
}

void OllamaServers::setProbeIntervals(int upMs, int firstDownMs, int maxDownMs)
{
    m_upMs = upMs;
    m_firstDownMs = firstDownMs;
    m_maxDownMs = maxDownMs;
}

void OllamaServers::setServers(const QList<Config> &requested)
{
    QList<Config> servers = requested;
    if (servers.isEmpty())
        servers.append(Config{QUrl(Settings::defaultValue(SettingsKey::OllamaUrl).toString()), {}, true, {}});
    if (servers == this->servers())
        return;

    // Connections and what is known about a server stay with its URL across edits, so calls in
    // flight go on and a reordered list needs no new probes.
    QList<Slot> old = std::exchange(m_slots, {});
    const auto takeOld = [&old](const Config &config) -> std::optional<Slot> {
        for (qsizetype i = 0; i < old.size(); ++i) {
            if (old.at(i).config.url == config.url && old.at(i).config.apiKey == config.apiKey)
                return old.takeAt(i);
        }
        return std::nullopt;
    };
    qsizetype firstEnabled = -1;
    for (qsizetype i = 0; i < servers.size() && firstEnabled < 0; ++i) {
        if (servers.at(i).enabled)
            firstEnabled = i;
    }
    if (firstEnabled < 0)
        firstEnabled = 0; // all disabled: the first one still serves single-server code
    for (qsizetype i = 0; i < servers.size(); ++i) {
        const Config &config = servers.at(i);
        Slot slot;
        if (const auto kept = takeOld(config))
            slot = *kept;
        slot.config = config;
        // Timers and probes find their slot by connection; they start afresh below.
        delete slot.timer;
        slot.timer = nullptr;
        OllamaConnection *before = slot.connection;
        const bool active = config.enabled || i == firstEnabled;
        if (i == firstEnabled) {
            if (slot.connection && slot.connection != m_primary) {
                slot.connection->deleteLater();
                slot.health = Health::Unknown;
                slot.modelsKnown = false;
            }
            slot.connection = m_primary;
        } else if (!active) {
            if (slot.connection && slot.connection != m_primary)
                slot.connection->deleteLater();
            slot.connection = nullptr;
        } else if (!slot.connection || slot.connection == m_primary) {
            if (slot.connection == m_primary) {
                slot.health = Health::Unknown;
                slot.modelsKnown = false;
            }
            slot.connection = new OllamaConnection(this);
        }
        if (slot.connection) {
            slot.connection->setBaseUrl(config.url);
            slot.connection->setBearerToken(config.apiKey);
            applyTimeouts(slot.connection);
        }
        if (slot.connection != before)
            slot.probe = nullptr; // it finishes on the old connection and finds no slot
        if (!active)
            slot.health = Health::Unknown;
        m_slots.append(slot);
    }
    for (Slot &slot : old) {
        if (slot.connection && slot.connection != m_primary)
            slot.connection->deleteLater();
        delete slot.timer;
    }
    m_turn = 0;
    m_probing = m_probing || isMulti();
    if (m_probing)
        refresh();
    Q_EMIT serversChanged();
}

QList<OllamaServers::Config> OllamaServers::servers() const
{
    QList<Config> list;
    list.reserve(m_slots.size());
    for (const Slot &slot : m_slots)
        list.append(slot.config);
    return list;
}

int OllamaServers::enabledCount() const
{
    return int(std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot &slot) { return slot.config.enabled; }));
}

OllamaConnection *OllamaServers::connection(int index) const
{
    if (index < 0 || index >= m_slots.size() || !m_slots.at(index).config.enabled)
        return nullptr;
    return m_slots.at(index).connection;
}

int OllamaServers::indexOf(const OllamaConnection *connection) const
{
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).connection == connection)
            return i;
    }
    return -1;
}

OllamaServers::Config OllamaServers::config(int index) const
{
    return index >= 0 && index < m_slots.size() ? m_slots.at(index).config : Config();
}

QString OllamaServers::displayName(int index) const
{
    return config(index).displayName();
}

QList<int> OllamaServers::enabledIndexes() const
{
    QList<int> list;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).config.enabled)
            list.append(i);
    }
    return list;
}

int OllamaServers::pullServer() const
{
    if (connection(m_pullServer))
        return m_pullServer;
    const QList<int> enabled = enabledIndexes();
    return enabled.isEmpty() ? 0 : enabled.first();
}

void OllamaServers::setPullServer(int index)
{
    m_pullServer = index;
}

OllamaServers::Health OllamaServers::health(int index) const
{
    return index >= 0 && index < m_slots.size() ? m_slots.at(index).health : Health::Unknown;
}

int OllamaServers::answeringCount() const
{
    return int(std::count_if(m_slots.cbegin(), m_slots.cend(), [](const Slot &slot) {
        return slot.config.enabled && slot.health == Health::Up;
    }));
}

QStringList OllamaServers::models(int index) const
{
    return index >= 0 && index < m_slots.size() ? m_slots.at(index).models : QStringList();
}

bool OllamaServers::modelsKnown(int index) const
{
    return index >= 0 && index < m_slots.size() && m_slots.at(index).modelsKnown;
}

bool OllamaServers::hasModel(int index, const QString &model) const
{
    return index >= 0 && index < m_slots.size() && m_slots.at(index).normalized.contains(normalizedModel(model));
}

OllamaFailure OllamaServers::lastFailure(int index) const
{
    return index >= 0 && index < m_slots.size() ? m_slots.at(index).failure : OllamaFailure();
}

int OllamaServers::inFlight(int index) const
{
    const OllamaConnection *connection = this->connection(index);
    return connection ? connection->activeCalls() : 0;
}

QList<int> OllamaServers::serversWith(const QString &model) const
{
    const QString name = normalizedModel(model);
    QList<int> list;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).config.enabled && m_slots.at(i).normalized.contains(name))
            list.append(i);
    }
    return list;
}

QList<int> OllamaServers::candidatesFor(const QString &model)
{
    QList<int> list = serversWith(model);
    if (list.isEmpty())
        return list;
    const int n = int(m_slots.size());
    // Up (or not yet probed) before down; fewer calls in flight first; equal ones in turn.
    const auto rank = [this, n](int index) {
        const Slot &slot = m_slots.at(index);
        return std::make_tuple(slot.health == Health::Down, slot.connection ? slot.connection->activeCalls() : 0,
                               (index - m_turn + n) % n);
    };
    std::sort(list.begin(), list.end(), [&rank](int a, int b) { return rank(a) < rank(b); });
    m_turn = (list.first() + 1) % n;
    return list;
}

bool OllamaServers::someModelsUnknown() const
{
    return std::any_of(m_slots.cbegin(), m_slots.cend(),
                       [](const Slot &slot) { return slot.config.enabled && !slot.modelsKnown; });
}

void OllamaServers::reportFailure(const OllamaConnection *connection, const OllamaFailure &failure)
{
    const int index = indexOf(connection);
    if (index < 0 || !failure.isFailure() || failure.kind == OllamaFailure::Kind::Cancelled)
        return;
    const bool wasDown = m_slots.at(index).health == Health::Down;
    setHealth(index, Health::Down, failure);
    // Newly down: the next probe comes soon (the one due was the slow "still up?" one). Already
    // down: the back-off already running stays.
    if (!wasDown && !m_slots.at(index).probe) {
        m_slots[index].backoffMs = m_firstDownMs;
        schedule(index, m_firstDownMs);
    }
}

void OllamaServers::reportSuccess(const OllamaConnection *connection)
{
    const int index = indexOf(connection);
    if (index >= 0 && m_slots.at(index).health != Health::Up)
        setHealth(index, Health::Up, OllamaFailure());
}

void OllamaServers::refresh()
{
    m_probing = true;
    for (int i = 0; i < m_slots.size(); ++i) {
        if (m_slots.at(i).config.enabled)
            probe(i);
    }
}

void OllamaServers::refreshModels(QObject *context, std::function<void()> done)
{
    m_waiters.append(Waiter{context, std::move(done)});
    refresh();
    notifyWaiters(); // nothing to wait for when no server is enabled
}

void OllamaServers::notifyWaiters()
{
    const bool busy = std::any_of(m_slots.cbegin(), m_slots.cend(), [](const Slot &slot) { return slot.probe; });
    if (busy || m_waiters.isEmpty())
        return;
    for (const Waiter &waiter : std::exchange(m_waiters, {})) {
        if (waiter.context)
            waiter.done();
    }
}

void OllamaServers::probe(int index)
{
    Slot &slot = m_slots[index];
    if (slot.probe || !slot.connection)
        return;
    if (slot.timer)
        slot.timer->stop();
    OllamaCall *call = slot.connection->get("/api/tags");
    call->setParent(this);
    slot.probe = call;
    OllamaConnection *connection = slot.connection;
    connect(call, &OllamaCall::finished, this, [this, call, connection] {
        const int at = indexOf(connection);
        if (at >= 0 && m_slots.at(at).probe == call)
            probeFinished(at, call);
        call->deleteLater();
    });
}

void OllamaServers::probeFinished(int index, OllamaCall *call)
{
    Slot &slot = m_slots[index];
    slot.probe = nullptr;
    const QByteArray body = call->readAll();
    if (call->failure().isFailure() || call->status() != 200) {
        OllamaFailure failure = call->failure();
        if (!failure.isFailure()) {
            failure.kind = OllamaFailure::Kind::Unreachable;
            failure.url = call->url();
            failure.reason = tr("Ollama answered HTTP %1 to /api/tags").arg(call->status());
        }
        slot.backoffMs = slot.health == Health::Down ? std::min(std::max(slot.backoffMs * 2, m_firstDownMs), m_maxDownMs)
                                                     : m_firstDownMs;
        setHealth(index, Health::Down, failure);
        schedule(index, m_slots.at(index).backoffMs);
    } else {
        QStringList names;
        QSet<QString> normalized;
        const QJsonArray models = QJsonDocument::fromJson(body).object().value(QStringLiteral("models")).toArray();
        for (const QJsonValue &model : models) {
            const QString name = model.toObject().value(QStringLiteral("name")).toString();
            names.append(name);
            normalized.insert(normalizedModel(name));
        }
        const bool changed = names != slot.models || !slot.modelsKnown;
        slot.models = names;
        slot.normalized = normalized;
        slot.modelsKnown = true;
        slot.backoffMs = 0;
        setHealth(index, Health::Up, OllamaFailure());
        schedule(index, m_upMs);
        if (changed)
            Q_EMIT modelsChanged(index);
    }
    notifyWaiters();
}

void OllamaServers::setHealth(int index, Health health, const OllamaFailure &failure)
{
    Slot &slot = m_slots[index];
    slot.failure = failure;
    if (slot.health == health)
        return;
    slot.health = health;
    Q_EMIT healthChanged(index);
}

void OllamaServers::schedule(int index, int ms)
{
    if (!m_probing)
        return;
    Slot &slot = m_slots[index];
    if (!slot.timer) {
        slot.timer = new QTimer(this);
        slot.timer->setSingleShot(true);
        OllamaConnection *connection = slot.connection;
        connect(slot.timer, &QTimer::timeout, this, [this, connection] {
            const int at = indexOf(connection);
            if (at >= 0)
                probe(at);
        });
    }
    slot.timer->start(ms);
}

} // namespace Corral
