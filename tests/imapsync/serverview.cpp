#include "serverview.h"

#include "mailfixture.h"
#include "sync/fetchconversion.h"

#include <imapconnection.h>
#include <tasks/fetchtask.h>
#include <tasks/listtask.h>
#include <tasks/selecttask.h>

#include <QSignalSpy>
#include <QSqlQuery>

namespace TernTest {
namespace {

bool runTask(Tern::Imap::Connection &c, Tern::Imap::Task *task, QString *error)
{
    task->setAutoDelete(false);
    QSignalSpy done(task, &Tern::Imap::Task::finished);
    QSignalSpy failed(task, &Tern::Imap::Task::failed);
    c.enqueue(task);
    for (int i = 0; i < 600 && done.isEmpty() && failed.isEmpty(); ++i)
        done.wait(100);
    if (!failed.isEmpty())
        *error = failed.first().first().toString();
    else if (done.isEmpty())
        *error = QStringLiteral("IMAP task timed out");
    return !done.isEmpty();
}

} // namespace

QString MailboxSnapshot::firstDifference(const MailboxSnapshot &other) const
{
    QStringList paths = folders.keys() + other.folders.keys();
    paths.sort();
    paths.removeDuplicates();
    for (const QString &path : paths) {
        if (!folders.contains(path) || !other.folders.contains(path))
            return QStringLiteral("folder %1 exists on one side only").arg(path);
        const auto &a = folders[path];
        const auto &b = other.folders[path];
        if (a.size() != b.size())
            return QStringLiteral("%1: %2 vs %3 messages").arg(path).arg(a.size()).arg(b.size());
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto theirs = b.constFind(it.key());
            if (theirs == b.end())
                return QStringLiteral("%1: uid %2 missing").arg(path).arg(it.key());
            if (!(*theirs == it.value())) {
                return QStringLiteral("%1 uid %2: flags %3/%4 size %5/%6 subject '%7'/'%8' from %9/%10")
                    .arg(path).arg(it.key())
                    .arg(it->flags.toImap().join(QLatin1Char(' ')), theirs->flags.toImap().join(QLatin1Char(' ')))
                    .arg(it->size).arg(theirs->size).arg(it->subject, theirs->subject)
                    .arg(it->from, theirs->from);
            }
        }
    }
    return {};
}

MailboxSnapshot serverSnapshot(const MailFixture &fixture, const QString &user, QString *error)
{
    using namespace Tern::Imap;
    MailboxSnapshot snap;
    Connection c;
    ConnectionSettings s;
    s.host = QStringLiteral("localhost");
    s.port = fixture.port("imaps");
    s.tls.mode = Tern::TlsMode::Implicit;
    s.tls.extraCaCertificates = fixture.caCertificates();
    s.user = user;
    s.password = fixture.password(user);
    QSignalSpy ready(&c, &Connection::ready);
    QSignalSpy failed(&c, &Connection::failed);
    c.open(s);
    if (!ready.wait(20000)) {
        *error = failed.isEmpty() ? QStringLiteral("login timed out")
                                  : failed.first().first().toString();
        return snap;
    }
    auto *list = new ListTask();
    if (!runTask(c, list, error))
        return snap;
    for (const ListData &l : list->mailboxes()) {
        if (l.attributes.contains("\\Noselect") || l.attributes.contains("\\NonExistent"))
            continue;
        auto *select = new SelectTask(l.mailbox, true);
        if (!runTask(c, select, error))
            return snap;
        auto &folder = snap.folders[l.mailbox];
        if (select->info().exists == 0)
            continue;
        auto *fetch = new FetchTask(QByteArray("1:*"), {"UID", "FLAGS", "RFC822.SIZE", "ENVELOPE"});
        if (!runTask(c, fetch, error))
            return snap;
        for (const FetchData &f : fetch->results()) {
            const Tern::MessageHeader h = Tern::headerFromFetch(f);
            folder.insert(h.uid, {h.flags, h.size, h.subject, h.fromAddr});
        }
        delete fetch;
        delete select;
    }
    delete list;
    return snap;
}

MailboxSnapshot cacheSnapshot(QSqlDatabase &db, qint64 accountId)
{
    MailboxSnapshot snap;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT f.path, m.uid, m.flags, m.keywords, m.size, m.subject, "
                             "m.from_addr FROM folders f LEFT JOIN messages m ON m.folder_id = f.id "
                             "WHERE f.account_id = ? AND f.attributes NOT LIKE '%Noselect%'"));
    q.addBindValue(accountId);
    q.exec();
    while (q.next()) {
        auto &folder = snap.folders[q.value(0).toString()];
        if (q.value(1).isNull())
            continue;
        folder.insert(q.value(1).toLongLong(),
                      {Tern::MessageFlags::fromColumns(q.value(2).toUInt(), q.value(3).toString()),
                       q.value(4).toLongLong(), q.value(5).toString(), q.value(6).toString()});
    }
    return snap;
}

} // namespace TernTest
