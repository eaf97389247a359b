// Offline sending with private servers that the test stops and starts: a message queued while
// they are down survives a restart of the program and goes out exactly once when they return.
#include "mailfixture.h"
#include "outboxtestutil.h"

#include <QDir>
#include <QTemporaryDir>

using namespace Tern;
using TernTest::ImapReader;
using TernTest::MailFixture;

class TestOutboxOffline : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    MailFixture m_fx;

    Account makeAccount(const QString &user) const
    {
        Account a;
        a.name = user;
        a.email = user + QStringLiteral("@example.test");
        a.caFile = m_fx.caFile();
        a.incoming = ServerUrl{ServerUrl::Protocol::Imap, TlsMode::Implicit,
                               QStringLiteral("localhost"), m_fx.port("imaps"), user};
        a.smtp = ServerUrl{ServerUrl::Protocol::Smtp, TlsMode::StartTls,
                           QStringLiteral("localhost"), m_fx.port("submission"), user};
        return a;
    }

    int count(const QString &user, const QByteArray &folder, const QByteArray &messageId)
    {
        ImapReader r;
        if (!r.open(m_fx.caCertificates(), m_fx.port("imaps"), user, m_fx.password(user)))
            return -1;
        r.waitFor(folder, messageId);
        QByteArrayList uids = r.search(folder, messageId);
        uids.removeAll(QByteArray());
        return int(uids.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_fx = MailFixture::startPrivate(m_tmp.filePath(QStringLiteral("servers")));
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_fx.stop());
    }

    void queuedOfflineSurvivesRestartGoesOutOnce()
    {
        const QString path = m_tmp.filePath(QStringLiteral("lib.sqlite"));
        const QByteArray raw = "From: u1@example.test\r\nTo: u2@example.test\r\n"
                               "Subject: offline\r\nMessage-ID: <offline-1@example.test>\r\n"
                               "\r\nsent while offline\r\n";
        const QString password = m_fx.password(QStringLiteral("u1"));
        qint64 id = 0;
        QVERIFY(m_fx.stopServers());
        {
            Database db(path, QStringLiteral("offline-1"));
            const Account a = TernTest::addAccount(db, makeAccount(QStringLiteral("u1")));
            Outbox outbox(db.db());
            QString why;
            id = outbox.enqueue(a.id, raw, {a.email, {QStringLiteral("u2@example.test")}}, &why);
            QVERIFY2(id > 0, qPrintable(why));
            const OutboxSender::Report r = TernTest::runSender(db, a, password);
            QCOMPARE(r.retry, 1);
            QVERIFY(!r.sessionError.isEmpty());
            QCOMPARE(outbox.find(id)->state, OutboxEntry::State::Retry);
        }
        QVERIFY(m_fx.startServers());
        Database db(path, QStringLiteral("offline-2"));   // the program started again
        Outbox outbox(db.db());
        QCOMPARE(outbox.recoverInterrupted(), 0);
        const Account a = *AccountStore(db.db()).find(QStringLiteral("u1"));
        QCOMPARE(TernTest::runSender(db, a, password, true).sent, 1);
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::Sent);
        QVERIFY(TernTest::runSender(db, a, password, true).ids.isEmpty());
        QCOMPARE(count(QStringLiteral("u2"), "INBOX", "offline-1@example.test"), 1);
        QCOMPARE(count(QStringLiteral("u1"), "Sent", "offline-1@example.test"), 1);
    }
};

QTEST_GUILESS_MAIN(TestOutboxOffline)
#include "tst_outboxoffline.moc"
