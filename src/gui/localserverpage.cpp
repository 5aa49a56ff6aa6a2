// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/localserverpage.h"

#include "gui/keylimitsdialog.h"
#include "gui/overridelock.h"

#include "core/serveradmin.h"
#include "core/settings.h"
#include "ui_localserverpage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSslCertificate>
#include <QTreeWidget>

namespace Corral {

namespace {
const QString Loopback = QStringLiteral("127.0.0.1");
const QString AllInterfaces = QStringLiteral("0.0.0.0");
} // namespace

LocalServerPage::LocalServerPage(Settings *settings, ServerAdmin *admin, QWidget *parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::LocalServerPage>())
    , m_settings(settings)
    , m_admin(admin)
{
    m_ui->setupUi(this);
    m_ui->accessGroup->setEnabled(m_admin != nullptr);
    connectBrowseButton(m_ui->certificateBrowse, m_ui->certificateEdit, tr("TLS certificate"));
    connectBrowseButton(m_ui->keyBrowse, m_ui->keyEdit, tr("TLS private key"));
    loadValues();
    watchEdits();
    connectCredentialActions();
    refreshCredentials();
}

LocalServerPage::~LocalServerPage() = default;

QCheckBox *LocalServerPage::enabledCheck() const { return m_ui->enabledCheck; }
QSpinBox *LocalServerPage::portSpin() const { return m_ui->portSpin; }
QCheckBox *LocalServerPage::networkCheck() const { return m_ui->networkCheck; }
QLabel *LocalServerPage::networkWarning() const { return m_ui->networkWarning; }
QLineEdit *LocalServerPage::certificateEdit() const { return m_ui->certificateEdit; }
QLineEdit *LocalServerPage::keyEdit() const { return m_ui->keyEdit; }
QLineEdit *LocalServerPage::originsEdit() const { return m_ui->originsEdit; }
QLineEdit *LocalServerPage::tokenEdit() const { return m_ui->tokenEdit; }
QTreeWidget *LocalServerPage::keysView() const { return m_ui->keysView; }
QCheckBox *LocalServerPage::keysMayUseCloudCheck() const { return m_ui->keysMayUseCloudCheck; }
QTreeWidget *LocalServerPage::sessionsView() const { return m_ui->sessionsView; }

void LocalServerPage::connectBrowseButton(QPushButton *browse, QLineEdit *edit, const QString &title)
{
    connect(browse, &QPushButton::clicked, this, [this, edit, title] {
        const QString path = QFileDialog::getOpenFileName(this, title, QString(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(path);
    });
}

void LocalServerPage::loadValues()
{
    m_ui->enabledCheck->setChecked(m_settings->value(SettingsKey::ServerEnabled).toBool());
    m_ui->portSpin->setValue(m_settings->serverPort());
    m_ui->networkCheck->setChecked(m_settings->serverBind() != Loopback && m_settings->serverBind() != QLatin1String("::1"));
    m_ui->certificateEdit->setText(m_settings->value(SettingsKey::ServerTlsCertificate).toString());
    m_ui->keyEdit->setText(m_settings->value(SettingsKey::ServerTlsKey).toString());
    m_ui->originsEdit->setText(m_settings->value(SettingsKey::ServerAllowedOrigins).toString());
    m_ui->keysMayUseCloudCheck->setChecked(m_settings->value(SettingsKey::KeysMayUseCloudModels).toBool());
    const auto lock = [this](const QString &key, QWidget *field) {
        lockIfOverridden(m_settings, key, field);
    };
    lock(SettingsKey::ServerPort, m_ui->portSpin);
    lock(SettingsKey::ServerBind, m_ui->networkCheck);
    lock(SettingsKey::ServerTlsCertificate, m_ui->certificateEdit);
    lock(SettingsKey::ServerTlsKey, m_ui->keyEdit);
    lock(SettingsKey::ServerAllowedOrigins, m_ui->originsEdit);
    lock(SettingsKey::KeysMayUseCloudModels, m_ui->keysMayUseCloudCheck);
}

void LocalServerPage::watchEdits()
{
    const auto update = [this] {
        m_ui->networkWarning->setVisible(m_ui->networkCheck->isChecked() && (m_ui->certificateEdit->text().isEmpty() || m_ui->keyEdit->text().isEmpty()));
        Q_EMIT changed();
    };
    for (QLineEdit *edit : {m_ui->certificateEdit, m_ui->keyEdit, m_ui->originsEdit})
        connect(edit, &QLineEdit::textChanged, this, update);
    connect(m_ui->networkCheck, &QCheckBox::toggled, this, update);
    connect(m_ui->keysMayUseCloudCheck, &QCheckBox::toggled, this, update);
    connect(m_ui->keysMayUseCloudCheck, &QCheckBox::toggled, this, &LocalServerPage::refreshCredentials); // the keys' cloud column
    connect(m_ui->portSpin, &QSpinBox::valueChanged, this, update);
    update();
}

void LocalServerPage::connectCredentialActions()
{
    QPushButton *show = m_ui->showTokenButton;
    QPushButton *copy = m_ui->copyTokenButton;
    QPushButton *regenerate = m_ui->regenerateButton;
    QPushButton *link = m_ui->linkButton;
    QPushButton *createKey = m_ui->createKeyButton;
    QPushButton *revokeKey = m_ui->revokeKeyButton;
    QPushButton *keyLimits = m_ui->keyLimitsButton;
    QPushButton *signOut = m_ui->signOutButton;
    connect(show, &QPushButton::toggled, this, [this](bool on) { m_ui->tokenEdit->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_ui->tokenEdit->text()); });
    connect(link, &QPushButton::clicked, this, [this] {
        if (m_admin)
            QApplication::clipboard()->setText(m_admin->browserLink().toString());
    });
    connect(regenerate, &QPushButton::clicked, this, [this] {
        if (QMessageBox::question(this, tr("Regenerate token"),
                                  tr("Make a new owner token? Every browser is signed out and tools using the old token "
                                     "must get the new one."))
            != QMessageBox::Yes)
            return;
        QString error;
        if (!m_admin->rotateToken(&error))
            QMessageBox::warning(this, tr("Regenerate token"), error);
        refreshCredentials();
    });
    connect(createKey, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Create API key"), tr("Name (for example the tool that uses it):"),
                                                   QLineEdit::Normal, QString(), &ok);
        if (!ok || name.trimmed().isEmpty())
            return;
        const QStringList scopes{tr("Chat only (chat, generate, embeddings, model lists)"),
                                 tr("Chat, with cloud models (they run on ollama.com and spend your account)"),
                                 tr("Full (also pull, push, create, copy, delete, and cloud models)")};
        const QString scope = QInputDialog::getItem(this, tr("Create API key"), tr("Scope:"), scopes, 0, false, &ok);
        if (!ok)
            return;
        KeyLimitsDialog limitsDialog(this);
        limitsDialog.setWindowTitle(tr("Limits of the new key"));
        if (limitsDialog.exec() != QDialog::Accepted)
            return;
        QString error;
        const QByteArray key = this->createKey(name.trimmed(), scope == scopes.at(2), scope == scopes.at(1), &error,
                                               limitsDialog.limits());
        if (key.isEmpty()) {
            QMessageBox::warning(this, tr("Create API key"), error);
            return;
        }
        QMessageBox box(QMessageBox::Information, tr("API key created"),
                        tr("Copy the key now: it is shown only once.\n\n%1").arg(QString::fromLatin1(key)), QMessageBox::Ok, this);
        QPushButton *copyKey = box.addButton(tr("Copy"), QMessageBox::ActionRole);
        connect(copyKey, &QPushButton::clicked, this, [key] { QApplication::clipboard()->setText(QString::fromLatin1(key)); });
        box.setTextInteractionFlags(Qt::TextSelectableByMouse);
        box.exec();
    });
    connect(keyLimits, &QPushButton::clicked, this, [this] {
        QTreeWidgetItem *item = m_ui->keysView->currentItem();
        if (!item || !m_admin)
            return;
        KeyLimitsDialog dialog(this);
        dialog.setWindowTitle(tr("Limits of \"%1\"").arg(item->text(0)));
        dialog.setLimits(limitsOf(item->text(0)));
        if (dialog.exec() != QDialog::Accepted)
            return;
        QString error;
        if (!setKeyLimits(item->text(0), dialog.limits(), &error))
            QMessageBox::warning(this, tr("API key limits"), error);
    });
    connect(revokeKey, &QPushButton::clicked, this, [this] {
        QString error;
        if (!revokeSelectedKey(&error) && !error.isEmpty())
            QMessageBox::warning(this, tr("Revoke API key"), error);
    });
    connect(signOut, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_ui->sessionsView->currentItem()) {
            m_admin->endSession(item->data(0, Qt::UserRole).toByteArray());
            refreshCredentials();
        }
    });
}

void LocalServerPage::refreshCredentials()
{
    if (!m_admin)
        return;
    m_ui->tokenEdit->setText(QString::fromLatin1(m_admin->ownerToken()));
    m_ui->keysView->clear();
    for (const ServerAdmin::ApiKey &key : m_admin->apiKeys()) {
        const QString cloud = key.fullScope ? tr("yes")
            : key.allowCloud                ? tr("yes (this key)")
            : m_ui->keysMayUseCloudCheck->isChecked() ? tr("yes (setting below)")
                                             : tr("no");
        new QTreeWidgetItem(m_ui->keysView, {key.name, key.fullScope ? tr("full") : tr("chat"),
                                     QLocale().toString(key.created, QLocale::ShortFormat), cloud,
                                     KeyLimitsDialog::describe(key.limits)});
    }
    m_ui->sessionsView->clear();
    for (const ServerAdmin::Session &session : m_admin->sessions()) {
        auto *item = new QTreeWidgetItem(m_ui->sessionsView, {session.userAgent.left(60), session.peer, QLocale().toString(session.lastSeen, QLocale::ShortFormat)});
        item->setData(0, Qt::UserRole, session.id);
    }
}

QByteArray LocalServerPage::createKey(const QString &name, bool fullScope, bool allowCloud, QString *error,
                                      const ServerAdmin::ApiKeyLimits &limits)
{
    const QByteArray key = m_admin ? m_admin->createApiKey(name, fullScope, allowCloud, limits, error) : QByteArray();
    refreshCredentials();
    return key;
}

bool LocalServerPage::setKeyLimits(const QString &name, const ServerAdmin::ApiKeyLimits &limits, QString *error)
{
    const bool ok = m_admin && m_admin->setApiKeyLimits(name, limits, error);
    refreshCredentials();
    return ok;
}

ServerAdmin::ApiKeyLimits LocalServerPage::limitsOf(const QString &name) const
{
    const auto keys = m_admin ? m_admin->apiKeys() : QList<ServerAdmin::ApiKey>();
    for (const ServerAdmin::ApiKey &key : keys) {
        if (key.name == name)
            return key.limits;
    }
    return {};
}

bool LocalServerPage::revokeSelectedKey(QString *error)
{
    QTreeWidgetItem *item = m_ui->keysView->currentItem();
    if (!item || !m_admin)
        return false;
    const bool ok = m_admin->revokeApiKey(item->text(0), error);
    refreshCredentials();
    return ok;
}

QString LocalServerPage::problem() const
{
    const QString certificate = m_ui->certificateEdit->text().trimmed();
    const QString key = m_ui->keyEdit->text().trimmed();
    if (certificate.isEmpty() != key.isEmpty())
        return tr("TLS needs both a certificate and a key.");
    if (!certificate.isEmpty()) {
        const auto chain = QSslCertificate::fromPath(certificate, QSsl::Pem);
        if (chain.isEmpty() || chain.first().isNull())
            return tr("%1 is not a readable PEM certificate.").arg(certificate);
        QFile keyFile(key);
        if (!keyFile.open(QIODevice::ReadOnly) || !keyFile.readAll().contains("PRIVATE KEY"))
            return tr("%1 is not a readable PEM private key.").arg(key);
    }
    return QString();
}

void LocalServerPage::save()
{
    if (!problem().isEmpty())
        return;
    // TLS first, so a port or address change restarts the listener with it in one go.
    if (m_ui->certificateEdit->isEnabled())
        m_settings->setValue(SettingsKey::ServerTlsCertificate, m_ui->certificateEdit->text().trimmed());
    if (m_ui->keyEdit->isEnabled())
        m_settings->setValue(SettingsKey::ServerTlsKey, m_ui->keyEdit->text().trimmed());
    if (m_ui->originsEdit->isEnabled())
        m_settings->setValue(SettingsKey::ServerAllowedOrigins, m_ui->originsEdit->text().trimmed());
    if (m_ui->keysMayUseCloudCheck->isEnabled())
        m_settings->setValue(SettingsKey::KeysMayUseCloudModels, m_ui->keysMayUseCloudCheck->isChecked());
    if (m_ui->networkCheck->isEnabled())
        m_settings->setValue(SettingsKey::ServerBind, m_ui->networkCheck->isChecked() ? AllInterfaces : Loopback);
    if (m_ui->portSpin->isEnabled())
        m_settings->setValue(SettingsKey::ServerPort, m_ui->portSpin->value());
    m_settings->setValue(SettingsKey::ServerEnabled, m_ui->enabledCheck->isChecked());
}

} // namespace Corral
