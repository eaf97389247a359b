#include "imapserverops.h"

#include <imapconnection.h>
#include <imapencoder.h>
#include <tasks/appendtask.h>
#include <tasks/copymovetask.h>
#include <tasks/listtask.h>
#include <tasks/searchtask.h>
#include <tasks/selecttask.h>
#include <tasks/simpletask.h>
#include <tasks/storetask.h>

#include <QDateTime>

namespace Tern {
namespace {

QList<quint32> toImapUids(const QList<qint64> &uids)
{
    QList<quint32> out;
    out.reserve(uids.size());
    for (qint64 uid : uids) {
        if (uid > 0 && uid <= 0xffffffffLL)
            out << quint32(uid);
    }
    return out;
}

QByteArrayList toBytes(const QStringList &list)
{
    QByteArrayList out;
    for (const QString &s : list)
        out << s.toUtf8();
    return out;
}

} // namespace

ImapServerOps::ImapServerOps(Imap::Connection &connection) : m_connection(connection) {}

ServerResult ImapServerOps::failureOf(Imap::Task *task, const QString &message) const
{
    const Imap::StatusResponse &status = task->status();
    if (status.tag.isEmpty() || m_connection.state() == Imap::Connection::State::Disconnected)
        return ServerResult::failure(ServerResult::Status::Transient, message);
    if (status.code && (status.code->name == "NONEXISTENT" || status.code->name == "TRYCREATE"))
        return ServerResult::failure(ServerResult::Status::NotFound, message);
    return ServerResult::failure(ServerResult::Status::Permanent, message);
}

void ImapServerOps::run(Imap::Task *task, std::function<void(Imap::Task *)> onOk, Callback done)
{
    QObject::connect(task, &Imap::Task::finished, task, [task, onOk] { onOk(task); });
    QObject::connect(task, &Imap::Task::failed, task, [this, task, done](const QString &m) {
        done(failureOf(task, m));
    });
    m_connection.enqueue(task);
}

void ImapServerOps::withFolder(const FolderRef &folder, std::function<void()> then, Callback done)
{
    if (m_connection.state() == Imap::Connection::State::Selected && m_selected == folder.path
        && m_connection.selectedMailbox() == folder.path
        && (folder.uidvalidity == 0 || folder.uidvalidity == m_selectedUidvalidity)) {
        then();
        return;
    }
    auto *select = new Imap::SelectTask(folder.path, false);
    run(select, [this, folder, then, done](Imap::Task *t) {
        const auto *s = static_cast<Imap::SelectTask *>(t);
        m_selected = folder.path;
        m_selectedUidvalidity = s->info().uidValidity;
        if (folder.uidvalidity != 0 && qint64(s->info().uidValidity) != folder.uidvalidity) {
            done(ServerResult::failure(ServerResult::Status::NotFound,
                                       QStringLiteral("UIDVALIDITY of %1 changed").arg(folder.path)));
            return;
        }
        then();
    }, [this, done](const ServerResult &r) {
        m_selected.clear();
        done(r);
    });
}

void ImapServerOps::storeFlags(const FolderRef &folder, const QList<qint64> &uids,
                               const QStringList &add, const QStringList &remove, Callback done)
{
    const QList<quint32> ids = toImapUids(uids);
    withFolder(folder, [this, ids, add, remove, done] {
        auto removeStep = [this, ids, remove, done] {
            if (remove.isEmpty() || ids.isEmpty()) {
                done(ServerResult::ok());
                return;
            }
            auto *task = new Imap::StoreTask(ids, Imap::StoreTask::Mode::Remove, toBytes(remove));
            task->setSilent(true);
            run(task, [done](Imap::Task *) { done(ServerResult::ok()); }, done);
        };
        if (add.isEmpty() || ids.isEmpty()) {
            removeStep();
            return;
        }
        auto *task = new Imap::StoreTask(ids, Imap::StoreTask::Mode::Add, toBytes(add));
        task->setSilent(true);
        run(task, [removeStep](Imap::Task *) { removeStep(); }, done);
    }, done);
}

void ImapServerOps::moveMessages(const FolderRef &folder, const QList<qint64> &uids,
                                 const QString &target, Callback done)
{
    transfer(true, folder, uids, target, std::move(done));
}

void ImapServerOps::copyMessages(const FolderRef &folder, const QList<qint64> &uids,
                                 const QString &target, Callback done)
{
    transfer(false, folder, uids, target, std::move(done));
}

void ImapServerOps::transfer(bool move, const FolderRef &folder, const QList<qint64> &uids,
                             const QString &target, Callback done)
{
    const QList<quint32> ids = toImapUids(uids);
    const auto mode = move ? Imap::CopyMoveTask::Mode::Move : Imap::CopyMoveTask::Mode::Copy;
    withFolder(folder, [this, ids, target, mode, done] {
        auto *task = new Imap::CopyMoveTask(mode, ids, target);
        run(task, [done](Imap::Task *t) {
            const auto *m = static_cast<Imap::CopyMoveTask *>(t);
            ServerResult r;
            r.uidvalidity = m->destinationUidValidity();
            for (const auto &pair : m->uidMap())
                r.uidMap.insert(pair.first, pair.second);
            done(r);
        }, done);
    }, done);
}

void ImapServerOps::expungeMessages(const FolderRef &folder, const QList<qint64> &uids,
                                    Callback done)
{
    const QList<quint32> ids = toImapUids(uids);
    withFolder(folder, [this, ids, done] {
        if (ids.isEmpty()) {
            done(ServerResult::ok());
            return;
        }
        auto *store = new Imap::StoreTask(ids, Imap::StoreTask::Mode::Add, {"\\Deleted"});
        store->setSilent(true);
        run(store, [this, ids, done](Imap::Task *) {
            run(Imap::SimpleTask::expunge(ids), [done](Imap::Task *) { done(ServerResult::ok()); },
                done);
        }, done);
    }, done);
}

void ImapServerOps::appendMessage(const QString &folder, const QByteArray &raw,
                                  const QStringList &flags, qint64 internalDate, Callback done)
{
    const QDateTime when = internalDate > 0 ? QDateTime::fromSecsSinceEpoch(internalDate)
                                            : QDateTime();
    auto *task = new Imap::AppendTask(folder, raw, toBytes(flags), when);
    run(task, [done](Imap::Task *t) {
        const auto *a = static_cast<Imap::AppendTask *>(t);
        ServerResult r;
        r.uidvalidity = a->uidValidity();
        if (a->uid() != 0)
            r.uidMap.insert(0, a->uid());
        done(r);
    }, done);
}

void ImapServerOps::createFolder(const QString &path, Callback done)
{
    run(Imap::SimpleTask::create(path, m_connection.utf8Enabled()),
        [done](Imap::Task *) { done(ServerResult::ok()); }, done);
}

void ImapServerOps::renameFolder(const QString &from, const QString &to, Callback done)
{
    if (m_selected == from)
        m_selected.clear();
    run(Imap::SimpleTask::rename(from, to, m_connection.utf8Enabled()),
        [done](Imap::Task *) { done(ServerResult::ok()); }, done);
}

void ImapServerOps::deleteFolder(const QString &path, Callback done)
{
    if (m_selected == path)
        m_selected.clear();
    run(Imap::SimpleTask::remove(path, m_connection.utf8Enabled()),
        [done](Imap::Task *) { done(ServerResult::ok()); }, done);
}

void ImapServerOps::existingUids(const FolderRef &folder, const QList<qint64> &uids,
                                 Callback done)
{
    const QList<quint32> ids = toImapUids(uids);
    withFolder(folder, [this, ids, done] {
        if (ids.isEmpty()) {
            done(ServerResult::ok());
            return;
        }
        auto *search = new Imap::SearchTask({{"UID", Imap::compressSequenceSet(ids), false}});
        run(search, [done](Imap::Task *t) {
            ServerResult r;
            for (quint32 id : static_cast<Imap::SearchTask *>(t)->ids())
                r.uids << id;
            done(r);
        }, done);
    }, done);
}

void ImapServerOps::findByMessageId(const QString &folder, const QStringList &messageIds,
                                    Callback done)
{
    withFolder({folder, 0}, [this, messageIds, done] {
        auto result = std::make_shared<ServerResult>();
        result->uidvalidity = m_selectedUidvalidity;
        auto remaining = std::make_shared<int>(int(messageIds.size()));
        result->uids = QList<qint64>(messageIds.size(), 0);
        if (messageIds.isEmpty()) {
            done(*result);
            return;
        }
        for (qsizetype i = 0; i < messageIds.size(); ++i) {
            auto *search = new Imap::SearchTask(
                {{"HEADER Message-ID", messageIds.at(i).toUtf8(), true}});
            run(search, [result, remaining, i, done](Imap::Task *t) {
                const auto ids = static_cast<Imap::SearchTask *>(t)->ids();
                result->uids[i] = ids.isEmpty() ? 0 : ids.last();
                if (--*remaining == 0)
                    done(*result);
            }, [remaining, done](const ServerResult &r) {
                if (*remaining > 0) {
                    *remaining = -1; // answer once
                    done(r);
                }
            });
        }
    }, done);
}

void ImapServerOps::folderExists(const QString &path, Callback done)
{
    auto *list = new Imap::ListTask(QString(), path);
    run(list, [done](Imap::Task *t) {
        ServerResult r;
        r.exists = !static_cast<Imap::ListTask *>(t)->mailboxes().isEmpty();
        done(r);
    }, done);
}

} // namespace Tern
