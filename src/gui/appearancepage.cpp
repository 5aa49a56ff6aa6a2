// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/appearancepage.h"

#include "core/settings.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLibraryInfo>
#include <QSpinBox>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace Corral {

AppearancePage::AppearancePage(Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_theme(new QComboBox(this))
    , m_fontSize(new QSpinBox(this))
{
    auto *form = new QFormLayout(this);
    m_theme->addItem(tr("Same as the system"), QStringLiteral("system"));
    m_theme->addItem(tr("Light"), QStringLiteral("light"));
    m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(settings->value(SettingsKey::UiTheme).toString())));
    form->addRow(tr("&Theme:"), m_theme);
    m_fontSize->setRange(0, 32);
    m_fontSize->setSpecialValueText(tr("Default"));
    m_fontSize->setSuffix(tr(" pt"));
    m_fontSize->setValue(settings->value(SettingsKey::UiFontSize).toInt());
    form->addRow(tr("Chat &font size:"), m_fontSize);
}

void AppearancePage::save()
{
    m_settings->setValue(SettingsKey::UiTheme, m_theme->currentData().toString());
    m_settings->setValue(SettingsKey::UiFontSize, m_fontSize->value());
}

void AppearancePage::applyTheme(const QString &theme)
{
    if (theme == QLatin1String("light") || theme == QLatin1String("dark")) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QPalette palette = QApplication::style()->standardPalette();
        if (theme == QLatin1String("dark")) {
            const QColor window(0x2b, 0x2d, 0x2b), base(0x1e, 0x20, 0x1e), text(0xec, 0xec, 0xe8), accent(0x7c, 0xc5, 0x9e);
            palette.setColor(QPalette::Window, window);
            palette.setColor(QPalette::WindowText, text);
            palette.setColor(QPalette::Base, base);
            palette.setColor(QPalette::AlternateBase, window);
            palette.setColor(QPalette::Text, text);
            palette.setColor(QPalette::Button, window);
            palette.setColor(QPalette::ButtonText, text);
            palette.setColor(QPalette::ToolTipBase, base);
            palette.setColor(QPalette::ToolTipText, text);
            palette.setColor(QPalette::Highlight, accent);
            palette.setColor(QPalette::HighlightedText, base);
            palette.setColor(QPalette::Link, accent);
            palette.setColor(QPalette::PlaceholderText, QColor(0xa8, 0xa8, 0xa1));
            palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x7a));
            palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x7a));
        }
        QApplication::setPalette(palette);
        return;
    }
    QApplication::setPalette(QApplication::style()->standardPalette());
}

LanguagePage::LanguagePage(Settings *settings, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_language(new QComboBox(this))
{
    auto *form = new QFormLayout(this);
    m_language->addItem(tr("Same as the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("Français"), QStringLiteral("fr"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(settings->value(SettingsKey::UiLanguage).toString())));
    form->addRow(tr("&Language:"), m_language);
    auto *note = new QLabel(tr("A new language is used the next time Corral starts."), this);
    note->setWordWrap(true);
    form->addRow(note);
}

void LanguagePage::save()
{
    m_settings->setValue(SettingsKey::UiLanguage, m_language->currentData().toString());
}

void LanguagePage::installTranslation(const QString &language)
{
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto *corral = new QTranslator(qApp);
    if (corral->load(locale, QStringLiteral("corral"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(corral);
    else
        delete corral;
    auto *qt = new QTranslator(qApp);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
}

} // namespace Corral
