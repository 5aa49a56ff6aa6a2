// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/chatlistmodel.h"

#include "core/chatsearcher.h"

#include <QDateTime>

namespace Corral {

ChatListModel::ChatListModel(ChatStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    // Fine-grained updates keep the selection and scroll position in views.
    connect(store, &ChatStore::chatCreated, this, [this](qint64 chatId) {
        const auto chat = m_store->chat(chatId);
        if (!chat || !m_filter.isEmpty()) {
            if (!m_filter.isEmpty())
                reload();
            return;
        }
        beginInsertRows(QModelIndex(), 0, 0);
        m_chats.prepend(*chat);
        ++m_total;
        endInsertRows();
    });
    connect(store, &ChatStore::chatDeleted, this, [this](qint64 chatId) {
        const int row = rowOf(chatId);
        if (row < 0)
            return;
        beginRemoveRows(QModelIndex(), row, row);
        m_chats.removeAt(row);
        --m_total;
        endRemoveRows();
    });
    connect(store, &ChatStore::chatChanged, this, [this](qint64 chatId) {
        const int row = rowOf(chatId);
        const auto updated = m_store->chat(chatId);
        if (row < 0 || !updated)
            return;
        m_chats[row] = *updated;
        // Newest first: a chat with new activity moves to the top (search results keep their rank).
        if (!m_searching && row > 0 && updated->updatedAt > m_chats.at(0).updatedAt) {
            beginMoveRows(QModelIndex(), row, row, QModelIndex(), 0);
            m_chats.move(row, 0);
            endMoveRows();
            Q_EMIT dataChanged(index(0), index(0));
            return;
        }
        Q_EMIT dataChanged(index(row), index(row));
    });
    // The index is complete: search results from it, ranked.
    connect(store, &ChatStore::searchIndexFinished, this, [this] {
        if (m_searching)
            reload();
    });
    reload();
}

int ChatListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_chats.size());
}

QVariant ChatListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ChatSummary &chat = m_chats.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return chat.title.isEmpty() ? tr("New chat") : chat.title;
    case Qt::ToolTipRole:
        return tr("%1\n%2").arg(chat.title, QLocale().toString(QDateTime::fromMSecsSinceEpoch(chat.updatedAt), QLocale::ShortFormat));
    case IdRole:
        return chat.id;
    case UuidRole:
        return chat.uuid;
    case ModelRole:
        return chat.model;
    case UpdatedRole:
        return chat.updatedAt;
    case SnippetRole:
        return m_matches.value(chat.id).snippet;
    case MessageIdRole:
        return m_matches.value(chat.id).messageId;
    default:
        return QVariant();
    }
}

QHash<int, QByteArray> ChatListModel::roleNames() const
{
    return {{Qt::DisplayRole, "title"}, {IdRole, "id"},           {UuidRole, "uuid"},          {ModelRole, "model"},
            {UpdatedRole, "updatedAt"}, {SnippetRole, "snippet"}, {MessageIdRole, "messageId"}};
}

bool ChatListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_chats.size() < m_total;
}

void ChatListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    if (m_searching) {
        if (!m_pending)
            requestSearch(int(m_chats.size()), PageSize, true);
        return;
    }
    const QList<ChatSummary> page = m_store->listChats(int(m_chats.size()), PageSize, m_filter);
    if (page.isEmpty()) {
        m_total = int(m_chats.size());
        return;
    }
    beginInsertRows(QModelIndex(), int(m_chats.size()), int(m_chats.size() + page.size() - 1));
    m_chats.append(page);
    endInsertRows();
}

void ChatListModel::setFilter(const QString &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_searching = !ChatSearch::matchExpression(filter).isEmpty();
    reload();
}

void ChatListModel::setSearcher(ChatSearcher *searcher)
{
    if (m_searcher)
        disconnect(m_searcher, nullptr, this, nullptr);
    m_searcher = searcher;
    m_pending = 0;
    if (!searcher)
        return;
    connect(searcher, &ChatSearcher::finished, this, [this](quint64 serial, const ChatSearchPage &page) {
        if (serial != m_pending)
            return; // stale: the filter changed since
        m_pending = 0;
        applySearch(page, m_pendingAppend);
    });
}

int ChatListModel::rowOf(qint64 chatId) const
{
    for (int row = 0; row < m_chats.size(); ++row) {
        if (m_chats.at(row).id == chatId)
            return row;
    }
    return -1;
}

qint64 ChatListModel::idAt(int row) const
{
    return row >= 0 && row < m_chats.size() ? m_chats.at(row).id : 0;
}

void ChatListModel::reload()
{
    const int loaded = qMax(PageSize, int(m_chats.size()));
    if (m_searching) {
        requestSearch(0, loaded, false);
        return;
    }
    m_pending = 0; // drops a search still on its way
    beginResetModel();
    m_matches.clear();
    m_total = m_store->countChats();
    m_chats = m_store->listChats(0, loaded);
    endResetModel();
}

void ChatListModel::requestSearch(int offset, int limit, bool append)
{
    if (!m_searcher) {
        applySearch(m_store->search(m_filter, offset, limit), append);
        return;
    }
    // The rows keep showing the previous results until these arrive.
    m_pendingAppend = append;
    m_pending = m_searcher->search(m_filter, offset, limit);
}

void ChatListModel::applySearch(const ChatSearchPage &page, bool append)
{
    if (append && page.hits.isEmpty()) {
        m_total = int(m_chats.size());
        return;
    }
    const int first = int(m_chats.size());
    if (append)
        beginInsertRows(QModelIndex(), first, first + int(page.hits.size()) - 1);
    else
        beginResetModel();
    if (!append) {
        m_chats.clear();
        m_matches.clear();
    }
    for (const ChatSearchHit &hit : page.hits) {
        m_chats.append(hit.chat);
        m_matches.insert(hit.chat.id, Match{hit.messageId, hit.snippet});
    }
    m_total = append ? m_total : page.total;
    if (append)
        endInsertRows();
    else
        endResetModel();
    Q_EMIT searchFinished();
}

} // namespace Corral
