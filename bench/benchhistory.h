// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A history of short chats for the window benchmarks (bench_stall, bench_startup), made through
// ChatStore::importChat(). bench_search makes the larger, Zipf-worded one for search.
#include "core/chatstore.h"

#include <QStringList>

namespace Corral::Bench {

inline bool makeHistory(const QString &path, int chats)
{
    ChatStore store;
    QString error;
    if (!store.open(path, &error))
        return false;
    const QStringList words{QStringLiteral("docker"), QStringLiteral("compose"), QStringLiteral("rust"), QStringLiteral("borrow"),
                            QStringLiteral("postgres"), QStringLiteral("index"), QStringLiteral("git"), QStringLiteral("rebase")};
    for (int c = 0; c < chats; ++c) {
        ChatSummary chat;
        chat.title = QStringLiteral("Chat %1 about %2").arg(c).arg(words.at(c % words.size()));
        QList<ChatMessage> messages;
        for (int m = 0; m < 20; ++m) {
            ChatMessage message;
            message.role = m % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
            message.content = QStringLiteral("Message %1 of chat %2: %3 and %4, with some more words to search through.")
                                  .arg(m).arg(c).arg(words.at((c + m) % words.size()), words.at((c * 7 + m) % words.size()));
            messages.append(message);
        }
        if (!store.importChat(chat, messages, &error))
            return false;
    }
    return true;
}


} // namespace Corral::Bench
