// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/chatstore.h"
#include "core/chattranscript.h" // tool calls are shown as the transcript writes them

#include <QHash>
#include <QSet>
#include <QTextBrowser>
#include <QTextFrame>
#include <QTimer>

namespace Corral {

class CodeHighlighter;

/**
 * The conversation: user messages as plain text, answers as Markdown (QTextDocument's GitHub
 * dialect), thinking collapsed behind a link, each tool call an answer made as a collapsed
 * "Tool call: NAME" link that opens to its indented arguments, and per-message actions as links.
 *
 * A streamed answer is rendered incrementally: completed Markdown blocks (up to the last blank
 * line outside a code fence) are inserted once and never touched again; only the unfinished
 * tail is replaced on each update, and updates are coalesced to one per frame. So the cost of
 * one more token does not grow with the length of the answer or of the conversation.
 *
 * A long conversation (more than SyncMessages messages) is rendered in slices of about
 * SliceMs each, driven by a zero-interval timer, so painting and the rest of the event loop keep
 * going while it fills in; the view stays at the bottom (the newest messages) unless the user
 * scrolls away, and a stream started meanwhile begins once its message is reached.
 */
class ConversationView final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConversationView)

public:
    explicit ConversationView(QWidget *parent = nullptr);

    /// Shows @p messages. What is already shown and unchanged stays in the document: only the
    /// messages from the first one that differs are rendered again (an appended message, a
    /// finished answer, a deleted message cost that message, not the conversation).
    void setMessages(const QList<ChatMessage> &messages);
    /// "Loading N messages…" until setMessages() (a long chat read on another thread).
    void showLoading(int messageCount);
    /// The last message (an empty assistant message) starts streaming.
    void beginStreaming();
    void appendContent(const QString &text);
    void appendThinking(const QString &text);
    /// Renders what is pending at once (tests, the end of a stream).
    void flush();
    bool isStreaming() const { return m_streaming; }
    /// Whether a conversation is still being loaded or filled in (renderingFinished() follows).
    bool isRendering() const { return m_loading || m_renderNext < m_messages.size(); }
    /// Chats up to this many messages are rendered at once, longer ones in slices.
    static constexpr int SyncMessages = 200;
    /// Scrolls so that the message starts at the top of the view (a search result's match).
    bool scrollToMessage(qint64 messageId);
    /// Where the message starts in the document's layout, in pixels; -1 if it is not shown.
    int messageTop(qint64 messageId) const;
    QString streamedText() const { return m_stableText + m_tailText; }

Q_SIGNALS:
    void copyRequested(const QString &text);
    void regenerateRequested();
    void editRequested(int position, const QString &text);
    void deleteRequested(qint64 messageId);
    void renderingFinished();

private:
    void render();
    /// Removes messages @p index and after from the document (they are rendered next).
    void cutFrom(qsizetype index);
    /// Shows @p messages, rendering from @p index on again (what is before it stays), and keeps
    /// the reader's place.
    void rerenderFrom(qsizetype index, const QList<ChatMessage> &messages);
    /// A quiet centred note in the empty document: "Loading…", the empty chat's hint.
    void showNotice(const QString &headline, const QString &detail = QString());
    void renderSlice();
    void renderMessage(QTextCursor &cursor, const ChatMessage &message, bool last);
    void renderPending();
    void renderToolCalls(QTextCursor &cursor, const ChatMessage &message);
    void shadeCodeBlocks(int from);
    void onAnchor(const QUrl &url);
    /// Where the stable text ends (-1: nowhere yet); @p closedBlocks: code blocks before it.
    static qsizetype safeSplit(const QString &markdown, int *closedBlocks);
    void insertMarkdownWithCodeLinks(QTextCursor &cursor, const ChatMessage &message);

public:
    /// A stretch of an answer: prose (Markdown) or one fenced code block (its lines, its info
    /// string, whether its closing fence has arrived).
    struct MarkdownPart {
        bool code = false;
        QString text;
        QString language;
        bool closed = false;
        int lines = 0;
        bool inList = false; ///< code inside a list item: drawn there, indented with it
        int indent = 0;      ///< the fence's indentation, taken off each code line
    };
    static QList<MarkdownPart> splitFences(const QString &markdown);
    /// The contents of each fenced code block of @p markdown, in order.
    static QStringList codeBlocks(const QString &markdown);
    CodeHighlighter *highlighter() const { return m_highlighter; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void startBlock(QTextCursor &cursor);
    void insertProse(QTextCursor &cursor, const QString &markdown);
    void insertCodeBlock(QTextCursor &cursor, const MarkdownPart &part, qint64 messageId, int index);
    /// The language and Copy line, then the code, from the cursor's (empty) block on.
    void writeCodeBlock(QTextCursor &cursor, const MarkdownPart &part, qint64 messageId, int index, int indent);
    void replaceCodePlaceholders(int from, int to, const QList<const MarkdownPart *> &parts, qint64 messageId, int firstIndex);
    /// Prose through QTextDocument's Markdown reader, fenced code highlighted, each part in its own blocks.
    void insertMarkdownParts(QTextCursor &cursor, const QString &markdown, qint64 messageId, int firstIndex);

    QList<ChatMessage> m_messages;
    QHash<qint64, int> m_messageStarts; ///< message id -> document position of its header
    QSet<qint64> m_expandedThinking;
    QSet<QPair<qint64, int>> m_expandedToolCalls; ///< message id, index of the call
    bool m_streaming = false;
    QString m_stableText;  ///< already in the document for good
    QString m_tailText;    ///< re-rendered on each update
    QString m_pendingThinking;
    int m_tailStart = 0;   ///< document position where the tail begins
    int m_thinkingPos = -1;
    QTextFrame *m_segment = nullptr; ///< where finished Markdown of the stream goes
    int m_segmentCommits = 0;
    int m_streamedBlocks = 0; ///< closed code blocks of the streamed answer in the stable text
    qint64 m_streamingId = 0;
    CodeHighlighter *m_highlighter = nullptr;
    QTimer m_frame;
    QTimer m_slice;          ///< drives the next slice of a long conversation
    qsizetype m_renderNext = 0; ///< the first message not rendered yet
    qint64 m_scrollTarget = 0;  ///< scrollToMessage() for a message not rendered yet
    bool m_userScrolled = false; ///< the user moved away from the bottom during the render
    bool m_loading = false;      ///< showLoading(): the messages are on their way
    int m_loadingCount = 0;
    double m_insertShare = 0.5;  ///< of a slice's time, what inserting took (the rest: layout)
};

} // namespace Corral
