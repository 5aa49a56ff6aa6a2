// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/ollamafailure.h"

#include <QWidget>

#include <memory>

namespace Ui {
class ConnectionErrorPanel;
}

namespace Corral {

/// "Server connection error": which URL failed and why, and what to check, with Retry.
class ConnectionErrorPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionErrorPanel)

public:
    explicit ConnectionErrorPanel(QWidget *parent = nullptr);
    ~ConnectionErrorPanel() override;

    void setFailure(const OllamaFailure &failure);
    /// Shows "Open Preferences…" (only when a Preferences dialog is wired up).
    void setPreferencesAvailable(bool available);
    QString messageText() const;
    QString hintsText() const;

Q_SIGNALS:
    void retryRequested();
    void preferencesRequested();

private:
    std::unique_ptr<Ui::ConnectionErrorPanel> m_ui;
};

} // namespace Corral
