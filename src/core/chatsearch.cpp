// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatsearch.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace Corral {

namespace {

constexpr int MaxWords = 16;
constexpr int LikeSnippetContext = 48; ///< characters either side of a LIKE match

// A message is in the index unless it is one of those the batches have not reached yet: ids up
// to `last` existed before the index did, and only ids up to `done` have been indexed. Rows
// inserted since are indexed by the triggers. The triggers must not remove what was never
// added: an FTS5 'delete' of an unindexed row corrupts the index.
const char IsIndexed[] = "(SELECT %1 <= done OR %1 > last FROM chat_search_state)";

QString indexedCondition(const char *row)
{
    return QString::fromLatin1(IsIndexed).arg(QLatin1String(row));
}

bool isWordCharacter(char32_t c)
{
    // What FTS5's unicode61 tokenizer keeps in a token: letters, numbers, private use; and the
    // combining marks that remove_diacritics folds away.
    const auto category = QChar::category(c);
    return QChar::isLetterOrNumber(c) || category == QChar::Other_PrivateUse || category == QChar::Mark_NonSpacing;
}

QStringList wordsOf(const QString &text)
{
    QStringList words;
    QList<char32_t> current;
    const auto flush = [&] {
        if (!current.isEmpty())
            words.append(QString::fromUcs4(current.constData(), current.size()));
        current.clear();
    };
    for (const char32_t c : text.toUcs4()) {
        if (isWordCharacter(c))
            current.append(c);
        else
            flush();
    }
    flush();
    return words;
}

QString likePattern(const QString &filter)
{
    QString escaped = filter;
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"))
        .replace(QLatin1Char('%'), QLatin1String("\\%"))
        .replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}

/// The LIKE fallback's snippet: the first occurrence with some context, on one line.
QString likeSnippet(const QString &text, const QString &needle)
{
    const qsizetype at = text.indexOf(needle, 0, Qt::CaseInsensitive);
    if (at < 0)
        return QString();
    qsizetype start = qMax<qsizetype>(0, at - LikeSnippetContext);
    qsizetype end = qMin(text.size(), at + needle.size() + LikeSnippetContext);
    if (start > 0) {
        const qsizetype space = text.indexOf(QLatin1Char(' '), start);
        start = space >= 0 && space < at ? space + 1 : start;
    }
    if (end < text.size()) {
        const qsizetype space = text.lastIndexOf(QLatin1Char(' '), end);
        end = space > at + needle.size() ? space : end;
    }
    QString snippet = (start > 0 ? QStringLiteral("…") : QString()) + text.mid(start, at - start) + QChar(ChatSearch::HighlightStart)
        + text.mid(at, needle.size()) + QChar(ChatSearch::HighlightEnd) + text.mid(at + needle.size(), end - at - needle.size())
        + (end < text.size() ? QStringLiteral("…") : QString());
    return snippet.simplified();
}

} // namespace

const char ChatSearch::ChatColumns[] = "c.id, c.uuid, c.title, c.model, c.system_prompt, c.created_at, c.updated_at, c.options";

ChatSummary ChatSearch::chatFrom(const QSqlQuery &query)
{
    return ChatSummary{query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(),
                       query.value(3).toString(),   query.value(4).toString(), query.value(5).toLongLong(),
                       query.value(6).toLongLong(), QJsonDocument::fromJson(query.value(7).toByteArray()).object()};
}

QStringList ChatSearch::migrationStatements()
{
    const QString indexedNew = indexedCondition("new.id");
    const QString indexedOld = indexedCondition("old.id");
    const QString addMessage = QStringLiteral("INSERT INTO chat_search(rowid, title, body) VALUES (new.id, '', new.content);");
    const QString removeMessage =
        QStringLiteral("INSERT INTO chat_search(chat_search, rowid, title, body) VALUES ('delete', old.id, '', old.content);");
    const QString addTitle = QStringLiteral("INSERT INTO chat_search(rowid, title, body) VALUES (-new.id, new.title, '');");
    const QString removeTitle =
        QStringLiteral("INSERT INTO chat_search(chat_search, rowid, title, body) VALUES ('delete', -old.id, old.title, '');");
    return {
        // FTS5 reads the text back (for snippets) through this view by rowid; the expression
        // index makes the chats half of that a lookup too.
        QStringLiteral("CREATE INDEX chats_by_search_doc ON chats(-id)"),
        QStringLiteral("CREATE VIEW chat_search_source(doc, title, body) AS "
                       "SELECT id, '', content FROM messages UNION ALL SELECT -id, title, '' FROM chats"),
        QStringLiteral("CREATE VIRTUAL TABLE chat_search USING fts5(title, body, content='chat_search_source', "
                       "content_rowid='doc', tokenize='unicode61 remove_diacritics 2', prefix='2 3')"),
        QStringLiteral("CREATE TABLE chat_search_state (done INTEGER NOT NULL, last INTEGER NOT NULL)"),
        QStringLiteral("INSERT INTO chat_search_state SELECT 0, COALESCE(MAX(id), 0) FROM messages"),
        // Titles are short and few: indexed here at once; messages in batches (indexBatch()).
        QStringLiteral("INSERT INTO chat_search(rowid, title, body) SELECT -id, title, '' FROM chats"),
        QStringLiteral("CREATE TRIGGER messages_search_insert AFTER INSERT ON messages WHEN %1 BEGIN %2 END").arg(indexedNew, addMessage),
        QStringLiteral("CREATE TRIGGER messages_search_delete AFTER DELETE ON messages WHEN %1 BEGIN %2 END").arg(indexedOld, removeMessage),
        QStringLiteral("CREATE TRIGGER messages_search_update AFTER UPDATE OF content ON messages WHEN %1 BEGIN %2 %3 END")
            .arg(indexedOld, removeMessage, addMessage),
        QStringLiteral("CREATE TRIGGER chats_search_insert AFTER INSERT ON chats BEGIN %1 END").arg(addTitle),
        QStringLiteral("CREATE TRIGGER chats_search_delete AFTER DELETE ON chats BEGIN %1 END").arg(removeTitle),
        QStringLiteral("CREATE TRIGGER chats_search_update AFTER UPDATE OF title ON chats BEGIN %1 %2 END").arg(removeTitle, addTitle),
    };
}

QString ChatSearch::matchExpression(const QString &text)
{
    const QStringList words = wordsOf(text).mid(0, MaxWords);
    QStringList terms;
    for (QString word : words) {
        terms.append(QLatin1Char('"') + word.replace(QLatin1Char('"'), QLatin1String("\"\"")) + QLatin1Char('"'));
    }
    // Prefix-match the word being typed; a one-letter prefix matches nearly everything and
    // ranks nothing, so it is searched as a word.
    const bool typing = !text.isEmpty() && !text.back().isSpace();
    if (!terms.isEmpty() && typing && words.constLast().size() >= 2)
        terms.last() += QLatin1Char('*');
    return terms.join(QLatin1Char(' '));
}

int ChatSearch::indexProgress(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("SELECT done, last FROM chat_search_state")) || !query.next())
        return 0;
    const qint64 done = query.value(0).toLongLong();
    const qint64 last = query.value(1).toLongLong();
    if (done >= last)
        return 100;
    // By id, not by count: no COUNT(*) over the messages on every batch.
    return int(qMin<qint64>(99, done * 100 / last));
}

int ChatSearch::indexBatch(QSqlDatabase &db, int rows)
{
    QSqlQuery query(db);
    // IMMEDIATE: take the write lock first, so the read below cannot go stale before the write.
    if (!query.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return -1;
    const auto fail = [&query] {
        qWarning("chat search index: %s", qPrintable(query.lastError().text()));
        query.exec(QStringLiteral("ROLLBACK"));
        return -1;
    };
    if (!query.exec(QStringLiteral("SELECT done, last FROM chat_search_state")) || !query.next())
        return fail();
    const qint64 done = query.value(0).toLongLong();
    const qint64 last = query.value(1).toLongLong();
    qint64 upto = last;
    if (done < last) {
        query.prepare(QStringLiteral("SELECT id FROM messages WHERE id > ? AND id <= ? ORDER BY id LIMIT 1 OFFSET ?"));
        query.addBindValue(done);
        query.addBindValue(last);
        query.addBindValue(qMax(1, rows) - 1);
        if (!query.exec())
            return fail();
        if (query.next())
            upto = query.value(0).toLongLong();
        query.prepare(QStringLiteral("INSERT INTO chat_search(rowid, title, body) SELECT id, '', content FROM messages "
                                     "WHERE id > ? AND id <= ?"));
        query.addBindValue(done);
        query.addBindValue(upto);
        if (!query.exec())
            return fail();
        query.prepare(QStringLiteral("UPDATE chat_search_state SET done = ?"));
        query.addBindValue(upto);
        if (!query.exec())
            return fail();
    }
    if (!query.exec(QStringLiteral("COMMIT")))
        return fail();
    return indexProgress(db);
}

ChatSearchPage ChatSearch::search(QSqlDatabase &db, const QString &text, int offset, int limit)
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return ChatSearchPage();
    return indexProgress(db) == 100 ? searchIndex(db, match, offset, limit) : searchLike(db, text.trimmed(), offset, limit);
}

int ChatSearch::count(QSqlDatabase &db, const QString &text)
{
    const QString match = matchExpression(text);
    if (match.isEmpty())
        return 0;
    QSqlQuery query(db);
    if (indexProgress(db) == 100) {
        // Qualified: a bare rowid in the subquery would be the messages' own.
        query.prepare(QStringLiteral("SELECT COUNT(DISTINCT IIF(f.rowid < 0, -f.rowid, (SELECT chat_id FROM messages m WHERE m.id = f.rowid))) "
                                     "FROM chat_search f WHERE chat_search MATCH ?"));
        query.addBindValue(match);
    } else {
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM chats WHERE title LIKE :f ESCAPE '\\' "
                                     "OR id IN (SELECT chat_id FROM messages WHERE content LIKE :f ESCAPE '\\')"));
        query.bindValue(QStringLiteral(":f"), likePattern(text.trimmed()));
    }
    return query.exec() && query.next() ? query.value(0).toInt() : 0;
}

ChatSearchPage ChatSearch::searchIndex(QSqlDatabase &db, const QString &match, int offset, int limit)
{
    // Every matching title and message, ranked; each chat takes the rank of its best hit and
    // names its best-matching message (a title hit names none). Snippets only for the page.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral(
                      "WITH hits AS (SELECT rowid AS doc, bm25(chat_search, 10.0, 1.0) AS score FROM chat_search "
                      "              WHERE chat_search MATCH :match),"
                      " placed AS (SELECT IIF(doc < 0, -doc, (SELECT chat_id FROM messages WHERE id = doc)) AS chat, doc, score"
                      "            FROM hits),"
                      " best AS (SELECT chat, doc, MIN(score) OVER (PARTITION BY chat) AS top,"
                      "                 ROW_NUMBER() OVER (PARTITION BY chat ORDER BY doc < 0, score) AS n FROM placed)"
                      " SELECT %1, best.doc, COUNT(*) OVER () FROM best JOIN chats c ON c.id = best.chat WHERE best.n = 1"
                      " ORDER BY best.top, c.updated_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                      .arg(QLatin1String(ChatColumns)));
    query.bindValue(QStringLiteral(":match"), match);
    query.bindValue(QStringLiteral(":limit"), limit);
    query.bindValue(QStringLiteral(":offset"), offset);
    ChatSearchPage page;
    QList<qint64> docs;
    if (!query.exec()) {
        qWarning("chat search: %s", qPrintable(query.lastError().text()));
        return page;
    }
    while (query.next()) {
        page.hits.append(ChatSearchHit{chatFrom(query), 0, QString()});
        docs.append(query.value(8).toLongLong());
        page.total = query.value(9).toInt();
    }
    query.finish();
    if (docs.isEmpty())
        return page;
    // One pass over the matches for all the snippets: a query per hit would rebuild the
    // match's doclists (a prefix's in full) each time. The unary + keeps the rowid test out of
    // FTS5's hands, so SQLite filters the rows and snippet() runs for the page's only.
    QStringList ids;
    for (const qint64 doc : std::as_const(docs))
        ids.append(QString::number(doc));
    QSqlQuery snippets(db);
    snippets.setForwardOnly(true);
    snippets.prepare(QStringLiteral("SELECT rowid, snippet(chat_search, -1, ?, ?, '…', ?) FROM chat_search "
                                    "WHERE chat_search MATCH ? AND +rowid IN (%1)")
                         .arg(ids.join(QLatin1Char(','))));
    snippets.addBindValue(QString(QChar(HighlightStart)));
    snippets.addBindValue(QString(QChar(HighlightEnd)));
    snippets.addBindValue(SnippetTokens);
    snippets.addBindValue(match);
    QHash<qint64, QString> byDoc;
    if (snippets.exec()) {
        while (snippets.next())
            byDoc.insert(snippets.value(0).toLongLong(), snippets.value(1).toString().simplified());
    }
    for (int i = 0; i < page.hits.size(); ++i) {
        page.hits[i].snippet = byDoc.value(docs.at(i));
        page.hits[i].messageId = qMax<qint64>(0, docs.at(i));
    }
    return page;
}

ChatSearchPage ChatSearch::searchLike(QSqlDatabase &db, const QString &text, int offset, int limit)
{
    // The search before the index, kept until the index is complete: newest first.
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT %1, (SELECT id FROM messages WHERE chat_id = c.id AND content LIKE :f ESCAPE '\\' "
                                 "ORDER BY position LIMIT 1) AS message FROM chats c WHERE c.title LIKE :f ESCAPE '\\' "
                                 "OR c.id IN (SELECT chat_id FROM messages WHERE content LIKE :f ESCAPE '\\') "
                                 "ORDER BY c.updated_at DESC, c.id DESC LIMIT :limit OFFSET :offset")
                      .arg(QLatin1String(ChatColumns)));
    query.bindValue(QStringLiteral(":f"), likePattern(text));
    query.bindValue(QStringLiteral(":limit"), limit);
    query.bindValue(QStringLiteral(":offset"), offset);
    ChatSearchPage page;
    if (!query.exec())
        return page;
    while (query.next())
        page.hits.append(ChatSearchHit{chatFrom(query), query.value(8).toLongLong(), QString()});
    query.finish();
    QSqlQuery content(db);
    content.prepare(QStringLiteral("SELECT content FROM messages WHERE id = ?"));
    for (ChatSearchHit &hit : page.hits) {
        hit.snippet = likeSnippet(hit.chat.title, text);
        content.bindValue(0, hit.messageId);
        if (hit.messageId && content.exec() && content.next())
            hit.snippet = likeSnippet(content.value(0).toString(), text);
    }
    page.total = count(db, text);
    return page;
}

QString ChatSearch::highlighted(const QString &snippet, const QString &open, const QString &close)
{
    // Escape the text between the marks, never the tags; a stray mark cannot unbalance them.
    QString html;
    bool inside = false;
    qsizetype from = 0;
    const auto take = [&](qsizetype to) { html += snippet.mid(from, to - from).toHtmlEscaped(); };
    for (qsizetype i = 0; i < snippet.size(); ++i) {
        const QChar c = snippet.at(i);
        if (c != QChar(HighlightStart) && c != QChar(HighlightEnd))
            continue;
        take(i);
        from = i + 1;
        const bool opening = c == QChar(HighlightStart);
        if (opening != inside) {
            html += opening ? open : close;
            inside = opening;
        }
    }
    take(snippet.size());
    if (inside)
        html += close;
    return html;
}

} // namespace Corral
