#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Tern {

/// A folder on the server as an operation saw it: uids are only meaningful under the
/// UIDVALIDITY they were read with (RFC 9051 §2.3.1.1).
struct FolderRef {
    QString path;
    qint64 uidvalidity = 0;
};

/// What the server answered to one operation.
struct ServerResult {
    enum class Status {
        Ok,
        /// The message or folder is gone, or UIDVALIDITY changed: a resolved conflict.
        NotFound,
        /// Offline, timeout, connection dropped: try again later.
        Transient,
        /// The server refused for good (NO [CANNOT], over quota, ...): tell the user.
        Permanent,
    };
    Status status = Status::Ok;
    QString error;
    /// Old uid → new uid from COPYUID/APPENDUID (RFC 4315 §3); may be empty without UIDPLUS.
    QHash<qint64, qint64> uidMap;
    /// UIDVALIDITY of the target folder as COPYUID/APPENDUID reported it.
    qint64 uidvalidity = 0;
    /// Query answers: existing uids, or uids found by Message-ID (0 = not found).
    QList<qint64> uids;
    bool exists = false;

    static ServerResult ok() { return {}; }
    static ServerResult failure(Status s, const QString &e)
    {
        ServerResult r;
        r.status = s;
        r.error = e;
        return r;
    }
};

/// What the journal replayer needs from a mail server. The IMAP synchroniser implements it
/// over one selected-state connection; tests use a fake. Every call answers exactly once
/// through its callback, synchronously or later. Uid-based calls must answer NotFound when
/// the folder's UIDVALIDITY is not ref.uidvalidity.
class MailServerOps
{
public:
    using Callback = std::function<void(const ServerResult &)>;
    virtual ~MailServerOps() = default;

    /// UID STORE +FLAGS.SILENT / -FLAGS.SILENT (RFC 9051 §6.4.6); idempotent.
    virtual void storeFlags(const FolderRef &folder, const QList<qint64> &uids,
                            const QStringList &add, const QStringList &remove, Callback done) = 0;
    /// UID MOVE (RFC 6851), or COPY + \Deleted + UID EXPUNGE.
    virtual void moveMessages(const FolderRef &folder, const QList<qint64> &uids,
                              const QString &target, Callback done) = 0;
    /// UID COPY (RFC 9051 §6.4.7).
    virtual void copyMessages(const FolderRef &folder, const QList<qint64> &uids,
                              const QString &target, Callback done) = 0;
    /// UID STORE +FLAGS \Deleted then UID EXPUNGE of exactly these uids (RFC 4315 §2.1).
    virtual void expungeMessages(const FolderRef &folder, const QList<qint64> &uids,
                                 Callback done) = 0;
    /// APPEND (RFC 9051 §6.3.12); uidMap {0 → new uid} from APPENDUID when offered.
    virtual void appendMessage(const QString &folder, const QByteArray &raw,
                               const QStringList &flags, qint64 internalDate,
                               Callback done) = 0;
    virtual void createFolder(const QString &path, Callback done) = 0;
    virtual void renameFolder(const QString &from, const QString &to, Callback done) = 0;
    virtual void deleteFolder(const QString &path, Callback done) = 0;

    // Read-only checks used after a crash, to learn whether a 'sent' operation took effect.
    /// Which of these uids still exist (UID SEARCH UID set); result.uids.
    virtual void existingUids(const FolderRef &folder, const QList<qint64> &uids,
                              Callback done) = 0;
    /// UID of each Message-ID in the folder (SEARCH HEADER Message-ID), 0 when absent;
    /// result.uids parallel to messageIds, result.uidvalidity the folder's.
    virtual void findByMessageId(const QString &folder, const QStringList &messageIds,
                                 Callback done) = 0;
    /// Whether the folder exists (LIST); result.exists.
    virtual void folderExists(const QString &path, Callback done) = 0;
};

} // namespace Tern
