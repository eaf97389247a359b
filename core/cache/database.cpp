#include "database.h"

#include "migrations.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {

Database::Database(const QString &path, const QString &connectionName)
    : m_connectionName(connectionName), m_path(path)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connectionName);
    m_db.setDatabaseName(path);
    m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!m_db.open()) {
        m_error = m_db.lastError().text();
        return;
    }
    QSqlQuery q(m_db);
    // WAL lets the GUI read while a sync thread writes; NORMAL sync is durable in WAL mode
    // except for the last transactions on power loss, never corrupting.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL",
                               "PRAGMA foreign_keys=ON", "PRAGMA temp_store=MEMORY"}) {
        if (!q.exec(QLatin1StringView(pragma))) {
            m_error = q.lastError().text();
            return;
        }
    }
    if (!migrate(m_db, &m_error))
        return;
    m_open = true;
}

Database::~Database()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

} // namespace Tern
