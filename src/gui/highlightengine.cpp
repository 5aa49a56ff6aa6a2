// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/highlightengine.h"

#include <QCache>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QMutex>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/highlightrule.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <deque>
#include <exception>
#include <map>
#include <unordered_map>

namespace Corral {

struct HighlightLiveState {
    QString file;
    srchilite::HighlightStatePtr current;
    srchilite::HighlightStateStackPtr stack;
};

namespace {

// Kept in step with CodeHighlighter::Role.
enum Role { Keyword, Type, String, Comment, Number, Preprocessor, Function, Variable, Symbol };

/// Source-highlight's element names (the left-hand sides in its .lang files) by colour.
struct ElementRole {
    const char *element;
    Role role;
};
constexpr ElementRole ElementRoles[] = {
    {"keyword", Keyword},    {"type", Type},         {"classname", Type},      {"usertype", Type},
    {"string", String},      {"regexp", String},     {"specialchar", String},  {"comment", Comment},
    {"todo", Comment},       {"number", Number},     {"preproc", Preprocessor}, {"function", Function},
    {"variable", Variable},  {"attribute", Variable}, {"label", Variable},     {"property", Variable},
    {"symbol", Symbol},      {"cbracket", Symbol},
};
// Corral's own language files for what Source-highlight has none of (resources/source-highlight).
constexpr const char *OwnFiles[] = {"yaml.lang", "markdown.lang"};

struct ByteSpan {
    int start;
    int length;
    int role;
};

/// Receives one element kind's pieces of a line from Source-highlight and records where they are.
class SpanFormatter final : public srchilite::Formatter
{
public:
    SpanFormatter(std::vector<ByteSpan> *spans, int role)
        : m_spans(spans)
        , m_role(role)
    {
    }
    void format(const std::string &text, const srchilite::FormatterParams *params) override
    {
        if (m_spans && params && params->start >= 0 && !text.empty())
            m_spans->push_back({params->start, int(text.size()), m_role});
    }

private:
    std::vector<ByteSpan> *m_spans;
    int m_role;
};

struct InternKey {
    QString file;
    std::vector<int> path; ///< the current state's place, then the stack's from the bottom
    bool operator==(const InternKey &other) const { return file == other.file && path == other.path; }
};
size_t qHash(const InternKey &key, size_t seed = 0)
{
    size_t hash = qHash(key.file, seed);
    for (int place : key.path)
        hash = hash * 31 + size_t(place);
    return hash;
}

struct CacheKey {
    int state;
    QString text;
    bool operator==(const CacheKey &other) const { return state == other.state && text == other.text; }
};
size_t qHash(const CacheKey &key, size_t seed = 0)
{
    return qHash(key.text, seed) ^ (size_t(key.state) * 0x9E3779B97F4A7C15ULL);
}

/// What every thread shares: the parser's lock, the interned states, the cache and the pool.
/// The pool is the last member, so it is gone (its threads joined) before the rest.
class Shared
{
public:
    static Shared &instance()
    {
        static Shared shared;
        return shared;
    }

    QMutex parsing;
    std::string dataDir = srchilite::Settings::retrieveDataDir();

    /// Corral's own files, copied out of the resources once (Source-highlight reads files only).
    std::string ownDirectory()
    {
        if (!m_ownDir) {
            m_ownDir = std::make_unique<QTemporaryDir>();
            for (const char *name : OwnFiles)
                QFile::copy(QStringLiteral(":/source-highlight/") + QLatin1String(name), m_ownDir->filePath(QLatin1String(name)));
        }
        return QDir::toNativeSeparators(m_ownDir->path()).toStdString();
    }

    int intern(const InternKey &key)
    {
        const QMutexLocker lock(&m_interning);
        const auto it = m_ids.constFind(key);
        if (it != m_ids.cend())
            return *it;
        const int id = int(m_keys.size());
        m_keys.push_back(key);
        m_ids.insert(key, id);
        return id;
    }
    InternKey key(int id)
    {
        const QMutexLocker lock(&m_interning);
        return id >= 0 && size_t(id) < m_keys.size() ? m_keys[size_t(id)] : InternKey();
    }

    bool lookup(int state, const QString &text, HighlightLine *line)
    {
        const QMutexLocker lock(&m_caching);
        if (const HighlightLine *cached = m_cache.object(CacheKey{state, text})) {
            ++m_stats.hits;
            *line = *cached;
            return true;
        }
        ++m_stats.misses;
        return false;
    }
    void insert(int state, const QString &text, const HighlightLine &line)
    {
        const QMutexLocker lock(&m_caching);
        ++m_stats.lines;
        m_cache.insert(CacheKey{state, text}, new HighlightLine(line));
    }
    HighlightEngine::Stats stats()
    {
        const QMutexLocker lock(&m_caching);
        return m_stats;
    }
    void clear()
    {
        const QMutexLocker lock(&m_caching);
        m_cache.clear();
        m_stats = {};
    }

    QThreadPool *pool() { return &m_pool; }

private:
    Shared()
        : m_cache(HighlightEngine::CacheLines)
    {
        // Never expire: each thread keeps its parsed languages.
        m_pool.setExpiryTimeout(-1);
        m_pool.setMaxThreadCount(qBound(2, QThread::idealThreadCount(), 4));
        m_pool.setObjectName(QStringLiteral("CodeHighlighter"));
    }

    std::unique_ptr<QTemporaryDir> m_ownDir;
    QMutex m_interning;
    QHash<InternKey, int> m_ids;
    std::vector<InternKey> m_keys;
    QMutex m_caching;
    QCache<CacheKey, HighlightLine> m_cache;
    HighlightEngine::Stats m_stats;
    QThreadPool m_pool;
};

/// One thread's Source-highlight: its parsed languages and formatters.
class ThreadEngine
{
public:
    struct Language {
        QString file;
        srchilite::HighlightStatePtr main;
        std::vector<srchilite::HighlightStatePtr> states; ///< by place in the walk from main
        std::unordered_map<const srchilite::HighlightState *, int> places;
        int initial = -1;
        std::unique_ptr<srchilite::SourceHighlighter> highlighter;
    };

    static ThreadEngine &current()
    {
        thread_local ThreadEngine engine;
        return engine;
    }

    /// The language, parsed on first use; nullptr if it cannot be read.
    Language *language(const QString &file)
    {
        const auto it = m_languages.find(file);
        if (it != m_languages.end())
            return it->second.get();
        std::unique_ptr<Language> &language = m_languages[file];
        Shared &shared = Shared::instance();
        srchilite::HighlightStatePtr main;
        {
            const QMutexLocker lock(&shared.parsing);
            const bool own = std::any_of(std::begin(OwnFiles), std::end(OwnFiles),
                                         [&file](const char *name) { return file == QLatin1String(name); });
            try {
                main = m_definitions.getHighlightState(own ? shared.ownDirectory() : shared.dataDir, file.toStdString());
            } catch (const std::exception &error) {
                qWarning("Source-highlight cannot read %s: %s", qPrintable(file), error.what());
            }
        }
        if (!main)
            return nullptr;
        language = std::make_unique<Language>();
        language->file = file;
        language->main = main;
        // Every state the language can reach, in an order every thread's parse agrees on.
        std::deque<srchilite::HighlightStatePtr> queue{main};
        language->places.emplace(main.get(), 0);
        language->states.push_back(main);
        while (!queue.empty()) {
            const srchilite::HighlightStatePtr state = queue.front();
            queue.pop_front();
            for (const srchilite::HighlightRulePtr &rule : state->getRuleList()) {
                const srchilite::HighlightStatePtr next = rule->getNextState();
                if (next && language->places.emplace(next.get(), int(language->states.size())).second) {
                    language->states.push_back(next);
                    queue.push_back(next);
                }
            }
        }
        language->initial = shared.intern(InternKey{file, {0}});
        language->highlighter = std::make_unique<srchilite::SourceHighlighter>(main);
        language->highlighter->setFormatterManager(&m_formatters);
        language->highlighter->setFormatterParams(&m_params);
        language->highlighter->setOptimize(false); // an optimised run keeps the line's last piece for the next call
        return language.get();
    }

    HighlightLine run(Language &language, const srchilite::HighlightStatePtr &current,
                      const srchilite::HighlightStateStack &stack, const QString &text, HighlightLivePtr *live)
    {
        srchilite::SourceHighlighter &highlighter = *language.highlighter;
        highlighter.setCurrentState(current);
        highlighter.setStateStack(srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(stack)));
        m_spans.clear();
        const QByteArray utf8 = text.toUtf8();
        HighlightLine line;
        try {
            highlighter.highlightParagraph(std::string(utf8.constData(), size_t(utf8.size())));
        } catch (const std::exception &error) {
            qWarning("Source-highlight failed on a line: %s", error.what());
            m_spans.clear();
            highlighter.setCurrentState(current);
            highlighter.setStateStack(srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(stack)));
        }
        // Source-highlight counts UTF-8 bytes; the text layout counts UTF-16 units.
        m_unitAt.clear();
        if (utf8.size() != text.size()) {
            m_unitAt.resize(size_t(utf8.size()) + 1);
            int unit = 0;
            for (qsizetype byte = 0; byte < utf8.size(); ++byte) {
                const auto c = uchar(utf8.at(byte));
                m_unitAt[size_t(byte)] = unit; // spans start and end on a character's lead byte
                if ((c & 0xC0) != 0x80)
                    unit += c >= 0xF0 ? 2 : 1; // two units past U+FFFF
            }
            m_unitAt[size_t(utf8.size())] = int(text.size());
        }
        line.spans.reserve(m_spans.size());
        for (const ByteSpan &span : m_spans) {
            if (span.role == Symbol)
                continue;
            const int start = m_unitAt.empty() ? span.start : m_unitAt[size_t(span.start)];
            const int end = m_unitAt.empty() ? span.start + span.length : m_unitAt[size_t(span.start + span.length)];
            // One range for what reads as one piece: a comment's "/*", words and "*/".
            HighlightSpan *last = line.spans.empty() ? nullptr : &line.spans.back();
            if (last && last->role == span.role && last->start + last->length == start)
                last->length = end - last->start;
            else
                line.spans.push_back({start, end - start, span.role});
        }
        // The end state by places: the current state, then the stack from the bottom.
        const srchilite::HighlightStatePtr end = highlighter.getCurrentState();
        srchilite::HighlightStateStack rest = *highlighter.getStateStack();
        InternKey key{language.file, std::vector<int>(rest.size() + 1)};
        bool known = true;
        for (size_t i = key.path.size(); i-- > 0;) {
            const srchilite::HighlightState *state = i == 0 ? end.get() : rest.top().get();
            const auto place = language.places.find(state);
            known = known && place != language.places.end();
            key.path[i] = known ? place->second : -1;
            if (i > 0)
                rest.pop();
        }
        line.endState = known ? Shared::instance().intern(key) : HighlightEngine::UnknownState;
        if (!known && live)
            *live = std::make_shared<const HighlightLiveState>(HighlightLiveState{
                language.file, end, srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(*highlighter.getStateStack()))});
        return line;
    }

private:
    ThreadEngine()
        : m_definitions(&m_rules)
        , m_formatters(srchilite::FormatterPtr(new SpanFormatter(nullptr, Symbol)))
    {
        for (const ElementRole &element : ElementRoles)
            m_formatters.addFormatter(element.element, srchilite::FormatterPtr(new SpanFormatter(&m_spans, element.role)));
    }

    srchilite::RegexRuleFactory m_rules;
    srchilite::LangDefManager m_definitions;
    srchilite::FormatterManager m_formatters;
    srchilite::FormatterParams m_params;
    std::vector<ByteSpan> m_spans;
    std::vector<int> m_unitAt;
    std::map<QString, std::unique_ptr<Language>> m_languages;
};

} // namespace

int HighlightEngine::initialState(const QString &file)
{
    const ThreadEngine::Language *language = ThreadEngine::current().language(file);
    return language ? language->initial : -1;
}

bool HighlightEngine::lookup(int state, const QString &text, HighlightLine *line)
{
    return Shared::instance().lookup(state, text, line);
}

HighlightLine HighlightEngine::highlight(int state, const QString &text, HighlightLivePtr *live)
{
    const InternKey key = Shared::instance().key(state);
    ThreadEngine &engine = ThreadEngine::current();
    ThreadEngine::Language *language = key.path.empty() ? nullptr : engine.language(key.file);
    if (!language)
        return HighlightLine{{}, state};
    srchilite::HighlightStateStack stack;
    for (size_t i = 1; i < key.path.size(); ++i)
        stack.push(language->states.at(size_t(key.path[i])));
    const HighlightLine line = engine.run(*language, language->states.at(size_t(key.path[0])), stack, text, live);
    if (line.endState != UnknownState)
        Shared::instance().insert(state, text, line);
    return line;
}

HighlightLine HighlightEngine::highlightLive(const HighlightLivePtr &from, const QString &text, HighlightLivePtr *live)
{
    ThreadEngine &engine = ThreadEngine::current();
    ThreadEngine::Language *language = from ? engine.language(from->file) : nullptr;
    if (!language)
        return HighlightLine{{}, UnknownState};
    return engine.run(*language, from->current, *from->stack, text, live);
}

QThreadPool *HighlightEngine::pool()
{
    return Shared::instance().pool();
}

HighlightEngine::Stats HighlightEngine::stats()
{
    return Shared::instance().stats();
}

void HighlightEngine::clearCache()
{
    Shared::instance().clear();
}

} // namespace Corral
