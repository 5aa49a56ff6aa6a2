// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/activitywindow.h"

#include "ui_activitywindow.h"

#include <QDateTime>
#include <QHeaderView>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidgetItem>

namespace Corral {

namespace {

enum LiveColumn { LiveWho, LiveModel, LiveRoute, LiveStarted, LiveElapsed, LiveTokens, LiveStop };
enum RecentColumn { RecentEnded, RecentWho, RecentModel, RecentRoute, RecentStatus, RecentDuration, RecentIn, RecentOut, RecentError };

QString duration(qint64 ms)
{
    if (ms < 1000)
        return ActivityWindow::tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return ActivityWindow::tr("%1 s").arg(QLocale().toString(double(ms) / 1000, 'f', 1));
    return ActivityWindow::tr("%1 min %2 s").arg(ms / 60'000).arg((ms / 1000) % 60);
}

QString timeOf(qint64 ms)
{
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms).time(), QLocale::ShortFormat);
}

} // namespace

ActivityWindow::ActivityWindow(QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_ui(std::make_unique<Ui::ActivityWindow>())
{
    m_ui->setupUi(this);
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 3);
    m_ui->splitter->setStretchFactor(2, 1);
    for (QTreeWidget *view : {m_ui->liveView, m_ui->recentView, m_ui->totalsView})
        view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->liveView->header()->setStretchLastSection(false); // the Stop buttons keep their size
    m_ui->recentView->header()->setStretchLastSection(true);
}

ActivityWindow::~ActivityWindow() = default;

QString ActivityWindow::callerText(ActivityEntry::CallerKind kind, const QString &caller, const QString &peer)
{
    switch (kind) {
    case ActivityEntry::CallerKind::Owner:
        return peer.isEmpty() ? tr("Owner token") : tr("Owner token (%1)").arg(peer);
    case ActivityEntry::CallerKind::ApiKey:
        return peer.isEmpty() ? tr("Key “%1”").arg(caller) : tr("Key “%1” (%2)").arg(caller, peer);
    case ActivityEntry::CallerKind::Session:
        return peer.isEmpty() ? tr("Browser session %1").arg(caller) : tr("Browser %1 (session %2)").arg(peer, caller);
    }
    return caller;
}

void ActivityWindow::setSnapshot(const ActivitySnapshot &snapshot)
{
    if (snapshot.live.isEmpty())
        m_ui->summaryLabel->setText(tr("Nothing is using Ollama through Corral right now."));
    else
        m_ui->summaryLabel->setText(snapshot.live.size() == 1 ? tr("1 request in flight through Corral's local server.")
                                                              : tr("%1 requests in flight through Corral's local server.")
                                                                    .arg(snapshot.live.size()));
    fillLive(snapshot);
    fillRecent(snapshot);
    fillTotals(snapshot);
}

void ActivityWindow::fillLive(const ActivitySnapshot &snapshot)
{
    // Rows stay while their request runs (a Stop button under the pointer must not move away).
    QSet<quint64> seen;
    for (const ActivityEntry &entry : snapshot.live) {
        seen.insert(entry.id);
        QTreeWidgetItem *item = m_liveItems.value(entry.id);
        if (!item) {
            item = new QTreeWidgetItem(m_ui->liveView);
            item->setText(LiveWho, callerText(entry.callerKind, entry.caller, entry.peer));
            item->setText(LiveModel, entry.model);
            item->setText(LiveRoute, entry.route);
            item->setText(LiveStarted, timeOf(entry.startedMs));
            auto *stop = new QPushButton(tr("Stop"), m_ui->liveView);
            stop->setToolTip(tr("End this request: Ollama stops generating and the client gets the end of its answer."));
            const quint64 id = entry.id;
            connect(stop, &QPushButton::clicked, this, [this, id, stop] {
                stop->setEnabled(false);
                Q_EMIT stopRequested(id);
            });
            m_ui->liveView->setItemWidget(item, LiveStop, stop);
            m_liveItems.insert(entry.id, item);
        }
        item->setText(LiveElapsed, duration(snapshot.takenMs - entry.startedMs));
        item->setText(LiveTokens, QLocale().toString(entry.tokensOut));
    }
    for (auto it = m_liveItems.begin(); it != m_liveItems.end();) {
        if (seen.contains(it.key())) {
            ++it;
            continue;
        }
        delete it.value();
        it = m_liveItems.erase(it);
    }
}

void ActivityWindow::fillRecent(const ActivitySnapshot &snapshot)
{
    const quint64 newest = snapshot.recent.isEmpty() ? 0 : snapshot.recent.first().id;
    if (newest == m_newestRecent && m_ui->recentView->topLevelItemCount() == snapshot.recent.size())
        return; // nothing ended since the last snapshot
    m_newestRecent = newest;
    m_ui->recentView->clear();
    QList<QTreeWidgetItem *> items;
    items.reserve(snapshot.recent.size());
    for (const ActivityEntry &entry : snapshot.recent) {
        auto *item = new QTreeWidgetItem;
        item->setText(RecentEnded, timeOf(entry.endedMs));
        item->setText(RecentWho, callerText(entry.callerKind, entry.caller, entry.peer));
        item->setText(RecentModel, entry.model);
        item->setText(RecentRoute, entry.route);
        item->setText(RecentStatus, entry.stopped ? tr("%1, stopped").arg(entry.status) : QString::number(entry.status));
        item->setText(RecentDuration, duration(entry.endedMs - entry.startedMs));
        item->setText(RecentIn, QLocale().toString(entry.tokensIn));
        item->setText(RecentOut, QLocale().toString(entry.tokensOut));
        item->setText(RecentError, entry.error);
        item->setToolTip(RecentError, entry.error);
        items.append(item);
    }
    m_ui->recentView->addTopLevelItems(items);
}

void ActivityWindow::fillTotals(const ActivitySnapshot &snapshot)
{
    m_ui->totalsView->clear();
    QList<QTreeWidgetItem *> items;
    for (const ActivityTotal &total : snapshot.totals) {
        items.append(new QTreeWidgetItem({callerText(total.callerKind, total.caller),
                                          QLocale().toString(total.requestsToday), QLocale().toString(total.tokensToday),
                                          QLocale().toString(total.requests30Days), QLocale().toString(total.tokens30Days)}));
    }
    m_ui->totalsView->addTopLevelItems(items);
}

} // namespace Corral
