// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <functional>
#include <memory>
#include <vector>

class QThreadPool;

namespace Corral {

/// One coloured piece of a line: where it is in UTF-16 units and Source-highlight's colour
/// role (CodeHighlighter::Role as an int).
struct HighlightSpan {
    int start;
    int length;
    int role;
};

/// A highlighted line: its pieces and the state the next line starts in.
struct HighlightLine {
    std::vector<HighlightSpan> spans;
    int endState = -1;
};

/// Where a line stands while Source-highlight is inside a state it made up for this text (a
/// shell here-document's delimiter, a raw string's): valid on the thread that made it only.
struct HighlightLiveState;
using HighlightLivePtr = std::shared_ptr<const HighlightLiveState>;

/**
 * Source-highlight for several threads at once, with a cache of highlighted lines.
 *
 * Every thread that highlights gets its own parsed copy of each language (Source-highlight's
 * objects are not shared between threads; its language-file parser is not reentrant, so parsing
 * is serialised). A highlighting state (the current state and the stack beneath it) is named by
 * a small int that means the same on every thread: the states' places in a walk of the language's
 * state graph from its main state, interned. A state Source-highlight makes up while it reads
 * (a back-reference filled in) has no such name: the line ending in it is UnknownState, and only
 * the thread that highlighted it can go on from it (HighlightLivePtr).
 *
 * The cache maps (start state, line text) to the line's pieces and end state, least recently
 * used first out, CacheLines lines at most: a re-render, a theme change and each streamed token
 * find the lines already done.
 */
class HighlightEngine final
{
public:
    static constexpr int UnknownState = 0x0FFFFFFF;
    static constexpr int CacheLines = 40000;

    /// The state a block of @p file (a Source-highlight language file) starts in; -1 if the file
    /// cannot be read.
    static int initialState(const QString &file);
    /// The cached line, if any (counts a hit or a miss).
    static bool lookup(int state, const QString &text, HighlightLine *line);
    /// Highlights @p text from @p state (>= 0, not UnknownState) on this thread and caches it.
    static HighlightLine highlight(int state, const QString &text, HighlightLivePtr *live = nullptr);
    /// Goes on from a made-up state on the thread that made it.
    static HighlightLine highlightLive(const HighlightLivePtr &from, const QString &text, HighlightLivePtr *live);
    /// The thread pool the CodeHighlighter hands long blocks to (two threads on two cores).
    static QThreadPool *pool();

    struct Stats {
        qint64 hits = 0;
        qint64 misses = 0;
        qint64 lines = 0;
    };
    static Stats stats();
    /// Empties the cache and zeroes the counts (benchmarks, tests).
    static void clearCache();
};

} // namespace Corral
