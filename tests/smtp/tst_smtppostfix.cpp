// Smtp::Client against the real Postfix of the fixture: submission with STARTTLS and with
// implicit TLS, AUTH through Dovecot, BDAT and DATA, several messages on one connection, a
// refused recipient among accepted ones, a wrong password. Messages are read back over IMAP.
#include "mailfixture.h"
#include "smtptestutil.h"

#include <QSslSocket>

using namespace Tern;
using namespace Tern::Smtp;
using TernTest::MailFixture;
using TernTest::SmtpRun;

namespace {

// A tiny blocking IMAP reader: enough to find a message by subject and fetch its body.
class ImapReader
{
public:
    bool open(const MailFixture &fx, const QString &user)
    {
        auto conf = m_socket.sslConfiguration();
        conf.setCaCertificates(fx.caCertificates());
        m_socket.setSslConfiguration(conf);
        m_socket.connectToHostEncrypted(QStringLiteral("localhost"), fx.port("imaps"));
        if (!m_socket.waitForEncrypted(10000) || !readUntil("* OK"))
            return false;
        return command("LOGIN " + user.toUtf8() + ' ' + fx.password(user).toUtf8());
    }

    /// BODY[TEXT] of the message whose subject contains token; waits for delivery.
    QByteArray bodyOf(const QByteArray &token)
    {
        for (int attempt = 0; attempt < 100; ++attempt) {
            if (!command("EXAMINE INBOX") || !command("UID SEARCH SUBJECT " + token))
                return {};
            const QByteArray uid = m_searchResult.trimmed().split(' ').value(0);
            if (!uid.isEmpty()) {
                m_literal.clear();
                if (!command("UID FETCH " + uid + " BODY.PEEK[TEXT]"))
                    return {};
                return m_literal;
            }
            QTest::qWait(100);   // polling the mailbox until LMTP delivered it
        }
        return {};
    }

private:
    bool command(const QByteArray &line)
    {
        const QByteArray tag = 'T' + QByteArray::number(++m_tag);
        m_socket.write(tag + ' ' + line + "\r\n");
        return readUntil(tag + " OK");
    }

    bool readUntil(const QByteArray &prefix)
    {
        while (true) {
            while (m_socket.canReadLine()) {
                const QByteArray line = m_socket.readLine();
                if (line.startsWith("* SEARCH"))
                    m_searchResult = line.mid(8);
                if (line.trimmed().endsWith('}') && line.contains('{')) {
                    const qsizetype open = line.lastIndexOf('{');
                    const qsizetype size = line.mid(open + 1, line.size() - open - 4).toLongLong();
                    while (m_socket.bytesAvailable() < size && m_socket.waitForReadyRead(10000)) {
                    }
                    m_literal = m_socket.read(size);
                    continue;
                }
                if (line.startsWith(prefix))
                    return true;
                if (!line.startsWith("* ") && !line.startsWith(")"))
                    return false;
            }
            if (!m_socket.waitForReadyRead(10000))
                return false;
        }
    }

    QSslSocket m_socket;
    QByteArray m_searchResult;
    QByteArray m_literal;
    int m_tag = 0;
};

QByteArray uniqueToken(const char *what)
{
    static int counter = 0;
    return QByteArray(what) + '-' + QByteArray::number(QDateTime::currentMSecsSinceEpoch())
        + '-' + QByteArray::number(++counter);
}

// A body with everything that trips up SMTP: leading dots, a lone dot, 8-bit text, long lines.
QByteArray trickyBody()
{
    return "Hello,\r\n.leading dot\r\n.\r\n..\r\nGr\xc3\xbc\xc3\x9f" "e aus K\xc3\xb6ln\r\n"
        + QByteArray(900, 'x') + "\r\n\r\nend\r\n";
}

QByteArray messageFor(const QByteArray &token, const QString &to, const QByteArray &body)
{
    return "From: sender@example.test\r\nTo: " + to.toUtf8() + "\r\nSubject: " + token
        + "\r\nMessage-ID: <" + token + "@example.test>\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + body;
}

} // namespace

class TestSmtpPostfix : public QObject
{
    Q_OBJECT

    MailFixture m_fx;

    ClientSettings settings(const char *port, TlsMode mode, const QString &user)
    {
        ClientSettings s;
        s.host = QStringLiteral("localhost");
        s.port = m_fx.port(port);
        s.tls.mode = mode;
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = user;
        s.password = m_fx.password(user);
        return s;
    }

    static void finish(SmtpRun &run, int messages)
    {
        run.client.quit();
        QTRY_VERIFY_WITH_TIMEOUT(run.results.size() == messages
                                     && run.client.state() == Client::State::Closed, 30000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void sendAndReadBack_data()
    {
        QTest::addColumn<QByteArray>("port");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("preferData");
        QTest::addColumn<QString>("user");
        QTest::newRow("submission, STARTTLS, BDAT")
            << QByteArray("submission") << int(TlsMode::StartTls) << false
            << QStringLiteral("u10");
        QTest::newRow("submission, STARTTLS, DATA")
            << QByteArray("submission") << int(TlsMode::StartTls) << true << QStringLiteral("u10");
        QTest::newRow("submissions, implicit TLS, BDAT")
            << QByteArray("submissions") << int(TlsMode::Implicit) << false
            << QStringLiteral("u11");
        QTest::newRow("submissions, implicit TLS, DATA")
            << QByteArray("submissions") << int(TlsMode::Implicit) << true
            << QStringLiteral("u11");
    }

    void sendAndReadBack()
    {
        QFETCH(QByteArray, port);
        QFETCH(int, mode);
        QFETCH(bool, preferData);
        QFETCH(QString, user);
        ClientSettings s = settings(port.constData(), TlsMode(mode), user);
        s.preferData = preferData;
        SmtpRun run(s);
        const QString address = user + QStringLiteral("@example.test");
        const QByteArray token = uniqueToken("readback");
        const QByteArray body = trickyBody();
        const quint64 id = run.client.send(Envelope{address, {address}},
                                           messageFor(token, address, body));
        finish(run, 1);
        const SendResult result = run.results.value(id);
        QVERIFY2(result.outcome == Outcome::Sent, qPrintable(result.error));
        QCOMPARE(result.reply.code, 250);
        QCOMPARE(result.reply.enhanced, QByteArray("2.0.0"));
        QVERIFY(run.sessionErrors.isEmpty());
        const bool usedBdat = run.written().contains("\r\nBDAT ");
        QCOMPARE(usedBdat, !preferData);
        for (const ProtocolLogLine &line : std::as_const(run.log))
            QVERIFY(!line.text.contains(s.password.toUtf8()));

        ImapReader imap;
        QVERIFY(imap.open(m_fx, user));
        QCOMPARE(imap.bodyOf(token), body);
    }

    void severalMessagesOverOneConnection()
    {
        SmtpRun run(settings("submissions", TlsMode::Implicit, QStringLiteral("u12")));
        const QString address = QStringLiteral("u12@example.test");
        QList<QByteArray> tokens;
        QList<quint64> ids;
        for (int i = 0; i < 5; ++i) {
            tokens << uniqueToken("several");
            ids << run.client.send(Envelope{address, {address}},
                                   messageFor(tokens.last(), address,
                                              "message " + QByteArray::number(i) + "\r\n"));
        }
        finish(run, 5);
        QCOMPARE(run.connections, 1);
        for (const quint64 id : std::as_const(ids))
            QVERIFY2(run.results.value(id).outcome == Outcome::Sent,
                     qPrintable(run.results.value(id).error));
        ImapReader imap;
        QVERIFY(imap.open(m_fx, QStringLiteral("u12")));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(imap.bodyOf(tokens.at(i)), "message " + QByteArray::number(i) + "\r\n");
    }

    void refusedRecipientAmongAccepted()
    {
        SmtpRun run(settings("submission", TlsMode::StartTls, QStringLiteral("u10")));
        const QString u10 = QStringLiteral("u10@example.test");
        const QString u11 = QStringLiteral("u11@example.test");
        const QString elsewhere = QStringLiteral("someone@elsewhere.invalid");
        const QByteArray token = uniqueToken("partly");
        const quint64 id = run.client.send(Envelope{u10, {u10, elsewhere, u11}},
                                           messageFor(token, u10, "to some\r\n"));
        finish(run, 1);
        const SendResult result = run.results.value(id);
        QCOMPARE(result.outcome, Outcome::Sent);
        QCOMPARE(result.recipients.size(), 3);
        QVERIFY(result.recipients.at(0).accepted);
        QVERIFY(result.recipients.at(2).accepted);
        const RecipientResult refused = result.recipients.at(1);
        QCOMPARE(refused.address, elsewhere);
        QVERIFY(!refused.accepted);
        QVERIFY(refused.permanent);
        QCOMPARE(refused.reply.code, 550);
        QVERIFY2(result.error.contains(elsewhere), qPrintable(result.error));

        for (const QString &user : {QStringLiteral("u10"), QStringLiteral("u11")}) {
            ImapReader imap;
            QVERIFY(imap.open(m_fx, user));
            QCOMPARE(imap.bodyOf(token), QByteArray("to some\r\n"));
        }
    }

    void wrongPassword()
    {
        ClientSettings s = settings("submission", TlsMode::StartTls, QStringLiteral("u10"));
        s.password = QStringLiteral("not-the-password");
        SmtpRun run(s);
        const QString u10 = QStringLiteral("u10@example.test");
        const quint64 id = run.client.send(Envelope{u10, {u10}}, "Subject: x\r\n\r\nx\r\n");
        finish(run, 1);
        QCOMPARE(run.sessionErrors.size(), 1);
        QVERIFY2(run.sessionErrors.first().contains(QLatin1StringView("Authentication as u10 "
                                                                      "failed")),
                 qPrintable(run.sessionErrors.first()));
        const SendResult result = run.results.value(id);
        QCOMPARE(result.outcome, Outcome::PermanentFailure);
        QCOMPARE(result.reply.code, 535);
        QVERIFY(!run.written().contains("MAIL FROM"));
        for (const ProtocolLogLine &line : std::as_const(run.log))
            QVERIFY(!line.text.contains("not-the-password"));
    }
};

QTEST_GUILESS_MAIN(TestSmtpPostfix)
#include "tst_smtppostfix.moc"
