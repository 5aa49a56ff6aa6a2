// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>

#include <memory>

namespace Ui {
class ChatSettingsDialog;
}

namespace Corral {

/// A chat's system prompt and options (temperature, context length, seed).
class ChatSettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChatSettingsDialog)

public:
    explicit ChatSettingsDialog(QWidget *parent = nullptr);
    ~ChatSettingsDialog() override;

    void setSystemPrompt(const QString &prompt);
    QString systemPrompt() const;
    /// Ollama's option names: temperature, num_ctx, seed. Absent means the model's default.
    void setOptions(const QJsonObject &options);
    QJsonObject options() const;
    bool useAsDefaults() const;
    Ui::ChatSettingsDialog *ui() const { return m_ui.get(); }

private:
    std::unique_ptr<Ui::ChatSettingsDialog> m_ui;
};

} // namespace Corral
