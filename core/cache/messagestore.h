#pragma once

#include "messageheader.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace Tern {

class Transaction;

/// Reads and writes the messages of one account's folders, keyed by (folder, uid); the
/// folder row carries the UIDVALIDITY the uids belong to. Batch writes take one transaction
/// and reuse prepared statements. Counts and the full-text index follow through triggers.
class MessageStore
{
public:
    explicit MessageStore(QSqlDatabase &db) : m_db(db) {}

    /// Inserts new messages and updates flags/modseq of known ones, all in one transaction.
    /// New messages get a thread id (see Threader).
    bool upsertHeaders(qint64 folderId, const QList<MessageHeader> &headers);
    bool upsertHeaders(Transaction &tx, qint64 folderId, const QList<MessageHeader> &headers);
    /// Replaces flags and keywords of the listed uids (RFC 9051 §7.5.2 FLAGS).
    bool updateFlags(qint64 folderId, const QList<FlagUpdate> &updates);
    bool updateFlags(Transaction &tx, qint64 folderId, const QList<FlagUpdate> &updates);
    /// Adds and removes flags on the listed uids (a user's action; STORE +FLAGS/-FLAGS).
    /// Returns the flags each uid had before, for undo; nullopt on a database error.
    std::optional<QHash<qint64, MessageFlags>> changeFlags(Transaction &tx, qint64 folderId,
                                                           const QList<qint64> &uids,
                                                           const MessageFlags &add,
                                                           const MessageFlags &remove);
    /// Removes the listed uids (RFC 9051 §7.5.1 EXPUNGE, RFC 7162 §3.2.10 VANISHED).
    bool expunge(qint64 folderId, const QList<qint64> &uids);
    bool expunge(Transaction &tx, qint64 folderId, const QList<qint64> &uids);
    /// The server changed UIDVALIDITY (RFC 9051 §2.3.1.1): every cached uid is void.
    bool resetFolder(qint64 folderId, qint64 newUidvalidity);

    /// Stores a fetched body; text is what the full-text index should see (plain parts).
    bool storeBody(qint64 messageId, const QByteArray &raw, const QString &text);
    std::optional<QByteArray> body(qint64 messageId) const;

    /// The row id of (folder, uid), or 0.
    qint64 messageId(qint64 folderId, qint64 uid) const;
    /// All cached uids and flags of a folder (server uids only, > 0), for the sync planner.
    QHash<qint64, FlagUpdate> flagsOf(qint64 folderId) const;
    /// Newest first, by Date header; one query.
    QList<MessageSummary> list(qint64 folderId, int limit, int offset = 0) const;
    /// The query list() runs, for EXPLAIN QUERY PLAN tests.
    static QString listQuery();

    QString lastError() const { return m_error; }

private:
    bool fail(const QString &error);
    qint64 accountOf(qint64 folderId) const;
    QSqlDatabase &m_db;
    QString m_error;
};

} // namespace Tern
