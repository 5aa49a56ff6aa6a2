// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/preferencesdialog.h"

#include "core/configvalidation.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/settings.h"
#include "gui/appearancepage.h"
#include "gui/localserverpage.h"
#include "gui/overridelock.h"
#include "ui_preferencesdialog.h"
#include "core/modelinfo.h"

#include <QPushButton>
#include <QVersionNumber>

namespace Corral {

PreferencesDialog::PreferencesDialog(Settings *settings, ServerAdmin *admin, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::PreferencesDialog>())
    , m_settings(settings)
    , m_probe(std::make_unique<OllamaConnection>())
    , m_client(std::make_unique<OllamaClient>(m_probe.get()))
{
    m_ui->setupUi(this);
    m_serverPage = new LocalServerPage(settings, admin, this);
    m_ui->pages->addTab(m_serverPage, tr("Local server"));
    m_appearancePage = new AppearancePage(settings, this);
    m_ui->pages->addTab(m_appearancePage, tr("Appearance"));
    m_languagePage = new LanguagePage(settings, this);
    m_ui->pages->addTab(m_languagePage, tr("Language"));
    connect(m_serverPage, &LocalServerPage::changed, this, &PreferencesDialog::validate);
    m_ui->urlEdit->setText(settings->ollamaUrl());
    m_ui->timeoutSpin->setValue(settings->responseTimeoutSecs());
    m_ui->modelListSpin->setValue(settings->modelListTimeoutSecs());
    m_ui->timeoutNote->setText(tr("How long Ollama may take to finish an answer (5 minutes by default). Large or "
                                  "thinking models may need more."));
    m_ui->urlNote->hide();
    lockIfOverridden(settings, SettingsKey::OllamaUrl, m_ui->urlEdit, m_ui->urlNote);
    lockIfOverridden(settings, SettingsKey::ResponseTimeout, m_ui->timeoutSpin, m_ui->timeoutNote);
    lockIfOverridden(settings, SettingsKey::ModelListTimeout, m_ui->modelListSpin);

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &PreferencesDialog::validate);
    connect(m_ui->verifyButton, &QPushButton::clicked, this, &PreferencesDialog::verify);
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);

    connect(m_client.get(), &OllamaClient::versionChecked, this, [this](const QString &version) {
        QString text = tr("Connected: Ollama %1.").arg(version.toHtmlEscaped());
        if (QVersionNumber::fromString(version) < QVersionNumber::fromString(QLatin1String(MinimumOllamaVersion)))
            text += QStringLiteral("<br><b>%1</b>")
                        .arg(tr("This Ollama is older than %1: update it (see ollama.com) to see the reasoning of "
                                "thinking models and use current models.")
                                 .arg(QLatin1String(MinimumOllamaVersion))
                                 .toHtmlEscaped());
        showResult(text);
        m_client->listModels();
    });
    connect(m_client.get(), &OllamaClient::modelsListed, this, [this](const QList<ModelInfo> &models) {
        showResult(m_ui->verifyResult->text() + QLatin1Char(' ') + tr("%n model(s) installed.", nullptr, int(models.size())));
        m_ui->verifyButton->setEnabled(true);
        Q_EMIT verified(true);
    });
    const auto failed = [this](const OllamaFailure &failure) {
        // Numbered paragraphs rather than <ol>: QLabel measures their height correctly.
        QString text = QStringLiteral("<p><b>%1</b><br>%2</p>").arg(failure.title().toHtmlEscaped(), failure.message().toHtmlEscaped());
        const QStringList hints = failure.hints();
        for (int i = 0; i < hints.size(); ++i)
            text += QStringLiteral("<p>%1. %2</p>").arg(i + 1).arg(hints.at(i).toHtmlEscaped());
        showResult(text);
        m_ui->verifyButton->setEnabled(true);
        Q_EMIT verified(false);
    };
    connect(m_client.get(), &OllamaClient::versionFailed, this, failed);
    connect(m_client.get(), &OllamaClient::modelsFailed, this, failed);
    validate();
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::showResult(const QString &html)
{
    // A word-wrapped rich-text label in a form layout gets too little height: reserve it.
    m_ui->verifyResult->setText(html);
    m_ui->verifyResult->setMinimumHeight(m_ui->verifyResult->heightForWidth(qMax(300, m_ui->verifyResult->width() - 40))
                                         + 2 * m_ui->verifyResult->fontMetrics().lineSpacing());
    adjustSize();
}

void PreferencesDialog::validate()
{
    QString expected;
    const bool urlOk = !m_ui->urlEdit->isEnabled() || ConfigValidation::parseOllamaUrl(m_ui->urlEdit->text(), &expected);
    const QString serverProblem = m_serverPage ? m_serverPage->problem() : QString();
    m_ui->problemLabel->setText(!urlOk ? tr("The Ollama URL must be %1.").arg(expected) : serverProblem);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(urlOk && serverProblem.isEmpty());
    m_ui->verifyButton->setEnabled(urlOk);
}

void PreferencesDialog::verify()
{
    const auto url = ConfigValidation::parseOllamaUrl(m_ui->urlEdit->text());
    if (!url)
        return;
    m_probe->setBaseUrl(*url);
    m_probe->setModelListTimeoutSecs(m_ui->modelListSpin->value());
    m_ui->verifyButton->setEnabled(false);
    m_ui->verifyResult->setText(tr("Checking %1…").arg(url->toString().toHtmlEscaped()));
    m_client->checkVersion();
}

void PreferencesDialog::accept()
{
    if (m_ui->urlEdit->isEnabled()) {
        const auto url = ConfigValidation::parseOllamaUrl(m_ui->urlEdit->text());
        if (!url)
            return; // OK is disabled; nothing invalid is ever saved
        m_settings->setValue(SettingsKey::OllamaUrl, url->toString());
    }
    if (m_ui->timeoutSpin->isEnabled())
        m_settings->setValue(SettingsKey::ResponseTimeout, m_ui->timeoutSpin->value());
    if (m_ui->modelListSpin->isEnabled())
        m_settings->setValue(SettingsKey::ModelListTimeout, m_ui->modelListSpin->value());
    if (!m_serverPage->problem().isEmpty())
        return;
    m_serverPage->save();
    m_appearancePage->save();
    m_languagePage->save();
    m_settings->sync();
    QDialog::accept();
}

} // namespace Corral
