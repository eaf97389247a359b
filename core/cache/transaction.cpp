#include "transaction.h"

#include <QSqlQuery>

namespace Tern {

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    // IMMEDIATE takes the write lock now, so a busy database fails here and not at commit.
    m_active = QSqlQuery(m_db).exec(QStringLiteral("BEGIN IMMEDIATE"));
}

Transaction::~Transaction()
{
    if (m_active)
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    m_active = false;
    if (QSqlQuery(m_db).exec(QStringLiteral("COMMIT")))
        return true;
    QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
    return false;
}

} // namespace Tern
