// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/localserverpage.h"

#include "gui/overridelock.h"

#include "core/serveradmin.h"
#include "core/settings.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSslCertificate>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Corral {

namespace {
const QString Loopback = QStringLiteral("127.0.0.1");
const QString AllInterfaces = QStringLiteral("0.0.0.0");
} // namespace

LocalServerPage::LocalServerPage(Settings *settings, ServerAdmin *admin, QWidget *parent)
    : QWidget(parent)
    , m_settings(settings)
    , m_admin(admin)
    , m_enabled(new QCheckBox(tr("Serve the /ollama proxy and the browser page on this computer"), this))
    , m_port(new QSpinBox(this))
    , m_network(new QCheckBox(tr("Allow access from other devices on the network"), this))
    , m_networkWarning(new QLabel(this))
    , m_certificate(new QLineEdit(this))
    , m_key(new QLineEdit(this))
    , m_origins(new QLineEdit(this))
    , m_token(new QLineEdit(this))
    , m_keys(new QTreeWidget(this))
    , m_keysMayUseCloud(new QCheckBox(tr("Chat keys may use cloud models (they run on ollama.com and spend your account)"), this))
    , m_sessions(new QTreeWidget(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createServerGroup());
    layout->addWidget(createAccessGroup());
    loadValues();
    watchEdits();
    refreshCredentials();
}

QGroupBox *LocalServerPage::createServerGroup()
{
    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(m_enabled);
    m_port->setRange(0, 65535);
    m_port->setSpecialValueText(tr("Any free port"));
    serverForm->addRow(tr("&Port:"), m_port);
    serverForm->addRow(m_network);
    m_networkWarning->setWordWrap(true);
    m_networkWarning->setText(tr("Without TLS, tokens and chats cross the network unencrypted. Add a certificate and key below."));
    serverForm->addRow(m_networkWarning);
    const auto fileRow = [this](QLineEdit *edit, const QString &title) {
        auto *row = new QHBoxLayout;
        auto *browse = new QPushButton(tr("Browse…"), this);
        row->addWidget(edit);
        row->addWidget(browse);
        connect(browse, &QPushButton::clicked, this, [this, edit, title] {
            const QString path = QFileDialog::getOpenFileName(this, title, QString(), tr("PEM files (*.pem *.crt *.key);;All files (*)"));
            if (!path.isEmpty())
                edit->setText(path);
        });
        return row;
    };
    // Rows holding a layout get a label without a buddy: give them one so the mnemonic works.
    const auto labelFor = [this](const QString &text, QWidget *buddy) {
        auto *label = new QLabel(text, this);
        label->setBuddy(buddy);
        return label;
    };
    serverForm->addRow(labelFor(tr("TLS &certificate:"), m_certificate), fileRow(m_certificate, tr("TLS certificate")));
    serverForm->addRow(labelFor(tr("TLS &key:"), m_key), fileRow(m_key, tr("TLS private key")));
    m_origins->setPlaceholderText(tr("for example http://localhost:5173, https://*.example.org"));
    serverForm->addRow(tr("Allowed &origins:"), m_origins);
    return server;

}

QGroupBox *LocalServerPage::createAccessGroup()
{
    auto *access = new QGroupBox(tr("Access"), this);
    auto *accessLayout = new QVBoxLayout(access);
    auto *tokenRow = new QHBoxLayout;
    m_token->setReadOnly(true);
    m_token->setEchoMode(QLineEdit::Password);
    auto *show = new QPushButton(tr("Show"), this);
    show->setCheckable(true);
    auto *copy = new QPushButton(tr("Copy"), this);
    auto *regenerate = new QPushButton(tr("Regenerate…"), this);
    auto *link = new QPushButton(tr("Copy browser sign-in link"), this);
    tokenRow->addWidget(new QLabel(tr("Owner token:"), this));
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(show);
    tokenRow->addWidget(copy);
    tokenRow->addWidget(regenerate);
    accessLayout->addLayout(tokenRow);
    accessLayout->addWidget(link, 0, Qt::AlignLeft);
    m_keys->setHeaderLabels({tr("API key"), tr("Scope"), tr("Created"), tr("Cloud models")});
    m_keys->setRootIsDecorated(false);
    m_keys->setMaximumHeight(120);
    accessLayout->addWidget(m_keys);
    auto *keyButtons = new QHBoxLayout;
    auto *createKey = new QPushButton(tr("Create key…"), this);
    auto *revokeKey = new QPushButton(tr("Revoke"), this);
    keyButtons->addStretch();
    keyButtons->addWidget(createKey);
    keyButtons->addWidget(revokeKey);
    accessLayout->addLayout(keyButtons);
    m_keysMayUseCloud->setToolTip(tr("Models named ...:cloud or ...-cloud. The owner token, signed-in browsers, keys with the "
                                     "full scope and chat keys created with cloud models may always use them; no API key "
                                     "reaches Ollama's account routes."));
    accessLayout->addWidget(m_keysMayUseCloud);
    m_sessions->setHeaderLabels({tr("Browser session"), tr("Address"), tr("Last seen")});
    m_sessions->setRootIsDecorated(false);
    m_sessions->setMaximumHeight(100);
    accessLayout->addWidget(m_sessions);
    auto *signOut = new QPushButton(tr("Sign out"), this);
    accessLayout->addWidget(signOut, 0, Qt::AlignRight);
    access->setEnabled(m_admin != nullptr);

    connectCredentialActions(show, copy, regenerate, link, createKey, revokeKey, signOut);
    return access;
}

void LocalServerPage::loadValues()
{
    m_enabled->setChecked(m_settings->value(SettingsKey::ServerEnabled).toBool());
    m_port->setValue(m_settings->serverPort());
    m_network->setChecked(m_settings->serverBind() != Loopback && m_settings->serverBind() != QLatin1String("::1"));
    m_certificate->setText(m_settings->value(SettingsKey::ServerTlsCertificate).toString());
    m_key->setText(m_settings->value(SettingsKey::ServerTlsKey).toString());
    m_origins->setText(m_settings->value(SettingsKey::ServerAllowedOrigins).toString());
    m_keysMayUseCloud->setChecked(m_settings->value(SettingsKey::KeysMayUseCloudModels).toBool());
    const auto lock = [this](const QString &key, QWidget *field) {
        lockIfOverridden(m_settings, key, field);
    };
    lock(SettingsKey::ServerPort, m_port);
    lock(SettingsKey::ServerBind, m_network);
    lock(SettingsKey::ServerTlsCertificate, m_certificate);
    lock(SettingsKey::ServerTlsKey, m_key);
    lock(SettingsKey::ServerAllowedOrigins, m_origins);
    lock(SettingsKey::KeysMayUseCloudModels, m_keysMayUseCloud);

}

void LocalServerPage::watchEdits()
{
    const auto update = [this] {
        m_networkWarning->setVisible(m_network->isChecked() && (m_certificate->text().isEmpty() || m_key->text().isEmpty()));
        Q_EMIT changed();
    };
    for (QLineEdit *edit : {m_certificate, m_key, m_origins})
        connect(edit, &QLineEdit::textChanged, this, update);
    connect(m_network, &QCheckBox::toggled, this, update);
    connect(m_keysMayUseCloud, &QCheckBox::toggled, this, update);
    connect(m_keysMayUseCloud, &QCheckBox::toggled, this, &LocalServerPage::refreshCredentials); // the keys' cloud column
    connect(m_port, &QSpinBox::valueChanged, this, update);
    update();

}

void LocalServerPage::connectCredentialActions(QPushButton *show, QPushButton *copy, QPushButton *regenerate, QPushButton *link,
                                               QPushButton *createKey, QPushButton *revokeKey, QPushButton *signOut)
{
    connect(show, &QPushButton::toggled, this, [this](bool on) { m_token->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_token->text()); });
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
        QString error;
        const QByteArray key = this->createKey(name.trimmed(), scope == scopes.at(2), scope == scopes.at(1), &error);
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
    connect(revokeKey, &QPushButton::clicked, this, [this] {
        QString error;
        if (!revokeSelectedKey(&error) && !error.isEmpty())
            QMessageBox::warning(this, tr("Revoke API key"), error);
    });
    connect(signOut, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_sessions->currentItem()) {
            m_admin->endSession(item->data(0, Qt::UserRole).toByteArray());
            refreshCredentials();
        }
    });
}

void LocalServerPage::refreshCredentials()
{
    if (!m_admin)
        return;
    m_token->setText(QString::fromLatin1(m_admin->ownerToken()));
    m_keys->clear();
    for (const ServerAdmin::ApiKey &key : m_admin->apiKeys()) {
        const QString cloud = key.fullScope ? tr("yes")
            : key.allowCloud                ? tr("yes (this key)")
            : m_keysMayUseCloud->isChecked() ? tr("yes (setting below)")
                                             : tr("no");
        new QTreeWidgetItem(m_keys, {key.name, key.fullScope ? tr("full") : tr("chat"),
                                     QLocale().toString(key.created, QLocale::ShortFormat), cloud});
    }
    m_sessions->clear();
    for (const ServerAdmin::Session &session : m_admin->sessions()) {
        auto *item = new QTreeWidgetItem(m_sessions, {session.userAgent.left(60), session.peer, QLocale().toString(session.lastSeen, QLocale::ShortFormat)});
        item->setData(0, Qt::UserRole, session.id);
    }
}

QByteArray LocalServerPage::createKey(const QString &name, bool fullScope, bool allowCloud, QString *error)
{
    const QByteArray key = m_admin ? m_admin->createApiKey(name, fullScope, allowCloud, error) : QByteArray();
    refreshCredentials();
    return key;
}

bool LocalServerPage::revokeSelectedKey(QString *error)
{
    QTreeWidgetItem *item = m_keys->currentItem();
    if (!item || !m_admin)
        return false;
    const bool ok = m_admin->revokeApiKey(item->text(0), error);
    refreshCredentials();
    return ok;
}

QString LocalServerPage::problem() const
{
    const QString certificate = m_certificate->text().trimmed();
    const QString key = m_key->text().trimmed();
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
    if (m_certificate->isEnabled())
        m_settings->setValue(SettingsKey::ServerTlsCertificate, m_certificate->text().trimmed());
    if (m_key->isEnabled())
        m_settings->setValue(SettingsKey::ServerTlsKey, m_key->text().trimmed());
    if (m_origins->isEnabled())
        m_settings->setValue(SettingsKey::ServerAllowedOrigins, m_origins->text().trimmed());
    if (m_keysMayUseCloud->isEnabled())
        m_settings->setValue(SettingsKey::KeysMayUseCloudModels, m_keysMayUseCloud->isChecked());
    if (m_network->isEnabled())
        m_settings->setValue(SettingsKey::ServerBind, m_network->isChecked() ? AllInterfaces : Loopback);
    if (m_port->isEnabled())
        m_settings->setValue(SettingsKey::ServerPort, m_port->value());
    m_settings->setValue(SettingsKey::ServerEnabled, m_enabled->isChecked());
}

} // namespace Corral
