#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStringList>

namespace Tern {

/// Assigns thread ids the way Thunderbird does: a message joins the thread of its parent or
/// of any message it references (RFC 5322 §3.6.4), and when a message links two threads
/// (an orphan's parent arrives late) they are merged. Uses table thread_refs; must run
/// inside the caller's write transaction. Prepared statements are reused across calls.
class Threader
{
public:
    explicit Threader(QSqlDatabase &db);

    /// The thread for a message with these ids; records the ids for later messages.
    /// Returns 0 on a database error.
    qint64 assign(qint64 accountId, const QString &messageId, const QString &inReplyTo,
                  const QStringList &references);

    /// Stores the thread id counter; call before committing.
    bool flush();

    /// Splits a References/In-Reply-To header value into its <ids>.
    static QStringList parseIds(const QString &header);

private:
    qint64 nextThreadId();
    bool merge(qint64 from, qint64 into);

    QSqlDatabase &m_db;
    QSqlQuery m_lookup;
    QSqlQuery m_insert;
    qint64 m_next = 0;
    qint64 m_first = 0;
};

} // namespace Tern
