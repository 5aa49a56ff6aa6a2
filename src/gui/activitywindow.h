// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/activitysnapshot.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QTreeWidgetItem;

namespace Ui {
class ActivityWindow;
}

namespace Corral {

/**
 * Chat > Activity: who is using Ollama through Corral's local server. Requests in flight (who,
 * model, route, started, elapsed, tokens so far) with a Stop button each, the recent requests
 * (status, duration, tokens in and out, errors) and the totals per caller for today and the last
 * 30 days. It shows the snapshots the server's activity registry sends (setSnapshot()) and asks
 * for Stop with stopRequested(); it never reaches into the server itself.
 */
class ActivityWindow final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ActivityWindow)

public:
    explicit ActivityWindow(QWidget *parent = nullptr);
    ~ActivityWindow() override;

    void setSnapshot(const ActivitySnapshot &snapshot);
    Ui::ActivityWindow *ui() const { return m_ui.get(); }

    /// "Owner token", "Key “editor”", "Browser 127.0.0.1 (ab12cd34)".
    static QString callerText(ActivityEntry::CallerKind kind, const QString &caller, const QString &peer = QString());

Q_SIGNALS:
    void stopRequested(quint64 id);

private:
    void fillLive(const ActivitySnapshot &snapshot);
    void fillRecent(const ActivitySnapshot &snapshot);
    void fillTotals(const ActivitySnapshot &snapshot);

    std::unique_ptr<Ui::ActivityWindow> m_ui;
    QHash<quint64, QTreeWidgetItem *> m_liveItems;
    quint64 m_newestRecent = 0;
};

} // namespace Corral
