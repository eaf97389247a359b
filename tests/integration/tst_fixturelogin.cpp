// The real-server fixture is up and right: log in over IMAP, POP3 and SMTP submission with
// implicit TLS and with STARTTLS, trusting only the fixture's CA. Fails if any server is
// missing or misconfigured.
#include "mailfixture.h"

#include <QSslSocket>
#include <QTest>

using TernTest::MailFixture;

class TestFixtureLogin : public QObject
{
    Q_OBJECT

    MailFixture m_fx;

    // A tiny blocking line client: enough to prove the servers, not a protocol engine.
    struct Client {
        QSslSocket socket;
        QByteArray lastLine;
        bool readLineStartingWith(const QByteArray &prefix, int timeoutMs = 10000)
        {
            while (true) {
                while (socket.canReadLine()) {
                    lastLine = socket.readLine().trimmed();
                    if (lastLine.startsWith(prefix))
                        return true;
                    // An unexpected status line ends the wait (e.g. "A1 NO").
                    if (lastLine.startsWith("-ERR") || lastLine.contains(" NO ")
                        || lastLine.contains(" BAD ") || lastLine.startsWith("5"))
                        return false;
                }
                if (!socket.waitForReadyRead(timeoutMs))
                    return false;
            }
        }
        void send(const QByteArray &line) { socket.write(line + "\r\n"); socket.flush(); }
    };

    void trustFixture(Client &c)
    {
        auto conf = c.socket.sslConfiguration();
        conf.setCaCertificates(m_fx.caCertificates());
        c.socket.setSslConfiguration(conf);
    }

    void connectImplicit(Client &c, const char *port)
    {
        trustFixture(c);
        c.socket.connectToHostEncrypted(QStringLiteral("localhost"), m_fx.port(port));
        QVERIFY2(c.socket.waitForEncrypted(10000), qPrintable(c.socket.errorString()));
    }

    void connectPlain(Client &c, const char *port)
    {
        trustFixture(c);
        c.socket.connectToHost(QStringLiteral("localhost"), m_fx.port(port));
        QVERIFY2(c.socket.waitForConnected(10000), qPrintable(c.socket.errorString()));
    }

    void startTls(Client &c)
    {
        c.socket.startClientEncryption();
        QVERIFY2(c.socket.waitForEncrypted(10000), qPrintable(c.socket.errorString()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void imapImplicitTls()
    {
        Client c;
        connectImplicit(c, "imaps");
        QVERIFY(c.readLineStartingWith("* OK"));
        c.send("A1 LOGIN alice " + m_fx.password(QStringLiteral("alice")).toUtf8());
        QVERIFY2(c.readLineStartingWith("A1 OK"), c.lastLine.constData());
        c.send("A2 SELECT INBOX");
        QVERIFY2(c.readLineStartingWith("A2 OK"), c.lastLine.constData());
        c.send("A3 LOGOUT");
        QVERIFY(c.readLineStartingWith("A3 OK"));
    }

    void imapStartTls()
    {
        Client c;
        connectPlain(c, "imap");
        QVERIFY(c.readLineStartingWith("* OK"));
        c.send("A1 STARTTLS");
        QVERIFY(c.readLineStartingWith("A1 OK"));
        startTls(c);
        c.send("A2 LOGIN bob " + m_fx.password(QStringLiteral("bob")).toUtf8());
        QVERIFY2(c.readLineStartingWith("A2 OK"), c.lastLine.constData());
    }

    void imapWrongPasswordFails()
    {
        Client c;
        connectImplicit(c, "imaps");
        QVERIFY(c.readLineStartingWith("* OK"));
        c.send("A1 LOGIN alice wrong-password");
        QVERIFY(!c.readLineStartingWith("A1 OK", 15000));
        QVERIFY2(c.lastLine.startsWith("A1 NO"), c.lastLine.constData());
    }

    void pop3ImplicitTlsAndStls()
    {
        Client c;
        connectImplicit(c, "pop3s");
        QVERIFY(c.readLineStartingWith("+OK"));
        c.send("USER alice");
        QVERIFY(c.readLineStartingWith("+OK"));
        c.send("PASS " + m_fx.password(QStringLiteral("alice")).toUtf8());
        QVERIFY2(c.readLineStartingWith("+OK"), c.lastLine.constData());
        c.send("QUIT");
        QVERIFY(c.readLineStartingWith("+OK"));

        Client s;
        connectPlain(s, "pop3");
        QVERIFY(s.readLineStartingWith("+OK"));
        s.send("STLS");
        QVERIFY(s.readLineStartingWith("+OK"));
        startTls(s);
        s.send("USER carol");
        QVERIFY(s.readLineStartingWith("+OK"));
        s.send("PASS " + m_fx.password(QStringLiteral("carol")).toUtf8());
        QVERIFY2(s.readLineStartingWith("+OK"), s.lastLine.constData());
    }

    void submissionStartTlsAndAuth()
    {
        Client c;
        connectPlain(c, "submission");
        QVERIFY(c.readLineStartingWith("220 "));
        c.send("EHLO client.example");
        QVERIFY(c.readLineStartingWith("250 "));
        c.send("STARTTLS");
        QVERIFY(c.readLineStartingWith("220 "));
        startTls(c);
        c.send("EHLO client.example");
        QVERIFY(c.readLineStartingWith("250 "));
        const QByteArray plain = QByteArray("\0alice\0", 7) + m_fx.password(QStringLiteral("alice")).toUtf8();
        c.send("AUTH PLAIN " + plain.toBase64());
        QVERIFY2(c.readLineStartingWith("235 "), c.lastLine.constData());
        c.send("QUIT");
    }

    void submissionsImplicitTls()
    {
        Client c;
        connectImplicit(c, "submissions");
        QVERIFY(c.readLineStartingWith("220 "));
        c.send("EHLO client.example");
        QVERIFY(c.readLineStartingWith("250 "));
        const QByteArray plain = QByteArray("\0bob\0", 5) + m_fx.password(QStringLiteral("bob")).toUtf8();
        c.send("AUTH PLAIN " + plain.toBase64());
        QVERIFY2(c.readLineStartingWith("235 "), c.lastLine.constData());
    }

    void deliveredMailArrivesOverImap()
    {
        QString error;
        const QByteArray subject = "fixture-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(m_fx.deliver(QStringLiteral("alice@example.test"), QStringLiteral("u16@example.test"),
                              "From: alice@example.test\r\nTo: u16@example.test\r\nSubject: " + subject
                                  + "\r\n\r\nhello\r\n", &error), qPrintable(error));
        Client c;
        connectImplicit(c, "imaps");
        QVERIFY(c.readLineStartingWith("* OK"));
        c.send("A1 LOGIN u16 " + m_fx.password(QStringLiteral("u16")).toUtf8());
        QVERIFY(c.readLineStartingWith("A1 OK"));
        QByteArray found;
        for (int i = 0; i < 50 && found.isEmpty(); ++i) {
            c.send("A2 EXAMINE INBOX");
            QVERIFY(c.readLineStartingWith("A2 OK"));
            c.send("A3 SEARCH SUBJECT " + subject);
            QVERIFY(c.readLineStartingWith("* SEARCH"));
            if (c.lastLine.size() > 9)
                found = c.lastLine;
            QVERIFY(c.readLineStartingWith("A3 OK"));
            if (found.isEmpty())
                QTest::qWait(100);
        }
        QVERIFY2(!found.isEmpty(), "the delivered message never reached the mailbox");
    }

    void sampleMailIsThere()
    {
        Client c;
        connectImplicit(c, "imaps");
        QVERIFY(c.readLineStartingWith("* OK"));
        c.send("A1 LOGIN alice " + m_fx.password(QStringLiteral("alice")).toUtf8());
        QVERIFY(c.readLineStartingWith("A1 OK"));
        c.send("A2 STATUS INBOX (MESSAGES)");
        QVERIFY(c.readLineStartingWith("* STATUS"));
        const int inbox = c.lastLine.mid(c.lastLine.lastIndexOf(' ') + 1).chopped(1).toInt();
        // About 70% of the generated messages land in INBOX; the rest in other folders.
        const int total = m_fx.value(QStringLiteral("TERN_FIXTURE_MESSAGES")).toInt();
        QVERIFY2(inbox > total / 2 && inbox < total, c.lastLine.constData());
        c.send("A3 LIST \"\" \"*\"");
        QVERIFY(c.readLineStartingWith("A3 OK"));
    }
};

QTEST_GUILESS_MAIN(TestFixtureLogin)
#include "tst_fixturelogin.moc"
