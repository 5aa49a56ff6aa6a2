// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/overridelock.h"

#include "core/settings.h"

#include <QCoreApplication>
#include <QLabel>

namespace Corral {

void lockIfOverridden(const Settings *settings, const QString &key, QWidget *field, QLabel *note)
{
    if (!settings->isOverridden(key))
        return;
    field->setEnabled(false);
    // The text keeps the context it was translated in.
    const QString text = QCoreApplication::translate("Corral::PreferencesDialog", "Set by %1; change it there.")
                             .arg(settings->overrideOrigin(key));
    field->setToolTip(text);
    if (note) {
        note->setText(text);
        note->show();
    }
}

} // namespace Corral
