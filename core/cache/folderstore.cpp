#include "folderstore.h"

#include "sqlvalue.h"
#include "transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

const char selectColumns[] =
    "SELECT id, account_id, path, delimiter, role, attributes, subscribed, is_local, "
    "uidvalidity, uidnext, highestmodseq, total, unread FROM folders ";

FolderInfo readFolder(const QSqlQuery &q)
{
    FolderInfo f;
    f.id = q.value(0).toLongLong();
    f.accountId = q.value(1).toLongLong();
    f.path = q.value(2).toString();
    f.delimiter = q.value(3).toString();
    f.role = q.value(4).toString();
    f.attributes = q.value(5).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    f.subscribed = q.value(6).toBool();
    f.isLocal = q.value(7).toBool();
    f.uidvalidity = q.value(8).toLongLong();
    f.uidnext = q.value(9).toLongLong();
    f.highestmodseq = q.value(10).toLongLong();
    f.total = q.value(11).toLongLong();
    f.unread = q.value(12).toLongLong();
    return f;
}

QString escapeLike(QString s)
{
    s.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    s.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    s.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return s;
}

} // namespace

QString FolderStore::roleFor(const QString &path, const QStringList &attributes)
{
    // RFC 9051 §5.1: INBOX is case-insensitive.
    if (path.compare(QLatin1StringView("INBOX"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("inbox");
    static const char *const roles[] = {"sent", "drafts", "trash", "junk", "archive", "all",
                                        "flagged"};
    for (const QString &a : attributes) {
        if (!a.startsWith(QLatin1Char('\\')))
            continue;
        const QString name = a.mid(1).toLower();
        for (const char *role : roles) {
            if (name == QLatin1StringView(role))
                return name;
        }
    }
    return {};
}

bool FolderStore::fail(const QSqlQuery &q)
{
    m_error = q.lastError().text();
    return false;
}

QList<FolderInfo> FolderStore::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery q(m_db);
    q.prepare(QLatin1StringView(selectColumns) + where);
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<FolderInfo> out;
    if (!q.exec())
        return out;
    while (q.next())
        out.append(readFolder(q));
    return out;
}

QList<FolderInfo> FolderStore::list(qint64 accountId) const
{
    return select(QStringLiteral("WHERE account_id = ? ORDER BY path"), {accountId});
}

std::optional<FolderInfo> FolderStore::find(qint64 accountId, const QString &path) const
{
    const auto rows =
        select(QStringLiteral("WHERE account_id = ? AND path = ?"), {accountId, path});
    return rows.isEmpty() ? std::nullopt : std::optional(rows.first());
}

std::optional<FolderInfo> FolderStore::find(qint64 folderId) const
{
    const auto rows = select(QStringLiteral("WHERE id = ?"), {folderId});
    return rows.isEmpty() ? std::nullopt : std::optional(rows.first());
}

std::optional<FolderInfo> FolderStore::findByRole(qint64 accountId, const QString &role) const
{
    const auto rows = select(QStringLiteral("WHERE account_id = ? AND role = ? ORDER BY id"),
                             {accountId, role});
    return rows.isEmpty() ? std::nullopt : std::optional(rows.first());
}

qint64 FolderStore::upsert(Transaction &, qint64 accountId, const ServerFolder &folder)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO folders (account_id, path, delimiter, role, attributes, subscribed) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, path) DO UPDATE SET "
        "delimiter = excluded.delimiter, role = excluded.role, "
        "attributes = excluded.attributes, subscribed = excluded.subscribed RETURNING id"));
    q.addBindValue(accountId);
    q.addBindValue(sqlText(folder.path));
    q.addBindValue(sqlText(folder.delimiter));
    q.addBindValue(sqlText(roleFor(folder.path, folder.attributes)));
    q.addBindValue(sqlText(folder.attributes.join(QLatin1Char(' '))));
    q.addBindValue(folder.subscribed ? 1 : 0);
    if (!q.exec() || !q.next()) {
        fail(q);
        return 0;
    }
    return q.value(0).toLongLong();
}

bool FolderStore::syncFolderList(qint64 accountId, const QList<ServerFolder> &folders,
                                 const QSet<QString> &keep)
{
    Transaction tx(m_db);
    if (!tx.isActive()) {
        m_error = m_db.lastError().text();
        return false;
    }
    QSet<QString> listed;
    for (const ServerFolder &f : folders) {
        if (!upsert(tx, accountId, f))
            return false;
        listed.insert(f.path);
    }
    for (const FolderInfo &f : list(accountId)) {
        if (f.isLocal || listed.contains(f.path) || keep.contains(f.path))
            continue;
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("DELETE FROM folders WHERE id = ?"));
        q.addBindValue(f.id);
        if (!q.exec())
            return fail(q);
    }
    return tx.commit();
}

bool FolderStore::setSyncState(Transaction &, qint64 folderId, qint64 uidvalidity,
                               qint64 uidnext, qint64 highestmodseq)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE folders SET uidvalidity = ?, uidnext = ?, "
                             "highestmodseq = ?, synced_at = unixepoch() WHERE id = ?"));
    q.addBindValue(uidvalidity);
    q.addBindValue(uidnext);
    q.addBindValue(highestmodseq);
    q.addBindValue(folderId);
    return q.exec() || fail(q);
}

bool FolderStore::setSyncState(qint64 folderId, qint64 uidvalidity, qint64 uidnext,
                               qint64 highestmodseq)
{
    Transaction tx(m_db);
    return setSyncState(tx, folderId, uidvalidity, uidnext, highestmodseq) && tx.commit();
}

bool FolderStore::setSubscribed(qint64 folderId, bool subscribed)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE folders SET subscribed = ? WHERE id = ?"));
    q.addBindValue(subscribed ? 1 : 0);
    q.addBindValue(folderId);
    return (q.exec() || fail(q)) && tx.commit();
}

bool FolderStore::rename(Transaction &, qint64 folderId, const QString &newPath)
{
    const auto folder = find(folderId);
    if (!folder) {
        m_error = QStringLiteral("no such folder");
        return false;
    }
    // Children follow: "A/B" becomes "C/B" when "A" is renamed to "C".
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE folders SET path = ? || substr(path, ?) "
        "WHERE account_id = ? AND (id = ? OR path LIKE ? ESCAPE '\\')"));
    q.addBindValue(newPath);
    q.addBindValue(folder->path.size() + 1);
    q.addBindValue(folder->accountId);
    q.addBindValue(folderId);
    q.addBindValue(QString(escapeLike(folder->path + folder->delimiter) + QLatin1Char('%')));
    if (!q.exec())
        return fail(q);
    // A renamed folder keeps its role only if the server says so on the next LIST.
    return true;
}

bool FolderStore::rename(qint64 folderId, const QString &newPath)
{
    Transaction tx(m_db);
    return rename(tx, folderId, newPath) && tx.commit();
}

bool FolderStore::remove(Transaction &, qint64 folderId)
{
    const auto folder = find(folderId);
    if (!folder)
        return true;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "DELETE FROM folders WHERE account_id = ? AND (id = ? OR path LIKE ? ESCAPE '\\')"));
    q.addBindValue(folder->accountId);
    q.addBindValue(folderId);
    q.addBindValue(QString(escapeLike(folder->path + folder->delimiter) + QLatin1Char('%')));
    return q.exec() || fail(q);
}

bool FolderStore::remove(qint64 folderId)
{
    Transaction tx(m_db);
    return remove(tx, folderId) && tx.commit();
}

} // namespace Tern
