// SPDX-License-Identifier: GPL-3.0-or-later
// Chat > Activity: the requests in flight with Stop, the recent ones and the totals, from the
// snapshots the server's activity registry sends.
#include "gui/activitywindow.h"

#include "ui_activitywindow.h"

#include <QDateTime>
#include <QDir>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>

using namespace Corral;

namespace {

ActivityEntry entry(quint64 id, ActivityEntry::CallerKind kind, const QString &caller, const QString &model, qint64 startedMs)
{
    ActivityEntry e;
    e.id = id;
    e.callerKind = kind;
    e.caller = caller;
    e.peer = QStringLiteral("127.0.0.1");
    e.model = model;
    e.route = QStringLiteral("POST /api/chat");
    e.startedMs = startedMs;
    return e;
}

ActivitySnapshot sample()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    ActivitySnapshot snapshot;
    snapshot.takenMs = now;
    ActivityEntry editor = entry(7, ActivityEntry::CallerKind::ApiKey, QStringLiteral("editor plugin"), QStringLiteral("qwen3:8b"), now - 12'400);
    editor.tokensOut = 311;
    ActivityEntry phone = entry(9, ActivityEntry::CallerKind::Session, QStringLiteral("3fa9c2d1"), QStringLiteral("llama3.2:latest"), now - 2'100);
    phone.peer = QStringLiteral("192.168.1.23");
    phone.route = QStringLiteral("POST /api/generate");
    phone.tokensOut = 48;
    snapshot.live = {editor, phone};
    for (int i = 0; i < 3; ++i) {
        ActivityEntry done = entry(6 - i, i == 1 ? ActivityEntry::CallerKind::Owner : ActivityEntry::CallerKind::ApiKey,
                                   i == 1 ? QString() : QStringLiteral("nightly script"), QStringLiteral("llama3.2:latest"),
                                   now - 60'000 * (i + 1));
        done.endedMs = done.startedMs + 4'200;
        done.status = i == 2 ? 404 : 200;
        done.tokensIn = 26;
        done.tokensOut = i == 2 ? 0 : 412;
        done.error = i == 2 ? QStringLiteral("model \"mistral\" not found, try pulling it first") : QString();
        done.stopped = i == 0;
        snapshot.recent.append(done);
    }
    snapshot.totals = {{ActivityEntry::CallerKind::ApiKey, QStringLiteral("nightly script"), 14, 9'210, 320, 201'554},
                       {ActivityEntry::CallerKind::Session, QStringLiteral("3fa9c2d1"), 3, 1'020, 41, 18'700},
                       {ActivityEntry::CallerKind::Owner, QString(), 1, 438, 9, 5'120}};
    return snapshot;
}

} // namespace

class TestActivityWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void snapshot_fillsTheThreeLists();
    void stopButton_asksToStopThatRequest();
    void liveRows_stayWhileTheirRequestRuns();
};

void TestActivityWindow::snapshot_fillsTheThreeLists()
{
    ActivityWindow window;
    window.resize(980, 640);
    window.setSnapshot(sample());
    Ui::ActivityWindow *ui = window.ui();
    QCOMPARE(ui->liveView->topLevelItemCount(), 2);
    QCOMPARE(ui->liveView->topLevelItem(0)->text(0), QStringLiteral("Key “editor plugin” (127.0.0.1)"));
    QCOMPARE(ui->liveView->topLevelItem(0)->text(1), QStringLiteral("qwen3:8b"));
    QCOMPARE(ui->liveView->topLevelItem(0)->text(5), QStringLiteral("311"));
    QCOMPARE(ui->liveView->topLevelItem(1)->text(0), QStringLiteral("Browser 192.168.1.23 (session 3fa9c2d1)"));
    QCOMPARE(ui->recentView->topLevelItemCount(), 3);
    QCOMPARE(ui->recentView->topLevelItem(0)->text(4), QStringLiteral("200, stopped"));
    QCOMPARE(ui->recentView->topLevelItem(2)->text(4), QStringLiteral("404"));
    QVERIFY(ui->recentView->topLevelItem(2)->text(8).contains(QStringLiteral("not found")));
    QCOMPARE(ui->totalsView->topLevelItemCount(), 3);
    QCOMPARE(ui->totalsView->topLevelItem(2)->text(0), QStringLiteral("Owner token"));
    QVERIFY(ui->summaryLabel->text().startsWith(QStringLiteral("2 requests")));
    if (const QString dir = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.grab().save(QDir(dir).filePath(QStringLiteral("activity-window.png"))));
    }
}

void TestActivityWindow::stopButton_asksToStopThatRequest()
{
    ActivityWindow window;
    window.setSnapshot(sample());
    QSignalSpy stop(&window, &ActivityWindow::stopRequested);
    auto *button = qobject_cast<QPushButton *>(window.ui()->liveView->itemWidget(window.ui()->liveView->topLevelItem(1), 6));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Stop"));
    button->click();
    QCOMPARE(stop.count(), 1);
    QCOMPARE(stop.first().first().toULongLong(), 9u);
    QVERIFY(!button->isEnabled()); // once
}

void TestActivityWindow::liveRows_stayWhileTheirRequestRuns()
{
    ActivityWindow window;
    ActivitySnapshot snapshot = sample();
    window.setSnapshot(snapshot);
    QTreeWidgetItem *first = window.ui()->liveView->topLevelItem(0);
    snapshot.live[0].tokensOut = 400;
    snapshot.takenMs += 500;
    window.setSnapshot(snapshot);
    QCOMPARE(window.ui()->liveView->topLevelItem(0), first); // the same row, updated
    QCOMPARE(first->text(5), QStringLiteral("400"));
    snapshot.live.removeFirst();
    window.setSnapshot(snapshot);
    QCOMPARE(window.ui()->liveView->topLevelItemCount(), 1);
    snapshot.live.clear();
    window.setSnapshot(snapshot);
    QCOMPARE(window.ui()->liveView->topLevelItemCount(), 0);
    QVERIFY(window.ui()->summaryLabel->text().startsWith(QStringLiteral("Nothing")));
}

QTEST_MAIN(TestActivityWindow)
#include "tst_activitywindow.moc"
