// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMutex>

#include <functional>

namespace Corral {

/**
 * A place where a test may hold work on the thread it runs on (ChatSearcher::setSearchHook(),
 * HistoryApi::setSearchHook()): run() calls the function set(), if any, and does nothing
 * otherwise. Safe to set from one thread while run() is called on another; the function is
 * copied under the lock and called outside it.
 */
class TestHook final
{
public:
    void set(std::function<void()> hook)
    {
        const QMutexLocker locker(&m_lock);
        m_hook = std::move(hook);
    }
    void run() const
    {
        std::function<void()> hook;
        {
            const QMutexLocker locker(&m_lock);
            hook = m_hook;
        }
        if (hook)
            hook();
    }

private:
    mutable QMutex m_lock;
    std::function<void()> m_hook;
};

} // namespace Corral
