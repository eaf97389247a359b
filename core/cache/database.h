#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Tern {

/// One SQLite connection to the profile's cache (WAL mode). Each thread opens its own:
/// a QSqlDatabase connection must only be used by the thread that created it.
class Database
{
public:
    /// Opens (creating if needed) the database at path and migrates it to the latest schema.
    /// On failure isOpen() is false and errorString() says why.
    Database(const QString &path, const QString &connectionName);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    bool isOpen() const { return m_open; }
    QString errorString() const { return m_error; }
    QSqlDatabase &db() { return m_db; }
    QString path() const { return m_path; }

private:
    QSqlDatabase m_db;
    QString m_connectionName;
    QString m_path;
    QString m_error;
    bool m_open = false;
};

} // namespace Tern
