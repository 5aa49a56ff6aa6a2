// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatstore.h"
#include "server/requestcontext.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QThreadPool>

#include <functional>
#include <memory>

class QTcpSocket;
class QTimer;

namespace Corral {

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
 *                                             "model"?, "images"?, "attachments"?} -> the stored
 *                                             message (attachments: [{"name", "kind": "text"|"pdf",
 *                                             "size", "pages", "text"}], kept apart from content)
 *   POST   /api/v1/attachments/extract?name=  the file as the body -> one attachment (a PDF's
 *                                             text through Poppler), or 422 with the reason
 *   DELETE /api/v1/chats/<uuid>/messages?from=N   the message at position N and all after it
 *   DELETE /api/v1/chats/<uuid>/messages/<N>      the message at position N
 *   GET    /api/v1/changes?after=SEQ         what changed in the history since SEQ, from the
 *                                             window or any page: {"seq", "changes": [{"seq",
 *                                             "chat" (uuid or null), "kind": created, changed,
 *                                             deleted or messages}]}, or "reset": true when SEQ
 *                                             is too old. Held until a change (or 25 s) when
 *                                             there is none yet; without after, the current seq
 *                                             at once. The page refreshes only what changed.
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
    ~HistoryApi() override;

    /// Changes kept for /api/v1/changes; a page further behind reloads everything.
    static constexpr int MaxChanges = 256;
    /// How long /api/v1/changes holds a request that has nothing to report yet.
    static constexpr int HoldMs = 25000;

    /// For tests: @p hook runs on the search pool's thread at the start of each /api/v1/chats?q=
    /// search, before the store is read; empty (the default) runs nothing. A test blocks in it
    /// to hold a search and see that the server's other requests go on. Process-wide; set it
    /// while no search runs.
    static void setSearchHook(std::function<void()> hook);

private:
    /// One call: what the handlers below read, and how they answer.
    struct Call
    {
        const QHttpServerRequest &request;
        QHttpServerResponder &responder;
        const RequestContext &context;
        QJsonObject body; ///< POST and PATCH
        void answer(int status, const QJsonObject &json) const;
        void error(int status, const QString &message) const;
    };

    /// The route (Routes::HistoryApi and below): reads the path and the body, picks a handler.
    void serve(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);

    void listChats(const Call &call);
    void createChat(const Call &call);
    void getChat(const Call &call, const ChatSummary &chat);
    void patchChat(const Call &call, const ChatSummary &chat);
    void deleteChat(const Call &call, const ChatSummary &chat);
    void appendMessage(const Call &call, const ChatSummary &chat);
    void deleteMessagesFrom(const Call &call, const ChatSummary &chat);
    void deleteMessage(const Call &call, const ChatSummary &chat, const QString &position);
    void changes(const Call &call);
    /// POST /api/v1/attachments/extract: the body is the file, read on m_extractors.
    void extract(const QHttpServerRequest &request, QHttpServerResponder &&responder, const RequestContext &context);
    /// Runs @p work (status and JSON body) on @p pool and writes its answer back on this thread.
    void answerFromPool(QThreadPool &pool, QHttpServerResponder &&responder, const HttpHeaders &headers,
                        std::function<QPair<int, QJsonObject>()> work);

    struct Change
    {
        qint64 seq = 0;
        QString chat; ///< uuid; empty when unknown (a chat deleted before it was seen)
        QString kind;
    };
    /// A held /api/v1/changes request.
    struct Waiter
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
        HttpHeaders headers;
        qint64 after = 0;
        QTimer *timer = nullptr;
    };
    void record(qint64 chatId, const QString &kind);
    QJsonObject changesAfter(qint64 after) const;
    void answer(const std::shared_ptr<Waiter> &waiter);
    void forget(const std::shared_ptr<Waiter> &waiter);

    ChatStore *m_store;
    QList<Change> m_changes;
    qint64 m_seq = 0;
    QHash<qint64, QString> m_uuids; ///< chat id -> uuid, for changes to chats that are gone
    QList<std::shared_ptr<Waiter>> m_waiters;
    /// Reads uploaded PDFs off the server's thread; destroyed (waiting for them) before the rest.
    QThreadPool m_extractors;
    /// Runs /api/v1/chats?q= searches off the server's thread (see listChats()).
    QThreadPool m_searchers;
};

} // namespace Corral
