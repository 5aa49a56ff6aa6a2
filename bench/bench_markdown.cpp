// SPDX-License-Identifier: GPL-3.0-or-later
// Benchmark (not a test): streams a 10,000-token Markdown answer into the ConversationView at
// full speed, offscreen, and reports the time per update at the start and at the end of the
// answer, and the total main-thread time. One update per token is the worst case (the view
// coalesces to one per frame in real use). NOSHOW=1 measures the document alone, without the
// widget's layout.
#include "core/chatstore.h"
#include "gui/conversationview.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
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
    view.setMessages({question, answer});
    view.beginStreaming();

    const QStringList tokens = makeTokens(Tokens);
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
    std::printf("tokens: %d, characters: %lld\n", Tokens, static_cast<long long>(view.streamedText().size()));
    std::printf("update ms, first 500: median %.3f, p99 %.3f\n", startMedian, percentile(first, 0.99));
    std::printf("update ms, last 500:  median %.3f, p99 %.3f\n", endMedian, percentile(last, 0.99));
    std::printf("end/start median ratio: %.2f\n", endMedian / startMedian);
    std::printf("total main-thread time: %.0f ms (%.3f ms per token)\n", totalMs, totalMs / Tokens);
    return 0;
}
