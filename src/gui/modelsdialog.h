// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QComboBox>
#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;
class QTreeWidget;
class QVBoxLayout;

namespace Corral {

class OllamaServers;

class InstalledModelsModel;
class ModelManager;
class PullJob;

/**
 * Models: installed (filter, sort, details, copy, delete), running (unload) and downloads (pull
 * with live progress, several at once, cancel). Pulls go on when the dialog is closed; the main
 * window shows their progress in its status bar.
 */
class ModelsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelsDialog)

public:
    explicit ModelsDialog(ModelManager *manager, QWidget *parent = nullptr);

    QLineEdit *filterEdit() const { return m_filter; }
    QTableView *installedView() const { return m_installed; }
    QTreeWidget *runningView() const { return m_running; }
    QLineEdit *pullEdit() const { return m_pullName; }
    QWidget *pullsArea() const;
    void startPull();
    void deleteSelected(bool confirm = true);
    void copySelected(const QString &newName);
    /// Human-readable progress line of a pull: bytes, speed, time left.
    static QString describe(const PullJob *job);
    /// Several Ollama servers: a "Server" choice above the tabs picks whose installed and
    /// running models are shown and where pulls, copies and deletes go.
    void setServers(OllamaServers *servers);
    QComboBox *serverCombo() const { return m_server; }

private:
    void addPullRow(PullJob *job);
    void refreshRunning();
    QString selectedName() const;
    void useChosenServer();

    ModelManager *m_manager;
    InstalledModelsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLineEdit *m_filter;
    QTableView *m_installed;
    QTreeWidget *m_running;
    QLineEdit *m_pullName;
    QVBoxLayout *m_pulls;
    QLabel *m_message;
    QComboBox *m_server;
    QLabel *m_serverLabel;
    QPointer<OllamaServers> m_servers;
};

} // namespace Corral
