// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/chatlistdelegate.h"

#include "core/chatlistmodel.h"
#include "core/chatsearch.h"

#include <QAbstractTextDocumentLayout>
#include <QApplication>
#include <QPainter>
#include <QTextDocument>

namespace Corral {

namespace {

constexpr int SnippetLines = 2;
constexpr int Padding = 3;

QString snippetOf(const QModelIndex &index)
{
    return index.data(ChatListModel::SnippetRole).toString();
}

} // namespace

QString ChatListDelegate::snippetHtml(const QString &snippet)
{
    return ChatSearch::highlighted(snippet, QStringLiteral("<b>"), QStringLiteral("</b>"));
}

QSize ChatListDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (snippetOf(index).isEmpty())
        return size;
    return {size.width(), size.height() + SnippetLines * option.fontMetrics.lineSpacing() + Padding};
}

void ChatListDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString snippet = snippetOf(index);
    if (snippet.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // The row (background, selection, focus) and the title on the first line.
    const int titleHeight = QStyledItemDelegate::sizeHint(option, index).height();
    const QRect snippetRect = item.rect.adjusted(0, titleHeight, 0, 0);
    item.rect.setHeight(titleHeight);
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);
    item.backgroundBrush = Qt::NoBrush;
    item.state &= ~QStyle::State_HasFocus;
    style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

    QTextDocument document;
    document.setDocumentMargin(0);
    document.setDefaultFont(option.font);
    document.setHtml(snippetHtml(snippet));
    // Aligned with the title's text, which the style insets by the focus frame's margin.
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &item, widget);
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect area(textRect.left() + margin, snippetRect.top(), textRect.width() - 2 * margin, snippetRect.height() - Padding);
    document.setTextWidth(area.width());
    QAbstractTextDocumentLayout::PaintContext context;
    const bool selected = option.state & QStyle::State_Selected;
    context.palette.setColor(QPalette::Text, option.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    context.clip = QRectF(0, 0, area.width(), area.height());
    painter->save();
    painter->translate(area.topLeft());
    painter->setClipRect(context.clip);
    document.documentLayout()->draw(painter, context);
    painter->restore();
}

} // namespace Corral
