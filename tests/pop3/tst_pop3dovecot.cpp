// Pop3::Client against the real Dovecot of the mail fixture: implicit TLS and STLS, USER/PASS,
// AUTH PLAIN and APOP, and reading alice's sample mail (never deleting it); deletions run on
// u13..u15 after delivering to them through Postfix.
#include "common/sasl.h"
#include "common/ssltransport.h"
#include "mailfixture.h"
#include "pop3recorder.h"

#include <QDir>
#include <QTest>

using namespace Tern;
using namespace Tern::Pop3;
using TernTest::MailFixture;
using TernTest::Pop3Recorder;

namespace {

QByteArray testMessage(const QString &to, int n)
{
    return "From: sender@example.test\r\nTo: " + to.toUtf8() + "@example.test\r\n"
        + "Subject: pop3 test " + QByteArray::number(n) + "\r\nMessage-ID: <pop3-"
        + QByteArray::number(n) + '.' + QByteArray::number(QDateTime::currentMSecsSinceEpoch())
        + "@example.test>\r\n\r\nBody " + QByteArray::number(n) + "\r\n.starts with a dot\r\n";
}

} // namespace

class TestPop3Dovecot : public QObject
{
    Q_OBJECT

    MailFixture m_fx;

    Settings settings(const QString &user, TlsMode mode, AuthMethod method = AuthMethod::Automatic)
    {
        Settings s;
        s.host = m_fx.host();
        s.port = m_fx.port(mode == TlsMode::Implicit ? "pop3s" : "pop3");
        s.tls.mode = mode;
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = user;
        s.password = m_fx.password(user);
        s.method = method;
        return s;
    }

    // One session: `queue` adds commands after connecting; waits until it ends.
    void session(Client &client, Pop3Recorder &rec, const Settings &s,
                 const std::function<void(Client &)> &queue)
    {
        client.connectToServer(s);
        queue(client);
        QTRY_VERIFY_WITH_TIMEOUT(rec.done, 60000);
        QVERIFY2(rec.error == Error::None, qPrintable(rec.failMessage));
    }

    int messagesOnDisk(const QString &user)
    {
        const QString inbox = m_fx.maildir(user) + QStringLiteral("/INBOX/");
        return int(QDir(inbox + QStringLiteral("new")).entryList(QDir::Files).size()
                   + QDir(inbox + QStringLiteral("cur")).entryList(QDir::Files).size());
    }

    void deliver(const QString &user, int n)
    {
        const int before = messagesOnDisk(user);
        QString error;
        QVERIFY2(m_fx.deliver(QStringLiteral("sender@example.test"),
                              user + QStringLiteral("@example.test"), testMessage(user, n),
                              &error),
                 qPrintable(error));
        // Postfix hands the message to Dovecot's LMTP in the background.
        QTRY_COMPARE_WITH_TIMEOUT(messagesOnDisk(user), before + 1, 30000);
    }

    int statCount(const QString &user)
    {
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        int count = -1;
        connect(&client, &Client::statReceived, this, [&](int c, qint64) { count = c; });
        session(client, rec, settings(user, TlsMode::Implicit), [](Client &c) {
            c.stat();
            c.quit();
        });
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void login_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("method");
        QTest::addColumn<int>("used");
        QTest::newRow("USER/PASS, implicit TLS") << int(TlsMode::Implicit)
            << int(AuthMethod::UserPass) << int(AuthMethod::UserPass);
        QTest::newRow("automatic, implicit TLS") << int(TlsMode::Implicit)
            << int(AuthMethod::Automatic) << int(AuthMethod::SaslPlain);
        QTest::newRow("automatic, STLS") << int(TlsMode::StartTls)
            << int(AuthMethod::Automatic) << int(AuthMethod::SaslPlain);
        QTest::newRow("USER/PASS, STLS") << int(TlsMode::StartTls)
            << int(AuthMethod::UserPass) << int(AuthMethod::UserPass);
        QTest::newRow("APOP, implicit TLS") << int(TlsMode::Implicit)
            << int(AuthMethod::Apop) << int(AuthMethod::Apop);
        QTest::newRow("APOP, STLS") << int(TlsMode::StartTls)
            << int(AuthMethod::Apop) << int(AuthMethod::Apop);
    }
    void login()
    {
        QFETCH(int, mode);
        QFETCH(int, method);
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        session(client, rec, settings(QStringLiteral("bob"), TlsMode(mode), AuthMethod(method)),
                [](Client &c) {
                    c.stat();
                    c.quit();
                });
        QCOMPARE(rec.events.value(0), QStringLiteral("loggedIn"));
        QVERIFY2(rec.events.value(1).startsWith(QStringLiteral("stat ")),
                 qPrintable(rec.events.join(QLatin1Char('\n'))));
        QTEST(int(client.authMethod()), "used");
        QVERIFY(!client.apopTimestamp().isEmpty());
        QVERIFY(client.capabilities().pipelining);
        // After STLS the CAPA asked over TLS no longer offers STLS.
        QVERIFY(!client.capabilities().stls);
        for (const ProtocolLogLine &l : std::as_const(rec.log)) {
            QVERIFY(!l.text.contains(m_fx.password(QStringLiteral("bob")).toUtf8()));
            QVERIFY(!l.text.contains(Sasl::plainResponse(QStringLiteral("bob"),
                                                         m_fx.password(QStringLiteral("bob")))));
        }
    }

    void wrongPassword()
    {
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        Settings s = settings(QStringLiteral("bob"), TlsMode::Implicit, AuthMethod::UserPass);
        s.password = QStringLiteral("not-the-password");
        client.connectToServer(s);
        QTRY_VERIFY_WITH_TIMEOUT(rec.done, 30000);
        QCOMPARE(rec.error, Error::Authentication);
    }

    void readAliceWithoutDeleting()
    {
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        int count = -1;
        connect(&client, &Client::statReceived, this, [&](int c, qint64) { count = c; });
        QList<ListEntry> all;
        connect(&client, &Client::listReceived, this, [&](const QList<ListEntry> &entries) {
            if (all.isEmpty())
                all = entries;
        });
        session(client, rec, settings(QStringLiteral("alice"), TlsMode::Implicit), [](Client &c) {
            c.stat();
            c.list();
            c.uidl();
            for (int n = 1; n <= 5; ++n)
                c.retrieve(n);
            c.list(3);
            c.quit();
        });
        QVERIFY2(count > 5, qPrintable(QString::number(count)));
        QCOMPARE(all.size(), count);
        QCOMPARE(rec.uidl.size(), count);
        QCOMPARE(rec.events.constLast(), QStringLiteral("update "));
        for (int n = 1; n <= 5; ++n) {
            const QByteArray m = rec.messages.value(n);
            // RFC 1939 §5: LIST gives the exact size of the message as RETR sends it.
            QCOMPARE(m.size(), all.at(n - 1).size);
            QVERIFY(m.endsWith("\r\n"));
            QVERIFY(m.contains("\r\n\r\n"));
            QVERIFY(!m.contains("\n\n"));
        }
        QCOMPARE(rec.events.at(rec.events.size() - 2),
                 QStringLiteral("list 3:%1").arg(all.at(2).size));
        // TOP n 0 is exactly the header and the blank line.
        const QByteArray first = rec.messages.value(1);
        Client topClient(defaultTransportFactory());
        Pop3Recorder topRec(&topClient);
        session(topClient, topRec, settings(QStringLiteral("alice"), TlsMode::StartTls),
                [](Client &c) {
                    c.top(1, 0);
                    c.quit();
                });
        QCOMPARE(topRec.messages.value(1), first.left(first.indexOf("\r\n\r\n") + 4));
        // Nothing was deleted.
        QCOMPARE(statCount(QStringLiteral("alice")), count);
    }

    void pipelinedDownloadOfWholeInbox()
    {
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        rec.keepMessages = false;
        QHash<int, qint64> sizes;
        connect(&client, &Client::messageData, this,
                [&](int n, const QByteArray &chunk) { sizes[n] += chunk.size(); });
        connect(&client, &Client::listReceived, this, [&](const QList<ListEntry> &entries) {
            for (const ListEntry &e : entries)
                client.retrieve(e.msgNo);
            client.quit();
        });
        session(client, rec, settings(QStringLiteral("alice"), TlsMode::Implicit),
                [](Client &c) { c.list(); });
        QVERIFY(!rec.list.isEmpty());
        QCOMPARE(rec.events.count(QStringLiteral("message %1").arg(rec.list.size())), 1);
        for (const ListEntry &e : std::as_const(rec.list))
            QCOMPARE(sizes.value(e.msgNo), e.size);
        QCOMPARE(rec.events.size(), 1 + 1 + rec.list.size() + 1);
    }

    void deleteCommitsOnlyAtQuit()
    {
        const QString user = QStringLiteral("u13");
        for (int n = 1; n <= 3; ++n)
            deliver(user, n);
        QCOMPARE(statCount(user), 3);
        {
            // RSET takes the marks back: nothing goes.
            Client client(defaultTransportFactory());
            Pop3Recorder rec(&client);
            session(client, rec, settings(user, TlsMode::Implicit), [](Client &c) {
                c.remove(1);
                c.reset();
                c.quit();
            });
            QCOMPARE(rec.events.constLast(), QStringLiteral("update "));
        }
        QCOMPARE(statCount(user), 3);
        {
            // Aborted before QUIT: the marks die with the connection.
            Client client(defaultTransportFactory());
            Pop3Recorder rec(&client);
            connect(&client, &Client::markedDeleted, &client, [&](int n) {
                if (n == 2)
                    client.abort();
            });
            client.connectToServer(settings(user, TlsMode::Implicit));
            client.remove(1);
            client.remove(2);
            client.remove(3);
            QTRY_VERIFY_WITH_TIMEOUT(rec.done, 30000);
            QCOMPARE(rec.error, Error::ConnectionLost);
        }
        QCOMPARE(statCount(user), 3);
        {
            Client client(defaultTransportFactory());
            Pop3Recorder rec(&client);
            session(client, rec, settings(user, TlsMode::StartTls), [](Client &c) {
                c.remove(1);
                c.remove(3);
                c.quit();
            });
            QCOMPARE(rec.events, (QStringList{QStringLiteral("loggedIn"),
                                              QStringLiteral("deleted 1"),
                                              QStringLiteral("deleted 3"),
                                              QStringLiteral("update 1,3")}));
        }
        QCOMPARE(statCount(user), 1);
    }

    void uidlStableAcrossSessions()
    {
        const QString user = QStringLiteral("u15");
        deliver(user, 1);
        auto uidls = [&] {
            Client client(defaultTransportFactory());
            Pop3Recorder rec(&client);
            session(client, rec, settings(user, TlsMode::Implicit), [](Client &c) {
                c.uidl();
                c.retrieve(1);
                c.quit();
            });
            return std::pair(rec.uidl, rec.messages.value(1));
        };
        const auto [first, message1] = uidls();
        QCOMPARE(first.size(), 1);
        // The body line starting with a dot went through SMTP and POP3 stuffing intact.
        QVERIFY(message1.endsWith("\r\n\r\nBody 1\r\n.starts with a dot\r\n"));
        deliver(user, 2);
        const auto [second, message2] = uidls();
        QCOMPARE(message2, message1);
        QCOMPARE(second.size(), 2);
        QCOMPARE(second.first(), first.first());
        QVERIFY(second.at(1).uid != first.first().uid);
    }
};

QTEST_GUILESS_MAIN(TestPop3Dovecot)
#include "tst_pop3dovecot.moc"
