#pragma once

#include "account.h"

#include <QSqlDatabase>

namespace Tern {

/// Reads and writes accounts (and their default identity) in the cache.
class AccountStore
{
public:
    explicit AccountStore(QSqlDatabase &db) : m_db(db) {}

    /// Adds the account and a default identity; sets account.id. False with a message on
    /// failure (e.g. the name is taken).
    bool add(Account &account, QString *error);
    QList<Account> list() const;
    std::optional<Account> find(const QString &name) const;
    std::optional<Account> find(qint64 id) const;
    /// Removes the account and, by cascade, its folders, messages, journal and outbox.
    bool remove(qint64 id, QString *error);
    bool update(const Account &account, QString *error);

private:
    QList<Account> select(const QString &where, const QVariant &value) const;
    QSqlDatabase &m_db;
};

} // namespace Tern
