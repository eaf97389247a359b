#pragma once

#include <QAbstractListModel>
#include <QDateTime>

namespace Tern {

/// Running, finished and failed background jobs (sync, send, search, probe) for the Activity
/// window; summary() is the status bar's text. Finished jobs beyond a limit are dropped.
class JobModel : public QAbstractListModel
{
    Q_OBJECT
public:
    enum class State { Running, Finished, Failed };
    Q_ENUM(State)
    enum Role { TitleRole = Qt::UserRole + 100, AccountRole, ProgressRole, StateRole,
                ErrorRole, StartedRole };

    explicit JobModel(QObject *parent = nullptr);

    /// Adds a running job and returns its id. progress is 0..100, or -1 while unknown.
    int addJob(const QString &title, const QString &account = {});
    void setProgress(int jobId, int progress);
    void setTitle(int jobId, const QString &title);
    void finish(int jobId);
    void fail(int jobId, const QString &error);
    /// Drops every job that is no longer running.
    void clearFinished();
    /// Kept finished/failed jobs; the oldest go first beyond this.
    void setHistoryLimit(int limit);

    int runningCount() const;
    int failedCount() const;
    /// One line for the status bar: the running job (or how many), else the last failure.
    QString summary() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void summaryChanged(const QString &summary);

private:
    struct Job {
        int id = 0;
        QString title;
        QString account;
        int progress = -1;
        State state = State::Running;
        QString error;
        QDateTime started;
    };
    int rowOf(int jobId) const;
    void changed(int row);
    void trimHistory();

    QList<Job> m_jobs;
    QString m_summary;
    int m_nextId = 1;
    int m_historyLimit = 100;
};

} // namespace Tern
