// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/preferencesdialog.h"

#include "core/configvalidation.h"
#include "core/ollamaclient.h"
#include "core/ollamaconnection.h"
#include "core/ollamaservers.h"
#include "core/settings.h"
#include "gui/appearancepage.h"
#include "gui/localserverpage.h"
#include "gui/overridelock.h"
#include "ui_preferencesdialog.h"
#include "core/modelinfo.h"

#include <QListWidget>
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
    loadServers();
    m_ui->timeoutSpin->setValue(settings->responseTimeoutSecs());
    m_ui->modelListSpin->setValue(settings->modelListTimeoutSecs());
    m_ui->timeoutNote->setText(tr("How long Ollama may take to finish an answer (5 minutes by default). Large or "
                                  "thinking models may need more."));
    m_ui->urlNote->hide();
    // The list comes from OLLAMA_BASE_URLS or --ollama-url (repeated), or one URL from
    // OLLAMA_BASE_URL / --ollama-url: all of it is read-only then, with what set it.
    const bool listOverridden = settings->isOverridden(SettingsKey::OllamaServers)
        && settings->source(SettingsKey::OllamaServers) >= settings->source(SettingsKey::OllamaUrl);
    lockIfOverridden(settings, listOverridden ? SettingsKey::OllamaServers : SettingsKey::OllamaUrl, m_ui->urlEdit,
                     m_ui->urlNote);
    if (!m_ui->urlEdit->isEnabled()) {
        for (QWidget *field : {static_cast<QWidget *>(m_ui->serverList), static_cast<QWidget *>(m_ui->addServerButton),
                               static_cast<QWidget *>(m_ui->removeServerButton), static_cast<QWidget *>(m_ui->moveUpButton),
                               static_cast<QWidget *>(m_ui->moveDownButton), static_cast<QWidget *>(m_ui->nameEdit),
                               static_cast<QWidget *>(m_ui->apiKeyEdit)}) {
            field->setEnabled(false);
            field->setToolTip(m_ui->urlEdit->toolTip());
        }
        m_ui->serverList->setEnabled(true); // to select the one to verify; the ticks stay locked
    }
    lockIfOverridden(settings, SettingsKey::ResponseTimeout, m_ui->timeoutSpin, m_ui->timeoutNote);
    lockIfOverridden(settings, SettingsKey::ModelListTimeout, m_ui->modelListSpin);

    connect(m_ui->urlEdit, &QLineEdit::textChanged, this, &PreferencesDialog::storeServer);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &PreferencesDialog::storeServer);
    connect(m_ui->apiKeyEdit, &QLineEdit::textChanged, this, &PreferencesDialog::storeServer);
    connect(m_ui->serverList, &QListWidget::currentRowChanged, this, &PreferencesDialog::showServer);
    connect(m_ui->serverList, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int row = m_ui->serverList->row(item);
        if (m_filling || row < 0 || row >= m_rows.size())
            return;
        if (!m_ui->urlEdit->isEnabled()) {
            refreshServerItems(); // locked: the tick goes back
            return;
        }
        m_rows[row].enabled = item->checkState() == Qt::Checked;
        validate();
    });
    connect(m_ui->addServerButton, &QPushButton::clicked, this, &PreferencesDialog::addServer);
    connect(m_ui->removeServerButton, &QPushButton::clicked, this, &PreferencesDialog::removeServer);
    connect(m_ui->moveUpButton, &QPushButton::clicked, this, [this] { moveServer(-1); });
    connect(m_ui->moveDownButton, &QPushButton::clicked, this, [this] { moveServer(1); });
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
        m_pendingResult = text;
        m_client->listModels();
    });
    connect(m_client.get(), &OllamaClient::modelsListed, this, [this](const QList<ModelInfo> &models) {
        showVerified(m_pendingResult + QLatin1Char(' ') + tr("%n model(s) installed.", nullptr, int(models.size())));
        m_ui->verifyButton->setEnabled(true);
        Q_EMIT verified(true);
    });
    const auto failed = [this](const OllamaFailure &failure) {
        // Numbered paragraphs rather than <ol>: QLabel measures their height correctly.
        QString text = QStringLiteral("<p><b>%1</b><br>%2</p>").arg(failure.title().toHtmlEscaped(), failure.message().toHtmlEscaped());
        const QStringList hints = failure.hints();
        for (int i = 0; i < hints.size(); ++i)
            text += QStringLiteral("<p>%1. %2</p>").arg(i + 1).arg(hints.at(i).toHtmlEscaped());
        showVerified(text);
        m_ui->verifyButton->setEnabled(true);
        Q_EMIT verified(false);
    };
    connect(m_client.get(), &OllamaClient::versionFailed, this, failed);
    connect(m_client.get(), &OllamaClient::modelsFailed, this, failed);
    validate();
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::showVerified(const QString &html)
{
    // The answer stays with the server it is about, even if another one is selected by now.
    if (m_verifying >= 0 && m_verifying < m_rows.size()) {
        m_rows[m_verifying].result = html;
        if (QListWidgetItem *item = m_ui->serverList->item(m_verifying))
            item->setToolTip(html);
    }
    if (m_verifying == currentRow())
        showResult(html);
    m_verifying = -1;
}

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
    QString urlProblem;
    if (m_ui->urlEdit->isEnabled()) {
        for (int row = 0; row < m_rows.size() && urlProblem.isEmpty(); ++row) {
            if (ConfigValidation::parseOllamaUrl(m_rows.at(row).url, &expected))
                continue;
            urlProblem = m_rows.size() == 1 ? tr("The Ollama URL must be %1.").arg(expected)
                                            : tr("The URL of server %1 must be %2.").arg(row + 1).arg(expected);
        }
        if (urlProblem.isEmpty() && std::none_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.enabled; }))
            urlProblem = tr("At least one Ollama server must be enabled.");
    }
    const bool selectedOk = bool(ConfigValidation::parseOllamaUrl(m_ui->urlEdit->text()));
    const QString serverProblem = m_serverPage ? m_serverPage->problem() : QString();
    m_ui->problemLabel->setText(!urlProblem.isEmpty() ? urlProblem : serverProblem);
    m_ui->buttons->button(QDialogButtonBox::Ok)->setEnabled(urlProblem.isEmpty() && serverProblem.isEmpty());
    m_ui->verifyButton->setEnabled(selectedOk && m_verifying < 0);
    m_ui->removeServerButton->setEnabled(m_ui->urlEdit->isEnabled() && m_rows.size() > 1);
    m_ui->moveUpButton->setEnabled(m_ui->urlEdit->isEnabled() && currentRow() > 0);
    m_ui->moveDownButton->setEnabled(m_ui->urlEdit->isEnabled() && currentRow() + 1 < m_rows.size());
}

void PreferencesDialog::loadServers()
{
    m_rows.clear();
    for (const OllamaServerConfig &config : OllamaServers::configured(m_settings))
        m_rows.append(Row{config.url.toString(), config.name, config.enabled, QString::fromUtf8(config.apiKey), {}});
    m_pullServer = m_settings->value(SettingsKey::OllamaPullServer).toInt();
    refreshServerItems();
    m_ui->serverList->setCurrentRow(0);
    showServer(0);
}

int PreferencesDialog::currentRow() const
{
    return m_shown;
}

void PreferencesDialog::refreshServerItems()
{
    m_filling = true;
    const int selected = m_shown;
    while (m_ui->serverList->count() > m_rows.size())
        delete m_ui->serverList->takeItem(m_ui->serverList->count() - 1);
    while (m_ui->serverList->count() < m_rows.size())
        m_ui->serverList->addItem(new QListWidgetItem(m_ui->serverList));
    const int pull = m_ui->pullServerCombo->count() > 0 ? m_ui->pullServerCombo->currentData().toInt() : m_pullServer;
    m_ui->pullServerCombo->clear();
    m_ui->pullServerCombo->addItem(tr("The first enabled server"), -1);
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &server = m_rows.at(row);
        OllamaServerConfig config{QUrl(server.url), server.name, server.enabled, {}};
        const QString name = config.displayName();
        QListWidgetItem *item = m_ui->serverList->item(row);
        item->setText(server.name.trimmed().isEmpty() ? QStringLiteral("%1  %2").arg(row).arg(server.url)
                                                      : QStringLiteral("%1  %2 (%3)").arg(row).arg(name, server.url));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(server.enabled ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(server.result);
        m_ui->pullServerCombo->addItem(name.isEmpty() ? server.url : name, row);
    }
    m_ui->pullServerCombo->setCurrentIndex(qMax(0, m_ui->pullServerCombo->findData(pull)));
    m_ui->serverList->setCurrentRow(selected);
    m_filling = false;
}

void PreferencesDialog::showServer(int row)
{
    if (m_filling || row < 0 || row >= m_rows.size())
        return;
    m_shown = row;
    m_filling = true;
    const Row &server = m_rows.at(row);
    if (m_ui->urlEdit->text() != server.url)
        m_ui->urlEdit->setText(server.url);
    m_ui->nameEdit->setText(server.name);
    m_ui->apiKeyEdit->setText(server.apiKey);
    m_filling = false;
    showResult(server.result);
    validate();
}

void PreferencesDialog::storeServer()
{
    if (!m_filling && m_shown >= 0 && m_shown < m_rows.size()) {
        Row &server = m_rows[m_shown];
        server.url = m_ui->urlEdit->text().trimmed();
        server.name = m_ui->nameEdit->text();
        server.apiKey = m_ui->apiKeyEdit->text().trimmed();
        QListWidgetItem *item = m_ui->serverList->item(m_shown);
        if (item) {
            const int row = m_shown;
            m_filling = true;
            item->setText(server.name.trimmed().isEmpty() ? QStringLiteral("%1  %2").arg(row).arg(server.url)
                                                          : QStringLiteral("%1  %2 (%3)").arg(row).arg(server.name.trimmed(), server.url));
            m_ui->pullServerCombo->setItemText(row + 1, server.name.trimmed().isEmpty() ? server.url : server.name.trimmed());
            m_filling = false;
        }
    }
    validate();
}

void PreferencesDialog::addServer()
{
    m_rows.append(Row{QString(), QString(), true, QString(), QString()});
    m_shown = int(m_rows.size()) - 1;
    refreshServerItems();
    showServer(m_shown);
    m_ui->urlEdit->setFocus();
}

void PreferencesDialog::removeServer()
{
    if (m_rows.size() <= 1 || m_shown < 0)
        return;
    m_rows.removeAt(m_shown);
    m_shown = qMin(m_shown, int(m_rows.size()) - 1);
    refreshServerItems();
    showServer(m_shown);
}

void PreferencesDialog::moveServer(int by)
{
    const int to = m_shown + by;
    if (m_shown < 0 || to < 0 || to >= m_rows.size())
        return;
    m_rows.swapItemsAt(m_shown, to);
    m_shown = to;
    refreshServerItems();
    showServer(m_shown);
}

void PreferencesDialog::saveServers()
{
    QList<OllamaServerConfig> servers;
    for (const Row &row : std::as_const(m_rows)) {
        const auto url = ConfigValidation::parseOllamaUrl(row.url);
        if (!url)
            return; // OK is disabled; nothing invalid is ever saved
        servers.append(OllamaServerConfig{*url, row.name.trimmed(), row.enabled, row.apiKey.toUtf8()});
    }
    const auto first = std::find_if(servers.cbegin(), servers.cend(), [](const OllamaServerConfig &s) { return s.enabled; });
    if (first == servers.cend())
        return;
    // One plain server stays the single Ollama URL, exactly as before there were several.
    const bool single = servers.size() == 1 && servers.first().name.isEmpty() && servers.first().apiKey.isEmpty();
    m_settings->setValue(SettingsKey::OllamaUrl, first->url.toString());
    if (single)
        m_settings->resetValue(SettingsKey::OllamaServers);
    else
        m_settings->setValue(SettingsKey::OllamaServers, OllamaServers::toJson(servers));
}

void PreferencesDialog::verify()
{
    const auto url = ConfigValidation::parseOllamaUrl(m_ui->urlEdit->text());
    if (!url || m_verifying >= 0)
        return;
    m_verifying = m_shown;
    m_probe->setBaseUrl(*url);
    m_probe->setBearerToken(m_ui->apiKeyEdit->text().trimmed().toUtf8());
    m_probe->setModelListTimeoutSecs(m_ui->modelListSpin->value());
    m_ui->verifyButton->setEnabled(false);
    m_ui->verifyResult->setText(tr("Checking %1…").arg(url->toString().toHtmlEscaped()));
    m_client->checkVersion();
}

void PreferencesDialog::accept()
{
    if (m_ui->urlEdit->isEnabled()) {
        for (const Row &row : std::as_const(m_rows)) {
            if (!ConfigValidation::parseOllamaUrl(row.url))
                return; // OK is disabled; nothing invalid is ever saved
        }
        saveServers();
    }
    const int pull = m_ui->pullServerCombo->currentData().toInt();
    if (pull != m_settings->value(SettingsKey::OllamaPullServer).toInt())
        m_settings->setValue(SettingsKey::OllamaPullServer, pull);
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
