#pragma once

#include "journalop.h"
#include "mailserverops.h"

#include "cache/messageflags.h"
#include "cache/messageheader.h"

#include <QList>
#include <QSqlDatabase>
#include <QVariantList>

#include <optional>

namespace Tern {

class Transaction;

/// The operation journal (RFC 4549 "disconnected operation"): each user action changes the
/// cache and appends a journal entry in the same transaction, so it is visible at once and
/// survives a crash. Entries are replayed to the server in id order (JournalReplayer).
///
/// Messages moved, copied or appended offline get a local placeholder uid (<= 0) in the
/// target folder until markDone() learns the server's uid (COPYUID/APPENDUID, RFC 4315);
/// without one the placeholder is dropped and the next sync fetches the real message.
/// The synchroniser must replay a folder's journal before it plans that folder's sync.
///
/// Each action returns the new journal id, or 0 with lastError() set.
class Journal
{
public:
    enum class DeleteMode {
        ToTrash, ///< move to the account's Trash folder (expunge when already in Trash)
        Expunge, ///< \Deleted + UID EXPUNGE at once
    };

    explicit Journal(QSqlDatabase &db) : m_db(db) {}

    qint64 markRead(qint64 folderId, const QList<qint64> &uids, bool read);
    qint64 markFlagged(qint64 folderId, const QList<qint64> &uids, bool flagged);
    qint64 addKeywords(qint64 folderId, const QList<qint64> &uids, const QStringList &keywords);
    qint64 removeKeywords(qint64 folderId, const QList<qint64> &uids,
                          const QStringList &keywords);
    /// Adds and removes any flags and keywords in one step.
    qint64 changeFlags(qint64 folderId, const QList<qint64> &uids, const MessageFlags &add,
                       const MessageFlags &remove);
    qint64 move(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId);
    qint64 copy(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId);
    qint64 deleteMessages(qint64 folderId, const QList<qint64> &uids, DeleteMode mode);
    qint64 createFolder(qint64 accountId, const QString &path, const QString &delimiter);
    qint64 renameFolder(qint64 folderId, const QString &newPath);
    qint64 deleteFolder(qint64 folderId);
    /// Stores a message (a draft, a sent copy) in folderId now and uploads it later.
    /// header describes it for the list; header.uid is ignored.
    qint64 append(qint64 folderId, const QByteArray &raw, const MessageHeader &header);

    /// Entries still to replay (pending or sent), oldest first.
    QList<JournalOp> pendingOperations(qint64 accountId) const;
    /// The oldest entry still to replay.
    std::optional<JournalOp> nextOperation(qint64 accountId) const;
    /// Entries that failed for good, with their reason, for the user.
    QList<JournalOp> failedOperations(qint64 accountId) const;
    /// Records that the entry is about to be sent: after a crash it is verified, not resent.
    bool markSent(qint64 id);
    /// The server applied the entry (or it was a resolved conflict): removes it, maps
    /// placeholder uids to result.uidMap and drops placeholders left unmapped.
    bool markDone(qint64 id, const ServerResult &result = {});
    /// Records a failure. A transient one keeps the entry's state for the next attempt; a
    /// permanent one reverts the cache change and keeps the entry as 'failed' with the reason.
    bool markFailed(qint64 id, const QString &error, bool permanent);
    /// Forgets a failed entry once the user has seen it.
    bool dismissFailed(qint64 id);
    /// The raw message of an Append entry.
    QByteArray appendData(const JournalOp &op) const;

    QString lastError() const { return m_error; }

private:
    qint64 fail(const QString &error);
    qint64 record(Transaction &tx, qint64 accountId, JournalOp::Kind kind,
                  const QJsonObject &payload);
    qint64 relocate(qint64 folderId, const QList<qint64> &uids, qint64 targetFolderId,
                    JournalOp::Kind kind);
    qint64 nextLocalUid();
    std::optional<JournalOp> find(qint64 id) const;
    QList<JournalOp> select(const QString &where, const QVariantList &values) const;
    bool revert(Transaction &tx, const JournalOp &op);
    bool resolvePlaceholders(Transaction &tx, const JournalOp &op, const ServerResult &result);
    bool remapLaterOps(Transaction &tx, const JournalOp &op, qint64 folderId,
                       const QHash<qint64, qint64> &uidMap);

    QSqlDatabase &m_db;
    QString m_error;
};

} // namespace Tern
