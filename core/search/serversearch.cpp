#include "serversearch.h"

#include "imapconnection.h"
#include "tasks/searchtask.h"
#include "tasks/selecttask.h"

#include <QSqlQuery>
#include <QTimer>

#include <algorithm>
#include <functional>

namespace Tern {

ServerSearch::ServerSearch(QSqlDatabase &db, Imap::Connection *connection, QObject *parent)
    : QObject(parent), m_db(db), m_connection(connection)
{
}

void ServerSearch::start(qint64 folderId, const QString &text, Field field)
{
    m_folderId = folderId;
    m_text = text;
    m_field = field;
    m_uids.clear();
    m_rows.clear();
    auto failLater = [this](const QString &message) {
        QTimer::singleShot(0, this, [this, message] { Q_EMIT failed(message); });
    };
    if (!m_connection) {
        failLater(tr("No connection to search on"));
        return;
    }
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT path FROM folders WHERE id = ?"));
    q.addBindValue(folderId);
    if (!q.exec() || !q.next()) {
        failLater(tr("Unknown folder"));
        return;
    }
    const QString path = q.value(0).toString();
    if (m_connection->selectedMailbox() == path) {
        runSearch();
        return;
    }
    auto *select = new Imap::SelectTask(path, true);
    connect(select, &Imap::Task::finished, this, &ServerSearch::runSearch);
    connect(select, &Imap::Task::failed, this, &ServerSearch::failed);
    m_connection->enqueue(select);
}

void ServerSearch::runSearch()
{
    if (!m_connection) {
        Q_EMIT failed(tr("The connection went away"));
        return;
    }
    QByteArray key = "TEXT";
    if (m_field == Field::Subject)
        key = "SUBJECT";
    else if (m_field == Field::From)
        key = "FROM";
    // Several keys are ANDed by the server (RFC 9051 §6.4.4), like the local search.
    QList<Imap::SearchKey> criteria;
    const QStringList words = m_text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words)
        criteria.append({key, word.toUtf8(), true});
    if (criteria.isEmpty()) {
        Q_EMIT finished({});
        return;
    }
    auto *task = new Imap::SearchTask(criteria, true);
    connect(task, &Imap::Task::finished, this, [this, task] {
        m_uids = task->ids();
        mapUids();
        Q_EMIT finished(m_rows);
    });
    connect(task, &Imap::Task::failed, this, &ServerSearch::failed);
    m_connection->enqueue(task);
}

void ServerSearch::mapUids()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, date FROM messages WHERE folder_id = ? AND uid = ?"));
    QList<std::pair<qint64, qint64>> found;
    for (quint32 uid : std::as_const(m_uids)) {
        q.addBindValue(m_folderId);
        q.addBindValue(qint64(uid));
        if (q.exec() && q.next())
            found.append({q.value(1).toLongLong(), q.value(0).toLongLong()});
    }
    std::sort(found.begin(), found.end(), std::greater<>());
    for (const auto &[date, id] : std::as_const(found))
        m_rows.append(id);
}

} // namespace Tern
