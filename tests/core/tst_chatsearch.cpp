// SPDX-License-Identifier: GPL-3.0-or-later
// History search (SQLite FTS5): queries, ranking, snippets, the triggers, and the migration of
// a history written before the index existed.
#include "core/chatlistmodel.h"
#include "core/chatsearch.h"
#include "core/chatsearcher.h"
#include "core/chatstore.h"
#include "core/searchindexer.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Corral;

namespace {

// The schema of the release before the index (user_version 2), as that release creates it.
const char *const ReleaseSchema[] = {
    "CREATE TABLE chats (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',"
    " model TEXT NOT NULL DEFAULT '', system_prompt TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL)",
    "CREATE INDEX chats_by_update ON chats(updated_at DESC)",
    "CREATE TABLE messages (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
    " position INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '', thinking TEXT NOT NULL DEFAULT '',"
    " status TEXT NOT NULL DEFAULT 'complete', error TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '',"
    " images TEXT NOT NULL DEFAULT '[]', created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)",
    "CREATE INDEX messages_by_chat ON messages(chat_id, position)",
    "ALTER TABLE chats ADD COLUMN options TEXT NOT NULL DEFAULT '{}'",
    "PRAGMA user_version = 2",
};

/// A history as the previous release leaves it: @p chats chats of @p perChat messages; chat i is
/// titled "Chat i", its messages say "message j of chat i", and chat 7's third message
/// mentions a zebra.
void writeReleaseHistory(const QString &path, int chats, int perChat)
{
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("release"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const char *statement : ReleaseSchema)
            QVERIFY(query.exec(QString::fromLatin1(statement)));
        db.transaction();
        QSqlQuery chat(db);
        chat.prepare(QStringLiteral("INSERT INTO chats (id, uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"));
        QSqlQuery message(db);
        message.prepare(QStringLiteral("INSERT INTO messages (chat_id, position, role, content, created_at, updated_at) "
                                       "VALUES (?, ?, 'user', ?, 0, 0)"));
        for (int i = 1; i <= chats; ++i) {
            chat.addBindValue(i);
            chat.addBindValue(QStringLiteral("uuid-%1").arg(i));
            chat.addBindValue(QStringLiteral("Chat %1").arg(i));
            chat.addBindValue(i);
            chat.addBindValue(i);
            QVERIFY(chat.exec());
            for (int j = 0; j < perChat; ++j) {
                message.addBindValue(i);
                message.addBindValue(j);
                message.addBindValue(i == 7 && j == 2 ? QStringLiteral("a zebra crossing")
                                                      : QStringLiteral("message %1 of chat %2").arg(j).arg(i));
                QVERIFY(message.exec());
            }
        }
        db.commit();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("release"));
}

/// FTS5's own check: the index holds exactly the text of the rows it indexes.
bool indexIsIntact(const QString &path)
{
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
        db.setDatabaseName(path);
        QSqlQuery query(db);
        ok = db.open() && query.exec(QStringLiteral("INSERT INTO chat_search(chat_search, rank) VALUES ('integrity-check', 1)"));
        if (!ok)
            qWarning("%s", qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
    return ok;
}

qint64 messageIdOf(ChatStore &store, qint64 chatId, int position)
{
    return store.messages(chatId).at(position).id;
}

} // namespace

class TestChatSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void matchExpression_quotesEveryWord_data();
    void matchExpression_quotesEveryWord();
    void injection_isSearchedAsText_data();
    void injection_isSearchedAsText();
    void ranking_titleAboveBody_thenMoreRelevant();
    void snippet_highlightsTheMatchAndNamesTheMessage();
    void highlighted_escapesHtmlAndStaysBalanced();
    void prefix_matchesTheWordBeingTyped();
    void diacritics_andCase_areFolded();
    void triggers_followEditsAndDeletes();
    void migration_releaseHistory_isIndexedInBatches();
    void migration_killedMidway_keepsLikeSearchAndResumes();
    void indexer_completesOnItsOwnThread();
    void listModel_searchesOnTheSearchersThread_dropsStaleResults();

private:
    /// Replaces the store with one opened on a history from the release before the index.
    QString reopenWithReleaseHistory(int chats, int perChat);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ChatStore> m_store;
};

void TestChatSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<ChatStore>();
    QString error;
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("chats.db")), &error), qPrintable(error));
    QCOMPARE(m_store->searchIndexProgress(), 100); // a new history is indexed from the start
}

QString TestChatSearch::reopenWithReleaseHistory(int chats, int perChat)
{
    m_store.reset();
    const QString path = m_dir->filePath(QStringLiteral("release.db"));
    writeReleaseHistory(path, chats, perChat);
    m_store = std::make_unique<ChatStore>();
    QString error;
    if (!m_store->open(path, &error))
        qWarning("%s", qPrintable(error));
    return path;
}

void TestChatSearch::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestChatSearch::matchExpression_quotesEveryWord_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expression");
    QTest::newRow("one word, typing") << QStringLiteral("docker") << QStringLiteral("\"docker\"*");
    QTest::newRow("finished word") << QStringLiteral("docker ") << QStringLiteral("\"docker\"");
    QTest::newRow("words") << QStringLiteral("docker  compose up") << QStringLiteral("\"docker\" \"compose\" \"up\"*");
    QTest::newRow("one letter is no prefix") << QStringLiteral("vitamin c") << QStringLiteral("\"vitamin\" \"c\"");
    QTest::newRow("punctuation splits") << QStringLiteral("std::vector<int>") << QStringLiteral("\"std\" \"vector\" \"int\"*");
    QTest::newRow("accents kept") << QStringLiteral("café") << QStringLiteral("\"café\"*");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("spaces") << QStringLiteral("   ") << QString();
    QTest::newRow("punctuation only") << QStringLiteral("\"*-^():") << QString();
}

void TestChatSearch::matchExpression_quotesEveryWord()
{
    QFETCH(QString, text);
    QFETCH(QString, expression);
    QCOMPARE(ChatSearch::matchExpression(text), expression);
}

void TestChatSearch::injection_isSearchedAsText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("found");
    // Chats: "alpha beta", "alpha OR NEAR", "gamma".
    QTest::newRow("quote") << QStringLiteral("alpha\" OR \"gamma") << 0; // three words, in no one chat
    QTest::newRow("quote, words found") << QStringLiteral("alpha\" OR \"near") << 1;
    QTest::newRow("unbalanced quote") << QStringLiteral("\"alpha") << 2;
    QTest::newRow("star") << QStringLiteral("*") << -1;
    QTest::newRow("star prefix") << QStringLiteral("al*") << 2;
    QTest::newRow("OR is a word") << QStringLiteral("beta OR gamma") << 0;
    QTest::newRow("OR found as a word") << QStringLiteral("alpha or") << 1;
    QTest::newRow("NEAR") << QStringLiteral("NEAR(alpha gamma)") << 0;
    QTest::newRow("NOT") << QStringLiteral("alpha NOT beta") << 0;
    QTest::newRow("minus") << QStringLiteral("alpha -beta") << 1;
    QTest::newRow("column filter") << QStringLiteral("title:gamma") << 0;
    QTest::newRow("caret") << QStringLiteral("^gamma") << 1;
    QTest::newRow("parentheses") << QStringLiteral(")(") << -1;
}

void TestChatSearch::injection_isSearchedAsText()
{
    QFETCH(QString, text);
    QFETCH(int, found);
    m_store->createChat(QStringLiteral("alpha beta"), QString());
    m_store->createChat(QStringLiteral("alpha OR NEAR"), QString());
    m_store->createChat(QStringLiteral("gamma"), QString());
    const ChatSearchPage page = m_store->search(text, 0, 10);
    // -1: nothing to search for; no search at all (and the list shows every chat).
    QCOMPARE(page.total, qMax(0, found));
    QCOMPARE(page.hits.size(), qMax(0, found));
    QCOMPARE(m_store->countChats(text), found < 0 ? 3 : found);
}

void TestChatSearch::ranking_titleAboveBody_thenMoreRelevant()
{
    const qint64 body = m_store->createChat(QStringLiteral("Shopping"), QString()).id;
    m_store->appendMessage(body, QStringLiteral("user"), QStringLiteral("Which kubernetes ingress should I use for a small cluster?"));
    const qint64 title = m_store->createChat(QStringLiteral("Kubernetes ingress"), QString()).id;
    m_store->appendMessage(title, QStringLiteral("user"), QStringLiteral("Nothing to see here."));
    const qint64 dense = m_store->createChat(QStringLiteral("Notes"), QString()).id;
    m_store->appendMessage(dense, QStringLiteral("user"), QStringLiteral("kubernetes ingress kubernetes ingress"));
    const qint64 other = m_store->createChat(QStringLiteral("Newest, unrelated"), QString()).id;
    m_store->appendMessage(other, QStringLiteral("user"), QStringLiteral("pasta"));

    const ChatSearchPage page = m_store->search(QStringLiteral("kubernetes ingress"), 0, 10);
    QCOMPARE(page.total, 3);
    QCOMPARE(page.hits.size(), 3);
    QCOMPARE(m_store->countChats(QStringLiteral("kubernetes ingress")), 3);
    QCOMPARE(page.hits.at(0).chat.id, title); // title hits weigh most
    QCOMPARE(page.hits.at(1).chat.id, dense); // then the denser, shorter message
    QCOMPARE(page.hits.at(2).chat.id, body);
    // Pages of the same ranking.
    const ChatSearchPage second = m_store->search(QStringLiteral("kubernetes ingress"), 1, 1);
    QCOMPARE(second.hits.size(), 1);
    QCOMPARE(second.hits.at(0).chat.id, dense);
    QCOMPARE(m_store->listChats(0, 10, QStringLiteral("kubernetes ingress")).at(0).id, title);
}

void TestChatSearch::snippet_highlightsTheMatchAndNamesTheMessage()
{
    const qint64 chat = m_store->createChat(QStringLiteral("Holiday"), QString()).id;
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("Where should we go?"));
    const QString longText = QStringLiteral("We walked for hours along the coast, then took the old ferry across the bay "
                                            "to the island, where the lighthouse keeper showed us the lamp and told "
                                            "stories about storms, shipwrecks and the winter of the great ice.");
    const qint64 matched = m_store->appendMessage(chat, QStringLiteral("assistant"), longText)->id;
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("Thanks!"));

    const ChatSearchPage page = m_store->search(QStringLiteral("lighthouse"), 0, 10);
    QCOMPARE(page.hits.size(), 1);
    QCOMPARE(page.hits.at(0).messageId, matched);
    const QString snippet = page.hits.at(0).snippet;
    const QString marked = QChar(ChatSearch::HighlightStart) + QStringLiteral("lighthouse") + QChar(ChatSearch::HighlightEnd);
    QVERIFY2(snippet.contains(marked), qPrintable(snippet));
    QVERIFY2(snippet.startsWith(QStringLiteral("…")) && snippet.endsWith(QStringLiteral("…")), qPrintable(snippet));
    QVERIFY2(snippet.split(QLatin1Char(' ')).size() <= ChatSearch::SnippetTokens + 1, qPrintable(snippet));

    // A title hit names no message; its snippet is the title.
    const ChatSearchPage byTitle = m_store->search(QStringLiteral("holiday"), 0, 10);
    QCOMPARE(byTitle.hits.size(), 1);
    QCOMPARE(byTitle.hits.at(0).messageId, 0);
    QCOMPARE(byTitle.hits.at(0).snippet, QChar(ChatSearch::HighlightStart) + QStringLiteral("Holiday") + QChar(ChatSearch::HighlightEnd));
}

void TestChatSearch::highlighted_escapesHtmlAndStaysBalanced()
{
    const QChar open(ChatSearch::HighlightStart);
    const QChar close(ChatSearch::HighlightEnd);
    const QString mark = QStringLiteral("<mark>");
    const QString unmark = QStringLiteral("</mark>");
    QCOMPARE(ChatSearch::highlighted(QStringLiteral("a <b> ") + open + QStringLiteral("x&y") + close + QStringLiteral(" \"c\""), mark, unmark),
             QStringLiteral("a &lt;b&gt; <mark>x&amp;y</mark> &quot;c&quot;"));
    // Marks out of order (chat text that holds the private-use characters itself).
    QCOMPARE(ChatSearch::highlighted(close + QStringLiteral("a") + open + open + QStringLiteral("b"), mark, unmark),
             QStringLiteral("a<mark>b</mark>"));
}

void TestChatSearch::prefix_matchesTheWordBeingTyped()
{
    const qint64 chat = m_store->createChat(QStringLiteral("Build"), QString()).id;
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("configure the kubernetes deployment"));
    QCOMPARE(m_store->search(QStringLiteral("kub"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("configure deplo"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("deployment configu"), 0, 10).total, 1); // every word, any order
    QCOMPARE(m_store->search(QStringLiteral("kub "), 0, 10).total, 0);            // a finished word is whole
    QCOMPARE(m_store->search(QStringLiteral("kub configure"), 0, 10).total, 0);   // only the last word is a prefix
}

void TestChatSearch::diacritics_andCase_areFolded()
{
    const qint64 chat = m_store->createChat(QStringLiteral("Crème brûlée"), QString()).id;
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("Ein Rezept für Smørrebrød und Ångström-Kuchen"));
    QCOMPARE(m_store->search(QStringLiteral("creme brulee"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("CRÈME"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("fur rezept"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("angstrom"), 0, 10).total, 1);
    // Decomposed input (e + combining acute) finds the composed text too.
    QCOMPARE(m_store->search(QStringLiteral("Cre\u0300me"), 0, 10).total, 1);
}

void TestChatSearch::triggers_followEditsAndDeletes()
{
    const qint64 chat = m_store->createChat(QStringLiteral("Garden"), QString()).id;
    const qint64 message = m_store->appendMessage(chat, QStringLiteral("assistant"), QString(), ChatMessage::Status::Streaming)->id;
    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("tomatoes"));
    QCOMPARE(m_store->search(QStringLiteral("tomatoes"), 0, 10).total, 1);

    QVERIFY(m_store->updateMessage(message, QStringLiteral("plant basil"), QString(), ChatMessage::Status::Complete));
    QCOMPARE(m_store->search(QStringLiteral("basil"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("basil"), 0, 10).hits.at(0).messageId, message);
    QVERIFY(m_store->updateMessage(message, QStringLiteral("plant thyme"), QString(), ChatMessage::Status::Complete));
    QCOMPARE(m_store->search(QStringLiteral("basil"), 0, 10).total, 0);
    QCOMPARE(m_store->search(QStringLiteral("thyme"), 0, 10).total, 1);

    QVERIFY(m_store->renameChat(chat, QStringLiteral("Balcony")));
    QCOMPARE(m_store->search(QStringLiteral("garden"), 0, 10).total, 0);
    QCOMPARE(m_store->search(QStringLiteral("balcony"), 0, 10).total, 1);

    QVERIFY(m_store->deleteMessage(message));
    QCOMPARE(m_store->search(QStringLiteral("thyme"), 0, 10).total, 0);
    QVERIFY(m_store->truncateChat(chat, 0));
    QCOMPARE(m_store->search(QStringLiteral("tomatoes"), 0, 10).total, 0);

    m_store->appendMessage(chat, QStringLiteral("user"), QStringLiteral("cucumbers"));
    QVERIFY(m_store->deleteChat(chat)); // messages go by the foreign key's cascade
    QCOMPARE(m_store->search(QStringLiteral("cucumbers"), 0, 10).total, 0);
    QCOMPARE(m_store->search(QStringLiteral("balcony"), 0, 10).total, 0);

    QVERIFY(indexIsIntact(m_dir->filePath(QStringLiteral("chats.db"))));
}

void TestChatSearch::migration_releaseHistory_isIndexedInBatches()
{
    const QString path = reopenWithReleaseHistory(30, 10);
    QVERIFY(m_store->isOpen());
    QCOMPARE(m_store->searchIndexProgress(), 0);
    QCOMPARE(m_store->search(QStringLiteral("Chat 12"), 0, 10).total, 1); // titles are indexed at once

    int batches = 0;
    int progress = 0;
    while (progress < 100) {
        const int next = m_store->indexSearchBatch(50);
        QVERIFY(next > progress);
        progress = next;
        ++batches;
    }
    QCOMPARE(batches, 6); // 300 messages, 50 a batch
    const ChatSearchPage page = m_store->search(QStringLiteral("zebra"), 0, 10);
    QCOMPARE(page.total, 1);
    QCOMPARE(page.hits.at(0).chat.id, 7);
    QCOMPARE(page.hits.at(0).messageId, messageIdOf(*m_store, 7, 2));
    QCOMPARE(m_store->search(QStringLiteral("message 3 of chat"), 0, 100).total, 30);
    QVERIFY(indexIsIntact(path));
}

void TestChatSearch::migration_killedMidway_keepsLikeSearchAndResumes()
{
    const QString path = reopenWithReleaseHistory(30, 10);
    QVERIFY(m_store->isOpen());
    QVERIFY(m_store->indexSearchBatch(50) < 100);
    // Meanwhile: a message edited before the batches reached it, one deleted, one added.
    const qint64 zebra = messageIdOf(*m_store, 7, 2);
    QVERIFY(zebra > 50); // not indexed yet
    QVERIFY(m_store->updateMessage(zebra, QStringLiteral("a zebra and a giraffe"), QString(), ChatMessage::Status::Complete));
    QVERIFY(m_store->deleteMessage(messageIdOf(*m_store, 20, 0)));
    QVERIFY(m_store->deleteMessage(messageIdOf(*m_store, 1, 0))); // already indexed
    m_store->appendMessage(3, QStringLiteral("user"), QStringLiteral("an okapi appears"));
    // The LIKE search serves meanwhile, newest first, with snippets.
    ChatSearchPage page = m_store->search(QStringLiteral("giraffe"), 0, 10);
    QCOMPARE(page.total, 1);
    QCOMPARE(page.hits.at(0).messageId, zebra);
    QVERIFY2(page.hits.at(0).snippet.contains(QChar(ChatSearch::HighlightStart) + QStringLiteral("giraffe")),
             qPrintable(page.hits.at(0).snippet));
    QCOMPARE(m_store->search(QStringLiteral("okapi"), 0, 10).total, 1);
    // Killed: the store goes away mid-migration (what a batch committed stays).
    m_store.reset();

    m_store = std::make_unique<ChatStore>();
    QVERIFY(m_store->open(path, nullptr));
    const int resumed = m_store->searchIndexProgress();
    QVERIFY2(resumed > 0 && resumed < 100, qPrintable(QString::number(resumed)));
    while (m_store->searchIndexProgress() < 100)
        QVERIFY(m_store->indexSearchBatch(100) > 0);
    page = m_store->search(QStringLiteral("giraffe"), 0, 10);
    QCOMPARE(page.total, 1);
    QCOMPARE(page.hits.at(0).messageId, zebra);
    QCOMPARE(m_store->search(QStringLiteral("okapi"), 0, 10).total, 1);
    QCOMPARE(m_store->search(QStringLiteral("message 0 of chat"), 0, 100).total, 28); // chats 1 and 20 lost theirs
    QCOMPARE(m_store->search(QStringLiteral("message 5 of chat"), 0, 100).total, 30);
    QVERIFY(indexIsIntact(path));
}

void TestChatSearch::indexer_completesOnItsOwnThread()
{
    const QString path = reopenWithReleaseHistory(40, 100);
    QVERIFY(m_store->isOpen());
    QSignalSpy progress(m_store.get(), &ChatStore::searchIndexProgressChanged);
    QSignalSpy finished(m_store.get(), &ChatStore::searchIndexFinished);
    // The store's own writes go on meanwhile (the indexer leaves it room between batches).
    bool written = false;
    connect(m_store.get(), &ChatStore::searchIndexProgressChanged, this, [this, &written] {
        if (!written)
            written = m_store->appendMessage(3, QStringLiteral("user"), QStringLiteral("an okapi, written while indexing")).has_value();
    });
    QVERIFY(m_store->startSearchIndexing());
    QVERIFY(!m_store->startSearchIndexing()); // once
    QVERIFY(finished.wait(30000));
    QVERIFY(written);
    QCOMPARE(m_store->search(QStringLiteral("okapi"), 0, 10).total, 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QVERIFY(progress.count() >= 2); // 4,000 messages, 2,000 a batch
    QCOMPARE(progress.constLast().at(0).toInt(), 100);
    QCOMPARE(m_store->searchIndexProgress(), 100);
    QCOMPARE(m_store->search(QStringLiteral("zebra"), 0, 10).total, 1);
    QVERIFY(!m_store->startSearchIndexing()); // nothing left to do
}

void TestChatSearch::listModel_searchesOnTheSearchersThread_dropsStaleResults()
{
    const qint64 alpha = m_store->createChat(QStringLiteral("alpha"), QString()).id;
    const qint64 beta = m_store->createChat(QStringLiteral("beta"), QString()).id;
    m_store->appendMessage(beta, QStringLiteral("user"), QStringLiteral("the beta message"));
    ChatSearcher searcher(m_store->path());
    ChatListModel model(m_store.get());
    model.setSearcher(&searcher);
    QSignalSpy finished(&model, &ChatListModel::searchFinished);
    QSignalSpy delivered(&searcher, &ChatSearcher::finished);

    model.setFilter(QStringLiteral("alpha"));
    const quint64 stale = searcher.search(QStringLiteral("alpha"), 0, 10) - 1; // the model's request
    model.setFilter(QStringLiteral("beta"));
    QCOMPARE(model.rowCount(), 2); // nothing ran on this thread: the rows wait for the results
    QVERIFY(model.isSearching());
    // A result for the text typed past arrives late: dropped.
    ChatSearchPage late;
    late.hits.append(ChatSearchHit{*m_store->chat(alpha), 0, QStringLiteral("alpha")});
    late.total = 1;
    Q_EMIT searcher.finished(stale, late);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(model.rowCount(), 2);

    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.idAt(0), beta);
    const QModelIndex row = model.index(0);
    QCOMPARE(row.data(ChatListModel::MessageIdRole).toLongLong(), m_store->messages(beta).first().id);
    QCOMPARE(row.data(ChatListModel::SnippetRole).toString(),
             QStringLiteral("the ") + QChar(ChatSearch::HighlightStart) + QStringLiteral("beta") + QChar(ChatSearch::HighlightEnd)
                 + QStringLiteral(" message"));

    // No words: the whole list again, at once, without snippets.
    model.setFilter(QStringLiteral("  "));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(model.index(0).data(ChatListModel::SnippetRole).toString().isEmpty());
    QVERIFY(!delivered.isEmpty());
}

QTEST_GUILESS_MAIN(TestChatSearch)
#include "tst_chatsearch.moc"
