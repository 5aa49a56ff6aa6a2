// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/codehighlighter.h"

#include "gui/highlightengine.h"
#include "gui/highlightlanguages.h"

#include <QElapsedTimer>
#include <QMutex>
#include <QRunnable>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QThreadPool>
#include <QTimer>

#include <algorithm>
#include <climits>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace Corral {

namespace {

/// A block's state as QTextBlock::userState() keeps it: -1 never highlighted, >= 0 the state
/// its line ends in (HighlightEngine's name), and the same marked pending (to do again) as
/// -(state + 1) - 2, so that a line done again whose end did not change stops there.
constexpr int NoState = -1;
constexpr int WaitsState = -4; ///< startOf(): the line before is not done yet
// What laying out a highlighted line again may be taken to cost, at least and at most (a busy
// machine's preemption counts in the measured time).
constexpr qint64 MinLayoutNs = 5000;
constexpr qint64 MaxLayoutNs = 100000;
bool isPending(int stored)
{
    return stored <= -2;
}
int endOf(int stored)
{
    return isPending(stored) ? -stored - 3 : stored;
}
int pendingOf(int stored)
{
    return isPending(stored) ? stored : -(stored + 1) - 2;
}

/// Where Source-highlight stands after a line that ends in a made-up state (GUI thread only).
class LiveData final : public QTextBlockUserData
{
public:
    explicit LiveData(HighlightLivePtr state)
        : live(std::move(state))
    {
    }
    HighlightLivePtr live;
};

QString blockLanguage(const QTextBlock &block)
{
    return block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
}

/// The blocks after @p block with its language: the rest of its fenced block.
QTextBlock afterRun(QTextBlock block, const QString &language)
{
    block = block.next();
    while (block.isValid() && blockLanguage(block) == language)
        block = block.next();
    return block;
}

} // namespace

/// Between the workers and the highlighter: cleared when the highlighter goes, so a worker that
/// finishes later posts nothing. Progress notes are coalesced to one waiting at a time.
struct CodeHighlighter::Link {
    QMutex mutex;
    CodeHighlighter *target = nullptr;
    std::atomic<bool> alive{true};
    std::atomic<bool> progressQueued{false};

    void note(quint64 job, bool done)
    {
        const QMutexLocker lock(&mutex);
        if (!target)
            return;
        CodeHighlighter *highlighter = target;
        if (done) {
            QMetaObject::invokeMethod(highlighter, [highlighter, job] { highlighter->jobFinished(job); }, Qt::QueuedConnection);
        } else if (!progressQueued.exchange(true)) {
            QMetaObject::invokeMethod(highlighter, [highlighter] {
                highlighter->m_link->progressQueued = false;
                highlighter->queueWalk();
            }, Qt::QueuedConnection);
        }
    }
};

namespace {

/// Highlights a run of lines on a pool thread into the cache, from a given start state.
class HighlightJob final : public QRunnable
{
public:
    static constexpr int NoteLines = 256;

    HighlightJob(std::shared_ptr<CodeHighlighter::Link> link, quint64 id, int state, QStringList lines,
                 std::shared_ptr<std::atomic<bool>> cancelled)
        : m_link(std::move(link))
        , m_id(id)
        , m_state(state)
        , m_lines(std::move(lines))
        , m_cancelled(std::move(cancelled))
    {
    }

    void run() override
    {
#ifdef Q_OS_LINUX
        // Below the GUI thread (nice 5, this thread only): the window's own work goes first
        // when the cores are busy, and the pool still gets its share.
        thread_local const bool lowered = setpriority(PRIO_PROCESS, id_t(gettid()), 5) == 0;
        Q_UNUSED(lowered)
#endif
        int state = m_state;
        int sinceNote = 0;
        for (const QString &text : std::as_const(m_lines)) {
            if (!m_link->alive || *m_cancelled)
                break;
            HighlightLine line;
            if (!HighlightEngine::lookup(state, text, &line))
                line = HighlightEngine::highlight(state, text);
            state = line.endState;
            if (state == HighlightEngine::UnknownState)
                break; // only the GUI thread can go on from a made-up state
            if (++sinceNote == NoteLines) {
                sinceNote = 0;
                m_link->note(m_id, false);
            }
        }
        m_link->note(m_id, true);
    }

private:
    std::shared_ptr<CodeHighlighter::Link> m_link;
    quint64 m_id;
    int m_state;
    QStringList m_lines;
    std::shared_ptr<std::atomic<bool>> m_cancelled;
};

} // namespace

CodeHighlighter::CodeHighlighter(QTextDocument *document)
    : QObject(document)
    , m_document(document)
    , m_link(std::make_shared<Link>())
{
    m_link->target = this;
    m_walkTimer.setSingleShot(true);
    m_walkTimer.setInterval(0);
    connect(&m_walkTimer, &QTimer::timeout, this, &CodeHighlighter::walk);
    if (document)
        connect(document, &QTextDocument::contentsChange, this, &CodeHighlighter::contentsChanged);
    setDark(false);
    rehighlight();
}

CodeHighlighter::~CodeHighlighter()
{
    Link &link = *m_link;
    link.alive.store(false);
    const QMutexLocker lock(&link.mutex);
    link.target = nullptr;
}

void CodeHighlighter::setDark(bool dark)
{
    const bool changed = dark != m_dark;
    m_dark = dark;
    // GitHub's code colours, light and dark: readable on either theme's code background.
    struct Colours {
        Role role;
        const char *light;
        const char *dark;
    };
    constexpr Colours colours[] = {
        {Role::Keyword, "#cf222e", "#ff7b72"},  {Role::Type, "#953800", "#ffa657"},
        {Role::String, "#0a3069", "#a5d6ff"},   {Role::Comment, "#6e7781", "#8b949e"},
        {Role::Number, "#0550ae", "#79c0ff"},   {Role::Preprocessor, "#116329", "#7ee787"},
        {Role::Function, "#8250df", "#d2a8ff"}, {Role::Variable, "#0550ae", "#79c0ff"},
    };
    for (auto &format : m_formats)
        format = QTextCharFormat();
    for (const Colours &colour : colours)
        m_formats[size_t(colour.role)].setForeground(QColor(QLatin1String(dark ? colour.dark : colour.light)));
    m_formats[size_t(Role::Comment)].setFontItalic(true);
    m_formats[size_t(Role::Keyword)].setFontWeight(QFont::DemiBold);
    if (changed)
        rehighlight();
}

void CodeHighlighter::rehighlight()
{
    if (!m_document)
        return;
    for (QTextBlock block = m_document->begin(); block.isValid(); block = block.next())
        markPending(block);
    m_scanFrom = 0;
    walk();
}

QString CodeHighlighter::languageFile(const QString &fence)
{
    const HighlightLanguage *language = findHighlightLanguage(fence);
    return language ? QLatin1String(language->file) : QString();
}

QString CodeHighlighter::displayName(const QString &fence)
{
    const HighlightLanguage *language = findHighlightLanguage(fence);
    return language ? QLatin1String(language->name) : fence.trimmed().section(QLatin1Char(' '), 0, 0);
}

void CodeHighlighter::markPending(const QTextBlock &block)
{
    QTextBlock target = block;
    if (!blockLanguage(block).isEmpty()) {
        target.setUserState(pendingOf(block.userState()));
    } else if (block.userState() != NoState || !block.layout()->formats().isEmpty()) {
        target.setUserState(pendingOf(NoState)); // was code: its colours go
    }
}

void CodeHighlighter::contentsChanged(int from, int removed, int added)
{
    if (m_applying || !m_document)
        return;
    if (removed > 0 && m_document->characterCount() <= 1) {
        // Cleared (a chat shown again): what the workers do is for text that is gone.
        for (const Job &job : m_jobs)
            *job.cancelled = true;
        m_jobs.clear();
        m_guessedStarts.clear();
    }
    // As QSyntaxHighlighter: the blocks the change touched, and the next if text was removed.
    QTextBlock block = m_document->findBlock(from);
    if (!block.isValid())
        return;
    const QTextBlock last = m_document->findBlock(from + added + (removed > 0 ? 1 : 0));
    const int end = last.isValid() ? last.position() + last.length() : INT_MAX;
    for (; block.isValid() && block.position() < end; block = block.next())
        markPending(block);
    const int start = m_document->findBlock(from).position();
    m_scanFrom = m_scanFrom < 0 ? start : std::min(m_scanFrom, start);
    m_inChange = true;
    walk();
    m_inChange = false;
}

bool CodeHighlighter::apply(const QTextBlock &block, const HighlightLine &line)
{
    QList<QTextLayout::FormatRange> ranges;
    ranges.reserve(qsizetype(line.spans.size()));
    for (const HighlightSpan &span : line.spans)
        ranges.append({span.start, span.length, m_formats.at(size_t(span.role))});
    QTextLayout *layout = block.layout();
    if (layout->formats() == ranges)
        return false;
    layout->setFormats(ranges);
    return true;
}

void CodeHighlighter::queueWalk()
{
    // A timer, not a posted call: one pass a turn of the event loop, painting and input between.
    if (!m_walkTimer.isActive())
        m_walkTimer.start();
}

bool CodeHighlighter::covered(int blockNumber, int state, bool guessing)
{
    for (Job &job : m_jobs) {
        if (blockNumber < job.firstBlock || blockNumber >= job.firstBlock + job.count)
            continue;
        // Past a guessing chunk's first line the walk follows that chunk's own lines.
        if (job.exact || job.confirmed || blockNumber > job.firstBlock || guessing)
            return true;
        if (job.startState == state) {
            job.confirmed = true;
            return true;
        }
        *job.cancelled = true; // a wrong guess: its lines are done again from here
        job.count = 0;
    }
    return false;
}

void CodeHighlighter::post(const QTextBlock &first, int state, bool split)
{
    const QString language = blockLanguage(first);
    QStringList lines;
    for (QTextBlock block = first; block.isValid() && blockLanguage(block) == language; block = block.next())
        lines.append(block.text());
    QThreadPool *pool = HighlightEngine::pool();
    const int chunks = split ? std::clamp(int(lines.size()) / MinChunkLines, 1, pool->maxThreadCount()) : 1;
    const int firstBlock = first.blockNumber();
    const int initial = HighlightEngine::initialState(languageFile(language));
    qsizetype from = 0;
    for (int chunk = 0; chunk < chunks; ++chunk) {
        const qsizetype to = chunk == chunks - 1 ? lines.size() : lines.size() * (chunk + 1) / chunks;
        const int start = chunk == 0 ? state : initial;
        const Job job{m_nextJob++, firstBlock + int(from), int(to - from), start, chunk == 0, false,
                      std::make_shared<std::atomic<bool>>(false)};
        if (chunk > 0)
            m_guessedStarts.push_back(job.firstBlock);
        m_jobs.push_back(job);
        pool->start(new HighlightJob(m_link, job.id, start, lines.mid(from, to - from), job.cancelled));
        from = to;
    }
}

void CodeHighlighter::jobFinished(quint64 id)
{
    m_jobs.erase(std::remove_if(m_jobs.begin(), m_jobs.end(), [id](const Job &job) { return job.id == id; }), m_jobs.end());
    queueWalk();
}

int CodeHighlighter::startOf(const QTextBlock &block, const QString &language, int initial, HighlightLivePtr *from) const
{
    // A multi-line comment or string goes on from the line before, in the same block.
    const QTextBlock previous = block.previous();
    if (!previous.isValid() || blockLanguage(previous) != language)
        return initial;
    const int before = previous.userState();
    if (isPending(before))
        return WaitsState;
    if (before == HighlightEngine::UnknownState) {
        const auto *data = static_cast<const LiveData *>(previous.userData());
        *from = data ? data->live : HighlightLivePtr();
        return *from ? HighlightEngine::UnknownState : initial;
    }
    return before >= 0 ? before : initial;
}

QTextBlock CodeHighlighter::skipWaiting(const QTextBlock &block, const QString &language, Guess *guess) const
{
    // The rest of this fenced block waits for the pool; what a guessing chunk further on has
    // done meanwhile is shown, else the walk goes on after the block.
    const int number = block.blockNumber();
    const Job *ahead = nullptr;
    for (const Job &job : m_jobs) {
        if (!job.exact && job.count > 0 && job.firstBlock > number && (!ahead || job.firstBlock < ahead->firstBlock))
            ahead = &job;
    }
    const QTextBlock first = ahead ? m_document->findBlockByNumber(ahead->firstBlock) : QTextBlock();
    if (first.isValid() && blockLanguage(first) == language && isPending(first.userState())) {
        *guess = Guess{ahead->firstBlock, ahead->startState};
        return first;
    }
    return afterRun(block, language);
}

void CodeHighlighter::walk()
{
    if (!m_document || m_scanFrom < 0) {
        if (m_jobs.empty())
            m_guessedStarts.clear();
        return;
    }
    QElapsedTimer clock;
    clock.start();
    int syncLeft = SyncLines;
    int dirtyFrom = INT_MAX;
    int dirtyTo = -1;
    int nextScan = -1;
    bool sliceOver = false;
    qint64 applied = 0;
    Guess guess;
    QString lastLanguage;
    int initial = -1;
    m_applying = true;
    QTextBlock block = m_document->findBlock(m_scanFrom);
    while (block.isValid()) {
        const int stored = block.userState();
        if (!isPending(stored)) {
            block = block.next();
            continue;
        }
        if (sliceOver) {
            if (nextScan < 0)
                nextScan = block.position();
            break;
        }
        const QString language = blockLanguage(block);
        if (language != lastLanguage) {
            lastLanguage = language;
            const QString file = language.isEmpty() ? QString() : languageFile(language);
            initial = file.isEmpty() ? -1 : HighlightEngine::initialState(file);
        }
        if (initial < 0) {
            // Not code, or a language Source-highlight has no rules for: no colours.
            QTextBlock target = block;
            if (!block.layout()->formats().isEmpty()) {
                block.layout()->clearFormats();
                dirtyFrom = std::min(dirtyFrom, block.position());
                dirtyTo = std::max(dirtyTo, block.position() + block.length());
            }
            target.setUserState(NoState);
            target.setUserData(nullptr);
            block = block.next();
            continue;
        }
        HighlightLivePtr from;
        const bool guessing = guess.block >= 0 && block.blockNumber() == guess.block;
        // Shown as a guessing chunk did it, until the lines before arrive.
        const int start = guessing ? guess.state : startOf(block, language, initial, &from);
        guess.block = -1;
        if (start == WaitsState) { // waits with the line before
            if (nextScan < 0)
                nextScan = block.position();
            block = afterRun(block, language);
            continue;
        }
        const QString text = block.text();
        HighlightLine line;
        HighlightLivePtr live;
        if (start == HighlightEngine::UnknownState) {
            line = HighlightEngine::highlightLive(from, text, &live);
        } else if (!HighlightEngine::lookup(start, text, &line)) {
            const int number = m_jobs.empty() && syncLeft > 0 ? -1 : block.blockNumber();
            const bool waits = number >= 0 && covered(number, start, guessing); // a worker is on it
            if (!waits && syncLeft > 0) {
                --syncLeft;
                line = HighlightEngine::highlight(start, text, &live);
            } else {
                if (!waits) {
                    const bool redo = std::find(m_guessedStarts.cbegin(), m_guessedStarts.cend(), number) != m_guessedStarts.cend();
                    post(block, start, !redo);
                }
                if (nextScan < 0)
                    nextScan = block.position();
                block = skipWaiting(block, language, &guess);
                continue;
            }
        }
        if (apply(block, line)) {
            dirtyFrom = std::min(dirtyFrom, block.position());
            dirtyTo = std::max(dirtyTo, block.position() + block.length());
        }
        QTextBlock target = block;
        target.setUserState(line.endState);
        target.setUserData(live ? new LiveData(live) : nullptr);
        const QTextBlock next = block.next();
        // A changed end state makes the next line of the block follow.
        if (line.endState != endOf(stored) && next.isValid() && !isPending(next.userState()) && blockLanguage(next) == language)
            markPending(next);
        // The pass ends when its lines and their layout would take SliceMs. Inside a change
        // the blocks it brought are laid out after it anyway: colours added then cost no layout
        // of their own, so the change's pass spends its time on colours alone.
        ++applied;
        if (clock.nsecsElapsed() + (m_inChange ? 0 : applied * m_layoutNsPerLine) >= SliceMs * qint64(1000000))
            sliceOver = true;
        block = next;
    }
    const qint64 applyNs = clock.nsecsElapsed();
    if (dirtyTo > dirtyFrom) {
        m_document->markContentsDirty(dirtyFrom, dirtyTo - dirtyFrom);
        // What the layout took a line, for the next pass's budget.
        if (applied >= 16 && !m_inChange) { // inside contentsChange the layout runs after it
            const qint64 measured = std::clamp((clock.nsecsElapsed() - applyNs) / applied, MinLayoutNs, MaxLayoutNs);
            m_layoutNsPerLine = std::max(measured, (3 * m_layoutNsPerLine + measured) / 4); // up at once, down slowly
        }
    }
    m_applying = false;
    m_scanFrom = nextScan;
    m_longestPassNs = std::max(m_longestPassNs, clock.nsecsElapsed());
    if (sliceOver && nextScan >= 0)
        queueWalk();
    if (!hasPending()) {
        m_guessedStarts.clear();
        Q_EMIT highlighted();
    }
}

} // namespace Corral
