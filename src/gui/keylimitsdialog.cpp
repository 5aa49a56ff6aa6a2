// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/keylimitsdialog.h"

#include "ui_keylimitsdialog.h"

#include <QRegularExpression>

namespace Corral {

KeyLimitsDialog::KeyLimitsDialog(QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::KeyLimitsDialog>())
{
    m_ui->setupUi(this);
    m_ui->expiresEdit->setDate(QDate::currentDate().addMonths(1));
    m_ui->expiresEdit->setMinimumDate(QDate::currentDate());
}

KeyLimitsDialog::~KeyLimitsDialog() = default;

void KeyLimitsDialog::setLimits(const ServerAdmin::ApiKeyLimits &limits)
{
    m_ui->modelsEdit->setText(limits.models.join(QStringLiteral(", ")));
    m_ui->inFlightSpin->setValue(limits.maxInFlight);
    m_ui->expiresCheck->setChecked(limits.expires.isValid());
    if (limits.expires.isValid()) {
        // Stored as the start of the next day: the key works all of the day shown.
        const QDate last = limits.expires.toLocalTime().addMSecs(-1).date();
        m_ui->expiresEdit->setMinimumDate(qMin(last, QDate::currentDate()));
        m_ui->expiresEdit->setDate(last);
    }
}

ServerAdmin::ApiKeyLimits KeyLimitsDialog::limits() const
{
    ServerAdmin::ApiKeyLimits limits;
    static const QRegularExpression separators(QStringLiteral("[,\\s]+"));
    limits.models = m_ui->modelsEdit->text().split(separators, Qt::SkipEmptyParts);
    if (limits.models == QStringList{QStringLiteral("*")})
        limits.models.clear();
    limits.maxInFlight = m_ui->inFlightSpin->value();
    if (m_ui->expiresCheck->isChecked())
        limits.expires = m_ui->expiresEdit->date().addDays(1).startOfDay().toUTC();
    return limits;
}

QString KeyLimitsDialog::describe(const ServerAdmin::ApiKeyLimits &limits)
{
    QStringList parts;
    if (!limits.models.isEmpty())
        parts.append(limits.models.join(QStringLiteral(", ")));
    if (limits.maxInFlight > 0)
        parts.append(tr("%n at once", nullptr, limits.maxInFlight));
    if (limits.expires.isValid()) {
        const QString day = QLocale().toString(limits.expires.toLocalTime().addMSecs(-1).date(), QLocale::ShortFormat);
        parts.append(limits.expires <= QDateTime::currentDateTimeUtc() ? tr("expired %1").arg(day) : tr("until %1").arg(day));
    }
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(" · "));
}

} // namespace Corral
