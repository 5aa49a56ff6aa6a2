// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/modelmanager.h"

#include "core/modelinfo.h"
#include "core/ollamacall.h"
#include "core/ollamaconnection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Corral {

// --- PullProgress -------------------------------------------------------------------------------

void PullProgress::feed(const QJsonObject &line)
{
    if (line.contains(QStringLiteral("error"))) {
        m_error = line.value(QStringLiteral("error")).toString();
        return;
    }
    m_status = line.value(QStringLiteral("status")).toString();
    const QString digest = line.value(QStringLiteral("digest")).toString();
    if (!digest.isEmpty()) {
        Layer &layer = m_layers[digest];
        layer.total = qMax(layer.total, line.value(QStringLiteral("total")).toInteger());
        layer.completed = qMax(layer.completed, line.value(QStringLiteral("completed")).toInteger());
    }
    if (m_status == QLatin1String("success"))
        m_success = true;
}

qint64 PullProgress::total() const
{
    qint64 sum = 0;
    for (const Layer &layer : m_layers)
        sum += layer.total;
    return sum;
}

qint64 PullProgress::completed() const
{
    qint64 sum = 0;
    for (const Layer &layer : m_layers)
        sum += layer.completed;
    return sum;
}

double PullProgress::fraction() const
{
    if (m_success)
        return 1.0;
    const qint64 all = total();
    return all > 0 ? double(completed()) / double(all) : -1.0;
}

// --- PullJob ------------------------------------------------------------------------------------

PullJob::PullJob(const QString &model, OllamaCall *call, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_call(call)
{
    call->setParent(this);
    m_clock.start();
    connect(call, &OllamaCall::dataAvailable, this, [this] {
        if (m_call->status() >= 400)
            return;
        const auto lines = m_parser.feed(m_call->readAll());
        for (const QJsonObject &line : lines)
            m_progress.feed(line);
        Q_EMIT progressChanged();
    });
    connect(call, &OllamaCall::finished, this, [this] {
        if (m_call->status() >= 400) {
            m_progress.feed(QJsonDocument::fromJson(m_call->readAll()).object());
        } else {
            const auto lines = m_parser.finish();
            for (const QJsonObject &line : lines)
                m_progress.feed(line);
        }
        if (m_call->failure().isFailure() && !m_cancelled && m_progress.error().isEmpty())
            m_progress.feed({{QStringLiteral("error"), m_call->failure().message()}});
        m_finished = true;
        Q_EMIT progressChanged();
        Q_EMIT finished();
    });
}

double PullJob::bytesPerSecond() const
{
    const double seconds = double(m_clock.elapsed()) / 1000.0;
    return seconds > 0 ? double(m_progress.completed()) / seconds : 0.0;
}

int PullJob::secondsLeft() const
{
    const double speed = bytesPerSecond();
    const qint64 left = m_progress.total() - m_progress.completed();
    return speed > 0 && m_progress.total() > 0 ? int(double(left) / speed) : -1;
}

void PullJob::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_call->abort();
}

// --- ModelManager -------------------------------------------------------------------------------

ModelManager::ModelManager(OllamaConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

void ModelManager::setConnection(OllamaConnection *connection)
{
    if (connection == m_connection)
        return;
    m_connection = connection;
    refresh();
}

void ModelManager::refresh()
{
    OllamaCall *tags = m_connection->get("/api/tags");
    connect(tags, &OllamaCall::finished, this, [this, tags] {
        tags->deleteLater();
        if (tags->failure().isFailure())
            return;
        m_installed = ModelInfo::listFromTags(tags->readAll());
        Q_EMIT installedChanged();
    });
    OllamaCall *ps = m_connection->get("/api/ps");
    connect(ps, &OllamaCall::finished, this, [this, ps] {
        ps->deleteLater();
        if (ps->failure().isFailure())
            return;
        m_running.clear();
        const QJsonArray array = QJsonDocument::fromJson(ps->readAll()).object().value(QStringLiteral("models")).toArray();
        for (const QJsonValue &value : array) {
            const QJsonObject model = value.toObject();
            m_running.append({model.value(QStringLiteral("name")).toString(), model.value(QStringLiteral("size")).toInteger(),
                              model.value(QStringLiteral("size_vram")).toInteger(),
                              model.value(QStringLiteral("expires_at")).toString()});
        }
        Q_EMIT runningChanged();
    });
}

PullJob *ModelManager::pull(const QString &name)
{
    const QByteArray body = QJsonDocument(QJsonObject{{QStringLiteral("model"), name}, {QStringLiteral("stream"), true}})
                                .toJson(QJsonDocument::Compact);
    auto *job = new PullJob(name, m_connection->postJson("/api/pull", body), this);
    m_pulls.append(job);
    connect(job, &PullJob::finished, this, [this, job] {
        m_pulls.removeAll(job);
        const QString error = job->wasCancelled() ? tr("Cancelled") : job->progress().error();
        Q_EMIT operationFinished(QStringLiteral("pull"), job->model(), error);
        refresh();
        job->deleteLater();
    });
    Q_EMIT pullStarted(job);
    return job;
}

void ModelManager::simpleCall(const QString &operation, const QString &model, OllamaCall *call)
{
    connect(call, &OllamaCall::finished, this, [this, operation, model, call] {
        call->deleteLater();
        QString error;
        if (call->failure().isFailure())
            error = call->failure().message();
        else if (call->status() >= 400)
            error = QJsonDocument::fromJson(call->readAll()).object().value(QStringLiteral("error")).toString(
                tr("Ollama answered with status %1.").arg(call->status()));
        Q_EMIT operationFinished(operation, model, error);
        refresh();
    });
}

void ModelManager::remove(const QString &name)
{
    OllamaConnection::Request request;
    request.method = "DELETE";
    request.pathAndQuery = "/api/delete";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = QJsonDocument(QJsonObject{{QStringLiteral("model"), name}}).toJson(QJsonDocument::Compact);
    simpleCall(QStringLiteral("delete"), name, m_connection->send(request));
}

void ModelManager::copy(const QString &source, const QString &destination)
{
    simpleCall(QStringLiteral("copy"), destination,
               m_connection->postJson("/api/copy", QJsonDocument(QJsonObject{{QStringLiteral("source"), source},
                                                                             {QStringLiteral("destination"), destination}})
                                                       .toJson(QJsonDocument::Compact)));
}

void ModelManager::unload(const QString &name)
{
    // Ollama unloads a model when asked to generate nothing with keep_alive 0.
    simpleCall(QStringLiteral("unload"), name,
               m_connection->postJson("/api/generate", QJsonDocument(QJsonObject{{QStringLiteral("model"), name},
                                                                                 {QStringLiteral("keep_alive"), 0}})
                                                           .toJson(QJsonDocument::Compact)));
}

void ModelManager::showDetails(const QString &name)
{
    OllamaCall *call = m_connection->postJson("/api/show", QJsonDocument(QJsonObject{{QStringLiteral("model"), name}}).toJson(QJsonDocument::Compact));
    connect(call, &OllamaCall::finished, this, [this, name, call] {
        call->deleteLater();
        const QJsonObject details = QJsonDocument::fromJson(call->readAll()).object();
        if (call->failure().isFailure() || call->status() >= 400) {
            Q_EMIT operationFinished(QStringLiteral("show"), name,
                                     call->failure().isFailure() ? call->failure().message() : details.value(QStringLiteral("error")).toString());
            return;
        }
        Q_EMIT detailsReady(name, details);
    });
}

// --- InstalledModelsModel -----------------------------------------------------------------------

InstalledModelsModel::InstalledModelsModel(ModelManager *manager, QObject *parent)
    : QAbstractTableModel(parent)
    , m_manager(manager)
{
    connect(manager, &ModelManager::installedChanged, this, [this] {
        beginResetModel();
        m_models = m_manager->installed();
        endResetModel();
    });
    m_models = manager->installed();
}

int InstalledModelsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_models.size());
}

int InstalledModelsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant InstalledModelsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return QVariant();
    const ModelInfo &model = m_models.at(index.row());
    if (role == SortRole && index.column() == Size)
        return model.size;
    if (role != Qt::DisplayRole && role != SortRole)
        return QVariant();
    switch (index.column()) {
    case Name: return model.name;
    case Size: return QLocale().formattedDataSize(model.size);
    case Family: return model.family;
    case Parameters: return model.parameterSize;
    case Quantization: return model.quantization;
    case Modified: return model.modifiedAt.left(10);
    default: return QVariant();
    }
}

QVariant InstalledModelsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Name");
    case Size: return tr("Size");
    case Family: return tr("Family");
    case Parameters: return tr("Parameters");
    case Quantization: return tr("Quantization");
    case Modified: return tr("Modified");
    default: return QVariant();
    }
}

QString InstalledModelsModel::nameAt(int row) const
{
    return row >= 0 && row < m_models.size() ? m_models.at(row).name : QString();
}

} // namespace Corral
