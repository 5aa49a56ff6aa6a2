// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "chatstore.h"

#include <QAbstractListModel>

namespace Corral {

/**
 * The chat list, newest first, loaded lazily in pages (canFetchMore/fetchMore) so thousands of
 * chats open at once. Follows the store's signals, so chats created in the browser appear too.
 */
class ChatListModel final : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatListModel)

public:
    enum Role { IdRole = Qt::UserRole + 1, UuidRole, ModelRole, UpdatedRole };
    static constexpr int PageSize = 100;

    explicit ChatListModel(ChatStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    void setFilter(const QString &filter);
    QString filter() const { return m_filter; }
    int rowOf(qint64 chatId) const;
    qint64 idAt(int row) const;

private:
    void reload();

    ChatStore *m_store;
    QList<ChatSummary> m_chats;
    QString m_filter;
    int m_total = 0;
};

} // namespace Corral
