// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/trayicon.h"

#include "gui/mainwindow.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMenu>
#include <QUrl>

namespace Corral {

TrayIcon::TrayIcon(MainWindow *window, std::function<QUrl()> browserLink, QObject *parent)
    : QSystemTrayIcon(window->windowIcon(), parent)
{
    setToolTip(tr("Corral"));
    auto *menu = new QMenu(window);
    menu->addAction(tr("Open Corral"), window, &MainWindow::showAndRaise);
    menu->addAction(tr("Copy browser link"), this, [browserLink] {
        if (browserLink)
            QGuiApplication::clipboard()->setText(browserLink().toString());
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &TrayIcon::quitRequested);
    setContextMenu(menu);
    connect(this, &QSystemTrayIcon::activated, window, [window](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            window->showAndRaise();
    });
}

} // namespace Corral
