#include "flagwriter.h"

#include "cache/database.h"
#include "cache/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {

bool writeFlags(Database &db, const QList<qint64> &messageIds, int set, int clear,
                QString *error)
{
    Transaction tx(db.db());
    if (!tx.isActive()) {
        *error = db.db().lastError().text();
        return false;
    }
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("UPDATE messages SET flags = (flags | ?) & ~? WHERE id = ?"));
    for (qint64 id : messageIds) {
        q.addBindValue(set);
        q.addBindValue(clear);
        q.addBindValue(id);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    if (!tx.commit()) {
        *error = db.db().lastError().text();
        return false;
    }
    return true;
}

} // namespace Tern
