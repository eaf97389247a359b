#include "pop3store.h"

#include "cache/messagestore.h"
#include "cache/transaction.h"
#include "mime/messageparser.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

const QString inboxPath = QStringLiteral("Inbox");

QString addressText(const QList<Mime::MailAddress> &list)
{
    QStringList out;
    for (const Mime::MailAddress &a : list)
        out << (a.name.isEmpty() ? a.address : a.name + QStringLiteral(" <") + a.address
                                                   + QLatin1Char('>'));
    return out.join(QStringLiteral(", "));
}

QString bracketed(const QByteArray &id)
{
    if (id.isEmpty())
        return {};
    return QLatin1Char('<') + QString::fromUtf8(id) + QLatin1Char('>');
}

} // namespace

bool Pop3Store::fail(const QString &error)
{
    m_error = error;
    return false;
}

qint64 Pop3Store::failId(const QString &error)
{
    m_error = error;
    return 0;
}

qint64 Pop3Store::ensureInbox()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM folders WHERE account_id = ? AND role = 'inbox' "
                             "AND is_local = 1"));
    q.addBindValue(m_accountId);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    q.prepare(QStringLiteral("INSERT INTO folders (account_id, path, role, is_local, uidnext) "
                             "VALUES (?, ?, 'inbox', 1, 1)"));
    q.addBindValue(m_accountId);
    q.addBindValue(inboxPath);
    if (!q.exec())
        return failId(q.lastError().text());
    return q.lastInsertId().toLongLong();
}

QHash<QByteArray, Pop3Seen> Pop3Store::seen() const
{
    QHash<QByteArray, Pop3Seen> out;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT s.uidl, coalesce(s.message_id, 0), s.downloaded_at, s.deleted_on_server, "
        "m.id IS NOT NULL, coalesce(b.complete, 1) = 0 FROM pop3_seen s "
        "LEFT JOIN messages m ON m.id = s.message_id "
        "LEFT JOIN bodies b ON b.message_id = s.message_id WHERE s.account_id = ?"));
    q.addBindValue(m_accountId);
    q.setForwardOnly(true);
    if (!q.exec())
        return out;
    while (q.next()) {
        Pop3Seen s;
        s.uidl = q.value(0).toString().toUtf8();
        s.messageId = q.value(1).toLongLong();
        s.downloadedAt = q.value(2).toLongLong();
        s.deletedOnServer = q.value(3).toBool();
        s.existsLocally = q.value(4).toBool();
        s.partial = q.value(5).toBool();
        out.insert(s.uidl, s);
    }
    return out;
}

MessageHeader Pop3Store::headerFor(const QByteArray &raw, qint64 size, QString *text)
{
    Mime::ParseOptions options;
    options.preferHtml = false;
    const Mime::ParsedMessage m = Mime::parseMessage(raw, options);
    MessageHeader h;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    h.internalDate = now;
    h.size = size;
    h.date = m.date.isValid() ? m.date.toSecsSinceEpoch() : now;
    h.subject = m.subject;
    if (!m.from.isEmpty()) {
        h.fromName = m.from.first().name;
        h.fromAddr = m.from.first().address;
    }
    h.toText = addressText(m.to);
    h.ccText = addressText(m.cc);
    h.messageId = bracketed(m.messageId);
    if (!m.inReplyTo.isEmpty())
        h.inReplyTo = bracketed(m.inReplyTo.last());
    for (const QByteArray &r : m.references)
        h.references << bracketed(r);
    h.hasAttachments = !m.attachments.isEmpty();
    const QString plain = m.bodyIsHtml ? QString() : m.bodyText;
    h.preview = plain.simplified().left(200);
    if (text)
        *text = plain;
    return h;
}

bool Pop3Store::indexBody(qint64 messageId, const QString &text)
{
    // The index is contentless: the row is replaced whole, header columns included.
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM messages_fts WHERE rowid = ?"));
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral(
        "INSERT INTO messages_fts (rowid, subject, addresses, body) SELECT id, subject, "
        "from_name || ' ' || from_addr || ' ' || to_text || ' ' || cc_text, ? "
        "FROM messages WHERE id = ?"));
    q.addBindValue(text.isNull() ? QStringLiteral("") : text);
    q.addBindValue(messageId);
    return q.exec() || fail(q.lastError().text());
}

qint64 Pop3Store::commitMessage(qint64 folderId, const QByteArray &uidl, const QByteArray &raw,
                                qint64 serverSize, bool complete)
{
    QString text;
    MessageHeader h = headerFor(raw, serverSize, &text);
    Transaction tx(m_db);
    if (!tx.isActive())
        return failId(m_db.lastError().text());
    QSqlQuery q(m_db);
    // Local folders number their messages themselves, from uidnext.
    q.prepare(QStringLiteral("SELECT max(uidnext, 1) FROM folders WHERE id = ?"));
    q.addBindValue(folderId);
    if (!q.exec() || !q.next())
        return failId(QStringLiteral("no folder %1").arg(folderId));
    h.uid = q.value(0).toLongLong();
    q.finish();
    q.prepare(QStringLiteral("UPDATE folders SET uidnext = ? WHERE id = ?"));
    q.addBindValue(h.uid + 1);
    q.addBindValue(folderId);
    if (!q.exec())
        return failId(q.lastError().text());
    MessageStore messages(m_db);
    if (!messages.upsertHeaders(tx, folderId, {h}))
        return failId(messages.lastError());
    const qint64 id = messages.messageId(folderId, h.uid);
    if (id == 0)
        return failId(QStringLiteral("the message row was not written"));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO bodies (message_id, raw, complete) "
                             "VALUES (?, ?, ?)"));
    q.addBindValue(id);
    q.addBindValue(raw);
    q.addBindValue(complete ? 1 : 0);
    if (!q.exec())
        return failId(q.lastError().text());
    if (!indexBody(id, text))
        return 0;
    q.prepare(QStringLiteral("INSERT INTO pop3_seen (account_id, uidl, message_id) "
                             "VALUES (?, ?, ?) ON CONFLICT (account_id, uidl) DO UPDATE SET "
                             "message_id = excluded.message_id, deleted_on_server = 0"));
    q.addBindValue(m_accountId);
    q.addBindValue(QString::fromUtf8(uidl));
    q.addBindValue(id);
    if (!q.exec())
        return failId(q.lastError().text());
    if (!tx.commit())
        return failId(QStringLiteral("commit failed: %1").arg(m_db.lastError().text()));
    return id;
}

bool Pop3Store::completeMessage(qint64 messageId, const QByteArray &raw)
{
    QString text;
    const MessageHeader h = headerFor(raw, raw.size(), &text);
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.lastError().text());
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE bodies SET raw = ?, complete = 1, fetched_at = unixepoch() "
                             "WHERE message_id = ?"));
    q.addBindValue(raw);
    q.addBindValue(messageId);
    if (!q.exec() || q.numRowsAffected() != 1)
        return fail(QStringLiteral("no partial body for message %1").arg(messageId));
    q.prepare(QStringLiteral("UPDATE messages SET has_attachments = ?, preview = ? "
                             "WHERE id = ?"));
    q.addBindValue(h.hasAttachments ? 1 : 0);
    q.addBindValue(h.preview.isNull() ? QStringLiteral("") : h.preview);
    q.addBindValue(messageId);
    if (!q.exec())
        return fail(q.lastError().text());
    return indexBody(messageId, text) && (tx.commit() || fail(QStringLiteral("commit failed")));
}

bool Pop3Store::markDeletedOnServer(const QList<QByteArray> &uidls)
{
    if (uidls.isEmpty())
        return true;
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE pop3_seen SET deleted_on_server = 1 "
                             "WHERE account_id = ? AND uidl = ?"));
    for (const QByteArray &uidl : uidls) {
        q.bindValue(0, m_accountId);
        q.bindValue(1, QString::fromUtf8(uidl));
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return tx.commit() || fail(QStringLiteral("commit failed"));
}

QByteArray Pop3Store::uidlOf(qint64 messageId) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT uidl FROM pop3_seen WHERE account_id = ? AND "
                             "message_id = ?"));
    q.addBindValue(m_accountId);
    q.addBindValue(messageId);
    if (q.exec() && q.next())
        return q.value(0).toString().toUtf8();
    return {};
}

} // namespace Tern
