// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/chatsettingsdialog.h"

#include "ui_chatsettingsdialog.h"

namespace Corral {

ChatSettingsDialog::ChatSettingsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChatSettingsDialog>())
{
    m_ui->setupUi(this);
}

ChatSettingsDialog::~ChatSettingsDialog() = default;

void ChatSettingsDialog::setSystemPrompt(const QString &prompt)
{
    m_ui->promptEdit->setPlainText(prompt);
}

QString ChatSettingsDialog::systemPrompt() const
{
    return m_ui->promptEdit->toPlainText().trimmed();
}

void ChatSettingsDialog::setOptions(const QJsonObject &options)
{
    m_ui->temperatureSpin->setValue(options.value(QStringLiteral("temperature")).toDouble(m_ui->temperatureSpin->minimum()));
    m_ui->contextSpin->setValue(options.value(QStringLiteral("num_ctx")).toInt(0));
    m_ui->seedSpin->setValue(options.value(QStringLiteral("seed")).toInt(-1));
}

QJsonObject ChatSettingsDialog::options() const
{
    QJsonObject options;
    // The lowest value of each box is its "model default" / "random" special value.
    if (m_ui->temperatureSpin->value() > m_ui->temperatureSpin->minimum())
        options.insert(QStringLiteral("temperature"), m_ui->temperatureSpin->value());
    if (m_ui->contextSpin->value() > 0)
        options.insert(QStringLiteral("num_ctx"), m_ui->contextSpin->value());
    if (m_ui->seedSpin->value() >= 0)
        options.insert(QStringLiteral("seed"), m_ui->seedSpin->value());
    return options;
}

bool ChatSettingsDialog::useAsDefaults() const
{
    return m_ui->defaultsCheck->isChecked();
}

} // namespace Corral
