// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatsearch.h"
#include "core/chatstore.h"

#include <QAbstractListModel>
#include <QHash>

namespace Corral {

/**
 * The chat list, newest first, loaded lazily in pages (canFetchMore/fetchMore) so thousands of
 * chats open at once. Follows the store's signals, so chats created in the browser appear too.
 *
 * With a filter that has words it lists search results instead, best first, each with a
 * snippet and the matched message. Given a ChatSearcher those queries run on its thread: the
 * rows change when the results arrive, and results for text the user has typed past are
 * dropped. Without one (tests) they run at once.
 */
class ChatListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatListModel)

public:
    enum Role {
        IdRole = Qt::UserRole + 1,
        UuidRole,
        ModelRole,
        UpdatedRole,
        SnippetRole,   ///< search results: ChatSearchHit::snippet (with its highlight marks)
        MessageIdRole, ///< search results: the matched message, 0 for a title
    };
    static constexpr int PageSize = 100;

    explicit ChatListModel(ChatStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    /// Runs the searches from now on (not owned); nullptr: at once, on this thread.
    void setSearcher(class ChatSearcher *searcher);
    void setFilter(const QString &filter);
    QString filter() const { return m_filter; }
    bool isSearching() const { return m_searching; }
    int rowOf(qint64 chatId) const;
    qint64 idAt(int row) const;

Q_SIGNALS:
    /// Search results are in the rows (after the reset or the rows they added).
    void searchFinished();

private:
    struct Match
    {
        qint64 messageId = 0;
        QString snippet;
    };

    void reload();
    void requestSearch(int offset, int limit, bool append);
    void applySearch(const ChatSearchPage &page, bool append);

    ChatStore *m_store;
    class ChatSearcher *m_searcher = nullptr;
    QList<ChatSummary> m_chats;
    QHash<qint64, Match> m_matches;
    QString m_filter;
    bool m_searching = false;
    quint64 m_pending = 0;      ///< the search whose results the rows wait for
    bool m_pendingAppend = false;
    int m_total = 0;
};

} // namespace Corral
