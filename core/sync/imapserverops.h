#pragma once

#include "mailserverops.h"

#include <QPointer>

namespace Tern::Imap {
class Connection;
class Task;
}

namespace Tern {

/// The journal replayer's view of an IMAP server, over one authenticated connection: each
/// call selects its folder when needed, checks UIDVALIDITY (RFC 9051 §2.3.1.1) and runs the
/// matching command. Connection trouble is Transient, NONEXISTENT/TRYCREATE or a changed
/// UIDVALIDITY is NotFound (a resolved conflict), any other NO/BAD is Permanent.
class ImapServerOps : public MailServerOps
{
public:
    explicit ImapServerOps(Imap::Connection &connection);

    void storeFlags(const FolderRef &folder, const QList<qint64> &uids, const QStringList &add,
                    const QStringList &remove, Callback done) override;
    void moveMessages(const FolderRef &folder, const QList<qint64> &uids,
                      const QString &target, Callback done) override;
    void copyMessages(const FolderRef &folder, const QList<qint64> &uids,
                      const QString &target, Callback done) override;
    void expungeMessages(const FolderRef &folder, const QList<qint64> &uids,
                         Callback done) override;
    void appendMessage(const QString &folder, const QByteArray &raw, const QStringList &flags,
                       qint64 internalDate, Callback done) override;
    void createFolder(const QString &path, Callback done) override;
    void renameFolder(const QString &from, const QString &to, Callback done) override;
    void deleteFolder(const QString &path, Callback done) override;
    void existingUids(const FolderRef &folder, const QList<qint64> &uids,
                      Callback done) override;
    void findByMessageId(const QString &folder, const QStringList &messageIds,
                         Callback done) override;
    void folderExists(const QString &path, Callback done) override;

private:
    /// UID MOVE or UID COPY, with the COPYUID mapping in the result (RFC 4315 §3).
    void transfer(bool move, const FolderRef &folder, const QList<qint64> &uids,
                  const QString &target, Callback done);
    /// Runs then() with folder selected read-write and its UIDVALIDITY as expected.
    void withFolder(const FolderRef &folder, std::function<void()> then, Callback done);
    /// Queues task; on success calls onOk(task), on failure answers done with a result.
    void run(Imap::Task *task, std::function<void(Imap::Task *)> onOk, Callback done);
    ServerResult failureOf(Imap::Task *task, const QString &message) const;

    Imap::Connection &m_connection;
    QString m_selected;
    qint64 m_selectedUidvalidity = 0;
};

} // namespace Tern
