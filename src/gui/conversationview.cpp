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
        if (isRendering())
            m_userScrolled = true; // the user scrolls: slices no longer pull the view down
    });
}

void ConversationView::setMessages(const QList<ChatMessage> &messages)
{
    const bool wasStreaming = m_streaming;
    m_streaming = false;
    m_frame.stop();
    const bool wasLoading = std::exchange(m_loading, false);
    if (wasLoading || m_messages.isEmpty() || messages.isEmpty()) {
        m_messages = messages;
        render();
        return;
    }
    // The first message that differs; the ones before it stay as they are.
    const qsizetype common = std::min(m_messages.size(), messages.size());
    qsizetype from = 0;
    while (from < common && m_messages.at(from) == messages.at(from))
        ++from;
    from = std::min(from, m_renderNext);
    // The last message has actions of its own (Regenerate) and a streamed one a tail: a message
    // that stops being last, or being streamed, is rendered again.
    if (messages.size() != m_messages.size() || wasStreaming)
        from = std::min(from, common - 1);
    if (from >= messages.size() && from >= m_messages.size()) {
        m_messages = messages; // nothing to redo
        return;
    }
    if (from == 0) {
        m_messages = messages;
        render();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    const int value = bar->value();
    m_slice.stop();
    cutFrom(from);
    m_messages = messages;
    m_userScrolled = !atBottom;
    renderSlice();
    if (!atBottom && !m_scrollTarget)
        bar->setValue(value);
}

void ConversationView::showLoading(int messageCount)
{
    m_slice.stop();
    m_frame.stop();
    m_streaming = false;
    m_messages.clear();
    m_messageStarts.clear();
    m_renderNext = 0;
    m_loading = true;
    document()->clear();
    QTextCursor cursor(document());
    QTextBlockFormat centred;
    centred.setAlignment(Qt::AlignHCenter);
    centred.setTopMargin(120);
    cursor.setBlockFormat(centred);
    QTextCharFormat quiet;
    quiet.setForeground(palette().color(QPalette::PlaceholderText));
    cursor.insertText(tr("Loading %1 messages…").arg(QLocale().toString(messageCount)), quiet);
}

void ConversationView::render()
{
    m_slice.stop();
    document()->clear();
    m_messageStarts.clear();
    m_renderNext = 0;
    m_userScrolled = false;
    if (m_loading)
        return;
    if (m_messages.isEmpty()) {
        QTextCursor cursor(document());
        QTextBlockFormat centred;
        centred.setAlignment(Qt::AlignHCenter);
        centred.setTopMargin(120);
        cursor.setBlockFormat(centred);
        QTextCharFormat quiet;
        quiet.setForeground(palette().color(QPalette::PlaceholderText));
        quiet.setFontPointSize(font().pointSizeF() * 1.3);
        cursor.insertText(tr("Start a conversation"), quiet);
        cursor.insertBlock(centred);
        quiet.setFontPointSize(font().pointSizeF());
        cursor.insertText(tr("Type a message below. Chats are kept on this computer."), quiet);
        return;
    }
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

void ConversationView::rerenderFrom(qsizetype index)
{
    if (index <= 0) {
        render();
        return;
    }
    QScrollBar *bar = verticalScrollBar();
    const bool atBottom = bar->value() >= bar->maximum() - 4;
    const int value = bar->value();
    m_slice.stop();
    cutFrom(index);
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
    m_scrollTarget = 0;
    verticalScrollBar()->setValue(top);
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
            open = fence;
        } else if (open && fence && closes(*open, *fence)) {
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
            part.text += line;
        } else {
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
        cursor.setBlockFormat(QTextBlockFormat());
        cursor.setBlockCharFormat(QTextCharFormat());
        cursor.setCharFormat(QTextCharFormat());
    }
}

void ConversationView::insertCodeBlock(QTextCursor &cursor, const MarkdownPart &part, qint64 messageId, int index)
{
    // The language and Copy above the code, as code editors and chat pages show them.
    startBlock(cursor);
    QTextBlockFormat header;
    header.setTopMargin(6);
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
    code.setNonBreakableLines(true);
    QTextCharFormat mono;
    mono.setFontFixedPitch(true);
    mono.setFontFamilies({QStringLiteral("monospace")});
    cursor.insertBlock(code, mono);
    cursor.insertText(part.text, mono); // each '\n' starts a block with the same formats
    code.setBottomMargin(8); // room before the prose that follows
    cursor.setBlockFormat(code);
}

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
    const QTextListFormat listFormat = list ? list->format() : QTextListFormat();
    const bool listGoesOn = list && first.next().isValid() && first.next().textList() == list;
    const int position = cursor.position();
    cursor.insertFragment(QTextDocumentFragment(&scratch));
    QTextCursor fix(document()->findBlock(position));
    fix.setBlockFormat(format);
    if (!list)
        return;
    if (QTextList *inserted = listGoesOn ? fix.block().next().textList() : nullptr)
        inserted->add(fix.block());
    else
        fix.createList(listFormat);
}

void ConversationView::insertMarkdownParts(QTextCursor &cursor, const QString &markdown, qint64 messageId, int firstIndex)
{
    int index = firstIndex;
    for (const MarkdownPart &part : splitFences(markdown)) {
        if (part.code) {
            insertCodeBlock(cursor, part, messageId, index++);
        } else if (!part.text.trimmed().isEmpty()) {
            startBlock(cursor);
            insertProse(cursor, part.text);
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
    if (event->type() == QEvent::FontChange && !m_streaming && !m_loading) {
        render(); // sizes of headers, code and margins follow the font
        return;
    }
    if (event->type() != QEvent::PaletteChange || !m_highlighter)
        return;
    // A theme change: code colours and backgrounds for the new palette.
    m_highlighter->setDark(palette().color(QPalette::Base).lightness() < 128);
    if (!m_streaming && !m_loading)
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
        rerenderFrom(m_messages.size() - 1);
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
    qsizetype split = -1;
    std::optional<Fence> open;
    int closed = 0;
    qsizetype lineStart = 0;
    while (lineStart < markdown.size()) {
        const qsizetype lineEnd = markdown.indexOf(QLatin1Char('\n'), lineStart);
        if (lineEnd < 0)
            break; // an unfinished line is never part of the stable text
        const QStringView line = QStringView(markdown).mid(lineStart, lineEnd - lineStart);
        const auto fence = fenceOf(line);
        if (!open && fence) {
            open = fence;
        } else if (open && fence && closes(*open, *fence)) {
            open.reset();
            split = lineEnd + 1;
            *closedBlocks = ++closed;
        } else if (!open && line.trimmed().isEmpty()) {
            split = lineEnd + 1;
            *closedBlocks = closed;
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
        rerenderFrom(it - m_messages.cbegin());
    } else if (action == QLatin1String("toolcall")) {
        const QPair<qint64, int> key{id, QUrlQuery(url).queryItemValue(QStringLiteral("n")).toInt()};
        if (!m_expandedToolCalls.remove(key))
            m_expandedToolCalls.insert(key);
        rerenderFrom(it - m_messages.cbegin());
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
