// SPDX-License-Identifier: GPL-3.0-or-later
// CodeHighlighter's threaded path: long blocks go to the pool in chunks and come back through
// HighlightEngine's cache. Each case compares with the lines highlighted one after the other on
// this thread, the synchronous path.
#include "gui/codehighlighter.h"
#include "gui/conversationview.h"
#include "gui/highlightengine.h"

#include "core/chatstore.h"

#include <QAbstractTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QThreadPool>

#include <memory>

using namespace Corral;

namespace {

/// A document holding @p code as one fenced block of @p language, as the conversation view writes it.
std::unique_ptr<QTextDocument> codeDocument(const QString &language, const QString &code)
{
    auto document = std::make_unique<QTextDocument>();
    document->documentLayout(); // as a view's: a document without a layout tells no one of changes
    QTextCursor cursor(document.get());
    cursor.insertText(QStringLiteral("Some prose first."));
    QTextBlockFormat format;
    format.setProperty(QTextFormat::BlockCodeFence, QStringLiteral("`"));
    format.setProperty(QTextFormat::BlockCodeLanguage, language);
    cursor.insertBlock(format);
    cursor.insertText(code);
    cursor.insertBlock(QTextBlockFormat());
    cursor.insertText(QStringLiteral("Prose after."));
    return document;
}

/// What each code line's formats are when its lines are highlighted in order on this thread.
QList<QList<QTextLayout::FormatRange>> synchronousFormats(const CodeHighlighter &highlighter, const QString &language,
                                                         const QStringList &lines)
{
    QList<QList<QTextLayout::FormatRange>> expected;
    int state = HighlightEngine::initialState(CodeHighlighter::languageFile(language));
    HighlightLivePtr live;
    for (const QString &text : lines) {
        const HighlightLine line = state == HighlightEngine::UnknownState ? HighlightEngine::highlightLive(live, text, &live)
                                                                          : HighlightEngine::highlight(state, text, &live);
        QList<QTextLayout::FormatRange> ranges;
        for (const HighlightSpan &span : line.spans)
            ranges.append({span.start, span.length, highlighter.format(CodeHighlighter::Role(span.role))});
        expected.append(ranges);
        state = line.endState;
    }
    return expected;
}

QList<QList<QTextLayout::FormatRange>> shownFormats(const QTextDocument &document)
{
    QList<QList<QTextLayout::FormatRange>> shown;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().hasProperty(QTextFormat::BlockCodeLanguage))
            shown.append(block.layout()->formats());
    }
    return shown;
}

/// @p sample again and again, each time after a line of its own (so the cache does not do it all).
QStringList repeated(const QString &sample, int lines)
{
    QStringList all;
    const QStringList one = sample.split(QLatin1Char('\n'));
    while (all.size() < lines) {
        all.append(QStringLiteral("v%1 = %1").arg(all.size()));
        all.append(one);
    }
    return all;
}

/// The first line where two sets of formats differ, for the failure message.
QString firstDifference(const QList<QList<QTextLayout::FormatRange>> &shown,
                        const QList<QList<QTextLayout::FormatRange>> &expected, const QStringList &lines)
{
    for (int i = 0; i < std::min(shown.size(), expected.size()); ++i) {
        if (shown.at(i) != expected.at(i))
            return QStringLiteral("line %1 (%2): %3 ranges shown, %4 expected").arg(i).arg(lines.value(i)).arg(shown.at(i).size()).arg(expected.at(i).size());
    }
    return QStringLiteral("%1 lines shown, %2 expected").arg(shown.size()).arg(expected.size());
}

QTextBlock lineBlock(const QTextDocument &document, int line)
{
    return document.findBlockByNumber(line + 1); // after the prose line
}

std::optional<QTextCharFormat> formatAt(const QTextBlock &block, int column)
{
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return std::nullopt;
}

} // namespace

class TestCodeHighlighter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { HighlightEngine::clearCache(); }
    void longBlock_coloursMatchTheSynchronousPath_data();
    void longBlock_coloursMatchTheSynchronousPath();
    void commentOpenAcrossTheChunkCut_colouredAsComment();
    void rawStringWithMadeUpState_colouredOnTheGuiThread();
    void rerender_findsEveryLineInTheCache();
    void appendedLine_colouredInTheSameUpdate();
    void destroyedWhileWorkersRun_isSafe();
};

void TestCodeHighlighter::longBlock_coloursMatchTheSynchronousPath_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("sample");
    // Each with something multi-line where the language has it, so chunk cuts land inside.
    QTest::newRow("python") << "python" << "def f(x):\n    \"\"\"Doc\n    more\"\"\"\n    return x + 1  # done\nclass A: pass";
    QTest::newRow("c") << "c" << "/* one\n   two */ int x = 1; // c\n#include <stdio.h>\nchar *s = \"q\";";
    QTest::newRow("cpp") << "cpp" << "/* a\n * b\n */\ntemplate <class T> class A { std::string s = \"x\"; };\nint main() { return 0x1f; }";
    QTest::newRow("javascript") << "js" << "/* a\n b */ const x = `t\nu`;\nfunction f() { return 'y'; }";
    QTest::newRow("typescript") << "ts" << "let a: number = 1; /* c\n d */\nexport const b = \"s\";";
    QTest::newRow("rust") << "rust" << "/* a\n b */ fn main() { let s = \"x\"; }\nstruct P { x: i32 }";
    QTest::newRow("go") << "go" << "/* a\n b */ func main() { s := `raw\nx` }\nvar n int = 3";
    QTest::newRow("java") << "java" << "/** Doc\n * more\n */\npublic class A { String s = \"x\"; int n = 2; }";
    QTest::newRow("shell") << "sh" << "echo \"a\nb\" # c\nx=1\nif [ -f f ]; then ls; fi";
    QTest::newRow("sql") << "sql" << "/* a\n b */ SELECT 'x' FROM t; -- c\nINSERT INTO t VALUES (1);";
    QTest::newRow("json") << "json" << "{\"a\": 1,\n \"b\": [true, null, \"s\"]}";
    QTest::newRow("yaml") << "yaml" << "name: \"x\" # c\nlist:\n  - 1\n  - two";
    QTest::newRow("html") << "html" << "<!-- a\n b --> <p class=\"a\">x</p>\n<script>var x = 1;</script>";
    QTest::newRow("css") << "css" << "/* a\n b */ a { color: red; }\n.b { margin: 0 1px; }";
    QTest::newRow("markdown") << "markdown" << "# Title\n*em* `code` **b**\n- item";
}

void TestCodeHighlighter::longBlock_coloursMatchTheSynchronousPath()
{
    QFETCH(QString, language);
    QFETCH(QString, sample);
    // Longer than one pass does itself: the rest goes to the pool in chunks.
    const QStringList lines = repeated(sample, 1200);
    const auto document = codeDocument(language, lines.join(QLatin1Char('\n')));
    CodeHighlighter highlighter(document.get());
    QVERIFY(highlighter.hasPending());
    QTRY_VERIFY_WITH_TIMEOUT(!highlighter.hasPending(), 30000);
    const auto shown = shownFormats(*document);
    HighlightEngine::clearCache();
    const auto expected = synchronousFormats(highlighter, language, lines);
    QCOMPARE(shown.size(), expected.size());
    int coloured = 0;
    for (int i = 0; i < shown.size(); ++i) {
        QVERIFY2(shown.at(i) == expected.at(i), qPrintable(QStringLiteral("line %1: %2").arg(i).arg(lines.at(i))));
        coloured += shown.at(i).isEmpty() ? 0 : 1;
    }
    QVERIFY(coloured >= lines.size() / 4);
    // Prose keeps no colours.
    QVERIFY(document->begin().layout()->formats().isEmpty());
    QVERIFY(document->lastBlock().layout()->formats().isEmpty());
}

void TestCodeHighlighter::commentOpenAcrossTheChunkCut_colouredAsComment()
{
    // 1,000 lines: a comment from line 400 to line 900, across where the pool's chunks meet.
    QStringList lines;
    for (int i = 0; i < 400; ++i)
        lines.append(QStringLiteral("int a%1 = %1;").arg(i));
    lines.append(QStringLiteral("/* open"));
    for (int i = 401; i < 900; ++i)
        lines.append(QStringLiteral("   int still%1 = %1;").arg(i));
    lines.append(QStringLiteral("*/ int end = 1;"));
    for (int i = 901; i < 1000; ++i)
        lines.append(QStringLiteral("int b%1 = %1;").arg(i));
    const auto document = codeDocument(QStringLiteral("cpp"), lines.join(QLatin1Char('\n')));
    CodeHighlighter highlighter(document.get());
    QVERIFY(HighlightEngine::pool()->maxThreadCount() >= 2);
    QTRY_VERIFY_WITH_TIMEOUT(!highlighter.hasPending(), 30000);
    const QColor type = highlighter.format(CodeHighlighter::Role::Type).foreground().color();
    for (int i = 401; i < 900; ++i) {
        const auto format = formatAt(lineBlock(*document, i), 3);
        QVERIFY2(format && format->fontItalic(), qPrintable(QStringLiteral("line %1 is not comment").arg(i)));
    }
    QCOMPARE(formatAt(lineBlock(*document, 900), 3)->foreground().color(), type);
    QCOMPARE(formatAt(lineBlock(*document, 950), 0)->foreground().color(), type);
    QCOMPARE(formatAt(lineBlock(*document, 399), 0)->foreground().color(), type);
    HighlightEngine::clearCache();
    QVERIFY(shownFormats(*document) == synchronousFormats(highlighter, QStringLiteral("cpp"), lines));
}

void TestCodeHighlighter::rawStringWithMadeUpState_colouredOnTheGuiThread()
{
    // Rust's r#"..."# ends with as many # as it began: Source-highlight makes that state up as
    // it reads, so no worker can go on from it; the GUI thread does.
    QStringList lines;
    for (int i = 0; i < 300; ++i)
        lines.append(QStringLiteral("let a%1 = %1;").arg(i));
    lines.append(QStringLiteral("let s = r##\"raw"));
    for (int i = 301; i < 500; ++i)
        lines.append(QStringLiteral("fn not_code%1() \"# {}").arg(i));
    lines.append(QStringLiteral("\"##; fn after() {}"));
    for (int i = 501; i < 700; ++i)
        lines.append(QStringLiteral("let b%1 = %1;").arg(i));
    const auto document = codeDocument(QStringLiteral("rust"), lines.join(QLatin1Char('\n')));
    CodeHighlighter highlighter(document.get());
    QTRY_VERIFY_WITH_TIMEOUT(!highlighter.hasPending(), 30000);
    const QColor string = highlighter.format(CodeHighlighter::Role::String).foreground().color();
    const QColor keyword = highlighter.format(CodeHighlighter::Role::Keyword).foreground().color();
    QCOMPARE(formatAt(lineBlock(*document, 400), 0)->foreground().color(), string);
    QCOMPARE(formatAt(lineBlock(*document, 500), 5)->foreground().color(), keyword);
    QCOMPARE(formatAt(lineBlock(*document, 600), 0)->foreground().color(), keyword);
    HighlightEngine::clearCache();
    const auto expected = synchronousFormats(highlighter, QStringLiteral("rust"), lines);
    QVERIFY2(shownFormats(*document) == expected, qPrintable(firstDifference(shownFormats(*document), expected, lines)));
}

void TestCodeHighlighter::rerender_findsEveryLineInTheCache()
{
    QStringList lines;
    for (int i = 0; i < 800; ++i)
        lines.append(QStringLiteral("static int f%1(int x) { return x * %1; } // %1").arg(i));
    const QString code = lines.join(QLatin1Char('\n'));
    const auto first = codeDocument(QStringLiteral("cpp"), code);
    CodeHighlighter highlighter(first.get());
    QTRY_VERIFY_WITH_TIMEOUT(!highlighter.hasPending(), 30000);
    const HighlightEngine::Stats before = HighlightEngine::stats();
    QVERIFY(before.lines >= lines.size());
    // The same code again, in another document and as a theme change: nothing is highlighted again.
    const auto second = codeDocument(QStringLiteral("cpp"), code);
    CodeHighlighter again(second.get());
    QTRY_VERIFY(!again.hasPending());
    highlighter.setDark(true);
    QTRY_VERIFY(!highlighter.hasPending());
    const HighlightEngine::Stats after = HighlightEngine::stats();
    QCOMPARE(after.lines, before.lines);
    QVERIFY(after.hits - before.hits >= 2 * lines.size());
    QVERIFY(shownFormats(*second) == synchronousFormats(again, QStringLiteral("cpp"), lines));
}

void TestCodeHighlighter::appendedLine_colouredInTheSameUpdate()
{
    // Streaming: each new line is coloured in the update that brings it, without the pool.
    const auto document = codeDocument(QStringLiteral("python"), QStringLiteral("import os"));
    CodeHighlighter highlighter(document.get());
    QVERIFY(!highlighter.hasPending());
    const QColor keyword = highlighter.format(CodeHighlighter::Role::Keyword).foreground().color();
    QTextBlock last = lineBlock(*document, 0);
    for (int i = 1; i < 100; ++i) {
        QTextCursor cursor(last);
        cursor.movePosition(QTextCursor::EndOfBlock);
        cursor.insertText(QStringLiteral("\nreturn %1").arg(i));
        last = lineBlock(*document, i);
        QCOMPARE(last.text(), QStringLiteral("return %1").arg(i));
        QVERIFY(!highlighter.hasPending());
        QVERIFY2(formatAt(last, 0).has_value(), qPrintable(last.text()));
        QCOMPARE(formatAt(last, 0)->foreground().color(), keyword);
    }
}

void TestCodeHighlighter::destroyedWhileWorkersRun_isSafe()
{
    QStringList lines;
    for (int i = 0; i < 4000; ++i)
        lines.append(QStringLiteral("double g%1 = %1.5; /* x */").arg(i));
    const QString code = lines.join(QLatin1Char('\n'));
    {
        auto document = codeDocument(QStringLiteral("cpp"), code);
        auto *highlighter = new CodeHighlighter(document.get()); // the document's child
        QVERIFY(highlighter->hasPending());
        QCoreApplication::processEvents();
        document.reset(); // the highlighter goes with it, work in flight
    }
    {
        HighlightEngine::clearCache();
        auto view = std::make_unique<ConversationView>();
        ChatMessage answer;
        answer.id = 1;
        answer.role = QStringLiteral("assistant");
        answer.status = ChatMessage::Status::Complete;
        answer.content = QStringLiteral("```cpp\n") + code + QStringLiteral("\n```\n");
        view->setMessages({answer});
        QVERIFY(view->highlighter()->hasPending());
        view.reset();
    }
    // The workers finish on their own; what they post to the dead highlighters is dropped.
    HighlightEngine::pool()->waitForDone();
    QCoreApplication::processEvents();
    QCoreApplication::sendPostedEvents();
    // And a new highlighter still works, from what the dead ones left in the cache.
    const auto document = codeDocument(QStringLiteral("cpp"), code);
    CodeHighlighter highlighter(document.get());
    QTRY_VERIFY_WITH_TIMEOUT(!highlighter.hasPending(), 30000);
    QVERIFY(formatAt(lineBlock(*document, 3999), 0).has_value());
}

QTEST_MAIN(TestCodeHighlighter)
#include "tst_codehighlighter.moc"
