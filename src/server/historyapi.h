// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

namespace Corral {

class ChatStore;
class LocalServer;

/**
 * The browser page's view of the chat history, as JSON under /api/v1 (same authentication and
 * cross-site rules as /ollama, applied by the gate before any of this runs):
 *
 *   GET    /api/v1/chats?offset=&limit=&q=   newest first, with "total"; with words in q the
 *                                             chats that contain them, best first, each with
 *                                             "snippet" (HTML: escaped, matches in <mark>) and
 *                                             "messageId" (the matched message; null: the title)
 *   POST   /api/v1/chats                     {"title", "model"} -> the new chat
 *   GET    /api/v1/chats/<uuid>              the chat with its messages (each with its "id")
 *   PATCH  /api/v1/chats/<uuid>              {"title"?, "model"?, "system_prompt"?}
 *   DELETE /api/v1/chats/<uuid>
 *   POST   /api/v1/chats/<uuid>/messages     {"role", "content", "thinking"?, "status"?, "error"?,
 *                                             "model"?, "images"?} -> the stored message
 *   DELETE /api/v1/chats/<uuid>/messages?from=N   the message at position N and all after it
 *   DELETE /api/v1/chats/<uuid>/messages/<N>      the message at position N
 *
 * It works on the same ChatStore as the window, so a chat started in one shows up in the other.
 */
class HistoryApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryApi)

public:
    HistoryApi(LocalServer *server, ChatStore *store, QObject *parent = nullptr);
};

} // namespace Corral
