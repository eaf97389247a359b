// The outbox against the scripted fake SMTP server: every failure leaves the message in the
// outbox with a clear error, a lost reply after the final dot is never resent on its own, and
// a crash while sending is judged by how far the send got.
#include "outboxtestutil.h"
#include "scriptedserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <memory>

using namespace Tern;
using TernTest::ScriptedServer;

namespace {

const QString Greet = QStringLiteral("S: 220 mail.example ESMTP\nC: EHLO [127.0.0.1]\n");
const QString Ehlo = Greet + QStringLiteral("S: 250 mail.example\n");
const QString Mail = QStringLiteral("C: MAIL FROM:<alice@example.test>\nS: 250 2.1.0 Ok\n");
const QString Ok = QStringLiteral("S: 250 2.1.5 Ok\n");
const QString Data = QStringLiteral("C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\n"
                                    "C: Message-ID: <m1@example.test>\nC: Subject: hi\nC: \n"
                                    "C: hello\nC: .\n");
const QString Queued = QStringLiteral("S: 250 2.0.0 Ok: queued as 1234\n");
const QString Quit = QStringLiteral("C: QUIT\nS: 221 2.0.0 Bye\nX\n");
const QByteArray Raw = "Message-ID: <m1@example.test>\r\nSubject: hi\r\n\r\nhello\r\n";

QString rcpt(char who)
{
    return QStringLiteral("C: RCPT TO:<%1@example.test>\n").arg(QLatin1Char(who));
}

// Accepted recipients as Y/N, in envelope order.
QString acceptedMask(const QString &json)
{
    QString mask;
    const QJsonArray list = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &v : list)
        mask += v.toObject().value(QLatin1StringView("accepted")).toBool() ? u'Y' : u'N';
    return mask;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_dbCount = 0;

    std::unique_ptr<Database> openDb(const QString &name)
    {
        return std::make_unique<Database>(m_tmp.filePath(name + QStringLiteral(".sqlite")),
                                          QStringLiteral("outbox-%1").arg(++m_dbCount));
    }

    Account account(Database &db, const QString &name, quint16 port, TlsMode mode,
                    const QString &user)
    {
        Account a;
        a.name = name;
        a.email = QStringLiteral("alice@example.test");
        a.incoming = ServerUrl{ServerUrl::Protocol::Imap, TlsMode::Implicit,
                               QStringLiteral("localhost"), 993, QStringLiteral("alice")};
        a.smtp = ServerUrl{ServerUrl::Protocol::Smtp, mode, QStringLiteral("localhost"), port,
                           user};
        a.allowPlaintext = true;   // the scripted server speaks plain text
        a = TernTest::addAccount(db, a);
        // These servers keep no mailboxes: no Sent copy over IMAP.
        OutboxSender::setServerFilesSent(db.db(), a.id, true);
        return a;
    }

private Q_SLOTS:
    void failuresStayInTheOutbox_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("tls");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("mask");
        QTest::addColumn<int>("rows");

        const int none = int(TlsMode::None);
        const QString three = rcpt('a') + Ok + rcpt('b');
        QTest::newRow("all accepted")
            << Ehlo + Mail + three + Ok + rcpt('c') + Ok + Data + Queued + Quit << none
            << QString() << QStringLiteral("sent") << QString() << QStringLiteral("YYY") << 1;
        QTest::newRow("421 at greeting")
            << QStringLiteral("S: 421 4.3.2 Service not available, try later\nX\n") << none
            << QString() << QStringLiteral("retry") << QStringLiteral("try later") << QString()
            << 1;
        QTest::newRow("535 authentication failed")
            << Greet + QStringLiteral("S: 250-mail.example\nS: 250 AUTH PLAIN\n"
                                      "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\n"
                                      "S: 535 5.7.8 Error: authentication failed\nX\n")
            << none << QStringLiteral("alice") << QStringLiteral("failed")
            << QStringLiteral("authentication failed") << QString() << 1;
        QTest::newRow("550 on one of three recipients")
            << Ehlo + Mail + three
                   + QStringLiteral("S: 550 5.1.1 <b@example.test>: Recipient address rejected\n")
                   + rcpt('c') + Ok + Data + Queued + Quit
            << none << QString() << QStringLiteral("sent")
            << QStringLiteral("b@example.test: 550") << QStringLiteral("YNY") << 1;
        QTest::newRow("452 too many recipients: the third is retried alone")
            << Ehlo + Mail + three + Ok + rcpt('c')
                   + QStringLiteral("S: 452 4.5.3 Error: too many recipients\n") + Data + Queued
                   + Quit
            << none << QString() << QStringLiteral("sent")
            << QStringLiteral("c@example.test: 452") << QStringLiteral("YYN") << 2;
        QTest::newRow("552 message too big")
            << Ehlo + Mail + three + Ok + rcpt('c') + Ok + Data
                   + QStringLiteral("S: 552 5.3.4 Error: message file too big\n") + Quit
            << none << QString() << QStringLiteral("failed") << QStringLiteral("too big")
            << QStringLiteral("YYY") << 1;
        QTest::newRow("connection dropped after the final dot")
            << Ehlo + Mail + three + Ok + rcpt('c') + Ok + Data + QStringLiteral("X\n") << none
            << QString() << QStringLiteral("delivery_unknown") << QStringLiteral("may")
            << QStringLiteral("YYY") << 1;
        QTest::newRow("STARTTLS required, not offered")
            << Ehlo << int(TlsMode::StartTls) << QStringLiteral("alice")
            << QStringLiteral("failed") << QStringLiteral("STARTTLS") << QString() << 1;
    }

    void failuresStayInTheOutbox()
    {
        QFETCH(QString, script);
        QFETCH(int, tls);
        QFETCH(QString, user);
        QFETCH(QString, state);
        QFETCH(QString, error);
        QFETCH(QString, mask);
        QFETCH(int, rows);

        ScriptedServer server(script);
        auto db = openDb(QString::fromLatin1(QTest::currentDataTag()).replace(u' ', u'_'));
        QVERIFY(db->isOpen());
        const Account a = account(*db, QStringLiteral("a"), server.port(), TlsMode(tls), user);
        Outbox outbox(db->db());
        QString why;
        const Smtp::Envelope env{QStringLiteral("alice@example.test"),
                                 {QStringLiteral("a@example.test"),
                                  QStringLiteral("b@example.test"),
                                  QStringLiteral("c@example.test")}};
        const qint64 id = outbox.enqueue(a.id, Raw, env, &why);
        QVERIFY2(id > 0, qPrintable(why));

        const OutboxSender::Report report = TernTest::runSender(*db, a, QStringLiteral("secret"));
        QCOMPARE(report.ids, QList<qint64>{id});
        const std::optional<OutboxEntry> row = outbox.find(id);
        QVERIFY(row);
        QCOMPARE(OutboxEntry::stateName(row->state), state);
        QCOMPARE(row->raw, Raw);
        QCOMPARE(row->messageId, QStringLiteral("m1@example.test"));
        QVERIFY2(row->lastError.contains(error, Qt::CaseInsensitive), qPrintable(row->lastError));
        if (!error.isEmpty())   // a failure is explained, a full success is not
            QVERIFY(!row->lastError.isEmpty());
        QCOMPARE(acceptedMask(row->recipientResults), mask);
        const QList<OutboxEntry> all = outbox.list(a.id);
        QCOMPARE(all.size(), rows);
        if (rows == 2) {
            QCOMPARE(all.at(1).state, OutboxEntry::State::Retry);
            QCOMPARE(all.at(1).envelope.recipients, QStringList{QStringLiteral("c@example.test")});
            QCOMPARE(all.at(1).raw, Raw);
        }
        QVERIFY(!server.clientLines().join('\n').contains("secret"));
    }

    void deliveryUnknownIsResentOnlyOnRequest()
    {
        auto db = openDb(QStringLiteral("unknown"));
        const QString lost = Ehlo + Mail + rcpt('a') + Ok + Data + QStringLiteral("X\n");
        ScriptedServer server(lost);
        Account a = account(*db, QStringLiteral("u"), server.port(), TlsMode::None, QString());
        Outbox outbox(db->db());
        QString why;
        const qint64 id = outbox.enqueue(a.id, Raw, {QStringLiteral("alice@example.test"),
                                                     {QStringLiteral("a@example.test")}}, &why);
        QVERIFY(id > 0);
        QCOMPARE(TernTest::runSender(*db, a, QString()).deliveryUnknown, 1);
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::DeliveryUnknown);

        // A second flush, even a forced one, leaves it alone: no connection at all.
        ScriptedServer second(Ehlo + Mail + rcpt('a') + Ok + Data + Queued + Quit);
        a.smtp->port = second.port();
        QVERIFY(TernTest::runSender(*db, a, QString(), true).ids.isEmpty());
        QVERIFY(second.clientLines().isEmpty());
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::DeliveryUnknown);

        // The user's word: the same bytes, so the same Message-ID, go out again.
        QVERIFY(outbox.resend(id, &why));
        QCOMPARE(TernTest::runSender(*db, a, QString()).sent, 1);
        QCOMPARE(second.error(), QString());
        QVERIFY(second.clientLines().contains("Message-ID: <m1@example.test>"));
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::Sent);
        QVERIFY(!outbox.resend(id, &why));   // sent is final
    }

    void crashWhileSending_data()
    {
        QTest::addColumn<bool>("dataStarted");
        QTest::addColumn<int>("state");
        QTest::newRow("before DATA: queued again") << false << int(OutboxEntry::State::Queued);
        QTest::newRow("after DATA: delivery unknown")
            << true << int(OutboxEntry::State::DeliveryUnknown);
    }

    void crashWhileSending()
    {
        QFETCH(bool, dataStarted);
        QFETCH(int, state);
        const QString name = QStringLiteral("crash%1").arg(dataStarted);
        qint64 id = 0;
        {
            auto db = openDb(name);
            const Account a = account(*db, name, 25, TlsMode::None, QString());
            Outbox outbox(db->db());
            QString why;
            id = outbox.enqueue(a.id, Raw, {QString(), {QStringLiteral("a@example.test")}}, &why);
            QVERIFY(outbox.markSending({id}));
            if (dataStarted)
                QVERIFY(outbox.markDataStarted(id));
        }
        auto db = openDb(name);   // the restart
        Outbox outbox(db->db());
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::Sending);
        QCOMPARE(outbox.recoverInterrupted(), 1);
        QCOMPARE(int(outbox.find(id)->state), state);
        QCOMPARE(outbox.find(id)->attempts, 1);
    }

    void backoff_data()
    {
        QTest::addColumn<int>("attempts");
        QTest::addColumn<qint64>("seconds");
        QTest::newRow("first") << 1 << qint64(60);
        QTest::newRow("second") << 2 << qint64(120);
        QTest::newRow("fifth") << 5 << qint64(960);
        QTest::newRow("capped") << 30 << qint64(3600);
    }

    void backoff()
    {
        QFETCH(int, attempts);
        QFETCH(qint64, seconds);
        QCOMPARE(Outbox::backoffSeconds(attempts), seconds);
    }

    void refusesBadEnvelopes_data()
    {
        QTest::addColumn<QStringList>("recipients");
        QTest::newRow("none") << QStringList();
        QTest::newRow("CRLF injection") << QStringList{QStringLiteral("a@x>\r\nRCPT TO:<b@x")};
    }

    void refusesBadEnvelopes()
    {
        QFETCH(QStringList, recipients);
        auto db = openDb(QStringLiteral("bad"));
        const Account a = account(*db, QStringLiteral("bad%1").arg(m_dbCount), 25, TlsMode::None,
                                  QString());
        QString why;
        QCOMPARE(Outbox(db->db()).enqueue(a.id, Raw, {QString(), recipients}, &why), 0);
        QVERIFY(!why.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
