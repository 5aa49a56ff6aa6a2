// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Chats for tests and benchmarks, made as an import makes them (ChatStore::importChat(): one
// transaction however long the chat).
#include "core/chatstore.h"

#include <functional>
#include <optional>

namespace Corral::Test {

/// Chat @p title of @p count messages, the user's and the assistant's in turn (the user's first),
/// message @p i saying @p content(i).
inline std::optional<ChatSummary> importChat(ChatStore *store, const QString &title, int count,
                                             const std::function<QString(int)> &content, QString *error = nullptr)
{
    ChatSummary chat;
    chat.title = title;
    QList<ChatMessage> messages;
    messages.reserve(count);
    for (int i = 0; i < count; ++i) {
        ChatMessage message;
        message.role = i % 2 ? QStringLiteral("assistant") : QStringLiteral("user");
        message.content = content(i);
        messages.append(message);
    }
    QString ignored;
    return store->importChat(chat, messages, error ? error : &ignored);
}

} // namespace Corral::Test
