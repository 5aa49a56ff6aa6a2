// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class QSocketNotifier;

namespace Corral {

/**
 * Turns SIGINT and SIGTERM into a Qt signal, through the self-pipe pattern: the handler only
 * write()s a byte (async-signal-safe) and a QSocketNotifier delivers it on the event loop.
 */
class UnixSignals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignals)

public:
    explicit UnixSignals(QObject *parent = nullptr);
    ~UnixSignals() override;

Q_SIGNALS:
    void terminationRequested(int signal);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace Corral
