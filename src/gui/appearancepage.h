// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QApplication;
class QComboBox;
class QSpinBox;
class QTranslator;

namespace Corral {

class Settings;

/// Preferences > Appearance: theme (system, light, dark) and the chat's font size.
class AppearancePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppearancePage)

public:
    AppearancePage(Settings *settings, QWidget *parent = nullptr);
    void save();
    QComboBox *themeBox() const { return m_theme; }
    QSpinBox *fontSizeSpin() const { return m_fontSize; }

    /// Applies "system", "light" or "dark" to the whole application.
    static void applyTheme(const QString &theme);

private:
    Settings *m_settings;
    QComboBox *m_theme;
    QSpinBox *m_fontSize;
};

/// Preferences > Language: the system's language or a chosen translation.
class LanguagePage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LanguagePage)

public:
    LanguagePage(Settings *settings, QWidget *parent = nullptr);
    void save();
    QComboBox *languageBox() const { return m_language; }

    /// Installs Corral's translation (and Qt's own) for @p language ("" = the system's).
    /// Returns the installed translators, owned by the application.
    static void installTranslation(const QString &language);

private:
    Settings *m_settings;
    QComboBox *m_language;
};

} // namespace Corral
