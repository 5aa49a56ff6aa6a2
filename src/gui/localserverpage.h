// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/serveradmin.h"

#include <QWidget>

#include <memory>

class QCheckBox;
class QPushButton;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTreeWidget;

namespace Ui {
class LocalServerPage;
}

namespace Corral {

class Settings;

/**
 * Preferences > Local server: on/off, port, access from other devices (with a warning without
 * TLS), TLS certificate and key, allowed origins; the owner token (show, copy, regenerate), a
 * browser sign-in link, API keys (create with a scope and limits, shown once; edit the limits;
 * revoke) and browser sessions
 * (sign out). Credentials act at once; the rest is saved with the dialog's OK.
 */
class LocalServerPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalServerPage)

public:
    LocalServerPage(Settings *settings, ServerAdmin *admin, QWidget *parent = nullptr);
    ~LocalServerPage() override;

    /// Empty when everything entered can be saved, else the reason.
    QString problem() const;
    void save();

    QCheckBox *enabledCheck() const;
    QSpinBox *portSpin() const;
    QCheckBox *networkCheck() const;
    QLabel *networkWarning() const;
    QLineEdit *certificateEdit() const;
    QLineEdit *keyEdit() const;
    QLineEdit *originsEdit() const;
    QLineEdit *tokenEdit() const;
    QTreeWidget *keysView() const;
    QCheckBox *keysMayUseCloudCheck() const;
    QTreeWidget *sessionsView() const;
    /// Creates a key and returns it (the dialog shows it once with a Copy button).
    QByteArray createKey(const QString &name, bool fullScope, bool allowCloud, QString *error,
                         const ServerAdmin::ApiKeyLimits &limits = {});
    /// Replaces the limits of the key named @p name (the "Limits…" button).
    bool setKeyLimits(const QString &name, const ServerAdmin::ApiKeyLimits &limits, QString *error);
    ServerAdmin::ApiKeyLimits limitsOf(const QString &name) const;
    bool revokeSelectedKey(QString *error);
    void refreshCredentials();

Q_SIGNALS:
    void changed();

private:
    void connectBrowseButton(QPushButton *browse, QLineEdit *edit, const QString &title);
    void loadValues();
    void watchEdits();
    void connectCredentialActions();

    std::unique_ptr<Ui::LocalServerPage> m_ui;
    Settings *m_settings;
    ServerAdmin *m_admin;
};

} // namespace Corral
