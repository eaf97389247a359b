// The IMAP synchroniser against real Dovecot: a first sync mirrors the server exactly, later
// syncs pick up other clients' changes, offline changes reach the server exactly once, and a
// SIGKILLed `tern sync` loses and duplicates nothing.
#include "mailfixture.h"
#include "serverview.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "sync/imapsynchronizer.h"
#include "sync/journal.h"

#include <imapconnection.h>
#include <tasks/appendtask.h>
#include <tasks/selecttask.h>
#include <tasks/simpletask.h>
#include <tasks/storetask.h>

#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;
using TernTest::MailFixture;

class TestImapSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    MailFixture m_fx;
    std::unique_ptr<Database> m_db;
    Account m_account;

    Account makeAccount(const QString &name)
    {
        Account a;
        a.name = name;
        a.email = QStringLiteral("alice@example.test");
        a.incoming.protocol = ServerUrl::Protocol::Imap;
        a.incoming.tls = TlsMode::Implicit;
        a.incoming.host = QStringLiteral("localhost");
        a.incoming.port = m_fx.port("imaps");
        a.incoming.user = QStringLiteral("alice");
        a.caFile = m_fx.caFile();
        return a;
    }

    void openDatabase()
    {
        m_db.reset();
        m_db = std::make_unique<Database>(m_tmp.filePath(QStringLiteral("profile/cache.sqlite")),
                                          QStringLiteral("sync-test"));
        QVERIFY2(m_db->isOpen(), qPrintable(m_db->errorString()));
    }

    // Runs one sync; returns the error text, empty on success.
    QString sync(bool bodies = false)
    {
        ImapSynchronizer s(m_db->db(), m_account, m_fx.password(QStringLiteral("alice")));
        QSignalSpy finished(&s, &ImapSynchronizer::finished);
        ImapSynchronizer::Options options;
        options.bodies = bodies;
        s.start(options);
        if (!finished.wait(180000))
            return QStringLiteral("sync did not finish");
        return finished.first().at(0).toBool() ? QString() : finished.first().at(1).toString();
    }

    void verifyCacheEqualsServer()
    {
        QString error;
        const auto server = TernTest::serverSnapshot(m_fx, QStringLiteral("alice"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto cache = TernTest::cacheSnapshot(m_db->db(), m_account.id);
        const QString diff = server.firstDifference(cache);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }

    qint64 folderId(const QString &path)
    {
        const auto f = FolderStore(m_db->db()).find(m_account.id, path);
        return f ? f->id : 0;
    }

    QList<qint64> uidsOf(const QString &path, int count)
    {
        QList<qint64> uids;
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("SELECT uid FROM messages WHERE folder_id = ? AND uid > 0 "
                                 "ORDER BY uid LIMIT ?"));
        q.addBindValue(folderId(path));
        q.addBindValue(count);
        q.exec();
        while (q.next())
            uids << q.value(0).toLongLong();
        return uids;
    }

    // A second client: the test's own IMAP connection.
    std::unique_ptr<Imap::Connection> secondClient()
    {
        auto c = std::make_unique<Imap::Connection>();
        Imap::ConnectionSettings s;
        s.host = QStringLiteral("localhost");
        s.port = m_fx.port("imaps");
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = QStringLiteral("alice");
        s.password = m_fx.password(QStringLiteral("alice"));
        QSignalSpy ready(c.get(), &Imap::Connection::ready);
        c->open(s);
        if (!ready.wait(20000))
            return nullptr;
        return c;
    }

    bool run(Imap::Connection &c, Imap::Task *task)
    {
        task->setAutoDelete(false);
        QSignalSpy done(task, &Imap::Task::finished);
        QSignalSpy failed(task, &Imap::Task::failed);
        c.enqueue(task);
        for (int i = 0; i < 300 && done.isEmpty() && failed.isEmpty(); ++i)
            done.wait(100);
        const bool ok = !done.isEmpty();
        if (!ok)
            qWarning() << "task failed:" << failed;
        task->deleteLater();
        return ok;
    }

    int tern(const QStringList &args, const QByteArray &input, QByteArray *out = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(qEnvironmentVariable("TERN_BINARY"),
                QStringList{QStringLiteral("--profile"), m_tmp.filePath(QStringLiteral("crash"))} + args);
        p.waitForStarted();
        p.write(input);
        p.closeWriteChannel();
        p.waitForFinished(180000);
        if (out)
            *out = p.readAll();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_fx = MailFixture::startPrivate(m_tmp.filePath(QStringLiteral("servers")), 2000);
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("profile"))));
        openDatabase();
        m_account = makeAccount(QStringLiteral("alice"));
        QString error;
        QVERIFY2(AccountStore(m_db->db()).add(m_account, &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        QVERIFY(m_fx.stop());
    }

    void firstSyncMirrorsTheServer()
    {
        const QString error = sync();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        verifyCacheEqualsServer();
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM messages")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2000);
        // Folder counts follow the messages.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM folders f WHERE total != "
                                      "(SELECT count(*) FROM messages m WHERE m.folder_id = f.id) "
                                      "OR unread != (SELECT count(*) FROM messages m WHERE "
                                      "m.folder_id = f.id AND (m.flags & 1) = 0)")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        // Roles from SPECIAL-USE.
        QVERIFY(FolderStore(m_db->db()).findByRole(m_account.id, QStringLiteral("trash")));
        QVERIFY(FolderStore(m_db->db()).findByRole(m_account.id, QStringLiteral("sent")));
        // A no-change resync changes nothing.
        QVERIFY(sync().isEmpty());
        verifyCacheEqualsServer();
    }

    void changesFromAnotherClientArePickedUp()
    {
        auto c = secondClient();
        QVERIFY(c);
        QVERIFY(run(*c, new Imap::SelectTask(QStringLiteral("INBOX"))));
        QVERIFY(run(*c, new Imap::StoreTask({1, 2, 3, 4, 5}, Imap::StoreTask::Mode::Add,
                                            {"\\Flagged", "$Label1"})));
        QVERIFY(run(*c, new Imap::StoreTask({6, 7}, Imap::StoreTask::Mode::Remove, {"\\Seen"})));
        QVERIFY(run(*c, new Imap::StoreTask({8, 9}, Imap::StoreTask::Mode::Add, {"\\Deleted"})));
        QVERIFY(run(*c, Imap::SimpleTask::expunge({8, 9})));
        QVERIFY(run(*c, Imap::SimpleTask::rename(QStringLiteral("Lists/KDE"),
                                                 QStringLiteral("Lists/Plasma"))));
        // UIDVALIDITY reset: the folder is deleted and made again.
        QVERIFY(run(*c, Imap::SimpleTask::close(false)));
        QVERIFY(run(*c, Imap::SimpleTask::remove(QStringLiteral("Junk"))));
        QVERIFY(run(*c, Imap::SimpleTask::create(QStringLiteral("Junk"))));
        QVERIFY(run(*c, new Imap::AppendTask(QStringLiteral("Junk"),
                                             "Subject: new junk\r\nFrom: x@example.test\r\n\r\nspam\r\n")));
        QString error;
        QVERIFY2(m_fx.deliver(QStringLiteral("bob@example.test"), QStringLiteral("alice@example.test"),
                              "From: bob@example.test\r\nSubject: fresh mail\r\n\r\nhello\r\n", &error),
                 qPrintable(error));
        // Delivery is asynchronous: wait until the server has it.
        QTRY_VERIFY_WITH_TIMEOUT([&] {
            QString e;
            const auto s = TernTest::serverSnapshot(m_fx, QStringLiteral("alice"), &e);
            for (const auto &m : s.folders.value(QStringLiteral("INBOX")))
                if (m.subject == QStringLiteral("fresh mail"))
                    return true;
            return false;
        }(), 20000);

        const qint64 oldJunkValidity = FolderStore(m_db->db()).find(folderId(QStringLiteral("Junk")))->uidvalidity;
        error = sync();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        verifyCacheEqualsServer();
        QVERIFY(folderId(QStringLiteral("Lists/Plasma")) > 0);
        QCOMPARE(folderId(QStringLiteral("Lists/KDE")), 0);
        QVERIFY(FolderStore(m_db->db()).find(folderId(QStringLiteral("Junk")))->uidvalidity != oldJunkValidity);
    }

    void offlineChangesReachTheServerOnce()
    {
        QVERIFY(m_fx.stopServers());
        const qint64 inbox = folderId(QStringLiteral("INBOX"));
        const qint64 archive = folderId(QStringLiteral("Archive"));
        const QList<qint64> uids = uidsOf(QStringLiteral("INBOX"), 20);
        QVERIFY(uids.size() == 20);
        QString movedSubject;
        {
            QSqlQuery q(m_db->db());
            q.prepare(QStringLiteral("SELECT subject FROM messages WHERE folder_id = ? AND uid = ?"));
            q.addBindValue(inbox);
            q.addBindValue(uids.at(10));
            QVERIFY(q.exec() && q.next());
            movedSubject = q.value(0).toString();
        }
        Journal journal(m_db->db());
        QVERIFY(journal.markRead(inbox, uids.mid(0, 3), true) > 0);
        QVERIFY(journal.markFlagged(inbox, uids.mid(3, 2), true) > 0);
        QVERIFY(journal.addKeywords(inbox, uids.mid(5, 2), {QStringLiteral("work")}) > 0);
        QVERIFY(journal.move(inbox, {uids.at(10)}, archive) > 0);
        QVERIFY(journal.deleteMessages(inbox, {uids.at(11)}, Journal::DeleteMode::ToTrash) > 0);

        // A sync while the server is away fails cleanly and keeps every change.
        QVERIFY(!sync().isEmpty());
        openDatabase(); // a restart of the program
        QCOMPARE(Journal(m_db->db()).pendingOperations(m_account.id).size(), 5);

        QVERIFY(m_fx.startServers());
        const QString error = sync();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(Journal(m_db->db()).pendingOperations(m_account.id).size(), 0);
        verifyCacheEqualsServer();

        QString e;
        const auto server = TernTest::serverSnapshot(m_fx, QStringLiteral("alice"), &e);
        QVERIFY(e.isEmpty());
        const auto &serverInbox = server.folders[QStringLiteral("INBOX")];
        for (int i = 0; i < 3; ++i)
            QVERIFY(serverInbox[uids.at(i)].flags.has(MessageFlags::Seen));
        for (int i = 3; i < 5; ++i)
            QVERIFY(serverInbox[uids.at(i)].flags.has(MessageFlags::Flagged));
        QVERIFY(serverInbox[uids.at(5)].flags.hasKeyword(QStringLiteral("work")));
        QVERIFY(!serverInbox.contains(uids.at(10)));
        QVERIFY(!serverInbox.contains(uids.at(11)));
        int copies = 0;
        for (const auto &m : server.folders[QStringLiteral("Archive")])
            copies += m.subject == movedSubject ? 1 : 0;
        QCOMPARE(copies, 1);
    }

    void killedSyncLosesAndDuplicatesNothing()
    {
        const QString url = QStringLiteral("imaps://alice@localhost:%1").arg(m_fx.port("imaps"));
        QByteArray out;
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                       QStringLiteral("crash"), QStringLiteral("--email"),
                       QStringLiteral("alice@example.test"), QStringLiteral("--imap"), url,
                       QStringLiteral("--ca-file"), m_fx.caFile()}, {}, &out), 0);
        const QByteArray password = m_fx.password(QStringLiteral("alice")).toUtf8() + '\n';
        const QStringList syncArgs{QStringLiteral("sync"), QStringLiteral("--password-stdin")};
        for (int delay : {30, 80, 150, 250, 400, 600, 900, 1300}) {
            QProcess p;
            p.start(qEnvironmentVariable("TERN_BINARY"),
                    QStringList{QStringLiteral("--profile"), m_tmp.filePath(QStringLiteral("crash"))} + syncArgs);
            QVERIFY(p.waitForStarted());
            p.write(password);
            p.closeWriteChannel();
            QTest::qWait(delay);
            p.kill(); // SIGKILL
            p.waitForFinished();
        }
        QCOMPARE(tern(syncArgs, password, &out), 0);

        Database crashed(m_tmp.filePath(QStringLiteral("crash/cache.sqlite")), QStringLiteral("crash"));
        QVERIFY(crashed.isOpen());
        QSqlQuery q(crashed.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        const auto account = AccountStore(crashed.db()).find(QStringLiteral("crash"));
        QVERIFY(account);
        QString error;
        const auto server = TernTest::serverSnapshot(m_fx, QStringLiteral("alice"), &error);
        QVERIFY(error.isEmpty());
        const QString diff = server.firstDifference(TernTest::cacheSnapshot(crashed.db(), account->id));
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
};

QTEST_GUILESS_MAIN(TestImapSync)
#include "tst_imapsync.moc"
