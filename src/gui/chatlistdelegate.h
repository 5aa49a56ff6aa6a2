// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStyledItemDelegate>

namespace Corral {

/**
 * Draws a chat list row: the title, and for a search result the snippet below it with the
 * matched words in bold (ChatListModel::SnippetRole).
 */
class ChatListDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatListDelegate)

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    /// The snippet as a row shows it: escaped HTML, the matched words in <b>.
    static QString snippetHtml(const QString &snippet);
};

} // namespace Corral
