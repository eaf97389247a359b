// `tern account add|list|remove` end to end: the binary, the cache and the real keychain
// (Secret Service from gnome-keyring, started by tools/inside/test).
#include "secrets/keychainsecretstore.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestCliAccount : public QObject
{
    Q_OBJECT

    QTemporaryDir m_profile;
    const QString m_password = QStringLiteral("cli-secret-%1").arg(QCoreApplication::applicationPid());

    int tern(const QStringList &args, QByteArray *out = nullptr, const QByteArray &stdinData = {})
    {
        QProcess p;
        p.start(qEnvironmentVariable("TERN_BINARY"),
                QStringList{QStringLiteral("--profile"), m_profile.path()} + args);
        if (!p.waitForStarted(10000))
            return -1;
        p.write(stdinData);
        p.closeWriteChannel();
        p.waitForFinished(60000);
        if (out)
            *out = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    bool profileContains(const QByteArray &needle)
    {
        QDirIterator it(m_profile.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
                return true;
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(!qEnvironmentVariable("TERN_BINARY").isEmpty()); }

    void addListRemove()
    {
        QByteArray out;
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                       QStringLiteral("work"), QStringLiteral("--email"), QStringLiteral("me@example.test"),
                       QStringLiteral("--imap"), QStringLiteral("imaps://me@127.0.0.1:10993"),
                       QStringLiteral("--smtp"), QStringLiteral("smtp+starttls://me@127.0.0.1:10587"),
                       QStringLiteral("--password-stdin")}, &out, m_password.toUtf8() + "\n"), 0);
        QVERIFY2(out.contains("added account work"), out.constData());
        QVERIFY(!out.contains(m_password.toUtf8()));

        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("list")}, &out), 0);
        QVERIFY2(out.contains("work\tme@example.test\timaps://me@127.0.0.1:10993"), out.constData());

        // The password went to the keychain, not to the profile.
        QVERIFY(!profileContains(m_password.toUtf8()));
        Tern::KeychainSecretStore keychain;
        const auto r = keychain.readNow(QStringLiteral("account-1/incoming"));
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.secret, m_password);

        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("work")}, &out), 0);
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("list")}, &out), 0);
        QVERIFY(out.trimmed().isEmpty());
        const auto gone = keychain.readNow(QStringLiteral("account-1/incoming"));
        QVERIFY(!gone.ok);
        QVERIFY(gone.notFound);
    }

    void plaintextNeedsOptIn()
    {
        QByteArray out;
        const QStringList base{QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                               QStringLiteral("plain"), QStringLiteral("--email"), QStringLiteral("p@example.test"),
                               QStringLiteral("--imap"), QStringLiteral("imap://p@127.0.0.1:10143")};
        QCOMPARE(tern(base, &out), 2);
        QVERIFY2(out.contains("refusing an unencrypted server"), out.constData());
        QCOMPARE(tern(base + QStringList{QStringLiteral("--allow-plaintext")}, &out), 0);
    }

    void badArgumentsGiveUsage()
    {
        QByteArray out;
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                       QStringLiteral("x")}, &out), 2);
        QVERIFY(out.contains("usage"));
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                       QStringLiteral("x"), QStringLiteral("--email"), QStringLiteral("x@y"),
                       QStringLiteral("--imap"), QStringLiteral("smtps://x@y")}, &out), 2);
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("remove"), QStringLiteral("nope")}, &out), 1);
    }
};

QTEST_GUILESS_MAIN(TestCliAccount)
#include "tst_cliaccount.moc"
