// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The window benchmarks' (bench_stall, bench_startup) common parts: a history of short chats and
// a long one, made through ChatStore::importChat(), and the window with its parts as
// src/app/main.cpp builds them. bench_search makes the larger, Zipf-worded history for search.
#include "core/chatstore.h"
#include "core/settings.h"
#include "gui/mainwindow.h"
#include "support/chatfixture.h"
#include "support/windowparts.h"

#include <QStringList>

#include <optional>

namespace Corral::Bench {

inline bool makeHistory(const QString &path, int chats)
{
    ChatStore store;
    QString error;
    if (!store.open(path, &error))
        return false;
    const QStringList words{QStringLiteral("docker"), QStringLiteral("compose"), QStringLiteral("rust"), QStringLiteral("borrow"),
                            QStringLiteral("postgres"), QStringLiteral("index"), QStringLiteral("git"), QStringLiteral("rebase")};
    for (int c = 0; c < chats; ++c) {
        const auto content = [&words, c](int m) {
            return QStringLiteral("Message %1 of chat %2: %3 and %4, with some more words to search through.")
                .arg(m).arg(c).arg(words.at((c + m) % words.size()), words.at((c * 7 + m) % words.size()));
        };
        if (!Test::importChat(&store, QStringLiteral("Chat %1 about %2").arg(c).arg(words.at(c % words.size())), 20, content, &error))
            return false;
    }
    return true;
}

/// A chat of @p count messages, answers with Markdown (a heading, a list, code), as the window's
/// long-chat figures use it.
inline std::optional<ChatSummary> addLongChat(ChatStore *store, const QString &title, int count)
{
    return Test::importChat(store, title, count, [](int i) {
        return i % 2 ? QStringLiteral("### Answer %1\n\n- a point\n- another **point**\n\n```cpp\nint x = %1;\n```").arg(i)
                     : QStringLiteral("Question %1?").arg(i);
    });
}

/// The window on @p store, talking to the Ollama at @p ollamaUrl, with its settings in
/// @p settingsPath: the parts src/app/main.cpp gives it (tests/support/windowparts.h).
struct Window
{
    Window(const QString &settingsPath, const QString &ollamaUrl)
        : settings(settingsPath)
    {
        settings.setValue(SettingsKey::OllamaUrl, ollamaUrl);
    }
    Settings settings;
    std::optional<Test::WindowParts> parts;

    MainWindow &make(ChatStore *store)
    {
        parts.emplace(&settings, store);
        return parts->window;
    }
};

} // namespace Corral::Bench
