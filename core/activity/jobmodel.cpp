#include "jobmodel.h"

#include <algorithm>

namespace Tern {

JobModel::JobModel(QObject *parent) : QAbstractListModel(parent) {}

int JobModel::addJob(const QString &title, const QString &account)
{
    Job job;
    job.id = m_nextId++;
    job.title = title;
    job.account = account;
    job.started = QDateTime::currentDateTimeUtc();
    const int row = int(m_jobs.size());
    beginInsertRows({}, row, row);
    m_jobs.append(job);
    endInsertRows();
    changed(-1);
    return job.id;
}

void JobModel::setProgress(int jobId, int progress)
{
    const int row = rowOf(jobId);
    if (row < 0)
        return;
    m_jobs[row].progress = qBound(-1, progress, 100);
    changed(row);
}

void JobModel::setTitle(int jobId, const QString &title)
{
    const int row = rowOf(jobId);
    if (row < 0)
        return;
    m_jobs[row].title = title;
    changed(row);
}

void JobModel::finish(int jobId)
{
    const int row = rowOf(jobId);
    if (row < 0 || m_jobs.at(row).state != State::Running)
        return;
    m_jobs[row].state = State::Finished;
    m_jobs[row].progress = 100;
    changed(row);
    trimHistory();
}

void JobModel::fail(int jobId, const QString &error)
{
    const int row = rowOf(jobId);
    if (row < 0 || m_jobs.at(row).state != State::Running)
        return;
    m_jobs[row].state = State::Failed;
    m_jobs[row].error = error;
    changed(row);
    trimHistory();
}

void JobModel::clearFinished()
{
    for (int row = int(m_jobs.size()) - 1; row >= 0; --row) {
        if (m_jobs.at(row).state == State::Running)
            continue;
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
    }
    changed(-1);
}

void JobModel::setHistoryLimit(int limit)
{
    m_historyLimit = qMax(0, limit);
    trimHistory();
}

int JobModel::runningCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const Job &j) { return j.state == State::Running; }));
}

int JobModel::failedCount() const
{
    return int(std::count_if(m_jobs.cbegin(), m_jobs.cend(),
                             [](const Job &j) { return j.state == State::Failed; }));
}

QString JobModel::summary() const
{
    const int running = runningCount();
    if (running == 1) {
        for (const Job &j : m_jobs) {
            if (j.state != State::Running)
                continue;
            return j.progress >= 0 ? tr("%1 (%2%)").arg(j.title).arg(j.progress) : j.title;
        }
    }
    if (running > 1)
        return tr("%n jobs running", nullptr, running);
    for (auto it = m_jobs.crbegin(); it != m_jobs.crend(); ++it) {
        if (it->state == State::Failed)
            return tr("%1 failed: %2").arg(it->title, it->error);
    }
    return {};
}

int JobModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_jobs.size());
}

QVariant JobModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Job &j = m_jobs.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (j.state == State::Failed)
            return tr("%1 — failed: %2").arg(j.title, j.error);
        if (j.state == State::Finished)
            return tr("%1 — done").arg(j.title);
        return j.progress >= 0 ? tr("%1 — %2%").arg(j.title).arg(j.progress) : j.title;
    case Qt::ToolTipRole:
        return j.account.isEmpty() ? j.title : tr("%1 (%2)").arg(j.title, j.account);
    case TitleRole:
        return j.title;
    case AccountRole:
        return j.account;
    case ProgressRole:
        return j.progress;
    case StateRole:
        return QVariant::fromValue(j.state);
    case ErrorRole:
        return j.error;
    case StartedRole:
        return j.started;
    default:
        return {};
    }
}

QHash<int, QByteArray> JobModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(TitleRole, "title");
    names.insert(AccountRole, "account");
    names.insert(ProgressRole, "progress");
    names.insert(StateRole, "state");
    names.insert(ErrorRole, "error");
    names.insert(StartedRole, "started");
    return names;
}

int JobModel::rowOf(int jobId) const
{
    for (qsizetype i = 0; i < m_jobs.size(); ++i) {
        if (m_jobs.at(i).id == jobId)
            return int(i);
    }
    return -1;
}

void JobModel::changed(int row)
{
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row));
    const QString now = summary();
    if (now != m_summary) {
        m_summary = now;
        Q_EMIT summaryChanged(now);
    }
}

void JobModel::trimHistory()
{
    int done = int(m_jobs.size()) - runningCount();
    for (int row = 0; done > m_historyLimit && row < m_jobs.size();) {
        if (m_jobs.at(row).state == State::Running) {
            ++row;
            continue;
        }
        beginRemoveRows({}, row, row);
        m_jobs.removeAt(row);
        endRemoveRows();
        --done;
    }
    changed(-1);
}

} // namespace Tern
