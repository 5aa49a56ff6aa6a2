// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

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
 * conversation view writes each fenced block so); each such line is highlighted once when it is
 * inserted or changes, as QSyntaxHighlighter does, and the formats are layout formats: the text
 * and its character formats stay as they are. Colours follow the palette's lightness (light and
 * dark themes).
 *
 * Highlighting costs about 0.1 ms a line, so one turn of the event loop highlights for at most
 * SliceMs; lines past that are marked pending and done in later turns, a slice each. A pasted
 * 5,000-line file never freezes the window; its colours arrive within a second.
 */
class CodeHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeHighlighter)

public:
    enum class Role { Keyword, Type, String, Comment, Number, Preprocessor, Function, Variable, Symbol, Count };

    explicit CodeHighlighter(QTextDocument *document);

    /// Picks colours readable on a dark (true) or light background; rehighlights when it changes.
    void setDark(bool dark);
    bool isDark() const { return m_dark; }
    QTextCharFormat format(Role role) const { return m_formats.at(size_t(role)); }
    /// Whether lines wait for a later slice.
    bool hasPending() const { return m_pending; }
    static constexpr int SliceMs = 25;

    /// Source-highlight's language file for a fence's info string ("py", "C++", "yml"); empty if none.
    static QString languageFile(const QString &fence);
    /// The name shown beside Copy ("Python", "C++", "TypeScript"); the fence's own word if unknown.
    static QString displayName(const QString &fence);

protected:
    void highlightBlock(const QString &text) override;

private:
    void continuePending();

    std::array<QTextCharFormat, size_t(Role::Count)> m_formats;
    bool m_dark = false;
    bool m_pending = false;
    QElapsedTimer m_slice; ///< valid while this turn of the event loop highlights
};

} // namespace Corral
