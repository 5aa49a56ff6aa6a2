// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "gui/highlightengine.h"

#include <QObject>
#include <QPointer>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QTimer>

#include <array>
#include <atomic>
#include <memory>
#include <vector>

class QTextBlock;

namespace Corral {

/**
 * Syntax highlighting of the fenced code blocks in a QTextDocument, with GNU Source-highlight's
 * language definitions (libsource-highlight, Debian's `libsource-highlight-dev`).
 *
 * Why Source-highlight: KDE's KSyntaxHighlighting would be the natural choice for Qt, but
 * Debian 12 builds it for Qt 5 only; Source-highlight is a maintained GNU library with language
 * files for everything models write (C, C++, Python, JavaScript, Rust, Go, Java, shell, SQL,
 * JSON, HTML, CSS, ...), it highlights line by line with a state carried from one line to the
 * next (so a multi-line comment or string continues), and it has no GUI dependency. YAML and
 * Markdown, which it lacks, get two small language files of Corral's own (resources/
 * source-highlight/). TypeScript uses the JavaScript rules.
 *
 * The highlighter looks only at blocks that carry QTextFormat::BlockCodeLanguage (the
 * conversation view writes each fenced block so); each such line is highlighted when it is
 * inserted or changes, and the formats are layout formats: the text and its character formats
 * stay as they are. Colours follow the palette's lightness (light and dark themes).
 *
 * Source-highlight costs about 0.06 ms a line. Lines found in HighlightEngine's cache (same
 * language, start state and text) are coloured at once, and so are up to SyncLines others in
 * one pass: a streamed token or a short block is coloured in the same update. Longer blocks go
 * to a thread pool, cut in as many chunks as it has threads; each chunk past the first guesses
 * that it starts at the language's top level (and is shown so while the first runs), and where
 * the line before ends elsewhere (a comment open across the cut) its lines are done again from
 * the right state. Results reach the document through the cache: the GUI thread applies the
 * lines it finds there, at most SliceMs at a time, all formats of a pass in one layout change.
 * A 2,000-line block is coloured in about the time its two halves take on two cores; the window
 * never waits for it (bench/RESULTS.md, issue 19).
 *
 * Changes arrive through QTextDocument::contentsChange, which a document sends once it has a
 * layout (a view's always has); rehighlight() does a document as it is.
 */
class CodeHighlighter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeHighlighter)

public:
    enum class Role { Keyword, Type, String, Comment, Number, Preprocessor, Function, Variable, Symbol, Count };

    explicit CodeHighlighter(QTextDocument *document);
    ~CodeHighlighter() override;

    QTextDocument *document() const { return m_document; }
    /// Picks colours readable on a dark (true) or light background; rehighlights when it changes.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    QTextCharFormat format(Role role) const { return m_formats.at(size_t(role)); }
    /// Highlights every code block again.
    void rehighlight();
    /// Whether lines wait for a worker or a later pass.
    bool hasPending() const { return m_scanFrom >= 0 || !m_jobs.empty() || m_walkTimer.isActive(); }
    /// The longest pass of the GUI thread so far, with the layout it caused, and a new start.
    double longestPassMs() const { return double(m_longestPassNs) / 1e6; }
    void resetLongestPass() { m_longestPassNs = 0; }
    /// One pass of the GUI thread applies lines for at most this long.
    static constexpr int SliceMs = 20;
    /// Lines one pass highlights itself before it hands the rest of a block to the pool.
    static constexpr int SyncLines = 64;
    /// A block cut into chunks has at least this many lines in each.
    static constexpr int MinChunkLines = 128;

    /// Source-highlight's language file for a fence's info string ("py", "C++", "yml"); empty if none.
    static QString languageFile(const QString &fence);
    /// The name shown beside Copy ("Python", "C++", "TypeScript"); the fence's own word if unknown.
    static QString displayName(const QString &fence);

    struct Link; ///< between the pool's jobs and this highlighter (codehighlighter.cpp)

Q_SIGNALS:
    /// Every code block has its colours (nothing pending any more).
    void highlighted();

private:
    struct Job {
        quint64 id;
        int firstBlock;
        int count;
        int startState;
        bool exact;     ///< starts from the state the line before ends in
        bool confirmed; ///< a guess that turned out right
        std::shared_ptr<std::atomic<bool>> cancelled;
    };

    /// Where the walk jumps ahead to: a guessing chunk's first block and its guessed state.
    struct Guess {
        int block = -1;
        int state = -1;
    };

    void contentsChanged(int from, int removed, int added);
    int startOf(const QTextBlock &block, const QString &language, int initial, HighlightLivePtr *from) const;
    QTextBlock skipWaiting(const QTextBlock &block, const QString &language, Guess *guess) const;
    void markPending(const QTextBlock &block);
    void walk();
    void queueWalk();
    bool covered(int blockNumber, int state, bool guessing);
    void post(const QTextBlock &first, int state, bool split);
    void jobFinished(quint64 id);
    bool apply(const QTextBlock &block, const HighlightLine &line);

    QPointer<QTextDocument> m_document;
    std::array<QTextCharFormat, size_t(Role::Count)> m_formats;
    bool m_dark = false;
    bool m_applying = false;
    bool m_inChange = false;
    int m_scanFrom = -1; ///< no pending block before this position; -1: none pending
    std::vector<Job> m_jobs;
    std::vector<int> m_guessedStarts; ///< block numbers where guessing chunks began
    quint64 m_nextJob = 1;
    QTimer m_walkTimer; ///< the next pass, in a later turn of the event loop
    qint64 m_longestPassNs = 0;
    qint64 m_layoutNsPerLine = 30000; ///< what laying out a highlighted line again costs, measured
    std::shared_ptr<Link> m_link;
};

} // namespace Corral
