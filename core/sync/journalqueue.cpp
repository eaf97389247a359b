// Journal: the replay side (state changes, undo, placeholder resolution).
#include "journal.h"

#include "rowsnapshot.h"

#include "cache/folderstore.h"
#include "cache/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

QList<qint64> uidsOf(const QJsonValue &v)
{
    QList<qint64> out;
    for (const QJsonValue &u : v.toArray())
        out.append(u.toInteger());
    return out;
}

bool setPayload(QSqlDatabase &db, qint64 id, const QJsonObject &payload)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE journal SET payload = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    q.addBindValue(id);
    return q.exec();
}

} // namespace

QList<JournalOp> Journal::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, account_id, kind, state, payload, attempts, last_error "
                             "FROM journal WHERE ") + where);
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<JournalOp> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        JournalOp op;
        bool ok = false;
        op.id = q.value(0).toLongLong();
        op.accountId = q.value(1).toLongLong();
        op.kind = JournalOp::kindFromName(q.value(2).toString(), &ok);
        op.state = JournalOp::stateFromName(q.value(3).toString());
        op.payload = QJsonDocument::fromJson(q.value(4).toString().toUtf8()).object();
        op.attempts = q.value(5).toInt();
        op.lastError = q.value(6).toString();
        if (ok)
            out.append(op);
    }
    return out;
}

QList<JournalOp> Journal::pendingOperations(qint64 accountId) const
{
    return select(QStringLiteral("account_id = ? AND state IN ('pending', 'sent') ORDER BY id"),
                  {accountId});
}

std::optional<JournalOp> Journal::nextOperation(qint64 accountId) const
{
    const auto ops = select(QStringLiteral("account_id = ? AND state IN ('pending', 'sent') "
                                           "ORDER BY id LIMIT 1"),
                            {accountId});
    return ops.isEmpty() ? std::nullopt : std::optional(ops.first());
}

QList<JournalOp> Journal::failedOperations(qint64 accountId) const
{
    return select(QStringLiteral("account_id = ? AND state = 'failed' ORDER BY id"), {accountId});
}

std::optional<JournalOp> Journal::find(qint64 id) const
{
    const auto ops = select(QStringLiteral("id = ?"), {id});
    return ops.isEmpty() ? std::nullopt : std::optional(ops.first());
}

bool Journal::markSent(qint64 id)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE journal SET state = 'sent', sent_at = unixepoch(), "
                             "attempts = attempts + 1 WHERE id = ? AND state != 'failed'"));
    q.addBindValue(id);
    if (!q.exec() || q.numRowsAffected() != 1)
        return fail(QStringLiteral("no pending journal entry %1").arg(id)) != 0;
    return tx.commit();
}

bool Journal::markDone(qint64 id, const ServerResult &result)
{
    const auto op = find(id);
    if (!op)
        return fail(QStringLiteral("no journal entry %1").arg(id)) != 0;
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text()) != 0;
    if (!resolvePlaceholders(tx, *op, result))
        return false;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM journal WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text()) != 0;
    return tx.commit();
}

bool Journal::resolvePlaceholders(Transaction &tx, const JournalOp &op,
                                  const ServerResult &result)
{
    qint64 folderId = 0;
    QList<qint64> sources;
    if (op.kind == JournalOp::Kind::Move || op.kind == JournalOp::Kind::Copy) {
        folderId = op.payload.value(QStringLiteral("targetId")).toInteger();
        sources = uidsOf(op.payload.value(QStringLiteral("uids")));
    } else if (op.kind == JournalOp::Kind::Append) {
        folderId = op.payload.value(QStringLiteral("folderId")).toInteger();
        sources = {0};
    } else {
        return true;
    }
    const QList<qint64> temps = uidsOf(op.payload.value(QStringLiteral("temp")));
    const auto folder = FolderStore(m_db).find(folderId);
    // Uids under another UIDVALIDITY than the cache's mean nothing here (RFC 4315 §3).
    const bool usable = folder && result.status == ServerResult::Status::Ok
        && (result.uidvalidity == 0 || folder->uidvalidity == 0
            || result.uidvalidity == folder->uidvalidity);
    QSqlQuery exists(m_db);
    exists.prepare(QStringLiteral("SELECT 1 FROM messages WHERE folder_id = ? AND uid = ?"));
    QSqlQuery rename(m_db);
    rename.prepare(QStringLiteral("UPDATE messages SET uid = ? WHERE folder_id = ? AND uid = ?"));
    QSqlQuery drop(m_db);
    drop.prepare(QStringLiteral("DELETE FROM messages WHERE folder_id = ? AND uid = ?"));
    QHash<qint64, qint64> map;
    for (qsizetype i = 0; i < temps.size() && i < sources.size(); ++i) {
        const qint64 newUid = usable ? result.uidMap.value(sources[i], 0) : 0;
        bool taken = false;
        if (newUid > 0) {
            exists.bindValue(0, folderId);
            exists.bindValue(1, newUid);
            if (!exists.exec())
                return fail(exists.lastError().text()) != 0;
            taken = exists.next(); // a sync already fetched the real message
            exists.finish();
        }
        QSqlQuery &q = newUid > 0 && !taken ? rename : drop;
        int b = 0;
        if (&q == &rename)
            q.bindValue(b++, newUid);
        q.bindValue(b++, folderId);
        q.bindValue(b++, temps[i]);
        if (!q.exec())
            return fail(q.lastError().text()) != 0;
        if (newUid > 0)
            map.insert(temps[i], newUid);
    }
    return remapLaterOps(tx, op, folderId, map);
}

bool Journal::remapLaterOps(Transaction &, const JournalOp &op, qint64 folderId,
                            const QHash<qint64, qint64> &uidMap)
{
    if (uidMap.isEmpty())
        return true;
    // Later entries may name a placeholder ("move, then mark read"): give them the real uid.
    const auto laterOps = select(QStringLiteral("account_id = ? AND id > ? AND state IN "
                                              "('pending', 'sent') ORDER BY id"),
                               {op.accountId, op.id});
    for (const JournalOp &later : laterOps) {
        if (later.payload.value(QStringLiteral("folderId")).toInteger() != folderId)
            continue;
        QJsonArray uids;
        bool changed = false;
        for (qint64 uid : uidsOf(later.payload.value(QStringLiteral("uids")))) {
            const qint64 mapped = uidMap.value(uid, uid);
            changed = changed || mapped != uid;
            uids.append(mapped);
        }
        if (!changed)
            continue;
        QJsonObject payload = later.payload;
        payload.insert(QStringLiteral("uids"), uids);
        if (!setPayload(m_db, later.id, payload))
            return fail(m_db.lastError().text()) != 0;
    }
    return true;
}

bool Journal::markFailed(qint64 id, const QString &error, bool permanent)
{
    const auto op = find(id);
    if (!op)
        return fail(QStringLiteral("no journal entry %1").arg(id)) != 0;
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text()) != 0;
    if (permanent && !revert(tx, *op))
        return false;
    // A transient failure keeps the state: a 'sent' entry may still have reached the server.
    QSqlQuery q(m_db);
    q.prepare(permanent ? QStringLiteral("UPDATE journal SET state = 'failed', permanent = 1, "
                                         "last_error = ? WHERE id = ?")
                        : QStringLiteral("UPDATE journal SET last_error = ? WHERE id = ?"));
    q.addBindValue(error);
    q.addBindValue(id);
    if (!q.exec())
        return fail(q.lastError().text()) != 0;
    return tx.commit();
}

bool Journal::revert(Transaction &tx, const JournalOp &op)
{
    const QJsonObject &p = op.payload;
    const qint64 folderId = p.value(QStringLiteral("folderId")).toInteger();
    const QList<qint64> uids = uidsOf(p.value(QStringLiteral("uids")));
    const QList<qint64> temps = uidsOf(p.value(QStringLiteral("temp")));
    QSqlQuery q(m_db);
    FolderStore folders(m_db);
    switch (op.kind) {
    case JournalOp::Kind::Flags: {
        const QJsonObject before = p.value(QStringLiteral("before")).toObject();
        q.prepare(QStringLiteral("UPDATE messages SET flags = ?, keywords = ? "
                                 "WHERE folder_id = ? AND uid = ?"));
        for (auto it = before.begin(); it != before.end(); ++it) {
            q.bindValue(0, it.value().toArray().at(0).toInteger());
            q.bindValue(1, it.value().toArray().at(1).toString());
            q.bindValue(2, folderId);
            q.bindValue(3, it.key().toLongLong());
            if (!q.exec())
                return fail(q.lastError().text()) != 0;
        }
        return true;
    }
    case JournalOp::Kind::Move:
    case JournalOp::Kind::Copy: {
        const qint64 target = p.value(QStringLiteral("targetId")).toInteger();
        // A moved message goes back (unless a sync refetched it meanwhile); the placeholder
        // left in the target is then dropped, which is all a copy's undo needs.
        QSqlQuery back(m_db);
        back.prepare(QStringLiteral("UPDATE OR IGNORE messages SET folder_id = ?, uid = ? "
                                    "WHERE folder_id = ? AND uid = ?"));
        q.prepare(QStringLiteral("DELETE FROM messages WHERE folder_id = ? AND uid = ?"));
        for (qsizetype i = 0; i < uids.size() && i < temps.size(); ++i) {
            if (op.kind == JournalOp::Kind::Move) {
                back.bindValue(0, folderId);
                back.bindValue(1, uids[i]);
                back.bindValue(2, target);
                back.bindValue(3, temps[i]);
                if (!back.exec())
                    return fail(back.lastError().text()) != 0;
            }
            q.bindValue(0, target);
            q.bindValue(1, temps[i]);
            if (!q.exec())
                return fail(q.lastError().text()) != 0;
        }
        return true;
    }
    case JournalOp::Kind::Expunge:
        return restoreRows(m_db, QStringLiteral("messages"),
                           p.value(QStringLiteral("rows")).toArray(), {}, &m_error);
    case JournalOp::Kind::CreateFolder:
        return folders.remove(tx, folderId) || fail(folders.lastError()) != 0;
    case JournalOp::Kind::RenameFolder:
        return folders.rename(tx, folderId, p.value(QStringLiteral("from")).toString())
            || fail(folders.lastError()) != 0;
    case JournalOp::Kind::DeleteFolder:
        // The folders come back empty and unsynced; the next sync refetches their messages.
        return restoreRows(m_db, QStringLiteral("folders"),
                           p.value(QStringLiteral("rows")).toArray(),
                           {{QStringLiteral("uidvalidity"), 0}, {QStringLiteral("uidnext"), 0},
                            {QStringLiteral("highestmodseq"), 0}, {QStringLiteral("total"), 0},
                            {QStringLiteral("unread"), 0}},
                           &m_error);
    case JournalOp::Kind::Append:
        // Never drop the user's message: it stays as a local copy beside the failed entry.
        return true;
    }
    return true;
}

bool Journal::dismissFailed(qint64 id)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM journal WHERE id = ? AND state = 'failed'"));
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1 && tx.commit();
}

QByteArray Journal::appendData(const JournalOp &op) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT raw FROM bodies WHERE message_id = ?"));
    q.addBindValue(op.payload.value(QStringLiteral("rowId")).toInteger());
    return q.exec() && q.next() ? q.value(0).toByteArray() : QByteArray();
}

} // namespace Tern
