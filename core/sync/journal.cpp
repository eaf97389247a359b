#include "journal.h"

#include "rowsnapshot.h"

#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "cache/sqlvalue.h"
#include "cache/transaction.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

QJsonArray toJson(const QList<qint64> &uids)
{
    QJsonArray a;
    for (qint64 uid : uids)
        a.append(uid);
    return a;
}

QString uidPlaceholders(qsizetype n)
{
    return QStringList(n, QStringLiteral("?")).join(QLatin1Char(','));
}

} // namespace

qint64 Journal::fail(const QString &error)
{
    m_error = error;
    return 0;
}

qint64 Journal::record(Transaction &, qint64 accountId, JournalOp::Kind kind,
                       const QJsonObject &payload)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO journal (account_id, kind, payload) VALUES (?, ?, ?)"));
    q.addBindValue(accountId);
    q.addBindValue(JournalOp::kindName(kind));
    q.addBindValue(QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        return fail(q.lastError().text());
    return q.lastInsertId().toLongLong();
}

qint64 Journal::nextLocalUid()
{
    // A counter that only goes down: a placeholder uid is never reused, so a stale entry can
    // never point at another message's placeholder.
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("INSERT OR IGNORE INTO counters (name, value) "
                               "VALUES ('local_uid', 0)"))
        || !q.exec(QStringLiteral("UPDATE counters SET value = value - 1 "
                                  "WHERE name = 'local_uid' RETURNING value"))
        || !q.next())
        return fail(q.lastError().text());
    return q.value(0).toLongLong();
}

qint64 Journal::markRead(qint64 folderId, const QList<qint64> &uids, bool read)
{
    const MessageFlags seen(MessageFlags::Seen, {});
    return read ? changeFlags(folderId, uids, seen, {}) : changeFlags(folderId, uids, {}, seen);
}

qint64 Journal::markFlagged(qint64 folderId, const QList<qint64> &uids, bool flagged)
{
    const MessageFlags f(MessageFlags::Flagged, {});
    return flagged ? changeFlags(folderId, uids, f, {}) : changeFlags(folderId, uids, {}, f);
}

qint64 Journal::addKeywords(qint64 folderId, const QList<qint64> &uids,
                            const QStringList &keywords)
{
    return changeFlags(folderId, uids, MessageFlags(0, keywords), {});
}

qint64 Journal::removeKeywords(qint64 folderId, const QList<qint64> &uids,
                               const QStringList &keywords)
{
    return changeFlags(folderId, uids, {}, MessageFlags(0, keywords));
}

qint64 Journal::changeFlags(qint64 folderId, const QList<qint64> &uids, const MessageFlags &add,
                            const MessageFlags &remove)
{
    const auto folder = FolderStore(m_db).find(folderId);
    if (!folder)
        return fail(QStringLiteral("no such folder"));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    MessageStore messages(m_db);
    const auto before = messages.changeFlags(tx, folderId, uids, add, remove);
    if (!before)
        return fail(messages.lastError());
    if (before->isEmpty())
        return fail(QStringLiteral("no such messages"));
    QJsonObject old;
    QList<qint64> present;
    for (auto it = before->begin(); it != before->end(); ++it) {
        old.insert(QString::number(it.key()),
                   QJsonArray{qint64(it.value().bits()), it.value().keywordsText()});
        present.append(it.key());
    }
    std::sort(present.begin(), present.end());
    const qint64 id = record(tx, folder->accountId, JournalOp::Kind::Flags,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("folder"), folder->path},
                              {QStringLiteral("uidvalidity"), folder->uidvalidity},
                              {QStringLiteral("uids"), toJson(present)},
                              {QStringLiteral("add"), QJsonArray::fromStringList(add.toImap())},
                              {QStringLiteral("remove"),
                               QJsonArray::fromStringList(remove.toImap())},
                              {QStringLiteral("before"), old}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::move(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId)
{
    return relocate(folderId, uids, targetFolderId, JournalOp::Kind::Move);
}

qint64 Journal::copy(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId)
{
    return relocate(folderId, uids, targetFolderId, JournalOp::Kind::Copy);
}

qint64 Journal::relocate(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId,
                         JournalOp::Kind kind)
{
    FolderStore folders(m_db);
    const auto folder = folders.find(folderId);
    const auto target = folders.find(targetFolderId);
    if (!folder || !target || folder->accountId != target->accountId || folderId == targetFolderId)
        return fail(QStringLiteral("cannot move or copy between these folders"));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral(
        "SELECT id, message_id FROM messages WHERE folder_id = ? AND uid = ?"));
    QSqlQuery moveRow(m_db);
    moveRow.prepare(QStringLiteral("UPDATE messages SET folder_id = ?, uid = ? WHERE id = ?"));
    QSqlQuery copyRow(m_db);
    copyRow.prepare(QStringLiteral(
        "INSERT INTO messages (folder_id, uid, flags, keywords, modseq, internaldate, size, "
        "date, subject, from_name, from_addr, to_text, cc_text, message_id, in_reply_to, refs, "
        "thread_id, has_attachments, preview, bodystructure, email_id) "
        "SELECT ?, ?, flags, keywords, 0, internaldate, size, date, subject, from_name, "
        "from_addr, to_text, cc_text, message_id, in_reply_to, refs, thread_id, "
        "has_attachments, preview, bodystructure, email_id FROM messages WHERE id = ?"));
    QSqlQuery copyBody(m_db);
    copyBody.prepare(QStringLiteral("INSERT INTO bodies (message_id, raw, complete) "
                                    "SELECT ?, raw, complete FROM bodies WHERE message_id = ?"));
    QList<qint64> present;
    QJsonArray temps;
    QJsonArray messageIds;
    for (qint64 uid : uids) {
        read.bindValue(0, folderId);
        read.bindValue(1, uid);
        if (!read.exec())
            return fail(read.lastError().text());
        if (!read.next())
            continue;
        const qint64 rowId = read.value(0).toLongLong();
        const QString messageId = read.value(1).toString();
        read.finish();
        const qint64 temp = nextLocalUid();
        if (temp == 0)
            return 0;
        QSqlQuery &q = kind == JournalOp::Kind::Move ? moveRow : copyRow;
        q.bindValue(0, targetFolderId);
        q.bindValue(1, temp);
        q.bindValue(2, rowId);
        if (!q.exec())
            return fail(q.lastError().text());
        if (kind == JournalOp::Kind::Copy) {
            copyBody.bindValue(0, copyRow.lastInsertId());
            copyBody.bindValue(1, rowId);
            if (!copyBody.exec())
                return fail(copyBody.lastError().text());
        }
        present.append(uid);
        temps.append(temp);
        messageIds.append(messageId);
    }
    if (present.isEmpty())
        return fail(QStringLiteral("no such messages"));
    const qint64 id = record(tx, folder->accountId, kind,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("folder"), folder->path},
                              {QStringLiteral("uidvalidity"), folder->uidvalidity},
                              {QStringLiteral("uids"), toJson(present)},
                              {QStringLiteral("targetId"), targetFolderId},
                              {QStringLiteral("target"), target->path},
                              {QStringLiteral("targetUidvalidity"), target->uidvalidity},
                              {QStringLiteral("temp"), temps},
                              {QStringLiteral("messageIds"), messageIds}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::deleteMessages(qint64 folderId, const QList<qint64> &uids, DeleteMode mode)
{
    FolderStore folders(m_db);
    const auto folder = folders.find(folderId);
    if (!folder)
        return fail(QStringLiteral("no such folder"));
    if (mode == DeleteMode::ToTrash) {
        const auto trash = folders.findByRole(folder->accountId, QStringLiteral("trash"));
        if (trash && trash->id != folderId)
            return move(folderId, uids, trash->id);
    }
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    const QString where = QStringLiteral("folder_id = ? AND uid IN (%1)")
                              .arg(uidPlaceholders(uids.size()));
    QVariantList binds{folderId};
    for (qint64 uid : uids)
        binds.append(uid);
    // The rows (without bodies) are kept so a refused expunge can be undone.
    const QJsonArray rows = snapshotRows(m_db, QStringLiteral("messages"), where, binds);
    if (rows.isEmpty())
        return fail(QStringLiteral("no such messages"));
    QList<qint64> present;
    for (const QJsonValue &row : rows)
        present.append(row.toObject().value(QStringLiteral("uid")).toInteger());
    std::sort(present.begin(), present.end());
    MessageStore messages(m_db);
    if (!messages.expunge(tx, folderId, present))
        return fail(messages.lastError());
    const qint64 id = record(tx, folder->accountId, JournalOp::Kind::Expunge,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("folder"), folder->path},
                              {QStringLiteral("uidvalidity"), folder->uidvalidity},
                              {QStringLiteral("uids"), toJson(present)},
                              {QStringLiteral("rows"), rows}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::createFolder(qint64 accountId, const QString &path, const QString &delimiter)
{
    FolderStore folders(m_db);
    if (path.isEmpty() || folders.find(accountId, path))
        return fail(QStringLiteral("the folder %1 already exists").arg(path));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    const qint64 folderId = folders.upsert(tx, accountId, {path, delimiter, {}, true});
    if (folderId == 0)
        return fail(folders.lastError());
    const qint64 id = record(tx, accountId, JournalOp::Kind::CreateFolder,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("path"), path}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::renameFolder(qint64 folderId, const QString &newPath)
{
    FolderStore folders(m_db);
    const auto folder = folders.find(folderId);
    if (!folder || newPath.isEmpty() || folders.find(folder->accountId, newPath))
        return fail(QStringLiteral("cannot rename to %1").arg(newPath));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    if (!folders.rename(tx, folderId, newPath))
        return fail(folders.lastError());
    const qint64 id = record(tx, folder->accountId, JournalOp::Kind::RenameFolder,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("from"), folder->path},
                              {QStringLiteral("to"), newPath}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::deleteFolder(qint64 folderId)
{
    FolderStore folders(m_db);
    const auto folder = folders.find(folderId);
    if (!folder)
        return fail(QStringLiteral("no such folder"));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    const QJsonArray rows = snapshotRows(
        m_db, QStringLiteral("folders"),
        QStringLiteral("account_id = ? AND (id = ? OR substr(path, 1, ?) = ?)"),
        {folder->accountId, folderId, folder->path.size() + folder->delimiter.size(),
         QString(folder->path + folder->delimiter)});
    if (!folders.remove(tx, folderId))
        return fail(folders.lastError());
    const qint64 id = record(tx, folder->accountId, JournalOp::Kind::DeleteFolder,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("path"), folder->path},
                              {QStringLiteral("rows"), rows}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

qint64 Journal::append(qint64 folderId, const QByteArray &raw, const MessageHeader &header)
{
    const auto folder = FolderStore(m_db).find(folderId);
    if (!folder)
        return fail(QStringLiteral("no such folder"));
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    MessageHeader h = header;
    h.uid = nextLocalUid();
    if (h.uid == 0)
        return 0;
    MessageStore messages(m_db);
    if (!messages.upsertHeaders(tx, folderId, {h}))
        return fail(messages.lastError());
    const qint64 rowId = messages.messageId(folderId, h.uid);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO bodies (message_id, raw) VALUES (?, ?)"));
    q.addBindValue(rowId);
    q.addBindValue(raw);
    if (!q.exec())
        return fail(q.lastError().text());
    const qint64 id = record(tx, folder->accountId, JournalOp::Kind::Append,
                             {{QStringLiteral("folderId"), folderId},
                              {QStringLiteral("folder"), folder->path},
                              {QStringLiteral("uidvalidity"), folder->uidvalidity},
                              {QStringLiteral("temp"), QJsonArray{h.uid}},
                              {QStringLiteral("rowId"), rowId},
                              {QStringLiteral("messageId"), sqlText(h.messageId)},
                              {QStringLiteral("flags"),
                               QJsonArray::fromStringList(h.flags.toImap())},
                              {QStringLiteral("internalDate"), h.internalDate}});
    return id && tx.commit() ? id : fail(QStringLiteral("cannot commit: %1").arg(m_error));
}

} // namespace Tern
