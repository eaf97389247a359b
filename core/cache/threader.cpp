#include "threader.h"

#include <QSet>

namespace Tern {

Threader::Threader(QSqlDatabase &db) : m_db(db), m_lookup(db), m_insert(db)
{
    m_lookup.prepare(QStringLiteral(
        "SELECT thread_id FROM thread_refs WHERE account_id = ? AND msgid = ?"));
    m_insert.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO thread_refs (account_id, msgid, thread_id) VALUES (?, ?, ?)"));
}

QStringList Threader::parseIds(const QString &header)
{
    QStringList ids;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = header.indexOf(QLatin1Char('<'), pos);
        if (open < 0)
            break;
        const qsizetype close = header.indexOf(QLatin1Char('>'), open);
        if (close < 0)
            break;
        ids.append(header.mid(open, close - open + 1));
        pos = close + 1;
    }
    return ids;
}

qint64 Threader::nextThreadId()
{
    // Read once, counted in memory, written back by flush() in the same transaction: a
    // rollback also rolls back the allocation.
    if (m_next == 0) {
        QSqlQuery q(m_db);
        if (!q.exec(QStringLiteral("SELECT value FROM counters WHERE name = 'thread_id'"))
            || !q.next())
            return 0;
        m_first = m_next = q.value(0).toLongLong();
    }
    return ++m_next;
}

bool Threader::flush()
{
    if (m_next == m_first)
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE counters SET value = ? WHERE name = 'thread_id'"));
    q.addBindValue(m_next);
    if (!q.exec())
        return false;
    m_first = m_next;
    return true;
}

bool Threader::merge(qint64 from, qint64 into)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE messages SET thread_id = ? WHERE thread_id = ?"));
    q.addBindValue(into);
    q.addBindValue(from);
    if (!q.exec())
        return false;
    q.prepare(QStringLiteral("UPDATE thread_refs SET thread_id = ? WHERE thread_id = ?"));
    q.addBindValue(into);
    q.addBindValue(from);
    return q.exec();
}

qint64 Threader::assign(qint64 accountId, const QString &messageId, const QString &inReplyTo,
                        const QStringList &references)
{
    QStringList ids;
    if (!messageId.isEmpty())
        ids.append(messageId);
    ids.append(parseIds(inReplyTo));
    for (const QString &r : references)
        ids.append(parseIds(r).isEmpty() ? QStringList{r} : parseIds(r));
    ids.removeDuplicates();
    ids.removeAll(QString());

    qint64 thread = 0;
    QSet<qint64> others;
    QStringList unknown;
    for (const QString &id : std::as_const(ids)) {
        m_lookup.bindValue(0, accountId);
        m_lookup.bindValue(1, id);
        if (!m_lookup.exec())
            return 0;
        if (m_lookup.next()) {
            const qint64 t = m_lookup.value(0).toLongLong();
            if (thread == 0 || t < thread) {
                if (thread != 0)
                    others.insert(thread);
                thread = t;
            } else if (t != thread) {
                others.insert(t);
            }
        } else {
            unknown.append(id);
        }
        m_lookup.finish();
    }
    if (thread == 0)
        thread = nextThreadId();
    if (thread == 0)
        return 0;
    // The oldest thread wins so ids stay stable for messages already shown.
    for (qint64 t : std::as_const(others)) {
        if (!merge(t, thread))
            return 0;
    }
    for (const QString &id : std::as_const(unknown)) {
        m_insert.bindValue(0, accountId);
        m_insert.bindValue(1, id);
        m_insert.bindValue(2, thread);
        if (!m_insert.exec())
            return 0;
    }
    return thread;
}

} // namespace Tern
