// Pop3Fetcher against a private Dovecot (alice filled with generated mail, deleted freely):
// leave-on-server mode over 500+ messages, delete-when-deleted and delete-after-days, kill -9
// of `tern sync` during a delete-mode download at many points, and the size limit (TOP n 0,
// then the full message on demand; a headers-only message is never deleted on the server).
#include "accounts/accountstore.h"
#include "cache/database.h"
#include "mailfixture.h"
#include "sync/pop3fetcher.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;
using TernTest::MailFixture;
using Mode = Pop3Options::Mode;

namespace {

QByteArray testMessage(const QByteArray &id, int bodyKb)
{
    QByteArray body;
    for (int i = 0; i < bodyKb * 16; ++i)
        body += "line " + QByteArray::number(i).rightJustified(6, '0')
            + " of a large message, padded to sixty-four octets ......\r\n";
    return "From: Sender <sender@example.test>\r\nTo: alice@example.test\r\nSubject: pop3sync "
        + id + "\r\nMessage-ID: <" + id + "@example.test>\r\n\r\nBody of " + id + "\r\n"
        + body + ".a line starting with a dot\r\nEND-OF-" + id + "\r\n";
}

} // namespace

class TestPop3Fetcher : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    MailFixture m_fx;
    std::unique_ptr<Database> m_db;
    Account m_account;
    int m_serverAtStart = 0;

    Account makeAccount()
    {
        Account a;
        a.name = QStringLiteral("p");
        a.email = QStringLiteral("alice@example.test");
        a.incoming.protocol = ServerUrl::Protocol::Pop3;
        a.incoming.tls = TlsMode::Implicit;
        a.incoming.host = m_fx.host();
        a.incoming.port = m_fx.port("pop3s");
        a.incoming.user = QStringLiteral("alice");
        a.caFile = m_fx.caFile();
        return a;
    }

    // One session with these options; returns the report, fails the test on error.
    Pop3Fetcher::Report sync(const Pop3Options &options, qint64 fetchFullId = 0)
    {
        Pop3Fetcher f(m_db->db(), m_account, m_fx.password(QStringLiteral("alice")));
        f.setOptions(options);
        QSignalSpy done(&f, &Pop3Fetcher::finished);
        if (fetchFullId != 0)
            f.fetchFull(fetchFullId);
        else
            f.sync();
        if (!done.wait(120000))
            qWarning("the POP3 session did not finish");
        else if (!done.first().at(0).toBool())
            qWarning("POP3 session failed: %s", qPrintable(done.first().at(1).toString()));
        else
            return f.report();
        Pop3Fetcher::Report failed;
        failed.failedMessages = -1;
        return failed;
    }

    // RFC 1939 §5 STAT through the engine: the number of messages in alice's maildrop.
    int serverCount()
    {
        Pop3::Client c(defaultTransportFactory());
        Pop3::Settings s;
        s.host = m_fx.host();
        s.port = m_fx.port("pop3s");
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = QStringLiteral("alice");
        s.password = m_fx.password(QStringLiteral("alice"));
        QSignalSpy stat(&c, &Pop3::Client::statReceived);
        QSignalSpy quit(&c, &Pop3::Client::updateFinished);
        c.connectToServer(s);
        c.stat();
        c.quit();
        if (!quit.wait(30000) || stat.isEmpty())
            return -1;
        return stat.first().at(0).toInt();
    }

    static qint64 scalar(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery q(db);
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }

    static QStringList messageIds(QSqlDatabase &db)
    {
        QStringList ids;
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SELECT message_id FROM messages ORDER BY message_id")))
            return ids;
        while (q.next())
            ids << q.value(0).toString();
        return ids;
    }

    void deliver(const QByteArray &id, int bodyKb)
    {
        const int before = serverCount();
        QString error;
        QVERIFY2(m_fx.deliver(QStringLiteral("sender@example.test"),
                              QStringLiteral("alice@example.test"), testMessage(id, bodyKb),
                              &error), qPrintable(error));
        // Postfix hands the message to Dovecot's LMTP in the background.
        QTRY_COMPARE_WITH_TIMEOUT(serverCount(), before + 1, 30000);
    }

    int tern(const QString &profile, const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        p.start(qEnvironmentVariable("TERN_BINARY"),
                QStringList{QStringLiteral("--profile"), profile} + args);
        p.waitForStarted();
        p.write(m_fx.password(QStringLiteral("alice")).toUtf8());
        p.closeWriteChannel();
        p.waitForFinished(180000);
        const QByteArray output = p.readAllStandardOutput() + p.readAllStandardError();
        if (out)
            *out = output;
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(!qEnvironmentVariable("TERN_BINARY").isEmpty());
        // POP3 sees about 70% of the generated mail in INBOX.
        m_fx = MailFixture::startPrivate(m_tmp.filePath(QStringLiteral("fx")), 720);
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
        m_db = std::make_unique<Database>(m_tmp.filePath(QStringLiteral("a.sqlite")),
                                          QStringLiteral("a"));
        QVERIFY2(m_db->isOpen(), qPrintable(m_db->errorString()));
        m_account = makeAccount();
        QString error;
        QVERIFY2(AccountStore(m_db->db()).add(m_account, &error), qPrintable(error));
        m_serverAtStart = serverCount();
        QVERIFY2(m_serverAtStart >= 500, qPrintable(QString::number(m_serverAtStart)));
    }

    void cleanupTestCase()
    {
        m_db.reset();
        if (m_fx.isValid())
            m_fx.stop();
    }

    // Leave on server: everything once, nothing twice, a new arrival exactly once.
    void keepMode()
    {
        QElapsedTimer timer;
        timer.start();
        auto r = sync({});
        const qint64 ms = timer.elapsed();
        QCOMPARE(r.failedMessages, 0);
        QCOMPARE(r.onServer, m_serverAtStart);
        QCOMPARE(r.downloaded, m_serverAtStart);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(r.inboxTotal, qint64(m_serverAtStart));
        qInfo("keep mode: %d messages downloaded in %lld ms", r.downloaded, ms);
        QSqlDatabase &db = m_db->db();
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM folders WHERE is_local = 1 "
                                           "AND role = 'inbox'")), 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bodies WHERE complete = 1")),
                 qint64(m_serverAtStart));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pop3_seen")),
                 qint64(m_serverAtStart));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages WHERE subject = ''")),
                 0);

        r = sync({});
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.inboxTotal, qint64(m_serverAtStart));
        QCOMPARE(serverCount(), m_serverAtStart);

        deliver("arrival-1", 0);
        r = sync({});
        QCOMPARE(r.downloaded, 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages WHERE message_id = "
                                           "'<arrival-1@example.test>'")), 1);
        r = sync({});
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.inboxTotal, qint64(m_serverAtStart + 1));
    }

    void deleteLaterModes()
    {
        QSqlDatabase &db = m_db->db();
        Pop3Options after;
        after.mode = Mode::DeleteAfterDays;
        after.days = 1;
        auto r = sync(after);
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.deletedOnServer, 0);

        // Two messages deleted locally; then the server copies go, and only those.
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE id IN "
                                      "(SELECT id FROM messages ORDER BY id LIMIT 2)")));
        Pop3Options whenDeleted;
        whenDeleted.mode = Mode::DeleteWhenDeleted;
        r = sync(whenDeleted);
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.deletedOnServer, 2);
        QCOMPARE(serverCount(), m_serverAtStart - 1);
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pop3_seen WHERE "
                                           "deleted_on_server = 1")), 2);
        r = sync(whenDeleted);
        QCOMPARE(r.deletedOnServer, 0);
        QCOMPARE(r.downloaded, 0);
    }

    // tern sync in delete mode, killed with SIGKILL at many points, then run to the end:
    // every message exactly once locally, the server empty, the database intact.
    void killDuringDeleteMode()
    {
        const QString profile = m_tmp.filePath(QStringLiteral("crash"));
        const QString url = QStringLiteral("pop3s://alice@%1:%2").arg(m_fx.host())
                                .arg(m_fx.port("pop3s"));
        QByteArray out;
        QCOMPARE(tern(profile, {QStringLiteral("account"), QStringLiteral("add"),
                                QStringLiteral("--name"), QStringLiteral("p"),
                                QStringLiteral("--email"), QStringLiteral("alice@example.test"),
                                QStringLiteral("--pop3"), url,
                                QStringLiteral("--ca-file"), m_fx.caFile(),
                                QStringLiteral("--pop3-mode"), QStringLiteral("delete")}, &out),
                 0);
        const QStringList syncArgs{QStringLiteral("sync"), QStringLiteral("--password-stdin")};
        const int before = serverCount();
        int killedMidway = 0;
        for (int delay : {0, 40, 80, 150, 250, 400, 600, 900, 1300}) {
            QProcess p;
            p.start(qEnvironmentVariable("TERN_BINARY"),
                    QStringList{QStringLiteral("--profile"), profile} + syncArgs);
            QVERIFY(p.waitForStarted());
            p.write(m_fx.password(QStringLiteral("alice")).toUtf8());
            p.closeWriteChannel();
            // Kill points measured from the moment the session has listed the maildrop.
            QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning
                                         || p.peek(4096).contains("on the server"), 30000);
            // waitForFinished() is false for a process that has already ended, too.
            if (p.state() != QProcess::NotRunning && !p.waitForFinished(delay)) {
                p.kill(); // SIGKILL
                p.waitForFinished(10000);
                QCOMPARE(p.state(), QProcess::NotRunning);
                ++killedMidway;
            }
        }
        const int left = serverCount();
        qInfo("kill -9: %d of 9 runs killed mid-session; %d of %d messages still on the server",
              killedMidway, left, before);
        QVERIFY(killedMidway >= 3);
        QCOMPARE(tern(profile, syncArgs, &out), 0);
        QVERIFY2(out.contains(QByteArray("Inbox: " + QByteArray::number(before) + " messages")),
                 out.constData());
        QCOMPARE(serverCount(), 0);

        Database crashed(profile + QStringLiteral("/cache.sqlite"), QStringLiteral("crash"));
        QVERIFY2(crashed.isOpen(), qPrintable(crashed.errorString()));
        QSqlDatabase &db = crashed.db();
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM messages")), qint64(before));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM pop3_seen WHERE "
                                           "deleted_on_server = 1")), qint64(before));
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bodies")), qint64(before));
        // The same messages the keep-mode profile holds, each exactly once.
        QCOMPARE(messageIds(db), messageIds(m_db->db()));
    }

    // Size limit: headers only over N KB, the whole message on demand; a headers-only
    // message keeps its server copy even in delete mode.
    void headersOnly()
    {
        QCOMPARE(serverCount(), 0);
        for (const QByteArray id : {"big-1", "big-2", "big-3"})
            deliver(id, 60);
        deliver("small-1", 1);
        Pop3Options limit;
        limit.maxKb = 20;
        auto r = sync(limit);
        QCOMPARE(r.downloaded, 4);
        QCOMPARE(r.headersOnly, 3);
        QSqlDatabase &db = m_db->db();
        QCOMPARE(scalar(db, QStringLiteral("SELECT count(*) FROM bodies b JOIN messages m ON "
                                           "m.id = b.message_id WHERE b.complete = 0 AND "
                                           "m.subject LIKE 'pop3sync big-%' AND m.size > "
                                           "60000 AND length(b.raw) < 1000")), 3);
        const qint64 big1 = scalar(db, QStringLiteral("SELECT id FROM messages WHERE "
                                                      "message_id = '<big-1@example.test>'"));
        QVERIFY(big1 > 0);
        r = sync(limit, big1);
        QCOMPARE(r.downloaded, 1);
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT complete, raw FROM bodies WHERE message_id = %1")
                           .arg(big1)) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(q.value(1).toByteArray().contains("\r\n..a line starting with a dot\r\n")
                == false);
        QVERIFY(q.value(1).toByteArray().endsWith(
            "\r\n.a line starting with a dot\r\nEND-OF-big-1\r\n"));
        QVERIFY(q.value(1).toByteArray().size() > 60000);

        Pop3Options del = limit;
        del.mode = Mode::Delete;
        r = sync(del);
        QCOMPARE(r.downloaded, 0);
        QCOMPARE(r.deletedOnServer, 2); // big-1 (now whole) and small-1
        QCOMPARE(serverCount(), 2);
        QCOMPARE(r.inboxTotal, qint64(m_serverAtStart - 1 + 4));
    }
};

QTEST_GUILESS_MAIN(TestPop3Fetcher)
#include "tst_pop3fetcher.moc"
