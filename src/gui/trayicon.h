// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSystemTrayIcon>

namespace Corral {

class MainWindow;

/**
 * The tray icon, when the desktop has a tray: closing the window leaves Corral (and its local
 * server for browsers) running here. Menu: Open Corral, Copy browser link, Quit.
 */
class TrayIcon final : public QSystemTrayIcon
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayIcon)

public:
    TrayIcon(MainWindow *window, std::function<QUrl()> browserLink, QObject *parent = nullptr);

Q_SIGNALS:
    void quitRequested();
};

} // namespace Corral
