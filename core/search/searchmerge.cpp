#include "searchmerge.h"

#include <QHash>
#include <QSet>
#include <QSqlQuery>

#include <algorithm>

namespace Tern {

QList<qint64> mergeSearchResults(QSqlDatabase &db, const QList<qint64> &local,
                                 const QList<qint64> &server)
{
    QList<qint64> ids;
    QSet<qint64> seen;
    for (const QList<qint64> *list : {&local, &server}) {
        for (qint64 id : *list) {
            if (!seen.contains(id)) {
                seen.insert(id);
                ids.append(id);
            }
        }
    }
    QHash<qint64, qint64> dates;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT date FROM messages WHERE id = ?"));
    for (qint64 id : std::as_const(ids)) {
        q.addBindValue(id);
        if (q.exec() && q.next())
            dates.insert(id, q.value(0).toLongLong());
    }
    std::stable_sort(ids.begin(), ids.end(), [&](qint64 a, qint64 b) {
        const qint64 da = dates.value(a), dbb = dates.value(b);
        return da != dbb ? da > dbb : a > b;
    });
    return ids;
}

} // namespace Tern
