// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/connectionerrorpanel.h"

#include "ui_connectionerrorpanel.h"

namespace Corral {

ConnectionErrorPanel::ConnectionErrorPanel(QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::ConnectionErrorPanel>())
{
    m_ui->setupUi(this);
    QFont title = m_ui->titleLabel->font();
    title.setPointSizeF(title.pointSizeF() * 1.4);
    title.setBold(true);
    m_ui->titleLabel->setFont(title);
    connect(m_ui->retryButton, &QPushButton::clicked, this, &ConnectionErrorPanel::retryRequested);
    connect(m_ui->preferencesButton, &QPushButton::clicked, this, &ConnectionErrorPanel::preferencesRequested);
    setPreferencesAvailable(false);
}

ConnectionErrorPanel::~ConnectionErrorPanel() = default;

void ConnectionErrorPanel::setFailure(const OllamaFailure &failure)
{
    m_ui->titleLabel->setText(failure.title());
    m_ui->messageLabel->setText(failure.message());
    QString hints = QStringLiteral("<ol style=\"margin-left:-20px\">");
    for (const QString &hint : failure.hints())
        hints += QStringLiteral("<li style=\"margin-bottom:6px\">%1</li>").arg(hint.toHtmlEscaped());
    m_ui->hintsLabel->setText(hints + QStringLiteral("</ol>"));
    // A word-wrapped rich-text label in a centred card gets too little height from the
    // layout: reserve what it needs at the card's width.
    const int width = m_ui->card->minimumWidth() - m_ui->cardLayout->contentsMargins().left()
        - m_ui->cardLayout->contentsMargins().right() - 2 * m_ui->card->frameWidth() - 8;
    for (QLabel *label : {m_ui->messageLabel, m_ui->hintsLabel})
        label->setMinimumHeight(label->heightForWidth(width));
}

void ConnectionErrorPanel::setPreferencesAvailable(bool available)
{
    m_ui->preferencesButton->setVisible(available);
}

QString ConnectionErrorPanel::messageText() const
{
    return m_ui->messageLabel->text();
}

QString ConnectionErrorPanel::hintsText() const
{
    return m_ui->hintsLabel->text();
}

} // namespace Corral
