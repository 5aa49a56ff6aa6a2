// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/conversationview.h"

#include "gui/attachmentbar.h"
#include "gui/codehighlighter.h"

#include <QAbstractTextDocumentLayout>
#include <QElapsedTimer>
#include <QLocale>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocumentFragment>
#include <QTextFrame>
#include <QTextList>
#include <QUrlQuery>

#include <algorithm>
#include <optional>
#include <utility>

namespace Corral {

namespace {

constexpr int FrameMs = 33;
constexpr int SegmentCommits = 64;
constexpr qint64 SliceMs = 12; // one slice of a long conversation, well within a frame budget

QString actionLink(const QString &action, qint64 id, const QString &label)
{
    return QStringLiteral("<a href=\"corral:%1?id=%2\">%3</a>").arg(action).arg(id).arg(label.toHtmlEscaped());
}

// A fence line: three or more backticks or tildes, then the info string (the language).
struct Fence {
    QChar mark;
    qsizetype length = 0;
    QString info;
};

std::optional<Fence> fenceOf(QStringView line)
{
    const QStringView trimmed = line.trimmed();
    if (!trimmed.startsWith(QLatin1String("```")) && !trimmed.startsWith(QLatin1String("~~~")))
        return std::nullopt;
    Fence fence;
    fence.mark = trimmed.front();
    while (fence.length < trimmed.size() && trimmed.at(fence.length) == fence.mark)
        ++fence.length;
    fence.info = trimmed.mid(fence.length).trimmed().toString();
    if (fence.mark == QLatin1Char('`') && fence.info.contains(QLatin1Char('`')))
        return std::nullopt; // ``` `code` ``` is inline code, not a fence
    return fence;
}

bool closes(const Fence &open, const Fence &line)
{
    return line.mark == open.mark && line.length >= open.length && line.info.isEmpty();
}

// The columns of a line's leading white space (a tab to the next multiple of four, as CommonMark).
int indentOf(QStringView line)
{
    int column = 0;
    for (const QChar c : line) {
        if (c == QLatin1Char(' '))
            ++column;
        else if (c == QLatin1Char('\t'))
            column += 4 - column % 4;
        else
            break;
    }
    return column;
}

// The line without up to @p columns of leading spaces: a code line of a fence indented so.
QStringView dedented(QStringView line, int columns)
{
    qsizetype at = 0;
    while (at < line.size() && at < columns && line.at(at) == QLatin1Char(' '))
        ++at;
    return line.mid(at);
}

// Where a list item's content starts ("1. one", "  - two"), or -1 if the line starts no item.
int itemContentColumn(QStringView line)
{
    qsizetype lead = 0;
    while (lead < line.size() && (line.at(lead) == QLatin1Char(' ') || line.at(lead) == QLatin1Char('\t')))
        ++lead;
    const QStringView rest = line.mid(lead);
    qsizetype marker = 0;
    if (!rest.isEmpty() && QStringLiteral("-*+").contains(rest.front())) {
        marker = 1;
    } else {
        while (marker < rest.size() && marker < 9 && rest.at(marker).isDigit())
            ++marker;
        if (marker == 0 || marker >= rest.size() || (rest.at(marker) != QLatin1Char('.') && rest.at(marker) != QLatin1Char(')')))
            return -1;
        ++marker;
    }
    const QStringView after = rest.mid(marker);
    if (!after.isEmpty() && after.front() != QLatin1Char(' ') && after.front() != QLatin1Char('\t'))
        return -1; // "-x", "1.5": text, not an item
    const int spaces = indentOf(after);
    const bool empty = after.trimmed().isEmpty();
    // One to four spaces after the marker belong to it; more start indented code in the item.
    return indentOf(line) + int(marker) + (empty || spaces > 4 ? 1 : spaces);
}

// The list items open at each line of Markdown, enough of CommonMark's rules to tell whether a
// fence belongs to a list item (and so is drawn inside it) and where a list is sure to be over.
class ListTracker
{
public:
    /// A line outside code; returns whether the lists open before it all ended at it.
    bool line(QStringView line)
    {
        const bool wasOpen = !m_columns.isEmpty();
        if (line.trimmed().isEmpty()) {
            m_blank = true;
            return false;
        }
        const int indent = indentOf(line);
        const int content = itemContentColumn(line);
        if (content >= 0 || m_blank)
            closeBelow(indent); // a paragraph right after an item's text is its lazy continuation
        const bool ended = wasOpen && m_columns.isEmpty();
        if (content >= 0)
            m_columns.append(content);
        m_blank = false;
        return ended;
    }
    /// A fence opening at @p line; returns how many list items hold it.
    int fence(QStringView line)
    {
        closeBelow(indentOf(line)); // a fence is never a lazy continuation
        m_blank = false;
        return int(m_columns.size());
    }
    void fenceClosed() { m_blank = false; }
    bool inList() const { return !m_columns.isEmpty(); }

private:
    void closeBelow(int indent)
    {
        while (!m_columns.isEmpty() && m_columns.constLast() > indent)
            m_columns.removeLast();
    }

    QList<int> m_columns; ///< the content column of each open item, outermost first
    bool m_blank = false;
};

// What stands in the prose for a code block inside a list item, until the block replaces it.
QString codePlaceholder(int n)
{
    return QString(QChar(0xE000)) + QString::number(n) + QChar(0xE001);
}

constexpr int CodeHeaderProperty = QTextFormat::UserProperty + 1; ///< the language and Copy line above code

bool isOrdered(const QTextListFormat &format)
{
    return format.style() <= QTextListFormat::ListDecimal && format.style() >= QTextListFormat::ListUpperRoman;
}

QTextCharFormat headerFormat(const QPalette &palette)
{
    QTextCharFormat format;
    format.setFontWeight(QFont::DemiBold);
    format.setForeground(palette.color(QPalette::Active, QPalette::Text));
    return format;
}

} // namespace

ConversationView::ConversationView(QWidget *parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(16);
    // A read-only view: an undo history would grow with every streamed token.
    document()->setUndoRedoEnabled(false);
    connect(this, &QTextBrowser::anchorClicked, this, &ConversationView::onAnchor);
    m_highlighter = new CodeHighlighter(document());
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    m_frame.setSingleShot(true);
    m_frame.setInterval(FrameMs);
    connect(&m_frame, &QTimer::timeout, this, &ConversationView::renderPending);
    m_slice.setSingleShot(true);
    m_slice.setInterval(0);
    connect(&m_slice, &QTimer::timeout, this, &ConversationView::renderSlice);
    connect(verticalScrollBar(), &QScrollBar::actionTriggered, this, [this] {
        if (isRendering()) {
            m_userScrolled = true; // the user scrolls: slices no longer pull the view down
            m_scrollTarget = 0;    // nor back to a found message
        }
    });
}

void ConversationView::setMessages(const QList<ChatMessage> &messages)
{
    const bool wasStreaming = m_streaming;
    m_streaming = false;
    m_frame.stop();
    qsizetype from = 0;
    if (!std::exchange(m_loading, false) && !m_messages.isEmpty() && !messages.isEmpty()) {
        // The first message that differs; the ones before it stay as they are.
        const qsizetype common = std::min(m_messages.size(), messages.size());
        while (from < common && m_messages.at(from) == messages.at(from))
            ++from;
        from = std::min(from, m_renderNext);
        // The last message has actions of its own (Regenerate) and a streamed one a tail: a
        // message that stops being last, or being streamed, is rendered again.
        if (messages.size() != m_messages.size() || wasStreaming)
            from = std::min(from, common - 1);
        if (from >= messages.size() && from >= m_messages.size()) {
            m_messages = messages; // nothing to redo
            return;
        }
    }
    rerenderFrom(from, messages);
}

void ConversationView::showLoading(int messageCount)
{
    m_frame.stop();
    m_streaming = false;
    m_messages.clear();
    m_loading = true;
    m_loadingCount = messageCount;
    render();
}

void ConversationView::showNotice(const QString &headline, const QString &detail)
{
    QTextCursor cursor(document());
    QTextBlockFormat centred;
    centred.setAlignment(Qt::AlignHCenter);
    centred.setTopMargin(120);
    cursor.setBlockFormat(centred);
    QTextCharFormat quiet;
    quiet.setForeground(palette().color(QPalette::PlaceholderText));
    QTextCharFormat large = quiet;
    large.setFontPointSize(font().pointSizeF() * 1.3);
    cursor.insertText(headline, detail.isEmpty() ? quiet : large);
    if (!detail.isEmpty()) {
        cursor.insertBlock(centred);
        cursor.insertText(detail, quiet);
    }
}

void ConversationView::render()
{
    m_slice.stop();
    document()->clear();
    m_messageStarts.clear();
    m_renderNext = 0;
    m_userScrolled = false;
    if (m_loading)
        showNotice(tr("Loading %1 messages…").arg(QLocale().toString(m_loadingCount)));
    else if (m_messages.isEmpty())
        showNotice(tr("Start a conversation"), tr("Type a message below. Chats are kept on this computer."));
    else
        renderSlice();
}

void ConversationView::cutFrom(qsizetype index)
{
    if (index >= m_renderNext)
        return; // not in the document yet
    const int start = m_messageStarts.value(m_messages.at(index).id, -1);
    for (qsizetype i = index; i < m_renderNext; ++i)
        m_messageStarts.remove(m_messages.at(i).id);
    m_renderNext = index;
    m_segment = nullptr; // a streamed answer's frames go with its message
    QTextCursor cursor(document());
    // From the end of the message before (the block break that separates them) to the end.
    cursor.setPosition(std::max(0, start - 1));
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
}

void ConversationView::rerenderFrom(qsizetype index, const QList<ChatMessage> &messages)
{
    if (index <= 0) {
        m_messages = messages;
        render();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    const int value = bar->value();
    m_slice.stop();
    cutFrom(index); // by the messages shown so far
    m_messages = messages;
    m_userScrolled = !atBottom;
    renderSlice();
    if (!atBottom && !m_scrollTarget)
        bar->setValue(value);
}

void ConversationView::renderSlice()
{
    // Short chats at once; long ones a slice at a time, each ended by the clock, so a chat of
    // thousands of messages never holds the event loop for longer than about SliceMs.
    const bool sliced = m_messages.size() > SyncMessages;
    // The layout of what a slice inserted runs at its end and costs a multiple of the insertion
    // (more for long prose): the insertion gets the share of SliceMs the last slices left it.
    const qint64 insertNs = qint64(double(SliceMs) * 1e6 * m_insertShare);
    QElapsedTimer clock;
    clock.start();
    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    const int from = cursor.position();
    // One edit per slice: the layout and the highlighter run once at its end, not per block.
    cursor.beginEditBlock();
    while (m_renderNext < m_messages.size()) {
        renderMessage(cursor, m_messages.at(m_renderNext), m_renderNext == m_messages.size() - 1);
        ++m_renderNext;
        if (sliced && clock.nsecsElapsed() >= insertNs)
            break;
    }
    const qint64 inserted = clock.nsecsElapsed();
    shadeCodeBlocks(from);
    cursor.endEditBlock();
    if (m_scrollTarget && scrollToMessage(m_scrollTarget)) {
        m_userScrolled = true; // stay on the found message while the rest fills in
    } else if (!m_userScrolled) {
        verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    }
    if (sliced) {
        const double share = double(inserted) / double(std::max<qint64>(clock.nsecsElapsed(), 1));
        m_insertShare = std::clamp((m_insertShare + share) / 2, 0.05, 1.0);
    }
    if (isRendering()) {
        m_slice.start();
        return;
    }
    m_scrollTarget = 0;
    Q_EMIT renderingFinished();
    if (m_streaming && (!m_tailText.isEmpty() || !m_pendingThinking.isEmpty()))
        renderPending(); // what arrived while the conversation was filled in
}

int ConversationView::messageTop(qint64 messageId) const
{
    const auto it = m_messageStarts.constFind(messageId);
    if (it == m_messageStarts.cend())
        return -1;
    const QTextBlock block = document()->findBlock(*it);
    return block.isValid() ? int(document()->documentLayout()->blockBoundingRect(block).top()) : -1;
}

bool ConversationView::scrollToMessage(qint64 messageId)
{
    if (m_loading) {
        m_scrollTarget = messageId; // once the messages are there
        return true;
    }
    const int top = messageTop(messageId);
    if (top < 0) {
        // Not rendered yet: scroll there when its slice arrives.
        const bool later = isRendering() && std::any_of(m_messages.cbegin() + m_renderNext, m_messages.cend(),
                                                         [messageId](const ChatMessage &m) { return m.id == messageId; });
        if (later)
            m_scrollTarget = messageId;
        return later;
    }
    QScrollBar *bar = verticalScrollBar();
    bar->setValue(top);
    // Near the end of what is drawn so far, the bar cannot reach the message yet: try again
    // as the next slices make the document longer.
    m_scrollTarget = bar->value() < top && isRendering() ? messageId : 0;
    return true;
}

void ConversationView::renderMessage(QTextCursor &cursor, const ChatMessage &message, bool last)
{
    const bool user = message.role == QLatin1String("user");
    QTextBlockFormat spacing;
    spacing.setTopMargin(cursor.position() == 0 ? 0 : 18);
    spacing.setBottomMargin(4);
    if (cursor.position() > 0)
        cursor.insertBlock(spacing);
    else
        cursor.setBlockFormat(spacing);
    m_messageStarts.insert(message.id, cursor.position());
    const QString who = user ? tr("You") : message.model.isEmpty() ? tr("Assistant") : tr("Assistant · %1").arg(message.model);
    cursor.insertText(who, headerFormat(palette()));

    if (!message.thinking.isEmpty()) {
        const bool expanded = m_expandedThinking.contains(message.id);
        cursor.insertBlock();
        cursor.insertHtml(QStringLiteral("<span style=\"color:%1\">%2</span>")
                              .arg(palette().color(QPalette::PlaceholderText).name(),
                                   actionLink(QStringLiteral("thinking"), message.id,
                                              expanded ? tr("Hide thinking") : tr("Show thinking"))));
        if (expanded) {
            cursor.insertBlock();
            QTextCharFormat quiet;
            quiet.setForeground(palette().color(QPalette::PlaceholderText));
            quiet.setFontItalic(true);
            cursor.insertText(message.thinking, quiet);
        }
    }

    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    if (user) {
        cursor.insertText(message.content);
    } else if (message.status == ChatMessage::Status::Streaming && last) {
        m_tailStart = cursor.position();
    } else {
        insertMarkdownWithCodeLinks(cursor, message);
    }
    if (!(message.status == ChatMessage::Status::Streaming && last))
        renderToolCalls(cursor, message); // a streamed answer's arrive with it, shown when it ends
    if (!message.images.isEmpty()) {
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
        for (int i = 0; i < message.images.size(); ++i) {
            const QUrl name(QStringLiteral("image:%1-%2").arg(message.id).arg(i));
            QImage image = QImage::fromData(QByteArray::fromBase64(message.images.at(i).toLatin1()));
            if (image.isNull())
                continue;
            document()->addResource(QTextDocument::ImageResource, name,
                                    image.scaled(160, 160, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            cursor.insertImage(name.toString());
            cursor.insertText(QStringLiteral(" "));
        }
    }
    if (!message.attachments.isEmpty()) {
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
        cursor.insertHtml(attachmentChipsHtml(message.attachments, palette()));
    }
    if (message.status == ChatMessage::Status::Streaming && last)
        return;

    QStringList actions{actionLink(QStringLiteral("copy"), message.id, tr("Copy"))};
    if (user) {
        actions.append(actionLink(QStringLiteral("edit"), message.id, tr("Edit and resend")));
    } else {
        if (last)
            actions.append(actionLink(QStringLiteral("regenerate"), message.id, tr("Regenerate")));
    }
    actions.append(actionLink(QStringLiteral("delete"), message.id, tr("Delete")));
    QString note;
    if (message.status == ChatMessage::Status::Stopped)
        note = QStringLiteral("<i>%1</i> · ").arg(tr("Stopped").toHtmlEscaped());
    else if (message.status == ChatMessage::Status::Error)
        note = QStringLiteral("<span style=\"color:#c62828\">%1</span> · ").arg(message.error.toHtmlEscaped());
    cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    cursor.insertHtml(QStringLiteral("<span style=\"font-size:small\">%1%2</span>").arg(note, actions.join(QStringLiteral(" · "))));
}

void ConversationView::renderToolCalls(QTextCursor &cursor, const ChatMessage &message)
{
    // Collapsed by default: the arguments can be long, and the answer is what the user reads.
    for (int n = 0; n < message.toolCalls.size(); ++n) {
        const QJsonValue call = message.toolCalls.at(n);
        const bool expanded = m_expandedToolCalls.contains({message.id, n});
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
        cursor.insertHtml(QStringLiteral("<span style=\"color:%1\">%2 <a href=\"corral:toolcall?id=%3&n=%4\">%5</a></span>")
                              .arg(palette().color(QPalette::PlaceholderText).name(),
                                   expanded ? QStringLiteral("\u25BE") : QStringLiteral("\u25B8"))
                              .arg(message.id)
                              .arg(n)
                              .arg(tr("Tool call: %1").arg(ChatTranscript::toolCallName(call)).toHtmlEscaped()));
        if (!expanded)
            continue;
        QTextBlockFormat code;
        code.setBackground(palette().color(QPalette::AlternateBase));
        code.setLeftMargin(8);
        code.setRightMargin(8);
        QTextCharFormat mono;
        mono.setFontFixedPitch(true);
        mono.setFontFamilies({QStringLiteral("monospace")});
        cursor.insertBlock(code, mono);
        cursor.insertText(ChatTranscript::toolCallArguments(call), mono);
    }
}

void ConversationView::shadeCodeBlocks(int from)
{
    // Fenced code gets a tinted background so it stands apart from prose.
    const QColor shade = palette().color(QPalette::AlternateBase);
    for (QTextBlock block = document()->findBlock(from); block.isValid(); block = block.next()) {
        if (!block.blockFormat().hasProperty(QTextFormat::BlockCodeFence))
            continue;
        QTextBlockFormat format = block.blockFormat();
        format.setBackground(shade);
        format.setLeftMargin(8);
        format.setRightMargin(8);
        QTextCursor(block).setBlockFormat(format);
    }
}

QList<ConversationView::MarkdownPart> ConversationView::splitFences(const QString &markdown)
{
    QList<MarkdownPart> parts;
    MarkdownPart part;
    std::optional<Fence> open;
    ListTracker lists;
    qsizetype lineStart = 0;
    while (lineStart <= markdown.size()) {
        qsizetype lineEnd = markdown.indexOf(QLatin1Char('\n'), lineStart);
        const bool complete = lineEnd >= 0;
        if (!complete)
            lineEnd = markdown.size();
        const QStringView line = QStringView(markdown).mid(lineStart, lineEnd - lineStart);
        const auto fence = fenceOf(line);
        if (!open && fence) {
            if (!part.text.isEmpty())
                parts.append(part);
            part = MarkdownPart{true, QString(), fence->info, false};
            part.inList = lists.fence(line) > 0;
            part.indent = indentOf(line);
            open = fence;
        } else if (open && fence && closes(*open, *fence)) {
            lists.fenceClosed();
            part.closed = true;
            parts.append(part);
            part = MarkdownPart{};
            open.reset();
        } else if (open && !complete && !line.trimmed().isEmpty()
                   && std::all_of(line.trimmed().begin(), line.trimmed().end(), [&open](QChar c) { return c == open->mark; })) {
            // The closing fence, still arriving: not shown as code.
        } else if (open) {
            // The code itself: lines joined by newlines, a half-arrived last line as it is.
            if (part.lines++ > 0)
                part.text += QLatin1Char('\n');
            part.text += dedented(line, part.indent);
        } else {
            lists.line(line);
            part.text += line;
            if (complete)
                part.text += QLatin1Char('\n');
        }
        if (!complete)
            break;
        lineStart = lineEnd + 1;
    }
    if (part.code || !part.text.isEmpty())
        parts.append(part);
    return parts;
}

QStringList ConversationView::codeBlocks(const QString &markdown)
{
    QStringList blocks;
    for (const MarkdownPart &part : splitFences(markdown)) {
        if (part.code)
            blocks.append(part.text);
    }
    return blocks;
}

void ConversationView::startBlock(QTextCursor &cursor)
{
    // Every part starts in a block of its own with plain formats: nothing carries over from a
    // code block into the prose after it.
    if (cursor.block().length() > 1 || cursor.block().blockFormat().hasProperty(QTextFormat::BlockCodeFence)) {
        cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
    } else {
        // An empty block left where a list item was (the streamed tail, replaced) stays in that
        // list, drawing its number, until it leaves it.
        if (QTextList *list = cursor.block().textList())
            list->remove(cursor.block());
        cursor.setBlockFormat(QTextBlockFormat());
        cursor.setBlockCharFormat(QTextCharFormat());
        cursor.setCharFormat(QTextCharFormat());
    }
}

void ConversationView::insertCodeBlock(QTextCursor &cursor, const MarkdownPart &part, qint64 messageId, int index)
{
    startBlock(cursor);
    writeCodeBlock(cursor, part, messageId, index, 0);
}

void ConversationView::writeCodeBlock(QTextCursor &cursor, const MarkdownPart &part, qint64 messageId, int index, int indent)
{
    // The language and Copy above the code, as code editors and chat pages show them; both
    // indented as far as the list item that holds them.
    QTextBlockFormat header;
    header.setTopMargin(6);
    header.setIndent(indent);
    header.setProperty(CodeHeaderProperty, true);
    cursor.setBlockFormat(header);
    const QString language = CodeHighlighter::displayName(part.language);
    QString line = QStringLiteral("<a href=\"corral:copyblock?id=%1&n=%2\">%3</a>").arg(messageId).arg(index).arg(tr("Copy code").toHtmlEscaped());
    if (!language.isEmpty())
        line = QStringLiteral("<span style=\"color:%1\">%2</span> \u00B7 ").arg(palette().color(QPalette::PlaceholderText).name(), language.toHtmlEscaped()) + line;
    cursor.insertHtml(QStringLiteral("<span style=\"font-size:small\">%1</span>").arg(line));

    QTextBlockFormat code;
    code.setProperty(QTextFormat::BlockCodeFence, QString(QLatin1Char('`')));
    code.setProperty(QTextFormat::BlockCodeLanguage, part.language.section(QLatin1Char(' '), 0, 0));
    code.setBackground(palette().color(QPalette::AlternateBase));
    code.setLeftMargin(8);
    code.setRightMargin(8);
    code.setIndent(indent);
    code.setNonBreakableLines(true);
    QTextCharFormat mono;
    mono.setFontFixedPitch(true);
    mono.setFontFamilies({QStringLiteral("monospace")});
    cursor.insertBlock(code, mono);
    cursor.insertText(part.text, mono); // each '\n' starts a block with the same formats
    code.setBottomMargin(8); // room before the prose that follows
    cursor.setBlockFormat(code);
}

namespace {

// The list shown before @p block that a fragment starting with an item of a list like
// @p format continues: the same top-level list when only its items' content (paragraphs, code,
// nested lists) lies between. An ordered list numbered N also continues one of N - 1 items across
// a code block written at the margin ("1. Install:", code, "2. Run:"), as GitHub shows it:
// QTextList has no start number in Qt 6.4, so a new list would count from 1 again.
QTextList *listToContinue(QTextBlock block, const QTextListFormat &format, QStringView markdown)
{
    const bool ordered = isOrdered(format);
    int start = 1;
    if (ordered) {
        const QStringView digits = markdown.trimmed();
        qsizetype length = 0;
        while (length < digits.size() && digits.at(length).isDigit())
            ++length;
        start = digits.left(length).toInt();
    }
    bool acrossCode = false;
    for (; block.isValid(); block = block.previous()) {
        QTextList *list = block.textList();
        const QTextBlockFormat blockFormat = block.blockFormat();
        if (list && list->format().indent() == format.indent()) {
            if (isOrdered(list->format()) != ordered || (acrossCode && list->count() + 1 != start))
                return nullptr;
            return list;
        }
        if (list ? list->format().indent() > format.indent() : blockFormat.indent() >= format.indent())
            continue; // within an item
        if (block.text().isEmpty())
            continue;
        if (ordered && start > 1 && (blockFormat.hasProperty(QTextFormat::BlockCodeFence) || blockFormat.hasProperty(CodeHeaderProperty))) {
            acrossCode = true;
            continue;
        }
        return nullptr;
    }
    return nullptr;
}

} // namespace

void ConversationView::insertProse(QTextCursor &cursor, const QString &markdown)
{
    // Inserting a fragment merges its first block into the cursor's (empty) block, which keeps
    // that block's plain format: a list item, quote or heading at the start would arrive as a
    // paragraph. Give the block what the fragment's first block is. A paragraph, the usual
    // start, needs nothing.
    const QStringView start = QStringView(markdown).trimmed();
    const QChar lead = start.isEmpty() ? QChar() : start.front();
    if (lead.isLetter() || (!lead.isDigit() && !QStringLiteral("#>-*+|").contains(lead))) {
        cursor.insertMarkdown(markdown);
        return;
    }
    QTextDocument scratch;
    scratch.setMarkdown(markdown);
    const QTextBlock first = scratch.begin();
    QTextBlockFormat format = first.blockFormat();
    format.clearProperty(QTextFormat::ObjectIndex);
    const QTextList *list = first.textList();
    const QTextBlock before = cursor.block().previous();
    const int at = cursor.position();
    cursor.insertFragment(QTextDocumentFragment(&scratch));
    // The fragment's text ends at the cursor. Right after a frame (the streamed text's segment),
    // Qt puts it in a block of its own after the cursor's empty one: that empty line goes.
    int position = cursor.position() - (scratch.characterCount() - 1);
    if (position > at) {
        QTextCursor gap(document());
        gap.setPosition(at);
        gap.setPosition(position, QTextCursor::KeepAnchor);
        if (gap.selectedText().trimmed().isEmpty()) {
            gap.removeSelectedText();
            position = at;
        }
    }
    QTextCursor fix(document()->findBlock(position));
    fix.setBlockFormat(format);
    if (!list)
        return;
    // The fragment's text lands at the same offsets from where it was inserted: its first list's
    // items are found there (all but the first are in the copy of the list the fragment made).
    QList<QTextBlock> items;
    for (int i = 0; i < list->count(); ++i)
        items.append(document()->findBlock(position + list->item(i).position()));
    QTextList *into = listToContinue(before, list->format(), start);
    if (!into && items.size() > 1)
        into = items.at(1).textList();
    if (!into) {
        fix.createList(list->format());
        return;
    }
    for (const QTextBlock &item : std::as_const(items)) {
        if (item.textList() != into)
            into->add(item);
    }
}

void ConversationView::insertMarkdownParts(QTextCursor &cursor, const QString &markdown, qint64 messageId, int firstIndex)
{
    int index = firstIndex;
    const QList<MarkdownPart> parts = splitFences(markdown);
    for (qsizetype at = 0; at < parts.size();) {
        if (parts.at(at).code && !parts.at(at).inList) {
            insertCodeBlock(cursor, parts.at(at++), messageId, index++);
            continue;
        }
        // Prose, with a placeholder paragraph (at the fence's indentation, so inside the same
        // list item) for each code block of its list items: QTextDocument's reader places it in
        // the list, and the code block, highlighted and with its Copy, replaces it there.
        QString prose;
        QList<const MarkdownPart *> inner;
        for (; at < parts.size() && (!parts.at(at).code || parts.at(at).inList); ++at) {
            const MarkdownPart &part = parts.at(at);
            if (!part.code) {
                prose += part.text;
                continue;
            }
            prose += QLatin1Char('\n') + QString(part.indent, QLatin1Char(' ')) + codePlaceholder(int(inner.size())) + QLatin1String("\n\n");
            inner.append(&part);
        }
        if (prose.trimmed().isEmpty())
            continue;
        startBlock(cursor);
        const int start = cursor.position();
        insertProse(cursor, prose);
        if (!inner.isEmpty())
            replaceCodePlaceholders(start, cursor.position(), inner, messageId, index);
        index += int(inner.size());
    }
}

void ConversationView::replaceCodePlaceholders(int from, int to, const QList<const MarkdownPart *> &parts, qint64 messageId, int firstIndex)
{
    QList<QTextBlock> blocks;
    for (QTextBlock block = document()->findBlock(from); block.isValid() && block.position() <= to; block = block.next())
        blocks.append(block);
    // From the end, so the blocks before keep their places.
    for (auto block = blocks.crbegin(); block != blocks.crend(); ++block) {
        const QString text = block->text();
        for (int n = 0; n < parts.size(); ++n) {
            const QString placeholder = codePlaceholder(n);
            const qsizetype at = text.indexOf(placeholder);
            if (at < 0)
                continue;
            QTextCursor cursor(*block);
            cursor.setPosition(block->position() + int(at));
            cursor.setPosition(block->position() + int(at + placeholder.size()), QTextCursor::KeepAnchor);
            cursor.removeSelectedText();
            const int indent = block->blockFormat().indent() + (block->textList() ? block->textList()->format().indent() : 0);
            if (block->length() > 1) { // not a paragraph of its own after all: the code after it
                cursor.movePosition(QTextCursor::EndOfBlock);
                cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
            }
            writeCodeBlock(cursor, *parts.at(n), messageId, firstIndex + n, indent);
            break;
        }
    }
}

void ConversationView::insertMarkdownWithCodeLinks(QTextCursor &cursor, const ChatMessage &message)
{
    insertMarkdownParts(cursor, message.content, message.id, 0);
}

void ConversationView::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::FontChange && !m_streaming) {
        render(); // sizes of headers, code and margins follow the font
        return;
    }
    if (event->type() != QEvent::PaletteChange || !m_highlighter)
        return;
    // A theme change: code colours and backgrounds for the new palette.
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    if (!m_streaming)
        render();
}

void ConversationView::beginStreaming()
{
    m_streaming = true;
    m_stableText.clear();
    m_tailText.clear();
    m_pendingThinking.clear();
    m_thinkingPos = -1;
    m_segment = nullptr;
    m_segmentCommits = 0;
    m_streamedBlocks = 0;
    m_streamingId = m_messages.isEmpty() ? 0 : m_messages.constLast().id;
    // Only the streaming message is rendered again; it leaves m_tailStart at its end.
    if (m_renderNext >= m_messages.size())
        rerenderFrom(m_messages.size() - 1, m_messages);
}

void ConversationView::appendContent(const QString &text)
{
    m_tailText += text;
    if (!m_frame.isActive())
        m_frame.start();
}

void ConversationView::appendThinking(const QString &text)
{
    m_pendingThinking += text;
    if (!m_frame.isActive())
        m_frame.start();
}

void ConversationView::flush()
{
    m_frame.stop();
    while (m_renderNext < m_messages.size()) {
        m_slice.stop();
        renderSlice();
    }
    renderPending();
}

qsizetype ConversationView::safeSplit(const QString &markdown, int *closedBlocks)
{
    // Everything before the last blank line outside a code fence, or before the line after a
    // closing fence, is finished Markdown.
    // Inside a list, only where the list is sure to be over or a new top-level item starts: the
    // rest of a list item (its code, its nested lists) is read with the item, and the items after
    // a split continue the list already shown (insertProse()).
    qsizetype split = -1;
    std::optional<Fence> open;
    bool openInList = false;
    ListTracker lists;
    int closed = 0;
    qsizetype lineStart = 0;
    while (lineStart < markdown.size()) {
        const qsizetype lineEnd = markdown.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            break; // an unfinished line is never part of the stable text
        const QStringView line = QStringView(markdown).mid(lineStart, lineEnd - lineStart);
        const auto fence = fenceOf(line);
        if (!open && fence) {
            const bool wasInList = lists.inList();
            openInList = lists.fence(line) > 0;
            if (wasInList && !openInList) {
                split = lineStart;
                *closedBlocks = closed;
            }
            open = fence;
        } else if (open && fence && closes(*open, *fence)) {
            open.reset();
            lists.fenceClosed();
            ++closed;
            if (!openInList) {
                split = lineEnd + 1;
                *closedBlocks = closed;
            }
        } else if (!open) {
            if (lists.line(line)) {
                split = lineStart; // what is before is a finished list
                *closedBlocks = closed;
            } else if (line.trimmed().isEmpty() && !lists.inList()) {
                split = lineEnd + 1;
                *closedBlocks = closed;
            }
        }
        lineStart = lineEnd + 1;
    }
    return split;
}

void ConversationView::renderPending()
{
    if (!m_streaming || isRendering())
        return; // renderSlice() calls again once the streaming message is in the document
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    QTextCursor cursor(document());
    cursor.beginEditBlock();
    if (!m_pendingThinking.isEmpty()) {
        // Thinking arrives before the answer: show that it is happening, collapsed.
        if (m_thinkingPos < 0) {
            cursor.setPosition(m_tailStart);
            QTextCharFormat quiet;
            quiet.setForeground(palette().color(QPalette::PlaceholderText));
            quiet.setFontItalic(true);
            cursor.insertText(tr("Thinking…"), quiet);
            cursor.insertBlock(QTextBlockFormat(), QTextCharFormat());
            m_thinkingPos = m_tailStart;
            m_tailStart = cursor.position();
        }
        m_pendingThinking.clear();
    }
    int closedBlocks = 0;
    const qsizetype split = safeSplit(m_tailText, &closedBlocks);
    cursor.setPosition(m_tailStart);
    cursor.movePosition(QTextCursor::End, QTextCursor::KeepAnchor);
    cursor.removeSelectedText();
    if (QTextList *list = cursor.block().textList())
        list->remove(cursor.block()); // the tail drew a list item here: a new segment starts outside it
    if (split > 0) {
        // Finished Markdown goes into a frame of its own, a new one every few commits: Qt's
        // text layout walks the child frames (tables are frames) of the frame it relays out,
        // so keeping them nested keeps each update's cost flat however long the answer gets.
        if (!m_segment || m_segmentCommits >= SegmentCommits) {
            cursor.setPosition(m_tailStart);
            m_segment = cursor.insertFrame(QTextFrameFormat());
            m_segmentCommits = 0;
        } else {
            cursor = m_segment->lastCursorPosition();
        }
        ++m_segmentCommits;
        const int stableStart = cursor.position();
        insertMarkdownParts(cursor, m_tailText.left(split), m_streamingId, m_streamedBlocks);
        shadeCodeBlocks(stableStart);
        m_streamedBlocks += closedBlocks;
        m_stableText += m_tailText.left(split);
        m_tailText.remove(0, split);
        m_tailStart = m_segment->lastPosition() + 1;
        cursor.setPosition(m_tailStart);
    }
    if (!m_tailText.isEmpty())
        insertMarkdownParts(cursor, m_tailText, m_streamingId, m_streamedBlocks);
    cursor.endEditBlock();
    if (atBottom)
        bar->setValue(bar->maximum());
}

void ConversationView::onAnchor(const QUrl &url)
{
    if (url.scheme() != QLatin1String("corral"))
        return;
    const qint64 id = QUrlQuery(url).queryItemValue(QStringLiteral("id")).toLongLong();
    const auto it = std::find_if(m_messages.cbegin(), m_messages.cend(), [id](const ChatMessage &m) { return m.id == id; });
    if (it == m_messages.cend())
        return;
    const QString action = url.path();
    if (action == QLatin1String("thinking")) {
        if (!m_expandedThinking.remove(id))
            m_expandedThinking.insert(id);
        rerenderFrom(it - m_messages.cbegin(), m_messages);
    } else if (action == QLatin1String("toolcall")) {
        const QPair<qint64, int> key{id, QUrlQuery(url).queryItemValue(QStringLiteral("n")).toInt()};
        if (!m_expandedToolCalls.remove(key))
            m_expandedToolCalls.insert(key);
        rerenderFrom(it - m_messages.cbegin(), m_messages);
    } else if (action == QLatin1String("copy")) {
        Q_EMIT copyRequested(it->content);
    } else if (action == QLatin1String("copyblock")) {
        // While an answer streams, its text is the view's, not yet the message's.
        const bool streamed = m_streaming && it == std::prev(m_messages.cend());
        const QStringList blocks = codeBlocks(streamed ? streamedText() : it->content);
        const int n = QUrlQuery(url).queryItemValue(QStringLiteral("n")).toInt();
        if (n >= 0 && n < blocks.size())
            Q_EMIT copyRequested(blocks.at(n));
    } else if (action == QLatin1String("regenerate")) {
        Q_EMIT regenerateRequested();
    } else if (action == QLatin1String("edit")) {
        Q_EMIT editRequested(it->position, it->content);
    } else if (action == QLatin1String("delete")) {
        Q_EMIT deleteRequested(id);
    }
}

} // namespace Corral
