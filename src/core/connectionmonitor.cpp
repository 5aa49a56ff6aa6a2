// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/connectionmonitor.h"

#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"

namespace Corral {

ConnectionMonitor::ConnectionMonitor(OllamaClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionMonitor::checkNow);
    connect(client, &OllamaClient::versionChecked, this, [this](const QString &version) {
        m_inFlight = false;
        m_version = version;
        m_failure = OllamaFailure();
        setState(State::Connected);
        m_timer.start(m_connectedMs);
    });
    connect(client, &OllamaClient::versionFailed, this, [this](const OllamaFailure &failure) {
        m_inFlight = false;
        m_failure = failure;
        setState(State::Failed);
        m_timer.start(m_failedMs);
    });
    connect(client->connection(), &OllamaConnection::baseUrlChanged, this, [this] {
        setState(State::Checking);
        checkNow();
    });
}

void ConnectionMonitor::setIntervals(int connectedMs, int failedMs)
{
    m_connectedMs = connectedMs;
    m_failedMs = failedMs;
}

void ConnectionMonitor::checkNow()
{
    if (m_inFlight)
        return;
    m_inFlight = true;
    m_client->checkVersion();
}

void ConnectionMonitor::setState(State state)
{
    // Failures are re-announced, since the reason or the URL may have changed.
    if (state == m_state && state != State::Failed)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace Corral
