#include "messagestore.h"

#include "sqlvalue.h"
#include "threader.h"
#include "transaction.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace Tern {

bool MessageStore::fail(const QString &error)
{
    m_error = error;
    return false;
}

qint64 MessageStore::accountOf(qint64 folderId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT account_id FROM folders WHERE id = ?"));
    q.addBindValue(folderId);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

bool MessageStore::upsertHeaders(qint64 folderId, const QList<MessageHeader> &headers)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    return upsertHeaders(tx, folderId, headers) && (tx.commit() || fail(QStringLiteral("commit")));
}

bool MessageStore::upsertHeaders(Transaction &, qint64 folderId,
                                 const QList<MessageHeader> &headers)
{
    const qint64 accountId = accountOf(folderId);
    if (accountId == 0)
        return fail(QStringLiteral("no folder %1").arg(folderId));
    Threader threader(m_db);
    // Which uids of the batch are known: one range scan instead of a lookup per row.
    QSet<qint64> known;
    if (!headers.isEmpty()) {
        qint64 low = headers.first().uid;
        qint64 high = low;
        for (const MessageHeader &h : headers) {
            low = std::min(low, h.uid);
            high = std::max(high, h.uid);
        }
        QSqlQuery exists(m_db);
        exists.setForwardOnly(true);
        exists.prepare(QStringLiteral(
            "SELECT uid FROM messages WHERE folder_id = ? AND uid BETWEEN ? AND ?"));
        exists.addBindValue(folderId);
        exists.addBindValue(low);
        exists.addBindValue(high);
        if (!exists.exec())
            return fail(exists.lastError().text());
        while (exists.next())
            known.insert(exists.value(0).toLongLong());
    }
    QSqlQuery insert(m_db);
    // Envelope and structure never change for a (uidvalidity, uid): known rows only get
    // their flags and modseq refreshed, and only when they differ.
    insert.prepare(QStringLiteral(
        "INSERT INTO messages (folder_id, uid, flags, keywords, modseq, internaldate, size, "
        "date, subject, from_name, from_addr, to_text, cc_text, message_id, in_reply_to, refs, "
        "thread_id, has_attachments, preview, bodystructure) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (folder_id, uid) DO UPDATE SET flags = excluded.flags, "
        "keywords = excluded.keywords, modseq = excluded.modseq "
        "WHERE flags != excluded.flags OR keywords != excluded.keywords "
        "OR modseq != excluded.modseq"));
    for (const MessageHeader &h : headers) {
        qint64 thread = 0;
        if (!known.contains(h.uid)) {
            thread = threader.assign(accountId, h.messageId, h.inReplyTo, h.references);
            if (thread == 0)
                return fail(QStringLiteral("cannot assign a thread: %1")
                                .arg(m_db.lastError().text()));
        }
        insert.bindValue(0, folderId);
        insert.bindValue(1, h.uid);
        insert.bindValue(2, h.flags.bits());
        insert.bindValue(3, sqlText(h.flags.keywordsText()));
        insert.bindValue(4, h.modseq);
        insert.bindValue(5, h.internalDate);
        insert.bindValue(6, h.size);
        insert.bindValue(7, h.date);
        insert.bindValue(8, sqlText(h.subject));
        insert.bindValue(9, sqlText(h.fromName));
        insert.bindValue(10, sqlText(h.fromAddr));
        insert.bindValue(11, sqlText(h.toText));
        insert.bindValue(12, sqlText(h.ccText));
        insert.bindValue(13, sqlText(h.messageId));
        insert.bindValue(14, sqlText(h.inReplyTo));
        insert.bindValue(15, sqlText(h.references.join(QLatin1Char(' '))));
        insert.bindValue(16, thread);
        insert.bindValue(17, h.hasAttachments ? 1 : 0);
        insert.bindValue(18, sqlText(h.preview));
        insert.bindValue(19, h.bodyStructure.isNull() ? QByteArray("") : h.bodyStructure);
        if (!insert.exec())
            return fail(insert.lastError().text());
        known.insert(h.uid);
    }
    return threader.flush() || fail(QStringLiteral("cannot store the thread counter"));
}

bool MessageStore::updateFlags(qint64 folderId, const QList<FlagUpdate> &updates)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    return updateFlags(tx, folderId, updates) && (tx.commit() || fail(QStringLiteral("commit")));
}

bool MessageStore::updateFlags(Transaction &, qint64 folderId, const QList<FlagUpdate> &updates)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE messages SET flags = ?, keywords = ?, modseq = max(modseq, ?) "
        "WHERE folder_id = ? AND uid = ?"));
    for (const FlagUpdate &u : updates) {
        q.bindValue(0, u.flags.bits());
        q.bindValue(1, sqlText(u.flags.keywordsText()));
        q.bindValue(2, u.modseq);
        q.bindValue(3, folderId);
        q.bindValue(4, u.uid);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

std::optional<QHash<qint64, MessageFlags>>
MessageStore::changeFlags(Transaction &, qint64 folderId, const QList<qint64> &uids,
                          const MessageFlags &add, const MessageFlags &remove)
{
    QSqlQuery read(m_db);
    read.prepare(QStringLiteral(
        "SELECT flags, keywords FROM messages WHERE folder_id = ? AND uid = ?"));
    QSqlQuery write(m_db);
    write.prepare(QStringLiteral(
        "UPDATE messages SET flags = ?, keywords = ? WHERE folder_id = ? AND uid = ?"));
    QHash<qint64, MessageFlags> before;
    for (qint64 uid : uids) {
        read.bindValue(0, folderId);
        read.bindValue(1, uid);
        if (!read.exec()) {
            fail(read.lastError().text());
            return std::nullopt;
        }
        if (!read.next())
            continue;
        const MessageFlags old = MessageFlags::fromColumns(read.value(0).toUInt(),
                                                           read.value(1).toString());
        read.finish();
        before.insert(uid, old);
        MessageFlags now = old;
        now.add(add);
        now.remove(remove);
        if (now == old)
            continue;
        write.bindValue(0, now.bits());
        write.bindValue(1, sqlText(now.keywordsText()));
        write.bindValue(2, folderId);
        write.bindValue(3, uid);
        if (!write.exec()) {
            fail(write.lastError().text());
            return std::nullopt;
        }
    }
    return before;
}

bool MessageStore::expunge(qint64 folderId, const QList<qint64> &uids)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    return expunge(tx, folderId, uids) && (tx.commit() || fail(QStringLiteral("commit")));
}

bool MessageStore::expunge(Transaction &, qint64 folderId, const QList<qint64> &uids)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM messages WHERE folder_id = ? AND uid = ?"));
    for (qint64 uid : uids) {
        q.bindValue(0, folderId);
        q.bindValue(1, uid);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

bool MessageStore::resetFolder(qint64 folderId, qint64 newUidvalidity)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    // Rows with uid <= 0 are local placeholders of journaled operations, not server uids.
    q.prepare(QStringLiteral("DELETE FROM messages WHERE folder_id = ? AND uid > 0"));
    q.addBindValue(folderId);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral("UPDATE folders SET uidvalidity = ?, uidnext = 0, "
                             "highestmodseq = 0 WHERE id = ?"));
    q.addBindValue(newUidvalidity);
    q.addBindValue(folderId);
    if (!q.exec())
        return fail(q.lastError().text());
    return tx.commit() || fail(QStringLiteral("commit"));
}

bool MessageStore::storeBody(qint64 messageId, const QByteArray &raw, const QString &text)
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO bodies (message_id, raw, complete) VALUES (?, ?, 1)"));
    q.addBindValue(messageId);
    q.addBindValue(raw);
    if (!q.exec())
        return fail(q.lastError().text());
    // The index is contentless: the row is replaced whole, header columns included.
    q.prepare(QStringLiteral("DELETE FROM messages_fts WHERE rowid = ?"));
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral(
        "INSERT INTO messages_fts (rowid, subject, addresses, body) SELECT id, subject, "
        "from_name || ' ' || from_addr || ' ' || to_text || ' ' || cc_text, ? "
        "FROM messages WHERE id = ?"));
    q.addBindValue(sqlText(text));
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(q.lastError().text());
    return tx.commit() || fail(QStringLiteral("commit"));
}

std::optional<QByteArray> MessageStore::body(qint64 messageId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT raw FROM bodies WHERE message_id = ?"));
    q.addBindValue(messageId);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return std::nullopt;
}

qint64 MessageStore::messageId(qint64 folderId, qint64 uid) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM messages WHERE folder_id = ? AND uid = ?"));
    q.addBindValue(folderId);
    q.addBindValue(uid);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

QHash<qint64, FlagUpdate> MessageStore::flagsOf(qint64 folderId) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT uid, flags, keywords, modseq FROM messages WHERE folder_id = ? AND uid > 0"));
    q.addBindValue(folderId);
    QHash<qint64, FlagUpdate> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        const qint64 uid = q.value(0).toLongLong();
        const auto flags = MessageFlags::fromColumns(q.value(1).toUInt(), q.value(2).toString());
        out.insert(uid, {uid, flags, q.value(3).toLongLong()});
    }
    return out;
}

QString MessageStore::listQuery()
{
    return QStringLiteral(
        "SELECT id, uid, date, flags, keywords, from_name, from_addr, subject, thread_id, size "
        "FROM messages WHERE folder_id = ? ORDER BY date DESC, id DESC LIMIT ? OFFSET ?");
}

QList<MessageSummary> MessageStore::list(qint64 folderId, int limit, int offset) const
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(listQuery());
    q.addBindValue(folderId);
    q.addBindValue(limit < 0 ? -1 : limit);
    q.addBindValue(offset);
    QList<MessageSummary> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        MessageSummary m;
        m.id = q.value(0).toLongLong();
        m.uid = q.value(1).toLongLong();
        m.date = q.value(2).toLongLong();
        m.flags = MessageFlags::fromColumns(q.value(3).toUInt(), q.value(4).toString());
        m.fromName = q.value(5).toString();
        m.fromAddr = q.value(6).toString();
        m.subject = q.value(7).toString();
        m.threadId = q.value(8).toLongLong();
        m.size = q.value(9).toLongLong();
        out.append(m);
    }
    return out;
}

} // namespace Tern
