// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): streams a 10,000-token Markdown answer into the ConversationView at
// full speed, offscreen, and reports the time per update at the start and at the end of the
// answer, and the total main-thread time. One update per token is the worst case (the view
// coalesces to one per frame in real use). NOSHOW=1 measures the document alone, without the
// widget's layout. Then: one finished answer with a 2,000-line C++ block shown at once (parsing,
// syntax highlighting and layout), and the highlighting of those 2,000 lines alone. The
// highlighting runs on a thread pool: the waits sleep in the event loop as an application does,
// and the longest time the GUI thread is busy at a stretch is reported.
#include "core/chatstore.h"
#include "gui/codehighlighter.h"
#include "gui/conversationview.h"
#include "gui/highlightengine.h"


#include <QApplication>
#include <QElapsedTimer>
#include <QTextDocument>

#include <algorithm>
#include <ctime>
#include <cstdio>
#include <vector>

using namespace Corral;

namespace {

QStringList makeTokens(int count)
{
    const QStringList paragraph{QStringLiteral("## Section\n\n"), QStringLiteral("Some "), QStringLiteral("**bold** "),
                                QStringLiteral("text with "), QStringLiteral("`code` "), QStringLiteral("and more.\n\n"),
                                QStringLiteral("- item one\n"), QStringLiteral("- item two\n\n"),
                                QStringLiteral("```cpp\n"), QStringLiteral("int main() {\n"), QStringLiteral("    return 0;\n"),
                                QStringLiteral("}\n```\n\n"), QStringLiteral("| a | b |\n|---|---|\n| 1 | 2 |\n\n")};
    QStringList tokens;
    while (tokens.size() < count)
        tokens.append(paragraph.at(tokens.size() % paragraph.size()));
    return tokens;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[size_t(p * double(values.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    constexpr int Tokens = 10000;
    ConversationView view;
    view.resize(900, 700);
    if (qEnvironmentVariableIsEmpty("NOSHOW"))
        view.show();
    ChatMessage question;
    question.id = 1;
    question.role = QStringLiteral("user");
    question.content = QStringLiteral("Write a long document.");
    ChatMessage answer;
    answer.id = 2;
    answer.role = QStringLiteral("assistant");
    answer.status = ChatMessage::Status::Streaming;
    // The stream three times over (a fresh answer each), each run's ratio reported and their
    // median: the medians are of updates of a fraction of a millisecond, which one busy moment on
    // a shared machine moves by half.
    const QStringList tokens = makeTokens(Tokens);
    std::vector<double> ratios;
    for (int run = 0; run < 3; ++run) {
        answer.id = 2 + run;
        view.setMessages({question, answer});
        view.beginStreaming();
        std::vector<double> times;
        times.reserve(Tokens);
        QElapsedTimer total;
        total.start();
        for (const QString &token : tokens) {
            QElapsedTimer one;
            one.start();
            view.appendContent(token);
            view.flush();
            times.push_back(double(one.nsecsElapsed()) / 1e6);
        }
        const double totalMs = double(total.nsecsElapsed()) / 1e6;
        const std::vector<double> first(times.begin(), times.begin() + 500);
        const std::vector<double> last(times.end() - 500, times.end());
        const double startMedian = percentile(first, 0.5);
        const double endMedian = percentile(last, 0.5);
        ratios.push_back(endMedian / startMedian);
        std::printf("stream %d: tokens: %d, characters: %lld\n", run + 1, Tokens, static_cast<long long>(view.streamedText().size()));
        std::printf("update ms, first 500: median %.3f, p99 %.3f\n", startMedian, percentile(first, 0.99));
        std::printf("update ms, last 500:  median %.3f, p99 %.3f\n", endMedian, percentile(last, 0.99));
        std::printf("end/start median ratio: %.2f\n", endMedian / startMedian);
        std::printf("total main-thread time: %.0f ms (%.3f ms per token)\n", totalMs, totalMs / Tokens);
    }
    std::printf("end/start median ratio, median of the 3 streams: %.2f (limit 1.5)\n", percentile(ratios, 0.5));
    const HighlightEngine::Stats streamed = HighlightEngine::stats();
    std::printf("code lines while streaming: %lld from the cache, %lld highlighted\n", streamed.hits, streamed.lines);

    // A 2,000-line block: a real-looking C++ function repeated, with comments, strings, numbers.
    QString code;
    for (int line = 0; line < 2000; ++line) {
        switch (line % 5) {
        case 0: code += QStringLiteral("/* block %1: checks the input */\n").arg(line); break;
        case 1: code += QStringLiteral("static int check%1(const std::string &name, double limit = 2.5) {\n").arg(line); break;
        case 2: code += QStringLiteral("    if (name.empty()) return -1; // nothing to do\n"); break;
        case 3: code += QStringLiteral("    std::printf(\"%s: %d\\n\", name.c_str(), 0x%1);\n").arg(line, 0, 16); break;
        default: code += QStringLiteral("}\n"); break;
        }
    }
    ChatMessage big = answer;
    big.status = ChatMessage::Status::Complete;
    big.content = QStringLiteral("A long file:\n\n```cpp\n") + code + QStringLiteral("```\n");
    // Waits as an application does, asleep until a worker's result or a timer wakes it, and
    // returns the longest stretch the GUI thread worked at one wake-up (its CPU time).
    const auto cpuMs = [](clockid_t clock) {
        timespec now{};
        clock_gettime(clock, &now);
        return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
    };
    const auto threadMs = [&cpuMs] { return cpuMs(CLOCK_THREAD_CPUTIME_ID); };
    const auto processMs = [&cpuMs] { return cpuMs(CLOCK_PROCESS_CPUTIME_ID); };
    const auto waitFor = [&threadMs](const CodeHighlighter *highlighter) {
        double longest = 0;
        while (highlighter->hasPending()) {
            const double before = threadMs();
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
            longest = std::max(longest, threadMs() - before);
        }
        return longest;
    };
    std::vector<double> shows, colours, afterShown, warm, highlights, slices, viewSlices, viewPasses;
    // CPU time, all threads and the GUI thread's, for what two idle cores would take at least.
    std::vector<double> viewCpu, viewGuiCpu, aloneCpu, aloneGuiCpu;
    for (int round = 0; round < 5; ++round) {
        // Cold: nothing of this code in the highlighter's cache. (The view renders only what
        // changed: an empty conversation first, untimed, makes each show a whole one.)
        view.setMessages({});
        QCoreApplication::processEvents();
        HighlightEngine::clearCache();
        QElapsedTimer show;
        show.start();
        view.highlighter()->resetLongestPass();
        double cpuBefore = processMs();
        double guiBefore = threadMs();
        view.setMessages({question, big});
        shows.push_back(double(show.nsecsElapsed()) / 1e6);
        viewSlices.push_back(waitFor(view.highlighter()));
        viewPasses.push_back(view.highlighter()->longestPassMs());
        colours.push_back(double(show.nsecsElapsed()) / 1e6);
        afterShown.push_back(colours.back() - shows.back());
        viewCpu.push_back(processMs() - cpuBefore);
        viewGuiCpu.push_back(threadMs() - guiBefore);
        // Warm: the same answer shown again (a re-render, a theme change).
        view.setMessages({});
        QCoreApplication::processEvents();
        show.start();
        view.setMessages({question, big});
        waitFor(view.highlighter());
        warm.push_back(double(show.nsecsElapsed()) / 1e6);
        // The view's own painting and layout after it, before the next measurement starts.
        for (int turn = 0; turn < 3; ++turn)
            QCoreApplication::processEvents();
        // The highlighting alone: the same lines in a plain document, as code of the view's kind.
        HighlightEngine::clearCache();
        QTextDocument document;
        QTextCursor cursor(&document);
        QTextBlockFormat format;
        format.setProperty(QTextFormat::BlockCodeFence, QStringLiteral("`"));
        format.setProperty(QTextFormat::BlockCodeLanguage, QStringLiteral("cpp"));
        cursor.setBlockFormat(format);
        cursor.insertText(code.chopped(1));
        QElapsedTimer highlight;
        highlight.start();
        cpuBefore = processMs();
        guiBefore = threadMs();
        CodeHighlighter highlighter(&document); // starts on the text already there
        const double first = double(highlight.nsecsElapsed()) / 1e6;
        waitFor(&highlighter);
        slices.push_back(std::max(first, highlighter.longestPassMs()));
        highlights.push_back(double(highlight.nsecsElapsed()) / 1e6);
        aloneCpu.push_back(processMs() - cpuBefore);
        aloneGuiCpu.push_back(threadMs() - guiBefore);
    }
    std::printf("2,000-line C++ block, median of 5: a finished answer shown in %.1f ms, all its colours in %.1f ms\n",
                percentile(shows, 0.5), percentile(colours, 0.5));
    std::printf("2,000-line C++ block, highlighting alone: %.1f ms in all, longest slice %.1f ms\n",
                percentile(highlights, 0.5), percentile(slices, 0.5));
    std::printf("2,000-line C++ block, shown view: all its colours %.1f ms after it is shown; longest highlighter pass "
                "%.1f ms, longest GUI-thread stretch after it is set %.1f ms (CPU, with the view's own painting); shown "
                "again (cached) with all its colours in %.1f ms\n",
                percentile(afterShown, 0.5), percentile(viewPasses, 0.5), percentile(viewSlices, 0.5), percentile(warm, 0.5));
    std::printf("2,000-line C++ block, CPU time (all threads / GUI thread): shown view to all its colours %.1f / %.1f ms, "
                "highlighting alone %.1f / %.1f ms\n",
                percentile(viewCpu, 0.5), percentile(viewGuiCpu, 0.5), percentile(aloneCpu, 0.5), percentile(aloneGuiCpu, 0.5));
    return 0;
}
