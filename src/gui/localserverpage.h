// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QPushButton;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace Corral {

class ServerAdmin;
class Settings;

/**
 * Preferences > Local server: on/off, port, access from other devices (with a warning without
 * TLS), TLS certificate and key, allowed origins; the owner token (show, copy, regenerate), a
 * browser sign-in link, API keys (create with a scope, shown once; revoke) and browser sessions
 * (sign out). Credentials act at once; the rest is saved with the dialog's OK.
 */
class LocalServerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServerPage)

public:
    LocalServerPage(Settings *settings, ServerAdmin *admin, QWidget *parent = nullptr);

    /// Empty when everything entered can be saved, else the reason.
    QString problem() const;
    void save();

    QCheckBox *enabledCheck() const { return m_enabled; }
    QSpinBox *portSpin() const { return m_port; }
    QCheckBox *networkCheck() const { return m_network; }
    QLabel *networkWarning() const { return m_networkWarning; }
    QLineEdit *certificateEdit() const { return m_certificate; }
    QLineEdit *keyEdit() const { return m_key; }
    QLineEdit *originsEdit() const { return m_origins; }
    QLineEdit *tokenEdit() const { return m_token; }
    QTreeWidget *keysView() const { return m_keys; }
    QCheckBox *keysMayUseCloudCheck() const { return m_keysMayUseCloud; }
    QTreeWidget *sessionsView() const { return m_sessions; }
    /// Creates a key and returns it (the dialog shows it once with a Copy button).
    QByteArray createKey(const QString &name, bool fullScope, bool allowCloud, QString *error);
    bool revokeSelectedKey(QString *error);
    void refreshCredentials();

Q_SIGNALS:
    void changed();

private:
    QGroupBox *createServerGroup();
    QGroupBox *createAccessGroup();
    void loadValues();
    void watchEdits();
    void connectCredentialActions(QPushButton *show, QPushButton *copy, QPushButton *regenerate, QPushButton *link,
                                  QPushButton *createKey, QPushButton *revokeKey, QPushButton *signOut);

    Settings *m_settings;
    ServerAdmin *m_admin;
    QCheckBox *m_enabled;
    QSpinBox *m_port;
    QCheckBox *m_network;
    QLabel *m_networkWarning;
    QLineEdit *m_certificate;
    QLineEdit *m_key;
    QLineEdit *m_origins;
    QLineEdit *m_token;
    QTreeWidget *m_keys;
    QCheckBox *m_keysMayUseCloud;
    QTreeWidget *m_sessions;
};

} // namespace Corral
