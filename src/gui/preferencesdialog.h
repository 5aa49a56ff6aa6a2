// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <memory>

class QLabel;

namespace Ui {
class PreferencesDialog;
}

namespace Corral {

class OllamaConnection;
class OllamaClient;
class Settings;

/**
 * Preferences. Connection: the Ollama server URL with Verify connection, and the time limits.
 * A value set by the environment or the command line is shown read-only with what set it.
 * Invalid input disables OK with the reason shown; nothing invalid is saved. Saved values apply
 * live through Settings::changed.
 */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)

public:
    /// Ollama releases before this one lack features Corral uses (thinking output).
    static constexpr char MinimumOllamaVersion[] = "0.9.0";

    explicit PreferencesDialog(Settings *settings, class ServerAdmin *admin = nullptr, QWidget *parent = nullptr);
    class LocalServerPage *localServerPage() const { return m_serverPage; }
    class AppearancePage *appearancePage() const { return m_appearancePage; }
    class LanguagePage *languagePage() const { return m_languagePage; }
    ~PreferencesDialog() override;

    Ui::PreferencesDialog *ui() const { return m_ui.get(); }
    /// Checks the URL in the field (not the saved one): version and model count, or the error.
    void verify();
    void accept() override;

Q_SIGNALS:
    void verified(bool ok);

private:
    void validate();
    void showResult(const QString &html);

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    Settings *m_settings;
    std::unique_ptr<OllamaConnection> m_probe;
    std::unique_ptr<OllamaClient> m_client;
    class LocalServerPage *m_serverPage = nullptr;
    class AppearancePage *m_appearancePage = nullptr;
    class LanguagePage *m_languagePage = nullptr;
};

} // namespace Corral
