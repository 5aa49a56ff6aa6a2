// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatsearcher.h"

#include "core/testhook.h"

#include <QSqlDatabase>
#include <QSqlError>

namespace Corral {

namespace {
// ChatSearcher::setSearchHook()'s hook.
TestHook g_searchHook;
} // namespace

/// Lives on the searcher's thread, with the connection it opens there.
class ChatSearchWorker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSearchWorker)

public:
    ChatSearchWorker(const QString &path, std::shared_ptr<std::atomic<quint64>> latest)
        : m_path(path)
        , m_latest(std::move(latest))
    {
        static std::atomic<int> counter{0};
        m_connectionName = QStringLiteral("corral-search-%1").arg(counter++);
    }

    ~ChatSearchWorker() override
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
            if (db.isOpen())
                db.close();
        }
        QSqlDatabase::removeDatabase(m_connectionName);
    }

    void run(quint64 serial, const QString &text, int offset, int limit)
    {
        if (serial != m_latest->load())
            return; // the user typed on
        g_searchHook.run();
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        if (!db.isValid()) {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
            db.setDatabaseName(m_path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        }
        if (!db.isOpen() && !db.open())
            qWarning("chat search: %s", qPrintable(db.lastError().text()));
        Q_EMIT finished(serial, db.isOpen() ? ChatSearch::search(db, text, offset, limit) : ChatSearchPage());
    }

Q_SIGNALS:
    void finished(quint64 serial, const Corral::ChatSearchPage &page);

private:
    QString m_path;
    QString m_connectionName;
    std::shared_ptr<std::atomic<quint64>> m_latest;
};

ChatSearcher::ChatSearcher(const QString &databasePath, QObject *parent)
    : QObject(parent)
    , m_latest(std::make_shared<std::atomic<quint64>>(0))
{
    qRegisterMetaType<ChatSearchPage>();
    m_worker = new ChatSearchWorker(databasePath, m_latest);
    m_worker->moveToThread(&m_thread);
    // Deleted on its own thread as that ends, where its connection belongs.
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ChatSearchWorker::finished, this, &ChatSearcher::finished);
    m_thread.setObjectName(QStringLiteral("chat search"));
    m_thread.start();
}

ChatSearcher::~ChatSearcher()
{
    m_latest->store(0); // skip whatever is still queued
    m_thread.quit();
    m_thread.wait();
}

void ChatSearcher::setSearchHook(std::function<void()> hook)
{
    g_searchHook.set(std::move(hook));
}

quint64 ChatSearcher::search(const QString &text, int offset, int limit)
{
    const quint64 serial = m_latest->fetch_add(1) + 1;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, serial, text, offset, limit] { worker->run(serial, text, offset, limit); },
                              Qt::QueuedConnection);
    return serial;
}

} // namespace Corral

#include "chatsearcher.moc"
