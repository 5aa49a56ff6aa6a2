// SPDX-License-Identifier: GPL-3.0-or-later
// The conversation view's rendering of answers: highlighted code blocks with their language
// beside Copy, and a streamed answer that looks right after every token.
#include "gui/codehighlighter.h"
#include "gui/conversationview.h"

#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTextList>
#include <QTextTable>

using namespace Corral;

namespace {

// A real answer: heading, C++, a table right after the closing fence (no blank line), a list,
// a quote and another code block.
const char Answer[] = "## Reading a file in C++\n\n"
                      "Use `std::ifstream`:\n\n"
                      "```cpp\n#include <fstream>\n\nint main() {\n    std::ifstream in(\"data.txt\"); // open\n    return in ? 0 : 1;\n}\n```\n"
                      "| Stream | Use |\n|---|---|\n| ifstream | read |\n| ofstream | write |\n\n"
                      "- open the file\n- check it\n  - then read\n\n"
                      "> Tip: the destructor closes the file.\n\n"
                      "```python\nwith open(\"data.txt\") as f:\n    print(f.read())\n```\n"
                      "Done.\n";

QList<ChatMessage> streamingConversation()
{
    ChatMessage question;
    question.id = 1;
    question.role = QStringLiteral("user");
    question.content = QStringLiteral("How do I read a file?");
    ChatMessage answer;
    answer.id = 2;
    answer.role = QStringLiteral("assistant");
    answer.status = ChatMessage::Status::Streaming;
    return {question, answer};
}

QList<ChatMessage> finishedConversation(const QString &content)
{
    QList<ChatMessage> messages = streamingConversation();
    messages[1].status = ChatMessage::Status::Complete;
    messages[1].content = content;
    return messages;
}

bool isCode(const QTextBlock &block)
{
    return block.blockFormat().hasProperty(QTextFormat::BlockCodeFence);
}

QList<QTextBlock> blocksContaining(const QTextDocument *document, const QString &text)
{
    QList<QTextBlock> found;
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        if (block.text().contains(text))
            found.append(block);
    }
    return found;
}

// The colour the highlighter gives the character at @p column of @p block, if any.
std::optional<QTextCharFormat> formatAt(const QTextBlock &block, int column)
{
    for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
        if (column >= range.start && column < range.start + range.length)
            return range.format;
    }
    return std::nullopt;
}

// The block of @p text, perhaps with the start of a next line still arriving ("two 3").
QTextBlock blockWithText(const QTextDocument *document, const QString &text)
{
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        const QString shown = block.text();
        if (shown == text || (shown.startsWith(text) && (shown.at(text.size()) == QLatin1Char(' ') || shown.at(text.size()) == QChar::LineSeparator)))
            return block;
    }
    return {};
}

// A code block inside a list item, rendered so far from @p streamed: drawn inside its item
// (indented as far, under its own language and Copy line, not an item itself), and the items
// after it in the list they continue, numbered on.
void verifyCodeInList(const QTextDocument *document, const QString &streamed)
{
    QFETCH(QString, codeLine);
    QFETCH(int, depth);
    QFETCH(QStringList, sameList);
    QFETCH(QStringList, numbers);
    QFETCH(QStringList, levels);
    QFETCH(QString, after);
    const auto arrived = [&streamed](const QString &text) { return streamed.contains(text + QLatin1Char('\n')); };
    for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
        // An empty item only at the end, where "- " or "2." is arriving; elsewhere a stray number.
        QVERIFY2(!block.textList() || !block.text().isEmpty() || block == document->lastBlock(),
                 qPrintable(QStringLiteral("an empty list item after %1 characters").arg(streamed.size())));
        if (!isCode(block))
            continue;
        const QString where = QStringLiteral("\"%1\" after %2 characters").arg(block.text()).arg(streamed.size());
        QVERIFY2(codeLine.startsWith(block.text()), qPrintable(where + QStringLiteral(" is code")));
        QVERIFY2(block.blockFormat().indent() == depth, qPrintable(where + QStringLiteral(": indent %1").arg(block.blockFormat().indent())));
        QVERIFY2(!block.textList(), qPrintable(where + QStringLiteral(" is a list item")));
    }
    if (arrived(codeLine)) {
        const QTextBlock code = blockWithText(document, codeLine);
        QVERIFY2(code.isValid() && isCode(code), qPrintable(QStringLiteral("no code block after %1 characters").arg(streamed.size())));
        const QTextBlock header = code.previous();
        QVERIFY(header.text().endsWith(QStringLiteral("Python \u00B7 Copy code")) || header.text().endsWith(QStringLiteral("Shell \u00B7 Copy code")));
        QCOMPARE(header.blockFormat().indent(), depth);
        QVERIFY(!header.textList());
        // No empty line between the code and what follows it.
        if (arrived(after))
            QVERIFY2(code.next() == blockWithText(document, after), qPrintable(QStringLiteral("\"%1\" follows the code after %2 characters").arg(code.next().text()).arg(streamed.size())));
    }
    for (const QString &pair : sameList) {
        const QString a = pair.section(QLatin1Char('|'), 0, 0), b = pair.section(QLatin1Char('|'), 1, 1);
        if (!arrived(b))
            continue;
        const QTextBlock first = blockWithText(document, a), second = blockWithText(document, b);
        QVERIFY2(first.textList() && first.textList() == second.textList(),
                 qPrintable(QStringLiteral("%1 and %2 are not in one list after %3 characters").arg(a, b).arg(streamed.size())));
    }
    for (const QString &number : numbers) {
        const QString item = number.section(QLatin1Char('='), 0, 0);
        if (!arrived(item))
            continue;
        const QTextBlock block = blockWithText(document, item);
        QVERIFY(block.textList());
        QVERIFY2(block.textList()->itemText(block) == number.section(QLatin1Char('='), 1, 1),
                 qPrintable(QStringLiteral("%1 is numbered %2 after %3 characters").arg(item, block.textList()->itemText(block)).arg(streamed.size())));
    }
    for (const QString &level : levels) {
        const QString item = level.section(QLatin1Char('='), 0, 0);
        if (!arrived(item))
            continue;
        const QTextBlock block = blockWithText(document, item);
        QVERIFY(block.textList());
        QCOMPARE(block.textList()->format().indent(), level.section(QLatin1Char('='), 1, 1).toInt());
    }
}

double luminance(const QColor &colour)
{
    const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double x = luminance(a), y = luminance(b);
    return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

} // namespace

class TestConversationView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void streaming_everyStepLooksLikeWhatItBecomes();
    void streaming_copyOfAClosedBlockWhileStreaming();
    void codeBlock_highlightedWithLanguageBesideCopy();
    void codeBlock_multiLineCommentCarriesOver();
    void languages_aliasesMapToLanguageFiles();
    void themes_codeColoursReadableLightAndDark();
    void splitFences_closingNeedsTheSameFence();
    void codeInList_insideTheItemAndNumberingGoesOn_data();
    void codeInList_insideTheItemAndNumberingGoesOn();
    void codeInList_copyLinksFollowTheBlocks();
    void longBlock_highlightedInSlicesWithoutBlocking();
};

void TestConversationView::streaming_everyStepLooksLikeWhatItBecomes()
{
    ConversationView view;
    view.resize(800, 600);
    view.setMessages(streamingConversation());
    view.beginStreaming();
    const QString answer = QString::fromUtf8(Answer);
    const QStringList code = ConversationView::codeBlocks(answer);
    QCOMPARE(code.size(), 2);
    const QStringList codeLines = (code.at(0) + QLatin1Char('\n') + code.at(1)).split(QLatin1Char('\n'));
    // Tokens of 1 to 4 characters, as models send them.
    for (qsizetype at = 0, step = 0; at < answer.size(); ++step) {
        const qsizetype length = std::min<qsizetype>(1 + step % 4, answer.size() - at);
        view.appendContent(answer.mid(at, length));
        at += length;
        view.flush();
        const QString streamed = answer.left(at);
        for (QTextBlock block = view.document()->begin(); block.isValid(); block = block.next()) {
            const QString text = block.text();
            if (isCode(block)) {
                // A code block holds code lines (the last perhaps still arriving), nothing else.
                const bool codeLine = std::any_of(codeLines.cbegin(), codeLines.cend(), [&text](const QString &line) { return line.startsWith(text); });
                QVERIFY2(codeLine, qPrintable(QStringLiteral("after %1 characters, %2 is in a code block").arg(at).arg(text)));
            }
            if (text.contains(QLatin1String("Stream")) || text.contains(QLatin1String("ifstream |")) || text.contains(QLatin1String("write")))
                QVERIFY2(!isCode(block), qPrintable(QStringLiteral("a table row is code after %1 characters").arg(at)));
            if (text.contains(QLatin1String("Tip")) || text.contains(QLatin1String("open the file")) || text.contains(QLatin1String("Done")))
                QVERIFY2(!isCode(block), qPrintable(QStringLiteral("%1 is code after %2 characters").arg(text).arg(at)));
            // A heading, list item or quote never shows its Markdown marker as text.
            if (!isCode(block) && text.startsWith(QLatin1String("## ")) && streamed.contains(QLatin1String("C++\n")))
                QFAIL(qPrintable(QStringLiteral("the heading is raw after %1 characters").arg(at)));
        }
        // Once the table's separator row has arrived, its rows are table cells.
        if (streamed.contains(QLatin1String("| ifstream | read |\n"))) {
            const QList<QTextBlock> rows = blocksContaining(view.document(), QStringLiteral("ifstream"));
            const bool inTable = std::any_of(rows.cbegin(), rows.cend(), [](const QTextBlock &block) {
                return qobject_cast<QTextTable *>(QTextCursor(block).currentTable()) != nullptr;
            });
            QVERIFY2(inTable, qPrintable(QStringLiteral("the table row is not a cell after %1 characters").arg(at)));
        }
        if (streamed.contains(QLatin1String("- check it\n"))) {
            const QList<QTextBlock> items = blocksContaining(view.document(), QStringLiteral("check it"));
            QVERIFY(!items.isEmpty() && items.first().textList());
        }
        if (streamed.contains(QLatin1String("> Tip: the"))) {
            const QList<QTextBlock> quote = blocksContaining(view.document(), QStringLiteral("Tip: the"));
            QVERIFY(!quote.isEmpty());
            QVERIFY2(quote.first().blockFormat().intProperty(QTextFormat::BlockQuoteLevel) == 1,
                     qPrintable(QStringLiteral("the quote is not a quote after %1 characters").arg(at)));
            QVERIFY(!quote.first().text().startsWith(QLatin1Char('>')));
        }
    }
    // The end: both code blocks highlighted with their languages, the rest as it is when finished.
    const QList<QTextBlock> include = blocksContaining(view.document(), QStringLiteral("#include <fstream>"));
    QCOMPARE(include.size(), 1);
    QVERIFY(isCode(include.first()));
    QCOMPARE(include.first().blockFormat().stringProperty(QTextFormat::BlockCodeLanguage), QStringLiteral("cpp"));
    const QList<QTextBlock> with = blocksContaining(view.document(), QStringLiteral("with open"));
    QCOMPARE(with.size(), 1);
    QCOMPARE(with.first().blockFormat().stringProperty(QTextFormat::BlockCodeLanguage), QStringLiteral("python"));
    QTRY_VERIFY_WITH_TIMEOUT(!view.highlighter()->hasPending(), 30000); // a pass is time-boxed (slower builds take more)
    const QList<QTextBlock> print = blocksContaining(view.document(), QStringLiteral("print(f.read())"));
    QVERIFY(formatAt(print.first(), int(print.first().text().indexOf(QLatin1String("print")))).has_value()); // a keyword
    QCOMPARE(view.streamedText(), answer);
}

void TestConversationView::streaming_copyOfAClosedBlockWhileStreaming()
{
    ConversationView view;
    view.setMessages(streamingConversation());
    view.beginStreaming();
    view.appendContent(QStringLiteral("Here:\n```sh\nls -l\n```\nand more"));
    view.flush();
    QVERIFY(view.toPlainText().contains(QStringLiteral("Shell \u00B7 Copy code")));
    QSignalSpy copied(&view, &ConversationView::copyRequested);
    Q_EMIT view.anchorClicked(QUrl(QStringLiteral("corral:copyblock?id=2&n=0")));
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.first().first().toString(), QStringLiteral("ls -l"));
}

void TestConversationView::codeBlock_highlightedWithLanguageBesideCopy()
{
    ConversationView view;
    view.setMessages(finishedConversation(QString::fromUtf8(Answer)));
    QTRY_VERIFY_WITH_TIMEOUT(!view.highlighter()->hasPending(), 30000); // a pass is time-boxed (slower builds take more)
    const QString shown = view.toPlainText();
    QVERIFY2(shown.contains(QStringLiteral("C++ \u00B7 Copy code")), qPrintable(shown));
    QVERIFY(shown.contains(QStringLiteral("Python \u00B7 Copy code")));
    const QList<QTextBlock> ret = blocksContaining(view.document(), QStringLiteral("return in ? 0 : 1;"));
    QCOMPARE(ret.size(), 1);
    const int column = int(ret.first().text().indexOf(QLatin1String("return")));
    const auto keyword = formatAt(ret.first(), column);
    QVERIFY(keyword.has_value());
    QCOMPARE(keyword->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::Keyword).foreground().color());
    const QList<QTextBlock> open = blocksContaining(view.document(), QStringLiteral("// open"));
    const auto comment = formatAt(open.first(), int(open.first().text().indexOf(QLatin1String("// open"))));
    QVERIFY(comment.has_value() && comment->fontItalic());
    const auto string = formatAt(open.first(), int(open.first().text().indexOf(QLatin1String("\"data"))));
    QVERIFY(string.has_value());
    QCOMPARE(string->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::String).foreground().color());
    // Prose keeps no highlighting, and the text is the code as written (Copy code gives it).
    const QList<QTextBlock> prose = blocksContaining(view.document(), QStringLiteral("Done."));
    QVERIFY(prose.first().layout()->formats().isEmpty());
    QSignalSpy copied(&view, &ConversationView::copyRequested);
    Q_EMIT view.anchorClicked(QUrl(QStringLiteral("corral:copyblock?id=2&n=1")));
    QCOMPARE(copied.first().first().toString(), QStringLiteral("with open(\"data.txt\") as f:\n    print(f.read())"));
}

void TestConversationView::codeBlock_multiLineCommentCarriesOver()
{
    ConversationView view;
    view.setMessages(finishedConversation(QStringLiteral("```c\n/* one\n   two \u00E9t\u00E9 */ int x;\n```\n\n```c\nint y; /* é */ return;\n```\n")));
    QTRY_VERIFY_WITH_TIMEOUT(!view.highlighter()->hasPending(), 30000); // a pass is time-boxed (slower builds take more)
    const QList<QTextBlock> two = blocksContaining(view.document(), QStringLiteral("two"));
    QVERIFY(formatAt(two.first(), 3).has_value() && formatAt(two.first(), 3)->fontItalic());
    // After the comment closes, "int" is a type again; a non-ASCII comment does not shift it.
    const int intColumn = int(two.first().text().indexOf(QLatin1String("int")));
    QCOMPARE(formatAt(two.first(), intColumn)->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::Type).foreground().color());
    const QList<QTextBlock> y = blocksContaining(view.document(), QStringLiteral("int y"));
    const int returnColumn = int(y.first().text().indexOf(QLatin1String("return")));
    QCOMPARE(formatAt(y.first(), returnColumn)->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::Keyword).foreground().color());
}

void TestConversationView::languages_aliasesMapToLanguageFiles()
{
    const QList<QPair<QString, QString>> expected{
        {QStringLiteral("python"), QStringLiteral("Python")}, {QStringLiteral("py"), QStringLiteral("Python")},
        {QStringLiteral("c"), QStringLiteral("C")}, {QStringLiteral("cpp"), QStringLiteral("C++")}, {QStringLiteral("C++"), QStringLiteral("C++")},
        {QStringLiteral("js"), QStringLiteral("JavaScript")}, {QStringLiteral("javascript"), QStringLiteral("JavaScript")},
        {QStringLiteral("ts"), QStringLiteral("TypeScript")}, {QStringLiteral("typescript"), QStringLiteral("TypeScript")},
        {QStringLiteral("rust"), QStringLiteral("Rust")}, {QStringLiteral("rs"), QStringLiteral("Rust")},
        {QStringLiteral("go"), QStringLiteral("Go")}, {QStringLiteral("java"), QStringLiteral("Java")},
        {QStringLiteral("sh"), QStringLiteral("Shell")}, {QStringLiteral("bash"), QStringLiteral("Shell")},
        {QStringLiteral("sql"), QStringLiteral("SQL")}, {QStringLiteral("json"), QStringLiteral("JSON")},
        {QStringLiteral("yaml"), QStringLiteral("YAML")}, {QStringLiteral("yml"), QStringLiteral("YAML")},
        {QStringLiteral("html"), QStringLiteral("HTML")}, {QStringLiteral("css"), QStringLiteral("CSS")},
        {QStringLiteral("markdown"), QStringLiteral("Markdown")}, {QStringLiteral("md"), QStringLiteral("Markdown")},
        {QStringLiteral("python title=x.py"), QStringLiteral("Python")}, {QStringLiteral("{.rust}"), QStringLiteral("Rust")},
    };
    // One line each that has something to colour in that language.
    const QHash<QString, QString> samples{
        {QStringLiteral("Python"), QStringLiteral("def f(): return 1")}, {QStringLiteral("C"), QStringLiteral("int x = 1;")},
        {QStringLiteral("C++"), QStringLiteral("class A {};")}, {QStringLiteral("JavaScript"), QStringLiteral("const x = 1;")},
        {QStringLiteral("TypeScript"), QStringLiteral("const x = 1;")}, {QStringLiteral("Rust"), QStringLiteral("fn main() {}")},
        {QStringLiteral("Go"), QStringLiteral("func main() {}")}, {QStringLiteral("Java"), QStringLiteral("public class A {}")},
        {QStringLiteral("Shell"), QStringLiteral("echo \"hi\" # greet")}, {QStringLiteral("SQL"), QStringLiteral("SELECT 1;")},
        {QStringLiteral("JSON"), QStringLiteral("{\"a\": 1}")}, {QStringLiteral("YAML"), QStringLiteral("name: \"x\" # c")},
        {QStringLiteral("HTML"), QStringLiteral("<p class=\"a\">x</p>")}, {QStringLiteral("CSS"), QStringLiteral("a { color: red; } /* c */")},
        {QStringLiteral("Markdown"), QStringLiteral("# Title")},
    };
    for (const auto &[fence, name] : expected) {
        QCOMPARE(CodeHighlighter::displayName(fence), name);
        const QString file = CodeHighlighter::languageFile(fence);
        QVERIFY2(!file.isEmpty(), qPrintable(fence));
        ConversationView view;
        view.setMessages(finishedConversation(QStringLiteral("```%1\n%2\n```\n").arg(fence, samples.value(name))));
        const QList<QTextBlock> line = blocksContaining(view.document(), samples.value(name));
        QCOMPARE(line.size(), 1);
        QVERIFY2(!line.first().layout()->formats().isEmpty(), qPrintable(QStringLiteral("%1 (%2) is not highlighted").arg(fence, file)));
    }
    QCOMPARE(CodeHighlighter::displayName(QStringLiteral("brainfuck")), QStringLiteral("brainfuck"));
    QVERIFY(CodeHighlighter::languageFile(QStringLiteral("brainfuck")).isEmpty());
}

void TestConversationView::themes_codeColoursReadableLightAndDark()
{
    ConversationView view;
    view.setMessages(finishedConversation(QStringLiteral("```python\nreturn 1 # done\n```\n")));
    QVERIFY(!view.highlighter()->isDark());
    const QColor lightKeyword = view.highlighter()->format(CodeHighlighter::Role::Keyword).foreground().color();
    QPalette dark = view.palette();
    dark.setColor(QPalette::Base, QColor(0x1e, 0x20, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x2b));
    dark.setColor(QPalette::Text, QColor(0xec, 0xec, 0xe8));
    const QPalette light = view.palette();
    for (const QPalette &palette : {light, dark}) {
        view.setPalette(palette);
        QCOMPARE(view.highlighter()->isDark(), &palette == &dark || palette.color(QPalette::Base).lightness() < 128);
        for (int role = 0; role < int(CodeHighlighter::Role::Count); ++role) {
            const QTextCharFormat format = view.highlighter()->format(CodeHighlighter::Role(role));
            if (!format.hasProperty(QTextFormat::ForegroundBrush))
                continue;
            const double ratio = contrast(format.foreground().color(), palette.color(QPalette::AlternateBase));
            QVERIFY2(ratio >= 4.0, qPrintable(QStringLiteral("role %1: contrast %2").arg(role).arg(ratio)));
        }
    }
    QVERIFY(view.highlighter()->isDark());
    QVERIFY(view.highlighter()->format(CodeHighlighter::Role::Keyword).foreground().color() != lightKeyword);
    // The code block's background followed the theme, and the colours were applied again.
    QTRY_VERIFY_WITH_TIMEOUT(!view.highlighter()->hasPending(), 30000); // a pass is time-boxed (slower builds take more)
    const QList<QTextBlock> line = blocksContaining(view.document(), QStringLiteral("return 1"));
    QCOMPARE(line.first().blockFormat().background().color(), dark.color(QPalette::AlternateBase));
    QCOMPARE(formatAt(line.first(), 0)->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::Keyword).foreground().color());
}

void TestConversationView::splitFences_closingNeedsTheSameFence()
{
    const auto parts = ConversationView::splitFences(QStringLiteral("a\n````md\n```js\nx\n```\n````\nb\n~~~\ny"));
    QCOMPARE(parts.size(), 4);
    QVERIFY(!parts.at(0).code);
    QVERIFY(parts.at(1).code && parts.at(1).closed);
    QCOMPARE(parts.at(1).language, QStringLiteral("md"));
    QCOMPARE(parts.at(1).text, QStringLiteral("```js\nx\n```"));
    QCOMPARE(parts.at(2).text, QStringLiteral("b\n"));
    QVERIFY(parts.at(3).code && !parts.at(3).closed);
    QCOMPARE(parts.at(3).text, QStringLiteral("y"));
}

void TestConversationView::codeInList_insideTheItemAndNumberingGoesOn_data()
{
    QTest::addColumn<QString>("markdown");
    QTest::addColumn<QString>("codeLine");
    QTest::addColumn<int>("depth");
    QTest::addColumn<QStringList>("sameList"); // "a|b": items a and b share one list
    QTest::addColumn<QStringList>("numbers");  // "item=2.": the item's number
    QTest::addColumn<QStringList>("levels");   // "item=2": the item's list is nested so deep
    QTest::addColumn<QString>("after");        // the block right after the code
    QTest::newRow("ordered") << QStringLiteral("1. one\n\n   ```py\n   x=1\n   ```\n2. two\n") << QStringLiteral("x=1") << 1
                             << QStringList{QStringLiteral("one|two")} << QStringList{QStringLiteral("one=1."), QStringLiteral("two=2.")} << QStringList{} << QStringLiteral("two");
    // Qt's own reader makes the code an item and the next item code here: the view must not.
    QTest::newRow("ordered, tight") << QStringLiteral("1. one\n   ```py\n   x=1\n   ```\n2. two\n3. three\n") << QStringLiteral("x=1") << 1
                                    << QStringList{QStringLiteral("one|two"), QStringLiteral("two|three")}
                                    << QStringList{QStringLiteral("two=2."), QStringLiteral("three=3.")} << QStringList{} << QStringLiteral("two");
    QTest::newRow("bullets") << QStringLiteral("- one\n\n  ```py\n  x=1\n  ```\n- two\n") << QStringLiteral("x=1") << 1
                             << QStringList{QStringLiteral("one|two")} << QStringList{} << QStringList{QStringLiteral("two=1")} << QStringLiteral("two");
    QTest::newRow("nested") << QStringLiteral("- a\n  - b\n\n    ```py\n    x = 2\n    ```\n  - c\n- d\n") << QStringLiteral("x = 2") << 2
                            << QStringList{QStringLiteral("b|c"), QStringLiteral("a|d")} << QStringList{}
                            << QStringList{QStringLiteral("b=2"), QStringLiteral("c=2"), QStringLiteral("d=1")} << QStringLiteral("c");
    // Models often write the fence at the margin between numbered steps: the numbers go on.
    QTest::newRow("fence at the margin") << QStringLiteral("1. Install:\n```sh\npip install x\n```\n2. Run it\n") << QStringLiteral("pip install x") << 0
                                         << QStringList{QStringLiteral("Install:|Run it")} << QStringList{QStringLiteral("Run it=2.")} << QStringList{} << QStringLiteral("Run it");
}

void TestConversationView::codeInList_insideTheItemAndNumberingGoesOn()
{
    QFETCH(QString, markdown);
    QFETCH(QString, codeLine);
    {
        ConversationView view;
        view.resize(640, 420);
        view.setMessages(finishedConversation(markdown));
        verifyCodeInList(view.document(), markdown);
        if (QTest::currentTestFailed())
            return;
        QSignalSpy copied(&view, &ConversationView::copyRequested);
        Q_EMIT view.anchorClicked(QUrl(QStringLiteral("corral:copyblock?id=2&n=0")));
        QCOMPARE(copied.size(), 1);
        QCOMPARE(copied.first().first().toString(), codeLine); // without the item's indentation
    }
    // Token by token, one character at a time: right at every step.
    ConversationView view;
    view.resize(640, 420);
    view.setMessages(streamingConversation());
    view.beginStreaming();
    for (qsizetype at = 0; at < markdown.size(); ++at) {
        view.appendContent(markdown.mid(at, 1));
        view.flush();
        verifyCodeInList(view.document(), markdown.left(at + 1));
        if (QTest::currentTestFailed())
            return;
    }
    QCOMPARE(view.streamedText(), markdown);
    QSignalSpy copied(&view, &ConversationView::copyRequested);
    Q_EMIT view.anchorClicked(QUrl(QStringLiteral("corral:copyblock?id=2&n=0")));
    QCOMPARE(copied.size(), 1);
    QCOMPARE(copied.first().first().toString(), codeLine);
    const QList<QTextBlock> headers = blocksContaining(view.document(), QStringLiteral("Copy code"));
    QCOMPARE(headers.size(), 1); // one line per block, however many times the stream drew it
    QStringList links;
    for (auto fragment = headers.first().begin(); !fragment.atEnd(); ++fragment) {
        if (fragment.fragment().charFormat().isAnchor())
            links.append(fragment.fragment().charFormat().anchorHref());
    }
    QCOMPARE(links, QStringList{QStringLiteral("corral:copyblock?id=2&n=0")});
    if (const QString dir = qEnvironmentVariable("CORRAL_SCREENSHOT_DIR"); !dir.isEmpty())
        QVERIFY(view.grab().save(dir + QStringLiteral("/window-list-code-%1.png").arg(QString::fromLatin1(QTest::currentDataTag()).replace(QLatin1Char(' '), QLatin1Char('-')).remove(QLatin1Char(',')))));
}

void TestConversationView::codeInList_copyLinksFollowTheBlocks()
{
    // Code in items and at the margin, mixed: each Copy code gives its own block, finished and streamed.
    const QString markdown = QStringLiteral("1. a\n   ```sh\n   one\n   ```\n2. b\n\n   ```sh\n   two\n   ```\n\n```py\nthree\n```\n3. c\n");
    const QStringList expected{QStringLiteral("one"), QStringLiteral("two"), QStringLiteral("three")};
    for (const bool streamed : {false, true}) {
        ConversationView view;
        if (streamed) {
            view.setMessages(streamingConversation());
            view.beginStreaming();
            for (const QChar c : markdown) {
                view.appendContent(QString(c));
                view.flush();
            }
        } else {
            view.setMessages(finishedConversation(markdown));
        }
        QStringList links;
        for (const QTextBlock &header : blocksContaining(view.document(), QStringLiteral("Copy code"))) {
            for (auto fragment = header.begin(); !fragment.atEnd(); ++fragment) {
                if (fragment.fragment().charFormat().isAnchor())
                    links.append(fragment.fragment().charFormat().anchorHref());
            }
        }
        QSignalSpy copied(&view, &ConversationView::copyRequested);
        for (const QString &link : std::as_const(links))
            Q_EMIT view.anchorClicked(QUrl(link));
        QStringList copies;
        for (const QList<QVariant> &arguments : std::as_const(copied))
            copies.append(arguments.first().toString());
        QCOMPARE(copies, expected);
        // The code at the margin ended the list: "3." continues it as GitHub shows it.
        const QTextBlock c = blockWithText(view.document(), QStringLiteral("c"));
        QVERIFY(c.textList());
        QCOMPARE(c.textList()->itemText(c), QStringLiteral("3."));
    }
}

void TestConversationView::longBlock_highlightedInSlicesWithoutBlocking()
{
    QString code;
    for (int line = 0; line < 6000; ++line)
        code += QStringLiteral("int value%1 = %1; // line\n").arg(line);
    ConversationView view;
    view.setMessages(finishedConversation(QStringLiteral("```cpp\n") + code + QStringLiteral("```\n")));
    // The first lines are coloured at once, the last ones in a later turn of the event loop.
    const QTextBlock first = blocksContaining(view.document(), QStringLiteral("int value0 =")).first();
    QVERIFY(formatAt(first, 0).has_value());
    const QTextBlock last = blocksContaining(view.document(), QStringLiteral("int value5999 =")).first();
    QVERIFY(view.highlighter()->hasPending());
    QVERIFY(!formatAt(last, 0).has_value());
    QTRY_VERIFY_WITH_TIMEOUT(!view.highlighter()->hasPending(), 30000);
    QVERIFY(formatAt(last, 0).has_value());
    QCOMPARE(formatAt(last, 0)->foreground().color(), view.highlighter()->format(CodeHighlighter::Role::Type).foreground().color());
}

QTEST_MAIN(TestConversationView)
#include "tst_conversationview.moc"
