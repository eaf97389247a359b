#include "accountstore.h"

#include "cache/transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

// A null QString binds as SQL NULL; the text columns are NOT NULL.
QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace

bool AccountStore::add(Account &account, QString *error)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO accounts (name, email, display_name, incoming_url, smtp_url, ca_file, "
        "allow_plaintext, pinned_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
    q.addBindValue(account.name);
    q.addBindValue(text(account.email));
    q.addBindValue(text(account.displayName));
    q.addBindValue(account.incoming.toString());
    q.addBindValue(text(account.smtp ? account.smtp->toString() : QString()));
    q.addBindValue(text(account.caFile));
    q.addBindValue(account.allowPlaintext ? 1 : 0);
    q.addBindValue(text(account.pinnedSha256.join(QLatin1Char(','))));
    if (!q.exec()) {
        *error = q.lastError().text().contains(QLatin1StringView("UNIQUE"))
            ? QStringLiteral("an account named %1 exists already").arg(account.name)
            : q.lastError().text();
        return false;
    }
    account.id = q.lastInsertId().toLongLong();
    q.prepare(QStringLiteral("INSERT INTO identities (account_id, name, email, is_default) "
                             "VALUES (?, ?, ?, 1)"));
    q.addBindValue(account.id);
    q.addBindValue(text(account.displayName));
    q.addBindValue(text(account.email));
    if (!q.exec() || !tx.commit()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool AccountStore::update(const Account &account, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE accounts SET email = ?, display_name = ?, incoming_url = ?, smtp_url = ?, "
        "ca_file = ?, allow_plaintext = ?, pinned_sha256 = ? WHERE id = ?"));
    q.addBindValue(text(account.email));
    q.addBindValue(text(account.displayName));
    q.addBindValue(account.incoming.toString());
    q.addBindValue(text(account.smtp ? account.smtp->toString() : QString()));
    q.addBindValue(text(account.caFile));
    q.addBindValue(account.allowPlaintext ? 1 : 0);
    q.addBindValue(text(account.pinnedSha256.join(QLatin1Char(','))));
    q.addBindValue(account.id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

QList<Account> AccountStore::select(const QString &where, const QVariant &value) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, name, email, display_name, incoming_url, smtp_url, "
                             "ca_file, allow_plaintext, pinned_sha256 FROM accounts ")
              + where + QStringLiteral(" ORDER BY id"));
    if (value.isValid())
        q.addBindValue(value);
    QList<Account> result;
    if (!q.exec())
        return result;
    while (q.next()) {
        Account a;
        QString ignored;
        a.id = q.value(0).toLongLong();
        a.name = q.value(1).toString();
        a.email = q.value(2).toString();
        a.displayName = q.value(3).toString();
        if (auto url = ServerUrl::parse(q.value(4).toString(), &ignored))
            a.incoming = *url;
        if (!q.value(5).toString().isEmpty())
            a.smtp = ServerUrl::parse(q.value(5).toString(), &ignored);
        a.caFile = q.value(6).toString();
        a.allowPlaintext = q.value(7).toInt() != 0;
        a.pinnedSha256 = q.value(8).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        result << a;
    }
    return result;
}

QList<Account> AccountStore::list() const
{
    return select(QString(), QVariant());
}

std::optional<Account> AccountStore::find(const QString &name) const
{
    const auto found = select(QStringLiteral("WHERE name = ?"), name);
    return found.isEmpty() ? std::nullopt : std::optional<Account>(found.first());
}

std::optional<Account> AccountStore::find(qint64 id) const
{
    const auto found = select(QStringLiteral("WHERE id = ?"), id);
    return found.isEmpty() ? std::nullopt : std::optional<Account>(found.first());
}

bool AccountStore::remove(qint64 id, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM accounts WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace Tern
