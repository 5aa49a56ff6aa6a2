// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamafailure.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QTimer;

namespace Corral {

class OllamaCall;
class OllamaConnection;
class Settings;

/// One configured Ollama server.
struct OllamaServerConfig
{
    QUrl url;
    QString name;   ///< empty: host:port stands for it
    bool enabled = true;
    /// Sent upstream as "Authorization: Bearer <key>" (an Ollama behind an authenticating
    /// proxy). Never logged, never sent to another server.
    QByteArray apiKey;

    /// The name, or host:port when none was given.
    QString displayName() const;
    bool operator==(const OllamaServerConfig &other) const
    {
        return url == other.url && name == other.name && enabled == other.enabled && apiKey == other.apiKey;
    }
    bool operator!=(const OllamaServerConfig &other) const { return !(*this == other); }
};

/**
 * The Ollama servers Corral talks to, with one OllamaConnection (pool) each.
 *
 * One instance per thread (the window's and the local server's), each configured from the same
 * Settings (bindSettings()). For every enabled server it keeps its health (a server that refuses
 * or times out is marked down and probed again in the background with back-off: 1 s, 2 s, 4 s
 * ... up to 30 s; one that answers is probed every 30 s), which models it has (from /api/tags)
 * and how many calls are in flight on its connection, and it chooses where a request for a model
 * goes: a server that has it and is up, the one with the fewest calls in flight, ties in turn.
 *
 * With one server configured (the default: SettingsKey::OllamaUrl alone) primary() is the one
 * connection and nothing else changes: nothing is probed unless asked (refresh()).
 */
class OllamaServers final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OllamaServers)

public:
    using Config = OllamaServerConfig;
    enum class Health { Unknown, Up, Down };
    Q_ENUM(Health)

    explicit OllamaServers(QObject *parent = nullptr);
    ~OllamaServers() override;

    /// The effective server list: SettingsKey::OllamaServers when set (and not outranked by an
    /// OllamaUrl override from a stronger source, such as one --ollama-url over
    /// OLLAMA_BASE_URLS), else the single SettingsKey::OllamaUrl.
    static QList<Config> configured(const Settings *settings);
    /// The stored form (a JSON array of {url, name, enabled, apiKey}).
    static QList<Config> fromJson(const QString &json);
    static QString toJson(const QList<Config> &servers);
    /// URLs separated by ';' (OLLAMA_BASE_URLS) or given one by one (--ollama-url ...).
    static QList<Config> fromUrls(const QStringList &urls);
    /// "llama3" and "llama3:latest" are the same model to Ollama.
    static QString normalizedModel(const QString &name);

    /// Follows the server list, the per-server keys and the timeouts live.
    void bindSettings(const Settings *settings);
    void setServers(const QList<Config> &servers);
    void setTimeouts(int responseSecs, int modelListSecs, int connectSecs);
    /// Probe intervals (tests): while up, and the first and longest back-off while down.
    void setProbeIntervals(int upMs, int firstDownMs, int maxDownMs);

    QList<Config> servers() const;
    int count() const { return int(m_slots.size()); }
    int enabledCount() const;
    /// More than one enabled server: requests are routed.
    bool isMulti() const { return enabledCount() > 1; }
    /// The connection of the first enabled server. The same object for the whole lifetime, so
    /// single-server code can hold it.
    OllamaConnection *primary() const { return m_primary; }
    /// Server @p index's connection, or nullptr if it is disabled or out of range.
    OllamaConnection *connection(int index) const;
    /// The index of the server whose connection is @p connection, or -1.
    int indexOf(const OllamaConnection *connection) const;
    Config config(int index) const;
    QString displayName(int index) const;
    QList<int> enabledIndexes() const;
    /// Where a pull without a server index goes: the chosen one if enabled, else the first
    /// enabled server.
    int pullServer() const;
    void setPullServer(int index);

    Health health(int index) const;
    /// Enabled servers that answered their last probe or request.
    int answeringCount() const;
    QStringList models(int index) const;
    bool modelsKnown(int index) const;
    bool hasModel(int index, const QString &model) const;
    OllamaFailure lastFailure(int index) const;
    int inFlight(int index) const;
    /// Enabled servers that list @p model, in configured order.
    QList<int> serversWith(const QString &model) const;
    /// Where to send a request for @p model, best first: servers with it that are up (fewest
    /// calls in flight; ties in turn, so each choice moves the turn on), then those that are
    /// down. Empty when no server lists it.
    QList<int> candidatesFor(const QString &model);
    /// Whether some enabled server has not told its models yet.
    bool someModelsUnknown() const;

    /// A request to @p connection's server failed before an answer: mark it down and probe it
    /// with back-off. (Cancelled calls say nothing about the server and are ignored.)
    void reportFailure(const OllamaConnection *connection, const OllamaFailure &failure);
    /// The server answered.
    void reportSuccess(const OllamaConnection *connection);

public Q_SLOTS:
    /// Probes every enabled server now (/api/tags).
    void refresh();

public:
    /// Probes every enabled server and calls @p done (in @p context's thread) once all answered
    /// or failed. A probe already running counts.
    void refreshModels(QObject *context, std::function<void()> done);

Q_SIGNALS:
    /// The list (or a server's settings) changed.
    void serversChanged();
    void healthChanged(int index);
    void modelsChanged(int index);

private:
    struct Slot
    {
        Config config;
        OllamaConnection *connection = nullptr; // owned (or m_primary); nullptr when disabled
        Health health = Health::Unknown;
        QStringList models;
        QSet<QString> normalized;
        bool modelsKnown = false;
        OllamaFailure failure;
        int backoffMs = 0;
        QTimer *timer = nullptr;
        OllamaCall *probe = nullptr;
    };
    void probe(int index);
    void probeFinished(int index, OllamaCall *call);
    void setHealth(int index, Health health, const OllamaFailure &failure);
    void schedule(int index, int ms);
    void applyTimeouts(OllamaConnection *connection) const;
    void notifyWaiters();

    OllamaConnection *m_primary = nullptr;
    QList<Slot> m_slots;
    int m_turn = 0;
    int m_pullServer = -1;
    int m_responseSecs = 300;
    int m_modelListSecs = 10;
    int m_connectSecs = 10;
    int m_upMs = 30000;
    int m_firstDownMs = 1000;
    int m_maxDownMs = 30000;
    bool m_probing = false; // background probes run (more than one server, or refresh() asked)
    struct Waiter
    {
        QPointer<QObject> context;
        std::function<void()> done;
    };
    QList<Waiter> m_waiters;
};

} // namespace Corral
