#include "cachedmessage.h"

#include "cache/database.h"

#include <QSqlQuery>

namespace Tern {

std::optional<QByteArray> cachedMessageSource(Database &db, qint64 messageId)
{
    QSqlQuery q(db.db());
    q.prepare(QStringLiteral("SELECT raw FROM bodies WHERE message_id = ?"));
    q.addBindValue(messageId);
    if (!q.exec() || !q.next())
        return std::nullopt;
    return q.value(0).toByteArray();
}

} // namespace Tern
