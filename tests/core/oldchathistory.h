// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSqlQuery>
#include <QString>

namespace Corral::Test {

/// Writes the chat history tables as schema @p version (1 or 2) of ChatStore made them, for
/// the tests that open such a file with today's store.
inline bool writeOldChatHistory(QSqlQuery &query, int version)
{
    bool ok = query.exec(QStringLiteral("CREATE TABLE chats (id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, title TEXT NOT NULL DEFAULT '',"
                                        " model TEXT NOT NULL DEFAULT '', system_prompt TEXT NOT NULL DEFAULT '',"
                                        " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"))
        && query.exec(QStringLiteral("CREATE TABLE messages (id INTEGER PRIMARY KEY, chat_id INTEGER NOT NULL REFERENCES chats(id) ON DELETE CASCADE,"
                                     " position INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL DEFAULT '',"
                                     " thinking TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'complete',"
                                     " error TEXT NOT NULL DEFAULT '', model TEXT NOT NULL DEFAULT '', images TEXT NOT NULL DEFAULT '[]',"
                                     " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)"));
    if (ok && version >= 2)
        ok = query.exec(QStringLiteral("ALTER TABLE chats ADD COLUMN options TEXT NOT NULL DEFAULT '{}'"));
    return ok && query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version));
}

} // namespace Corral::Test
