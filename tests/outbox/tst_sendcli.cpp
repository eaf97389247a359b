// `tern send` with private servers that the test stops and starts: with the servers down the
// message stays queued and the command says so; `tern send --flush` sends it exactly once.
#include "mailfixture.h"
#include "outboxtestutil.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Tern;
using TernTest::ImapReader;
using TernTest::MailFixture;

class TestSendCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    MailFixture m_fx;

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

    int tern(const QStringList &args, const QByteArray &input, QString *out)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(qEnvironmentVariable("TERN_BINARY"),
                QStringList{QStringLiteral("--profile"), m_tmp.filePath(QStringLiteral("cli"))}
                    + args);
        p.write(input);
        p.closeWriteChannel();
        if (!p.waitForFinished(120000))
            return -1;
        *out = QString::fromUtf8(p.readAll());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        QVERIFY(!qEnvironmentVariable("TERN_BINARY").isEmpty());
        m_fx = MailFixture::startPrivate(m_tmp.filePath(QStringLiteral("servers")));
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void cleanupTestCase()
    {
        QVERIFY(m_fx.stop());
    }

    void commandLineQueuesThenFlushes()
    {
        QVERIFY(QDir().mkpath(m_tmp.filePath(QStringLiteral("cli"))));
        const QString body = m_tmp.filePath(QStringLiteral("body.txt"));
        QFile f(body);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Hello from the command line.\n");
        f.close();
        const QString user = QStringLiteral("u3");
        const QByteArray password = m_fx.password(user).toUtf8();
        QString out;
        QCOMPARE(tern({QStringLiteral("account"), QStringLiteral("add"), QStringLiteral("--name"),
                       user, QStringLiteral("--email"), user + QStringLiteral("@example.test"),
                       QStringLiteral("--imap"),
                       QStringLiteral("imaps://u3@localhost:%1").arg(m_fx.port("imaps")),
                       QStringLiteral("--smtp"),
                       QStringLiteral("smtp+starttls://u3@localhost:%1")
                           .arg(m_fx.port("submission")),
                       QStringLiteral("--ca-file"), m_fx.caFile()}, {}, &out), 0);

        QVERIFY(m_fx.stopServers());
        const QStringList send{QStringLiteral("send"), QStringLiteral("--account"), user,
                               QStringLiteral("--to"), QStringLiteral("u4@example.test"),
                               QStringLiteral("--subject"), QStringLiteral("from the CLI"),
                               QStringLiteral("--body-file"), body,
                               QStringLiteral("--attach"), body,
                               QStringLiteral("--password-stdin")};
        QVERIFY2(tern(send, password, &out) != 0, qPrintable(out));
        QVERIFY2(out.contains(QLatin1StringView("stays queued")), qPrintable(out));
        QVERIFY(!out.contains(QString::fromUtf8(password)));
        const QRegularExpressionMatch id =
            QRegularExpression(QStringLiteral("queued as outbox #\\d+ <([^>]+)>")).match(out);
        QVERIFY2(id.hasMatch(), qPrintable(out));
        const QByteArray messageId = id.captured(1).toLatin1();

        QVERIFY(m_fx.startServers());
        const QStringList flush{QStringLiteral("send"), QStringLiteral("--flush"),
                                QStringLiteral("--account"), user,
                                QStringLiteral("--password-stdin")};
        QVERIFY2(tern(flush, password, &out) == 0, qPrintable(out));
        QVERIFY2(out.contains(QLatin1StringView("u4@example.test: accepted")), qPrintable(out));
        QVERIFY2(out.contains(QLatin1StringView("1 sent")), qPrintable(out));
        QVERIFY2(tern(flush, password, &out) == 0, qPrintable(out));
        QVERIFY2(out.contains(QLatin1StringView("0 sent")), qPrintable(out));
        QCOMPARE(count(QStringLiteral("u4"), "INBOX", messageId), 1);
        QCOMPARE(count(user, "Sent", messageId), 1);
    }
};

QTEST_GUILESS_MAIN(TestSendCli)
#include "tst_sendcli.moc"
