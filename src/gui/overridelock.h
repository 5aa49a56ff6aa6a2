// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QLabel;
class QString;
class QWidget;

namespace Corral {

class Settings;

/// Disables @p field when the command line or the environment sets @p key, and says which in
/// its tool tip and in @p note (if given). Every preferences page uses it for its fields.
void lockIfOverridden(const Settings *settings, const QString &key, QWidget *field, QLabel *note = nullptr);

} // namespace Corral
