// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/modelsdialog.h"

#include "core/ollamaservers.h"

#include "core/modelinfo.h"
#include "core/modelmanager.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Corral {

ModelsDialog::ModelsDialog(ModelManager *manager, QWidget *parent)
    : QDialog(parent)
    , m_manager(manager)
    , m_model(new InstalledModelsModel(manager, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_filter(new QLineEdit(this))
    , m_installed(new QTableView(this))
    , m_running(new QTreeWidget(this))
    , m_pullName(new QLineEdit(this))
    , m_pulls(new QVBoxLayout)
    , m_message(new QLabel(this))
    , m_server(new QComboBox(this))
    , m_serverLabel(new QLabel(tr("&Server:"), this)) // before the tabs: their labels come last among the children
{
    setWindowTitle(tr("Models"));
    resize(820, 520);
    auto *tabs = new QTabWidget(this);

    // Installed.
    auto *installedPage = new QWidget(this);
    auto *installedLayout = new QVBoxLayout(installedPage);
    m_filter->setPlaceholderText(tr("Filter models"));
    m_filter->setClearButtonEnabled(true);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(InstalledModelsModel::SortRole);
    m_installed->setModel(m_proxy);
    m_installed->setSortingEnabled(true);
    m_installed->sortByColumn(InstalledModelsModel::Name, Qt::AscendingOrder);
    m_installed->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_installed->setSelectionMode(QAbstractItemView::SingleSelection);
    m_installed->horizontalHeader()->setSectionResizeMode(InstalledModelsModel::Name, QHeaderView::Stretch);
    m_installed->verticalHeader()->hide();
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto *buttons = new QHBoxLayout;
    auto *details = new QPushButton(tr("Details…"), this);
    auto *copy = new QPushButton(tr("Copy…"), this);
    auto *remove = new QPushButton(tr("Delete…"), this);
    buttons->addStretch();
    buttons->addWidget(details);
    buttons->addWidget(copy);
    buttons->addWidget(remove);
    installedLayout->addWidget(m_filter);
    installedLayout->addWidget(m_installed);
    installedLayout->addLayout(buttons);
    tabs->addTab(installedPage, tr("Installed"));
    connect(details, &QPushButton::clicked, this, [this] {
        if (!selectedName().isEmpty())
            m_manager->showDetails(selectedName());
    });
    connect(copy, &QPushButton::clicked, this, [this] {
        const QString source = selectedName();
        if (source.isEmpty())
            return;
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Copy model"), tr("New name for a copy of %1:").arg(source),
                                                   QLineEdit::Normal, source.section(QLatin1Char(':'), 0, 0) + QStringLiteral(":copy"), &ok);
        if (ok && !name.trimmed().isEmpty())
            copySelected(name.trimmed());
    });
    connect(remove, &QPushButton::clicked, this, [this] { deleteSelected(true); });

    // Running.
    auto *runningPage = new QWidget(this);
    auto *runningLayout = new QVBoxLayout(runningPage);
    m_running->setHeaderLabels({tr("Name"), tr("Size in memory"), tr("On GPU"), tr("Unloads at")});
    m_running->setRootIsDecorated(false);
    auto *unload = new QPushButton(tr("Unload"), this);
    runningLayout->addWidget(m_running);
    runningLayout->addWidget(unload, 0, Qt::AlignRight);
    tabs->addTab(runningPage, tr("Running"));
    connect(unload, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem *item = m_running->currentItem())
            m_manager->unload(item->text(0));
    });

    // Downloads.
    auto *pullPage = new QWidget(this);
    auto *pullLayout = new QVBoxLayout(pullPage);
    auto *pullRow = new QHBoxLayout;
    m_pullName->setPlaceholderText(tr("Model name, for example llama3.2 or qwen3:8b (name:tag)"));
    auto *pull = new QPushButton(tr("Pull"), this);
    pullRow->addWidget(m_pullName);
    pullRow->addWidget(pull);
    pullLayout->addLayout(pullRow);
    pullLayout->addLayout(m_pulls);
    pullLayout->addStretch();
    tabs->addTab(pullPage, tr("Download"));
    connect(pull, &QPushButton::clicked, this, &ModelsDialog::startPull);
    connect(m_pullName, &QLineEdit::returnPressed, this, &ModelsDialog::startPull);

    auto *layout = new QVBoxLayout(this);
    auto *serverRow = new QHBoxLayout;
    m_serverLabel->setBuddy(m_server);
    serverRow->addWidget(m_serverLabel);
    serverRow->addWidget(m_server, 1);
    layout->addLayout(serverRow);
    m_serverLabel->hide();
    m_server->hide();
    connect(m_server, &QComboBox::currentIndexChanged, this, &ModelsDialog::useChosenServer);
    layout->addWidget(tabs);
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(close);

    connect(m_manager, &ModelManager::runningChanged, this, &ModelsDialog::refreshRunning);
    connect(m_manager, &ModelManager::pullStarted, this, &ModelsDialog::addPullRow);
    connect(m_manager, &ModelManager::operationFinished, this, [this](const QString &operation, const QString &model, const QString &error) {
        m_message->setText(error.isEmpty() ? tr("%1: %2 done.").arg(operation, model) : tr("%1 %2 failed: %3").arg(operation, model, error));
    });
    connect(m_manager, &ModelManager::detailsReady, this, [this](const QString &name, const QJsonObject &details) {
        QStringList capabilities;
        for (const QJsonValue &value : details.value(QStringLiteral("capabilities")).toArray())
            capabilities.append(value.toString());
        QString text = tr("Capabilities: %1\n\n").arg(capabilities.join(QStringLiteral(", ")));
        text += tr("Parameters:\n%1\n\n").arg(details.value(QStringLiteral("parameters")).toString());
        text += tr("Template:\n%1\n\n").arg(details.value(QStringLiteral("template")).toString());
        text += tr("System prompt:\n%1\n\n").arg(details.value(QStringLiteral("system")).toString());
        text += tr("License:\n%1\n\n").arg(details.value(QStringLiteral("license")).toString());
        text += tr("Model info:\n%1").arg(QString::fromUtf8(QJsonDocument(details.value(QStringLiteral("model_info")).toObject()).toJson()));
        auto *box = new QDialog(this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setWindowTitle(tr("Details of %1").arg(name));
        auto *boxLayout = new QVBoxLayout(box);
        auto *view = new QPlainTextEdit(text, box);
        view->setReadOnly(true);
        boxLayout->addWidget(view);
        box->resize(640, 480);
        box->show();
    });
    for (PullJob *job : m_manager->pulls())
        addPullRow(job);
    m_manager->refresh();
}

QWidget *ModelsDialog::pullsArea() const
{
    return m_pullName->parentWidget();
}

QString ModelsDialog::selectedName() const
{
    const QModelIndexList rows = m_installed->selectionModel() ? m_installed->selectionModel()->selectedRows() : QModelIndexList();
    return rows.isEmpty() ? QString() : m_model->nameAt(m_proxy->mapToSource(rows.first()).row());
}

QString ModelsDialog::describe(const PullJob *job)
{
    const PullProgress &progress = job->progress();
    if (!progress.error().isEmpty())
        return tr("%1: %2").arg(job->model(), progress.error());
    if (job->wasCancelled())
        return tr("%1: cancelled").arg(job->model());
    if (progress.succeeded())
        return tr("%1: done").arg(job->model());
    const QLocale locale;
    if (progress.total() <= 0)
        return tr("%1: %2").arg(job->model(), progress.status());
    const int left = job->secondsLeft();
    return tr("%1: %2 of %3 at %4/s, %5 left")
        .arg(job->model(), locale.formattedDataSize(progress.completed()), locale.formattedDataSize(progress.total()),
             locale.formattedDataSize(qint64(job->bytesPerSecond())),
             left < 0 ? tr("unknown time") : tr("%1 s").arg(left));
}

void ModelsDialog::addPullRow(PullJob *job)
{
    auto *row = new QWidget(this);
    auto *layout = new QGridLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(describe(job), row);
    auto *bar = new QProgressBar(row);
    bar->setRange(0, 1000);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    layout->addWidget(label, 0, 0, 1, 2);
    layout->addWidget(bar, 1, 0);
    layout->addWidget(cancel, 1, 1);
    m_pulls->addWidget(row);
    connect(cancel, &QPushButton::clicked, job, &PullJob::cancel);
    connect(job, &PullJob::progressChanged, row, [job, label, bar, cancel] {
        label->setText(describe(job));
        const double fraction = job->progress().fraction();
        bar->setRange(0, fraction < 0 ? 0 : 1000); // busy until sizes are known
        if (fraction >= 0)
            bar->setValue(int(fraction * 1000));
        cancel->setEnabled(!job->isFinished());
    });
}

void ModelsDialog::startPull()
{
    const QString name = m_pullName->text().trimmed();
    if (name.isEmpty() || name.contains(QLatin1Char(' '))) {
        m_message->setText(tr("Enter a model name such as llama3.2 or qwen3:8b (name:tag)."));
        return;
    }
    m_manager->pull(name);
    m_pullName->clear();
}

void ModelsDialog::deleteSelected(bool confirm)
{
    const QString name = selectedName();
    if (name.isEmpty())
        return;
    qint64 size = 0;
    for (const ModelInfo &model : m_manager->installed()) {
        if (model.name == name)
            size = model.size;
    }
    if (confirm
        && QMessageBox::question(this, tr("Delete model"), tr("Delete %1? This frees %2 of disk space.").arg(name, QLocale().formattedDataSize(size)))
            != QMessageBox::Yes)
        return;
    m_manager->remove(name);
}

void ModelsDialog::copySelected(const QString &newName)
{
    const QString source = selectedName();
    if (!source.isEmpty())
        m_manager->copy(source, newName);
}

void ModelsDialog::refreshRunning()
{
    m_running->clear();
    const QLocale locale;
    for (const RunningModel &model : m_manager->running()) {
        const int gpu = model.size > 0 ? int(100 * model.sizeVram / model.size) : 0;
        new QTreeWidgetItem(m_running, {model.name, locale.formattedDataSize(model.size), tr("%1%").arg(gpu),
                                        QDateTime::fromString(model.expiresAt, Qt::ISODate).toLocalTime().toString(QStringLiteral("HH:mm"))});
    }
}

} // namespace Corral

namespace Corral {

void ModelsDialog::useChosenServer()
{
    if (m_servers && m_server->currentIndex() >= 0)
        if (OllamaConnection *connection = m_servers->connection(m_server->currentData().toInt()))
            m_manager->setConnection(connection);
}

void ModelsDialog::setServers(OllamaServers *servers)
{
    m_servers = servers;
    const auto fill = [this] {
        if (!m_servers)
            return;
        const int chosen = m_server->count() > 0 ? m_server->currentData().toInt() : m_servers->pullServer();
        QSignalBlocker blocker(m_server);
        m_server->clear();
        for (int index : m_servers->enabledIndexes()) {
            const QString state = m_servers->health(index) == OllamaServers::Health::Down ? tr(" (not answering)") : QString();
            m_server->addItem(QStringLiteral("%1  %2%3").arg(index).arg(m_servers->displayName(index), state), index);
        }
        m_server->setCurrentIndex(qMax(0, m_server->findData(chosen)));
        m_server->setVisible(m_servers->isMulti());
        m_serverLabel->setVisible(m_servers->isMulti());
        useChosenServer();
    };
    fill();
    connect(servers, &OllamaServers::serversChanged, this, fill);
    connect(servers, &OllamaServers::healthChanged, this, fill);
}

} // namespace Corral
