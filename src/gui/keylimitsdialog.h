// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/serveradmin.h"

#include <QDialog>

#include <memory>

namespace Ui {
class KeyLimitsDialog;
}

namespace Corral {

/// An API key's limits: allowed models, requests at once, expiry date (when creating the key
/// and from Preferences > Local server > Limits…).
class KeyLimitsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyLimitsDialog)

public:
    explicit KeyLimitsDialog(QWidget *parent = nullptr);
    ~KeyLimitsDialog() override;

    void setLimits(const ServerAdmin::ApiKeyLimits &limits);
    ServerAdmin::ApiKeyLimits limits() const;
    Ui::KeyLimitsDialog *ui() const { return m_ui.get(); }

    /// "llama3.2, qwen3:* · 2 at once · until 2027-01-31", or "none".
    static QString describe(const ServerAdmin::ApiKeyLimits &limits);

private:
    std::unique_ptr<Ui::KeyLimitsDialog> m_ui;
};

} // namespace Corral
