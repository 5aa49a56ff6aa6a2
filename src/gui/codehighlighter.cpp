// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/codehighlighter.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTimer>
#include <QTextBlock>
#include <QTextDocument>

#include <srchilite/formatter.h>
#include <srchilite/formattermanager.h>
#include <srchilite/formatterparams.h>
#include <srchilite/langdefmanager.h>
#include <srchilite/regexrulefactory.h>
#include <srchilite/settings.h>
#include <srchilite/sourcehighlighter.h>

#include <exception>
#include <vector>

namespace Corral {

namespace {

using Role = CodeHighlighter::Role;

struct Span {
    int start;
    int length;
    Role role;
};

/// Receives one element kind's pieces of a line from Source-highlight and records where they are.
class SpanFormatter final : public srchilite::Formatter
{
public:
    SpanFormatter(std::vector<Span> *spans, Role role)
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
    std::vector<Span> *m_spans;
    Role m_role;
};

/// Source-highlight's element names (the left-hand sides in its .lang files) by colour.
struct ElementRole {
    const char *element;
    Role role;
};
constexpr ElementRole ElementRoles[] = {
    {"keyword", Role::Keyword},     {"type", Role::Type},         {"classname", Role::Type},
    {"usertype", Role::Type},       {"string", Role::String},     {"regexp", Role::String},
    {"specialchar", Role::String},  {"comment", Role::Comment},   {"todo", Role::Comment},
    {"number", Role::Number},       {"preproc", Role::Preprocessor}, {"function", Role::Function},
    {"variable", Role::Variable},   {"attribute", Role::Variable}, {"label", Role::Variable},
    {"property", Role::Variable},   {"symbol", Role::Symbol},     {"cbracket", Role::Symbol},
};

/// Fence names and aliases models write, and what Source-highlight calls them.
struct Language {
    const char *fences; // space separated, lower case
    const char *file;
    const char *name;
};
constexpr Language Languages[] = {
    {"python py python3 py3 gyp", "python.lang", "Python"},
    {"c h", "c.lang", "C"},
    {"cpp c++ cxx cc hpp hxx hh cplusplus qt qml", "cpp.lang", "C++"},
    {"javascript js jsx mjs cjs node", "javascript.lang", "JavaScript"},
    {"typescript ts tsx mts", "javascript.lang", "TypeScript"},
    {"rust rs", "rust.lang", "Rust"},
    {"go golang", "go.lang", "Go"},
    {"java", "java.lang", "Java"},
    {"kotlin kt scala", "scala.lang", "Scala"},
    {"sh bash shell console shellsession terminal ksh", "sh.lang", "Shell"},
    {"zsh", "zsh.lang", "Zsh"},
    {"sql mysql postgresql psql sqlite plsql", "sql.lang", "SQL"},
    {"json jsonc json5 jsonl ndjson", "json.lang", "JSON"},
    {"yaml yml", "yaml.lang", "YAML"},
    {"html htm xhtml vue svelte", "html.lang", "HTML"},
    {"xml svg plist xsd", "xml.lang", "XML"},
    {"css scss less", "css.lang", "CSS"},
    {"markdown md mdx", "markdown.lang", "Markdown"},
    {"csharp cs c#", "csharp.lang", "C#"},
    {"php", "php.lang", "PHP"},
    {"ruby rb", "ruby.lang", "Ruby"},
    {"perl pl", "perl.lang", "Perl"},
    {"lua", "lua.lang", "Lua"},
    {"haskell hs", "haskell.lang", "Haskell"},
    {"r", "r.lang", "R"},
    {"diff patch", "diff.lang", "Diff"},
    {"makefile make mk", "makefile.lang", "Makefile"},
    {"ini toml conf cfg desktop", "conf.lang", "INI"},
    {"dockerfile docker", "sh.lang", "Dockerfile"},
    {"latex tex", "latex.lang", "LaTeX"},
    {"glsl", "glsl.lang", "GLSL"},
    {"proto protobuf", "proto.lang", "Protobuf"},
    {"fortran f90", "fortran.lang", "Fortran"},
    {"pascal delphi", "pascal.lang", "Pascal"},
    {"erlang erl", "erlang.lang", "Erlang"},
    {"lisp elisp", "lisp.lang", "Lisp"},
    {"scheme", "scheme.lang", "Scheme"},
    {"ocaml ml", "caml.lang", "OCaml"},
    {"asm nasm x86asm", "asm.lang", "Assembly"},
    {"tcl", "tcl.lang", "Tcl"},
    {"bat batch cmd", "bat.lang", "Batch"},
    {"vb vbscript", "vbscript.lang", "VBScript"},
};
// Corral's own language files for what Source-highlight has none of (resources/source-highlight).
constexpr const char *OwnFiles[] = {"yaml.lang", "markdown.lang"};

const Language *findLanguage(const QString &fence)
{
    // "```python title=x.py" and "```{.cpp}": the first word, without braces or a leading dot.
    QString word = fence.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    word.remove(QLatin1Char('{')).remove(QLatin1Char('}'));
    if (word.startsWith(QLatin1Char('.')))
        word.remove(0, 1);
    if (word.isEmpty())
        return nullptr;
    static QHash<QString, const Language *> byFence = [] {
        QHash<QString, const Language *> map;
        for (const Language &language : Languages) {
            for (const QString &name : QString::fromLatin1(language.fences).split(QLatin1Char(' ')))
                map.insert(name, &language);
        }
        return map;
    }();
    return byFence.value(word);
}

/// The parsed language definitions and one set of formatters, shared by every highlighter (all on
/// the GUI thread). A language is parsed once, the first time a block of it is shown.
class Engine
{
public:
    static Engine &instance()
    {
        static Engine engine;
        return engine;
    }

    srchilite::HighlightStatePtr mainState(const QString &file)
    {
        const auto it = m_states.constFind(file);
        if (it != m_states.cend())
            return *it;
        srchilite::HighlightStatePtr state;
        const bool own = std::any_of(std::begin(OwnFiles), std::end(OwnFiles),
                                     [&file](const char *name) { return file == QLatin1String(name); });
        try {
            state = m_languages.getHighlightState(own ? ownDirectory() : m_dataDir, file.toStdString());
        } catch (const std::exception &error) {
            qWarning("Source-highlight cannot read %s: %s", qPrintable(file), error.what());
        }
        m_states.insert(file, state);
        return state;
    }

    srchilite::FormatterManager &formatters() { return m_formatters; }
    srchilite::FormatterParams &params() { return m_params; }
    std::vector<Span> &spans() { return m_spans; }

private:
    Engine()
        : m_languages(&m_rules)
        , m_formatters(srchilite::FormatterPtr(new SpanFormatter(nullptr, Role::Symbol)))
        , m_dataDir(srchilite::Settings::retrieveDataDir())
    {
        for (const ElementRole &element : ElementRoles)
            m_formatters.addFormatter(element.element, srchilite::FormatterPtr(new SpanFormatter(&m_spans, element.role)));
    }

    std::string ownDirectory()
    {
        // Source-highlight reads files only: Corral's two are copied out of the resources once.
        if (!m_ownDir) {
            m_ownDir = std::make_unique<QTemporaryDir>();
            for (const char *name : OwnFiles)
                QFile::copy(QStringLiteral(":/source-highlight/") + QLatin1String(name), m_ownDir->filePath(QLatin1String(name)));
        }
        return QDir::toNativeSeparators(m_ownDir->path()).toStdString();
    }

    srchilite::RegexRuleFactory m_rules;
    srchilite::LangDefManager m_languages;
    srchilite::FormatterManager m_formatters;
    srchilite::FormatterParams m_params;
    std::vector<Span> m_spans;
    std::string m_dataDir;
    std::unique_ptr<QTemporaryDir> m_ownDir;
    QHash<QString, srchilite::HighlightStatePtr> m_states;
};

/// Where Source-highlight stands at the end of a line, for the next line of the same block.
class LineState final : public QTextBlockUserData
{
public:
    srchilite::HighlightStatePtr current;
    srchilite::HighlightStateStackPtr stack;
};

constexpr int PendingState = -2;

QString blockLanguage(const QTextBlock &block)
{
    return block.blockFormat().stringProperty(QTextFormat::BlockCodeLanguage);
}

} // namespace

CodeHighlighter::CodeHighlighter(QTextDocument *document)
    : QSyntaxHighlighter(static_cast<QObject *>(document))
{
    // Each change is one pass with a slice of its own: connected before QSyntaxHighlighter's
    // own slot, so this runs first.
    if (document)
        connect(document, &QTextDocument::contentsChange, this, [this] { m_slice.invalidate(); });
    setDocument(document);
    setDark(false);
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
    if (changed) {
        m_slice.invalidate();
        rehighlight();
    }
}

void CodeHighlighter::continuePending()
{
    m_slice.invalidate();
    if (!m_pending || !document())
        return;
    m_pending = false;
    for (QTextBlock block = document()->begin(); block.isValid(); block = block.next()) {
        if (block.userState() == PendingState) {
            // Goes on line by line while the end state changes, until this slice is used up.
            m_slice.invalidate();
            rehighlightBlock(block);
            if (m_pending)
                return;
        }
    }
}

QString CodeHighlighter::languageFile(const QString &fence)
{
    const Language *language = findLanguage(fence);
    return language ? QLatin1String(language->file) : QString();
}

QString CodeHighlighter::displayName(const QString &fence)
{
    const Language *language = findLanguage(fence);
    return language ? QLatin1String(language->name) : fence.trimmed().section(QLatin1Char(' '), 0, 0);
}

void CodeHighlighter::highlightBlock(const QString &text)
{
    const QTextBlock block = currentBlock();
    const QString language = blockLanguage(block);
    const QString file = language.isEmpty() ? QString() : languageFile(language);
    if (file.isEmpty())
        return;
    Engine &engine = Engine::instance();
    const srchilite::HighlightStatePtr main = engine.mainState(file);
    if (!main)
        return;
    if (!m_slice.isValid())
        m_slice.start();
    const QTextBlock before = block.previous();
    const bool previousPending = before.isValid() && before.userState() == PendingState && blockLanguage(before) == language;
    if (previousPending || m_slice.elapsed() >= SliceMs) {
        setCurrentBlockUserData(nullptr);
        setCurrentBlockState(PendingState);
        if (!m_pending)
            QTimer::singleShot(0, this, &CodeHighlighter::continuePending); // the next turn
        m_pending = true;
        return;
    }
    srchilite::SourceHighlighter highlighter(main);
    highlighter.setFormatterManager(&engine.formatters());
    highlighter.setFormatterParams(&engine.params());
    highlighter.setOptimize(false); // an optimised run keeps the line's last piece for the next call
    // A multi-line comment or string goes on from the line before, in the same block.
    const QTextBlock previous = block.previous();
    if (previous.isValid() && blockLanguage(previous) == language) {
        if (const auto *state = static_cast<const LineState *>(previous.userData())) {
            highlighter.setCurrentState(state->current);
            highlighter.setStateStack(srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(*state->stack)));
        }
    }
    std::vector<Span> &spans = engine.spans();
    spans.clear();
    const QByteArray utf8 = text.toUtf8();
    try {
        highlighter.highlightParagraph(std::string(utf8.constData(), size_t(utf8.size())));
    } catch (const std::exception &error) {
        qWarning("Source-highlight failed on a line: %s", error.what());
        return;
    }
    // Source-highlight counts UTF-8 bytes; the text layout counts UTF-16 units.
    std::vector<int> unitAt;
    if (utf8.size() != text.size()) {
        unitAt.resize(size_t(utf8.size()) + 1);
        int unit = 0;
        for (qsizetype byte = 0; byte < utf8.size(); ++byte) {
            const auto c = uchar(utf8.at(byte));
            unitAt[size_t(byte)] = unit; // spans start and end on a character's lead byte
            if ((c & 0xC0) != 0x80)
                unit += c >= 0xF0 ? 2 : 1; // two units past U+FFFF
        }
        unitAt[size_t(utf8.size())] = int(text.size());
    }
    for (const Span &span : spans) {
        if (span.role == Role::Symbol)
            continue;
        const int start = unitAt.empty() ? span.start : unitAt[size_t(span.start)];
        const int end = unitAt.empty() ? span.start + span.length : unitAt[size_t(span.start + span.length)];
        setFormat(start, end - start, m_formats.at(size_t(span.role)));
    }
    auto *state = new LineState;
    state->current = highlighter.getCurrentState();
    state->stack = srchilite::HighlightStateStackPtr(new srchilite::HighlightStateStack(*highlighter.getStateStack()));
    setCurrentBlockUserData(state);
    // A changed end state makes QSyntaxHighlighter go on to the next line.
    setCurrentBlockState(int(state->current->getId() * 64 + state->stack->size()));
}

} // namespace Corral
