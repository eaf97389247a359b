#pragma once

#include <QSqlDatabase>

namespace Tern {

/// RAII write transaction (BEGIN IMMEDIATE): rolled back unless commit() succeeds.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    bool isActive() const { return m_active; }
    bool commit();

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};

} // namespace Tern
