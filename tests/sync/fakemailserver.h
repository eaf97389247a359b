#pragma once

#include "sync/mailserverops.h"

#include <QMap>
#include <QSet>

namespace Tern::Test {

/// An in-memory IMAP server for replay tests. Counts every state-changing command, can be
/// offline, refuse an operation for good, or "crash": apply a command and never answer.
class FakeMailServer : public MailServerOps
{
public:
    struct Message {
        QStringList flags;
        QString messageId;
    };
    struct Folder {
        qint64 uidvalidity = 1;
        qint64 uidnext = 1;
        QMap<qint64, Message> messages;
    };

    QMap<QString, Folder> folders;
    bool offline = false;
    bool uidplus = true;
    QSet<QString> refuse;      // command names answered with a permanent NO
    QString crashAfter;        // command applied, then no answer
    bool crashed = false;
    QStringList log;           // every call, in order

    qint64 add(const QString &folder, const QString &messageId, QStringList flags = {})
    {
        Folder &f = folders[folder];
        const qint64 uid = f.uidnext++;
        f.messages.insert(uid, {flags, messageId});
        return uid;
    }

    void storeFlags(const FolderRef &folder, const QList<qint64> &uids, const QStringList &add,
                    const QStringList &remove, Callback done) override
    {
        if (!begin(QStringLiteral("store"), folder, done))
            return;
        Folder &f = folders[folder.path];
        for (qint64 uid : uids) {
            if (!f.messages.contains(uid))
                continue;
            QStringList &fl = f.messages[uid].flags;
            for (const QString &a : add) {
                if (!fl.contains(a))
                    fl.append(a);
            }
            for (const QString &r : remove)
                fl.removeAll(r);
        }
        end(QStringLiteral("store"), ServerResult::ok(), done);
    }

    void moveMessages(const FolderRef &folder, const QList<qint64> &uids, const QString &target,
                      Callback done) override
    {
        transfer(QStringLiteral("move"), folder, uids, target, true, done);
    }

    void copyMessages(const FolderRef &folder, const QList<qint64> &uids, const QString &target,
                      Callback done) override
    {
        transfer(QStringLiteral("copy"), folder, uids, target, false, done);
    }

    void expungeMessages(const FolderRef &folder, const QList<qint64> &uids,
                         Callback done) override
    {
        if (!begin(QStringLiteral("expunge"), folder, done))
            return;
        for (qint64 uid : uids)
            folders[folder.path].messages.remove(uid);
        end(QStringLiteral("expunge"), ServerResult::ok(), done);
    }

    void appendMessage(const QString &folder, const QByteArray &raw, const QStringList &flags,
                       qint64, Callback done) override
    {
        if (!begin(QStringLiteral("append"), {folder, 0}, done))
            return;
        const qsizetype at = raw.indexOf("Message-ID: ");
        const QString id = at < 0 ? QString()
            : QString::fromUtf8(raw.mid(at + 12, raw.indexOf('\r', at) - at - 12));
        ServerResult r;
        const qint64 uid = add(folder, id, flags);
        if (uidplus) {
            r.uidMap.insert(0, uid);
            r.uidvalidity = folders[folder].uidvalidity;
        }
        end(QStringLiteral("append"), r, done);
    }

    void createFolder(const QString &path, Callback done) override
    {
        if (!begin(QStringLiteral("create"), {}, done))
            return;
        if (folders.contains(path))
            return end(QStringLiteral("create"),
                       ServerResult::failure(ServerResult::Status::Permanent,
                                             QStringLiteral("NO [ALREADYEXISTS]")), done);
        folders[path].uidvalidity = 1000 + folders.size();
        end(QStringLiteral("create"), ServerResult::ok(), done);
    }

    void renameFolder(const QString &from, const QString &to, Callback done) override
    {
        if (!begin(QStringLiteral("rename"), {}, done))
            return;
        if (!folders.contains(from))
            return end(QStringLiteral("rename"),
                       ServerResult::failure(ServerResult::Status::NotFound, {}), done);
        folders[to] = folders.take(from);
        end(QStringLiteral("rename"), ServerResult::ok(), done);
    }

    void deleteFolder(const QString &path, Callback done) override
    {
        if (!begin(QStringLiteral("delete"), {}, done))
            return;
        if (!folders.remove(path))
            return end(QStringLiteral("delete"),
                       ServerResult::failure(ServerResult::Status::NotFound, {}), done);
        end(QStringLiteral("delete"), ServerResult::ok(), done);
    }

    void existingUids(const FolderRef &folder, const QList<qint64> &uids, Callback done) override
    {
        log.append(QStringLiteral("check-uids"));
        if (!valid(folder))
            return done(ServerResult::failure(ServerResult::Status::NotFound, {}));
        ServerResult r;
        for (qint64 uid : uids) {
            if (folders[folder.path].messages.contains(uid))
                r.uids.append(uid);
        }
        done(r);
    }

    void findByMessageId(const QString &folder, const QStringList &messageIds,
                         Callback done) override
    {
        log.append(QStringLiteral("check-ids"));
        ServerResult r;
        r.uidvalidity = folders.value(folder).uidvalidity;
        for (const QString &id : messageIds) {
            qint64 found = 0;
            const auto &messages = folders[folder].messages;
            for (auto it = messages.begin(); it != messages.end(); ++it) {
                if (!id.isEmpty() && it->messageId == id)
                    found = it.key();
            }
            r.uids.append(found);
        }
        done(r);
    }

    void folderExists(const QString &path, Callback done) override
    {
        log.append(QStringLiteral("check-folder"));
        ServerResult r;
        r.exists = folders.contains(path);
        done(r);
    }

    /// How many messages with this Message-ID the server holds, in all folders.
    int countOf(const QString &messageId) const
    {
        int n = 0;
        for (const Folder &f : folders) {
            for (const Message &m : f.messages)
                n += m.messageId == messageId;
        }
        return n;
    }

private:
    bool valid(const FolderRef &folder) const
    {
        return folders.contains(folder.path)
            && (folder.uidvalidity == 0 || folders[folder.path].uidvalidity == folder.uidvalidity);
    }

    bool begin(const QString &name, const FolderRef &folder, const Callback &done)
    {
        log.append(name);
        if (offline) {
            done(ServerResult::failure(ServerResult::Status::Transient,
                                       QStringLiteral("offline")));
            return false;
        }
        if (refuse.contains(name)) {
            done(ServerResult::failure(ServerResult::Status::Permanent,
                                       QStringLiteral("NO [CANNOT] %1 refused").arg(name)));
            return false;
        }
        if (!folder.path.isEmpty() && !valid(folder)) {
            done(ServerResult::failure(ServerResult::Status::NotFound, {}));
            return false;
        }
        return true;
    }

    void end(const QString &name, const ServerResult &r, const Callback &done)
    {
        if (name == crashAfter) {
            crashed = true; // applied, but the answer is lost with the process
            return;
        }
        done(r);
    }

    void transfer(const QString &name, const FolderRef &folder, const QList<qint64> &uids,
                  const QString &target, bool move, const Callback &done)
    {
        if (!begin(name, folder, done))
            return;
        if (!folders.contains(target))
            return end(name, ServerResult::failure(ServerResult::Status::Permanent,
                                                   QStringLiteral("NO [TRYCREATE]")), done);
        ServerResult r;
        bool any = false;
        for (qint64 uid : uids) {
            if (!folders[folder.path].messages.contains(uid))
                continue;
            any = true;
            const Message m = move ? folders[folder.path].messages.take(uid)
                                   : folders[folder.path].messages.value(uid);
            const qint64 newUid = add(target, m.messageId, m.flags);
            if (uidplus)
                r.uidMap.insert(uid, newUid);
        }
        if (uidplus)
            r.uidvalidity = folders[target].uidvalidity;
        end(name, any ? r : ServerResult::failure(ServerResult::Status::NotFound, {}), done);
    }
};

} // namespace Tern::Test
