// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArrayView>

namespace Corral::Routes {

/// Every path the local server answers, declared once. Roots have no trailing slash.
inline constexpr char Root[] = "/";
inline constexpr char Ollama[] = "/ollama";      ///< the proxy: /ollama/<Ollama's path>
inline constexpr char Api[] = "/api";            ///< Corral's own API (needs a credential)
inline constexpr char HistoryApi[] = "/api/v1";  ///< the chat history (HistoryApi)
inline constexpr char Activity[] = "/api/v1/activity"; ///< who uses the gate (ActivityApi)
inline constexpr char Static[] = "/static";      ///< the page's style sheets and scripts
inline constexpr char Auth[] = "/auth";          ///< browser sign-in
inline constexpr char SignIn[] = "/auth/signin";
inline constexpr char Session[] = "/auth/session";
inline constexpr char SignOut[] = "/auth/signout";

/// How a route matches: the path itself, or the path and everything below it (isUnder()).
enum class Match { Exact, Tree };

/// The one prefix rule: @p path is @p root or lies below it ("/ollama", "/ollama/api/tags"; never
/// "/ollamafoo"). @p root has no trailing slash (Root is matched exactly).
inline bool isUnder(QByteArrayView path, QByteArrayView root)
{
    return path.startsWith(root) && (path.size() == root.size() || path.at(root.size()) == '/');
}

/// What is below @p root in @p path, a path under it: "/api/tags" for "/ollama/api/tags", empty
/// for the root itself.
inline QByteArrayView below(QByteArrayView path, QByteArrayView root)
{
    return path.sliced(root.size());
}

/// The routes that need a credential (all of AccessControl's rules): /ollama and /api, with
/// everything under them. The others (the page, sign-in, static files) check Host only.
inline bool needsCredential(QByteArrayView path)
{
    return isUnder(path, Ollama) || isUnder(path, Api);
}

/// The routes whose answers are never cached (they carry credentials or chats).
inline bool isUncached(QByteArrayView path)
{
    return needsCredential(path) || isUnder(path, Auth) || path == Root;
}

} // namespace Corral::Routes
