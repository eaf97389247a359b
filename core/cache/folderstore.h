#pragma once

#include "folderinfo.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <optional>

namespace Tern {

class Transaction;

/// Reads and writes the folders table. Writers take a Transaction (the caller's proof that a
/// write transaction is open) or open their own.
class FolderStore
{
public:
    explicit FolderStore(QSqlDatabase &db) : m_db(db) {}

    /// The role of a folder from its special-use attributes (RFC 6154 §2) or INBOX.
    static QString roleFor(const QString &path, const QStringList &attributes);

    QList<FolderInfo> list(qint64 accountId) const;
    std::optional<FolderInfo> find(qint64 accountId, const QString &path) const;
    std::optional<FolderInfo> find(qint64 folderId) const;
    /// The folder with this role (e.g. "trash"), if any.
    std::optional<FolderInfo> findByRole(qint64 accountId, const QString &role) const;

    /// Makes the cached folder list equal the server's: inserts new folders, updates
    /// attributes, roles and subscriptions, and deletes folders the server no longer lists,
    /// except local folders and paths in keep (e.g. created offline, not yet replayed).
    bool syncFolderList(qint64 accountId, const QList<ServerFolder> &folders,
                        const QSet<QString> &keep = {});
    /// Inserts or updates one folder; returns its id or 0.
    qint64 upsert(Transaction &tx, qint64 accountId, const ServerFolder &folder);
    /// Stores the folder's status after a sync (RFC 9051 §7.3.1, RFC 7162 §3.1.2.1).
    bool setSyncState(qint64 folderId, qint64 uidvalidity, qint64 uidnext,
                      qint64 highestmodseq);
    bool setSyncState(Transaction &tx, qint64 folderId, qint64 uidvalidity, qint64 uidnext,
                      qint64 highestmodseq);
    bool setSubscribed(qint64 folderId, bool subscribed);
    /// Renames the folder and every folder below it.
    bool rename(Transaction &tx, qint64 folderId, const QString &newPath);
    bool rename(qint64 folderId, const QString &newPath);
    /// Deletes the folder, its subfolders and (by cascade) their messages.
    bool remove(Transaction &tx, qint64 folderId);
    bool remove(qint64 folderId);

    QString lastError() const { return m_error; }

private:
    bool fail(const QSqlQuery &q);
    QList<FolderInfo> select(const QString &where, const QVariantList &values) const;
    QSqlDatabase &m_db;
    QString m_error;
};

} // namespace Tern
