// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/singleinstance.h"

#include <QDir>
#include <QFileInfo>
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
    void socket_livesInTheRuntimeDirectory_elseTheDataDirectory();
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

void TestSingleInstance::socket_livesInTheRuntimeDirectory_elseTheDataDirectory()
{
    // Never /tmp, where another user could take the name first.
    const QByteArray saved = qgetenv("XDG_RUNTIME_DIR");
    QTemporaryDir runtime;
    QTemporaryDir data;
    QVERIFY(QFile::setPermissions(runtime.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    qputenv("XDG_RUNTIME_DIR", runtime.path().toLocal8Bit());
    const QString inRuntime = SingleInstance::socketPath(data.path());
    QCOMPARE(QFileInfo(inRuntime).absolutePath(), QDir(runtime.path()).canonicalPath());
    QVERIFY(QFileInfo(inRuntime).fileName().startsWith(QLatin1String("corral-")));
    {
        SingleInstance instance(data.path());
        QVERIFY(instance.claim());
        QVERIFY(QFileInfo::exists(inRuntime)); // it listens there, by full path
    }
    qunsetenv("XDG_RUNTIME_DIR");
    QCOMPARE(QFileInfo(SingleInstance::socketPath(data.path())).absolutePath(), QDir(data.path()).absolutePath());
    // A runtime directory Qt does not trust (another mode) is not used either: Qt would go to /tmp.
    QTemporaryDir loose;
    QVERIFY(QFile::setPermissions(loose.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::WriteOther
                                                    | QFile::ReadOther | QFile::ExeOther));
    qputenv("XDG_RUNTIME_DIR", loose.path().toLocal8Bit());
    const QString chosen = SingleInstance::socketPath(data.path());
    QVERIFY2(!chosen.startsWith(QDir::tempPath() + QLatin1String("/runtime-")), qPrintable(chosen));
    QVERIFY(!QFileInfo(chosen).absolutePath().startsWith(QLatin1String("/tmp/runtime")));
    if (saved.isNull())
        qunsetenv("XDG_RUNTIME_DIR");
    else
        qputenv("XDG_RUNTIME_DIR", saved);
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
