// `tern folders` and `tern list`: the binary reading a cache filled through core classes.
#include "accounts/accountstore.h"
#include "cache/database.h"
#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "profile.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;

class TestCliReadCommands : public QObject
{
    Q_OBJECT

    QTemporaryDir m_profile;

    int tern(const QStringList &args, QByteArray *out)
    {
        QProcess p;
        p.start(qEnvironmentVariable("TERN_BINARY"),
                QStringList{QStringLiteral("--profile"), m_profile.path()} + args);
        if (!p.waitForStarted(10000) || !p.waitForFinished(60000))
            return -1;
        *out = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(!qEnvironmentVariable("TERN_BINARY").isEmpty());
        Database db(Profile(m_profile.path()).databasePath(), QStringLiteral("fill"));
        QVERIFY2(db.isOpen(), qPrintable(db.errorString()));
        Account a;
        a.name = QStringLiteral("work");
        a.email = QStringLiteral("me@example.test");
        a.incoming = *ServerUrl::parse(QStringLiteral("imaps://me@127.0.0.1:993"), nullptr);
        QString error;
        QVERIFY2(AccountStore(db.db()).add(a, &error), qPrintable(error));
        FolderStore folders(db.db());
        const QString slash = QStringLiteral("/");
        QVERIFY(folders.syncFolderList(a.id, {{QStringLiteral("INBOX"), slash, {}, true},
                                              {QStringLiteral("Sent"), slash,
                                               {QStringLiteral("\\Sent")}, true},
                                              {QStringLiteral("Lists/Qt"), slash, {}, true}}));
        QList<MessageHeader> headers;
        for (int uid = 1; uid <= 4; ++uid) {
            MessageHeader h;
            h.uid = uid;
            h.flags = MessageFlags(uid % 2 ? quint32(MessageFlags::Seen) : 0u, {});
            h.date = 1767225600 + uid * 3600; // 2026-01-01T00:00:00Z + uid hours
            h.subject = QStringLiteral("Subject %1").arg(uid);
            h.fromName = uid == 4 ? QString() : QStringLiteral("Alice");
            h.fromAddr = QStringLiteral("alice@example.test");
            headers.append(h);
        }
        headers[1].flags = MessageFlags(MessageFlags::Flagged, {});
        const qint64 inbox = folders.find(a.id, QStringLiteral("INBOX"))->id;
        QVERIFY(MessageStore(db.db()).upsertHeaders(inbox, headers));
    }

    void folders()
    {
        QByteArray out;
        QCOMPARE(tern({QStringLiteral("folders")}, &out), 0);
        QCOMPARE(out, QByteArray("INBOX\tinbox\t2/4\nLists/Qt\t-\t0/0\nSent\tsent\t0/0\n"));
    }

    void list()
    {
        QByteArray out;
        QCOMPARE(tern({QStringLiteral("list"), QStringLiteral("INBOX"), QStringLiteral("--limit"),
                       QStringLiteral("3")}, &out), 0);
        QCOMPARE(out, QByteArray(
            "4\t2026-01-01T04:00:00Z\t-\talice@example.test\tSubject 4\n"
            "3\t2026-01-01T03:00:00Z\tS\tAlice <alice@example.test>\tSubject 3\n"
            "2\t2026-01-01T02:00:00Z\tF\tAlice <alice@example.test>\tSubject 2\n"));
        QCOMPARE(tern({QStringLiteral("list"), QStringLiteral("INBOX")}, &out), 0);
        QCOMPARE(out.count('\n'), 4);
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("unknown folder")
            << QStringList{QStringLiteral("list"), QStringLiteral("Nope")} << 1
            << QByteArray("no folder Nope");
        QTest::newRow("no folder given") << QStringList{QStringLiteral("list")} << 2
                                         << QByteArray("usage: tern list");
        QTest::newRow("bad limit") << QStringList{QStringLiteral("list"), QStringLiteral("INBOX"),
                                                  QStringLiteral("--limit"), QStringLiteral("x")}
                                   << 2 << QByteArray("usage: tern list");
        QTest::newRow("unknown account")
            << QStringList{QStringLiteral("folders"), QStringLiteral("--account"),
                           QStringLiteral("x")}
            << 1 << QByteArray("no account named x");
    }

    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QByteArray, message);
        QByteArray out;
        QCOMPARE(tern(args, &out), code);
        QVERIFY2(out.contains(message), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliReadCommands)
#include "tst_clireadcommands.moc"
