// SPDX-License-Identifier: GPL-3.0-or-later
#include "singleinstance.h"

#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

class TestSingleInstance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void secondStart_handsOffToTheFirst();
    void otherDataDirectory_isAnotherInstance();
    void staleSocket_doesNotBlock();
};

void TestSingleInstance::secondStart_handsOffToTheFirst()
{
    QTemporaryDir dir;
    SingleInstance first(dir.path());
    QVERIFY(first.claim());
    QSignalSpy raised(&first, &SingleInstance::activationRequested);
    SingleInstance second(dir.path());
    QVERIFY(!second.claim());
    QVERIFY(raised.wait(10000));
}

void TestSingleInstance::otherDataDirectory_isAnotherInstance()
{
    QTemporaryDir a;
    QTemporaryDir b;
    SingleInstance first(a.path());
    SingleInstance second(b.path());
    QVERIFY(first.claim());
    QVERIFY(second.claim());
    QVERIFY(first.socketName() != second.socketName());
}

void TestSingleInstance::staleSocket_doesNotBlock()
{
    QTemporaryDir dir;
    QString name;
    {
        // A server that goes away without cleaning up, as after a crash.
        SingleInstance crashed(dir.path());
        name = crashed.socketName();
    }
    QLocalServer leftover;
    QVERIFY(leftover.listen(name));
    leftover.close(); // closes without accepting anybody
    SingleInstance fresh(dir.path());
    QVERIFY(fresh.claim());
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
