// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/highlightlanguages.h"

#include <QHash>
#include <QStringList>

namespace Corral {

namespace {

/// Fence names and aliases models write, and what Source-highlight calls them.
constexpr HighlightLanguage Languages[] = {
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

} // namespace

const HighlightLanguage *findHighlightLanguage(const QString &fence)
{
    // "```python title=x.py" and "```{.cpp}": the first word, without braces or a leading dot.
    QString word = fence.trimmed().section(QLatin1Char(' '), 0, 0).toLower();
    word.remove(QLatin1Char('{')).remove(QLatin1Char('}'));
    if (word.startsWith(QLatin1Char('.')))
        word.remove(0, 1);
    if (word.isEmpty())
        return nullptr;
    static QHash<QString, const HighlightLanguage *> byFence = [] {
        QHash<QString, const HighlightLanguage *> map;
        for (const HighlightLanguage &language : Languages) {
            for (const QString &name : QString::fromLatin1(language.fences).split(QLatin1Char(' ')))
                map.insert(name, &language);
        }
        return map;
    }();
    return byFence.value(word);
}

} // namespace Corral
