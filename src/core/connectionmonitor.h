// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamafailure.h"

#include <QObject>
#include <QTimer>

namespace Corral {

class OllamaClient;

/**
 * Watches whether Ollama answers: checks /api/version now, then every 30 s while it does and
 * every 5 s while it does not, and at once when the URL changes.
 */
class ConnectionMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionMonitor)

public:
    enum class State { Checking, Connected, Failed };
    Q_ENUM(State)

    explicit ConnectionMonitor(OllamaClient *client, QObject *parent = nullptr);
    void setIntervals(int connectedMs, int failedMs);
    State state() const { return m_state; }
    QString version() const { return m_version; }
    const OllamaFailure &failure() const { return m_failure; }

public Q_SLOTS:
    void checkNow();

Q_SIGNALS:
    void stateChanged(Corral::ConnectionMonitor::State state);

private:
    void setState(State state);

    OllamaClient *m_client;
    QTimer m_timer;
    State m_state = State::Checking;
    QString m_version;
    OllamaFailure m_failure;
    int m_connectedMs = 30000;
    int m_failedMs = 5000;
    bool m_inFlight = false;
};

} // namespace Corral
