#pragma once

#include "cache/messageheader.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace Tern {

/// What the cache remembers of one server message of a POP3 account (table pop3_seen).
struct Pop3Seen {
    QByteArray uidl;
    qint64 messageId = 0;
    qint64 downloadedAt = 0;
    bool deletedOnServer = false;
    /// The message row still exists (in any folder): not deleted locally.
    bool existsLocally = false;
    /// Only the header was downloaded (size limit): the server copy is still needed.
    bool partial = false;
};

/// The cache side of a POP3 account: its local Inbox, the UIDLs already downloaded, and the
/// one-transaction commit of a downloaded message together with its UIDL.
class Pop3Store
{
public:
    Pop3Store(QSqlDatabase &db, qint64 accountId) : m_db(db), m_accountId(accountId) {}

    /// The account's local Inbox (role inbox, is_local = 1), created on first use; 0 on error.
    qint64 ensureInbox();
    /// Every UIDL downloaded so far.
    QHash<QByteArray, Pop3Seen> seen() const;
    /// Stores a downloaded message (its row, body, index entry) and its UIDL in ONE
    /// transaction: once this returns an id, the server copy may be deleted (unless partial).
    qint64 commitMessage(qint64 folderId, const QByteArray &uidl, const QByteArray &raw,
                         qint64 serverSize, bool complete);
    /// Replaces a headers-only message by the full one.
    bool completeMessage(qint64 messageId, const QByteArray &raw);
    /// RFC 1939 §6: QUIT's +OK removed these (or the server no longer lists them).
    bool markDeletedOnServer(const QList<QByteArray> &uidls);
    /// The UIDL a message was downloaded under, empty if none.
    QByteArray uidlOf(qint64 messageId) const;
    /// The list entry for a raw message: decoded subject, addresses, date and threading ids.
    static MessageHeader headerFor(const QByteArray &raw, qint64 size, QString *text);

    QString lastError() const { return m_error; }

private:
    bool fail(const QString &error);
    qint64 failId(const QString &error);
    bool indexBody(qint64 messageId, const QString &text);
    QSqlDatabase &m_db;
    qint64 m_accountId = 0;
    QString m_error;
};

} // namespace Tern
