// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatstore.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QSqlDatabase;
class QSqlQuery;

namespace Corral {

/// One chat found by a search, with where it matched.
struct ChatSearchHit
{
    ChatSummary chat;
    qint64 messageId = 0; ///< the best-matching message; 0 when only the title matched
    /// About a dozen words around the match, the matched words between HighlightStart and
    /// HighlightEnd. Plain text otherwise: escape it before putting it into HTML.
    QString snippet;
};

struct ChatSearchPage
{
    QList<ChatSearchHit> hits;
    int total = 0; ///< chats that match, over all pages
};

/**
 * History search over SQLite FTS5: an external-content index (chat_search) over chat titles
 * (rowid -chat id) and message text (rowid message id), kept in step by triggers, ranked with
 * bm25 (title hits weigh ten times a body hit). A database from before the index is indexed in
 * batches (indexBatch()); until that is complete, search falls back to LIKE, newest first.
 *
 * All functions take the connection to use, so each thread passes its own.
 */
class ChatSearch final
{
public:
    /// Marks around matched words in ChatSearchHit::snippet (Unicode private use, which chat
    /// text does not contain in practice; highlighted() stays well-formed even if it does).
    static constexpr char16_t HighlightStart = u'\uE000';
    static constexpr char16_t HighlightEnd = u'\uE001';
    static constexpr int SnippetTokens = 12;
    static constexpr int DefaultBatchRows = 2000;

    /// The schema migration that adds the index: tables, triggers, the titles indexed at once,
    /// and the messages recorded as still to index.
    static QStringList migrationStatements();

    /// The words of @p text as a safe FTS5 query: each word a quoted string (so FTS5 operators
    /// such as OR, NEAR, -, * or " are searched as text), all required, the last one a prefix
    /// unless the text ends with a space. Empty when there is no word to search for.
    static QString matchExpression(const QString &text);

    static ChatSearchPage search(QSqlDatabase &db, const QString &text, int offset, int limit);
    static int count(QSqlDatabase &db, const QString &text);

    /// Indexes up to @p rows more messages in one transaction. Returns the percentage done, or
    /// -1 on error. A killed process loses at most the batch in progress.
    static int indexBatch(QSqlDatabase &db, int rows = DefaultBatchRows);
    /// 100 once every message is indexed (and search uses the index).
    static int indexProgress(QSqlDatabase &db);

    /// The chat columns (of `chats c`) in the order chatFrom() reads them.
    static const char ChatColumns[];
    static ChatSummary chatFrom(const QSqlQuery &query);

    /// @p snippet HTML-escaped, the matched words between @p open and @p close.
    static QString highlighted(const QString &snippet, const QString &open, const QString &close);

private:
    static ChatSearchPage searchIndex(QSqlDatabase &db, const QString &match, int offset, int limit);
    static ChatSearchPage searchLike(QSqlDatabase &db, const QString &text, int offset, int limit);
};

} // namespace Corral

Q_DECLARE_METATYPE(Corral::ChatSearchPage)
