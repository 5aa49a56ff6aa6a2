// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/modelinfo.h"
#include "core/ndjsonparser.h"
#include "core/ollamaclient.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>

namespace Corral {

class OllamaCall;
class OllamaConnection;

/// A model Ollama has in memory (/api/ps).
struct RunningModel
{
    QString name;
    qint64 size = 0;
    qint64 sizeVram = 0;
    QString expiresAt;
};

/**
 * Follows /api/pull's progress lines: "pulling manifest", per-layer {"status":"pulling <digest>",
 * "digest", "total", "completed"}, "verifying sha256 digest", "writing manifest", "success", or
 * {"error": ...} at any point.
 */
class PullProgress final
{
public:
    void feed(const QJsonObject &line);
    QString status() const { return m_status; }
    QString error() const { return m_error; }
    bool succeeded() const { return m_success; }
    qint64 total() const;
    qint64 completed() const;
    /// 0..1 over all layers seen so far; -1 before any layer size is known.
    double fraction() const;
    int layerCount() const { return int(m_layers.size()); }

private:
    struct Layer
    {
        qint64 total = 0;
        qint64 completed = 0;
    };
    QMap<QString, Layer> m_layers;
    QString m_status;
    QString m_error;
    bool m_success = false;
};

/// One download: progress, speed, time left; cancel aborts the request.
class PullJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PullJob)

public:
    QString model() const { return m_model; }
    const PullProgress &progress() const { return m_progress; }
    bool isFinished() const { return m_finished; }
    bool wasCancelled() const { return m_cancelled; }
    /// Bytes per second over the download so far.
    double bytesPerSecond() const;
    /// Seconds left at the current speed, -1 when unknown.
    int secondsLeft() const;
    void cancel();

Q_SIGNALS:
    void progressChanged();
    void finished();

private:
    friend class ModelManager;
    PullJob(const QString &model, OllamaCall *call, QObject *parent);

    QString m_model;
    OllamaCall *m_call;
    NdjsonParser m_parser;
    PullProgress m_progress;
    QElapsedTimer m_clock;
    bool m_finished = false;
    bool m_cancelled = false;
};

/**
 * Model management on top of the shared connection: installed and running models, pull,
 * delete, copy, details and unload. Widgets only show what it reports.
 */
class ModelManager final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelManager)

public:
    explicit ModelManager(OllamaConnection *connection, QObject *parent = nullptr);

    QList<ModelInfo> installed() const { return m_installed; }
    QList<RunningModel> running() const { return m_running; }
    QList<PullJob *> pulls() const { return m_pulls; }

    /// Which Ollama server the manager shows and acts on (several servers: one at a time).
    void setConnection(OllamaConnection *connection);
    OllamaConnection *connection() const { return m_connection; }

    void refresh();
    PullJob *pull(const QString &name);
    void remove(const QString &name);
    void copy(const QString &source, const QString &destination);
    void showDetails(const QString &name);
    void unload(const QString &name);

Q_SIGNALS:
    void installedChanged();
    void runningChanged();
    void pullStarted(Corral::PullJob *job);
    void detailsReady(const QString &name, const QJsonObject &details);
    /// An operation finished; @p error is Ollama's own message when it failed.
    void operationFinished(const QString &operation, const QString &model, const QString &error);

private:
    void simpleCall(const QString &operation, const QString &model, OllamaCall *call);

    QPointer<OllamaConnection> m_connection;
    QList<ModelInfo> m_installed;
    QList<RunningModel> m_running;
    QList<PullJob *> m_pulls;
};

/// Installed models as a table (name, size, family, parameters, quantization, modified).
class InstalledModelsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InstalledModelsModel)

public:
    enum Column { Name, Size, Family, Parameters, Quantization, Modified, ColumnCount };
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit InstalledModelsModel(ModelManager *manager, QObject *parent = nullptr);
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QString nameAt(int row) const;

private:
    ModelManager *m_manager;
    QList<ModelInfo> m_models;
};

} // namespace Corral
