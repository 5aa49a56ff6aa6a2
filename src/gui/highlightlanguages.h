// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Corral {

/// A language models write in fences, and GNU Source-highlight's language file for it.
struct HighlightLanguage {
    const char *fences; ///< the fence words that name it, space separated, lower case
    const char *file;   ///< Source-highlight's .lang file (or Corral's own, resources/source-highlight)
    const char *name;   ///< shown beside Copy
};

/// The language of a fence's info string ("py", "C++", "{.rust}", "python title=x.py"); nullptr if
/// Corral knows none by that name.
const HighlightLanguage *findHighlightLanguage(const QString &fence);

} // namespace Corral
