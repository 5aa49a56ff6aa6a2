// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>

class QLocalServer;

namespace Corral {

/**
 * One Corral window per data directory. The first instance listens on a local socket named
 * after the data directory, in a directory only the user can write (see socketPath()); a second one finds it, asks it to show its window, and exits instead
 * of failing on the port.
 */
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    explicit SingleInstance(const QString &dataDir, QObject *parent = nullptr);
    ~SingleInstance() override;

    /// True when this is the first instance (it now listens); false when another instance
    /// runs, which has been asked to raise its window.
    bool claim();
    QString socketName() const { return m_name; }
    /// The socket's full path: in the user's runtime directory (XDG_RUNTIME_DIR), or the data
    /// directory when there is none; never the shared /tmp.
    static QString socketPath(const QString &dataDir);

Q_SIGNALS:
    /// Another start of Corral asked this one to show its window.
    void activationRequested();

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace Corral
