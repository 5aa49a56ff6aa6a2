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
 * Preferences. Connection: the Ollama servers (a list: add, remove, enable, reorder; each with
 * its URL, an optional name and API key, and Verify connection), where downloads go, and the
 * time limits. One server with neither name nor key is saved as the single Ollama URL, as before.
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
    /// Checks the selected server as in the fields (not the saved one): version and model count,
    /// or the error. The result stays with that server in the list.
    void verify();
    /// The server list as edited (URLs as typed).
    int serverCount() const { return int(m_rows.size()); }
    void accept() override;

Q_SIGNALS:
    void verified(bool ok);

private:
    struct Row
    {
        QString url;
        QString name;
        bool enabled = true;
        QString apiKey;
        QString result; // the last Verify's answer, rich text
    };
    void validate();
    void loadServers();
    void showServer(int row);
    void storeServer();
    void refreshServerItems();
    void addServer();
    void removeServer();
    void moveServer(int by);
    void saveServers();
    int currentRow() const;
    void showResult(const QString &html);
    void showVerified(const QString &html);

    std::unique_ptr<Ui::PreferencesDialog> m_ui;
    Settings *m_settings;
    std::unique_ptr<OllamaConnection> m_probe;
    std::unique_ptr<OllamaClient> m_client;
    QList<Row> m_rows;
    int m_shown = -1;   // the row the fields show
    int m_verifying = -1;
    bool m_filling = false;
    int m_pullServer = -1;
    QString m_pendingResult; // the version line, until the model count follows
    class LocalServerPage *m_serverPage = nullptr;
    class AppearancePage *m_appearancePage = nullptr;
    class LanguagePage *m_languagePage = nullptr;
};

} // namespace Corral
