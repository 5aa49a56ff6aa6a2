// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

namespace Corral {

namespace {
const QByteArray RaiseCommand = "raise\n";
} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , m_name(socketPath(dataDir))
{
}

QString SingleInstance::socketPath(const QString &dataDir)
{
    const QString name = QStringLiteral("corral-%1").arg(QString::fromLatin1(
        QCryptographicHash::hash(QDir(dataDir).absolutePath().toUtf8(), QCryptographicHash::Sha256).toHex().left(24)));
    // Not /tmp (QLocalServer's home for a bare name): there any user can take the name first and
    // hear, or answer, the second start. The runtime directory is the user's alone (XDG Base
    // Directory: owned by the user, mode 0700); Qt checks that and falls back to /tmp when it is
    // unset or wrong, which is why a fallback path outside it is ignored in favour of the data
    // directory, which start-up has already checked to be the user's own.
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    QString directory = QDir(dataDir).absolutePath();
    if (!xdg.isEmpty()) {
        const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
        if (!runtime.isEmpty() && QDir(runtime).canonicalPath() == QDir(xdg).canonicalPath())
            directory = runtime;
    }
    const QString path = QDir(directory).filePath(name);
    // A Unix socket's path has at most 107 bytes (sun_path); past that only the hand-off is lost.
    return QFile::encodeName(path).size() < 108 ? path : QDir(QDir(dataDir).absolutePath()).filePath(name);
}

SingleInstance::~SingleInstance() = default;

bool SingleInstance::claim()
{
    QLocalSocket probe;
    probe.connectToServer(m_name);
    // Start-up, before the event loop: a short blocking wait is fine here.
    if (probe.waitForConnected(1000)) {
        probe.write(RaiseCommand);
        probe.waitForBytesWritten(1000);
        probe.disconnectFromServer();
        return false;
    }
    // Nobody answers: a socket file left by a crash must not block us.
    QLocalServer::removeServer(m_name);
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_name))
        return true; // still run; only the hand-off is lost
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *socket = m_server->nextPendingConnection()) {
            connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
                if (socket->readAll().contains("raise"))
                    Q_EMIT activationRequested();
            });
        }
    });
    return true;
}

} // namespace Corral
