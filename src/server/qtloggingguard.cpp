// SPDX-License-Identifier: GPL-3.0-or-later
#include "server/qtloggingguard.h"

#include <QLoggingCategory>

#include <cstring>
#include <mutex>

namespace Corral {

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

bool isHttpServerCategory(const char *name)
{
    static constexpr char prefix[] = "qt.httpserver";
    return std::strncmp(name, prefix, sizeof(prefix) - 1) == 0
        && (name[sizeof(prefix) - 1] == '\0' || name[sizeof(prefix) - 1] == '.');
}

void filter(QLoggingCategory *category)
{
    // The previous filter applies the rules first; ours has the last word.
    if (previousFilter)
        previousFilter(category);
    if (isHttpServerCategory(category->categoryName())) {
        for (QtMsgType type : {QtDebugMsg, QtInfoMsg, QtWarningMsg, QtCriticalMsg})
            category->setEnabled(type, false);
    }
}

} // namespace

void silenceHttpServerLogging()
{
    static std::once_flag once;
    std::call_once(once, [] { previousFilter = QLoggingCategory::installFilter(filter); });
}

} // namespace Corral
