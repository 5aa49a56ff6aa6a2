// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QThreadPool>

class QHttpServerRequest;
class QHttpServerResponder;

namespace Corral {

class ChatStore;
class LocalServer;
struct RequestContext;

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
 *                                             "model"?, "images"?, "attachments"?} -> the stored
 *                                             message (attachments: [{"name", "kind": "text"|"pdf",
 *                                             "size", "pages", "text"}], kept apart from content)
 *   POST   /api/v1/attachments/extract?name=  the file as the body -> one attachment (a PDF's
 *                                             text through Poppler), or 422 with the reason
 *   DELETE /api/v1/chats/<uuid>/messages?from=N   the message at position N and all after it
 *   DELETE /api/v1/chats/<uuid>/messages/<N>      the message at position N
 *
 * It works on the same ChatStore as the window, so a chat started in one shows up in the other.
 */
/// The largest body /api/v1/attachments/extract reads: a PDF at the attachment limit, with room.
constexpr qint64 AttachmentExtractBodyLimit = 21 * 1024 * 1024;
inline constexpr char AttachmentExtractPath[] = "/api/v1/attachments/extract";

class HistoryApi final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryApi)

public:
    HistoryApi(LocalServer *server, ChatStore *store, QObject *parent = nullptr);

private:
    void extract(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);

    /// Reads uploaded PDFs off the server's thread; destroyed (waiting for them) before this.
    QThreadPool m_extractors;
};

} // namespace Corral
