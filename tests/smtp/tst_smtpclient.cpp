// Smtp::Client against the scripted fake server: exact client bytes for the good paths, the
// error replies, the attacks (STARTTLS injection, smuggled end of data, address injection)
// and the lost connection after the final dot.
#include "scriptedserver.h"
#include "smtptestutil.h"

using namespace Tern;
using namespace Tern::Smtp;
using TernTest::ScriptedServer;
using TernTest::SmtpRun;

namespace {

const QString Greet = QStringLiteral("S: 220 mail.example ESMTP\n");
const QString Ehlo = QStringLiteral("C: EHLO [127.0.0.1]\n");
const QString Quit = QStringLiteral("C: QUIT\nS: 221 2.0.0 Bye\nX\n");
// "\0alice\0secret" in base64.
const QString AuthPlain = QStringLiteral("C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\n"
                                         "S: 235 2.7.0 Authentication successful\n");
const QByteArray SimpleMessage = "Subject: hi\r\n\r\nhello\r\n";
const QString SimpleLines = QStringLiteral("C: Subject: hi\nC: \nC: hello\n");

QString ehloReply(const QStringList &keywords)
{
    QString out = QStringLiteral("S: 250-mail.example\n");
    for (qsizetype i = 0; i < keywords.size(); ++i)
        out += (i + 1 == keywords.size() ? QStringLiteral("S: 250 ") : QStringLiteral("S: 250-"))
            + keywords.at(i) + u'\n';
    if (keywords.isEmpty())
        out = QStringLiteral("S: 250 mail.example\n");
    return out;
}

// What the client must write, in order: the script's "C:" lines with CRLF.
QByteArray clientBytes(const QString &script)
{
    QByteArray out;
    for (const QString &line : script.split(u'\n')) {
        if (line.startsWith(QLatin1StringView("C: ")))
            out += line.mid(3).toUtf8() + "\r\n";
    }
    return out;
}

// Y accepted, P refused for good (5xx), T refused for now (4xx).
QString recipientMask(const SendResult &r)
{
    QString mask;
    for (const RecipientResult &rr : r.recipients)
        mask += rr.accepted ? u'Y' : rr.permanent ? u'P' : u'T';
    return mask;
}

ClientSettings settingsFor(const ScriptedServer &server, TlsMode mode, bool auth)
{
    ClientSettings s;
    s.host = QStringLiteral("localhost");
    s.port = server.port();
    s.tls.mode = mode;
    s.tls.extraCaCertificates = ScriptedServer::caCertificates();
    if (auth) {
        s.user = QStringLiteral("alice");
        s.password = QStringLiteral("secret");
    }
    return s;
}

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT

    // Runs a conversation until every message is finished and the connection is over.
    void runToEnd(SmtpRun &run, ScriptedServer &server, int messages)
    {
        run.client.quit();
        const auto over = [&] {
            return run.results.size() == messages
                && (run.client.state() == Client::State::Closed
                    || run.client.state() == Client::State::Disconnected);
        };
        QTRY_VERIFY_WITH_TIMEOUT(over() || !server.error().isEmpty(), 15000);
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        QTRY_VERIFY(over());
        QTRY_VERIFY(server.isFinished());
    }

private Q_SLOTS:
    void conversation_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("auth");
        QTest::addColumn<QStringList>("recipients");
        QTest::addColumn<QByteArray>("message");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("mask");

        const int none = int(TlsMode::None);
        const int starttls = int(TlsMode::StartTls);
        const int implicit = int(TlsMode::Implicit);
        const int sent = int(Outcome::Sent);
        const int temporary = int(Outcome::TemporaryFailure);
        const int permanent = int(Outcome::PermanentFailure);
        const QStringList one{QStringLiteral("bob@example.test")};
        const QStringList three{QStringLiteral("a@example.test"), QStringLiteral("b@example.test"),
                                QStringLiteral("c@example.test")};
        const QString mail = QStringLiteral("C: MAIL FROM:<alice@example.test>\n");
        const QString rcptBob = QStringLiteral("C: RCPT TO:<bob@example.test>\n");
        const QString rcptThree = QStringLiteral("C: RCPT TO:<a@example.test>\n"
                                                 "C: RCPT TO:<b@example.test>\n"
                                                 "C: RCPT TO:<c@example.test>\n");
        const QString ok = QStringLiteral("S: 250 2.1.0 Ok\n");
        const QString go = QStringLiteral("C: DATA\nS: 354 End data with <CR><LF>.<CR><LF>\n");
        const QString queued = QStringLiteral("C: .\nS: 250 2.0.0 Ok: queued as 1234\n");
        const QString plainEhlo = Greet + Ehlo + ehloReply({});
        const QString startTls = Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING"),
                                                          QStringLiteral("STARTTLS")})
            + QStringLiteral("C: STARTTLS\nS: 220 2.0.0 Ready to start TLS\nTLS\n") + Ehlo
            + ehloReply({QStringLiteral("PIPELINING"), QStringLiteral("AUTH PLAIN LOGIN")})
            + AuthPlain;

        QTest::newRow("plain, no extensions, DATA")
            << plainEhlo + mail + ok + rcptBob + ok + go + SimpleLines + queued + Quit << none
            << false << one << SimpleMessage << sent << QString() << QStringLiteral("Y");
        QTest::newRow("421 at greeting")
            << QStringLiteral("S: 421 4.3.2 Service not available, try later\nX\n") << none
            << false << one << SimpleMessage << temporary << QStringLiteral("try later")
            << QString();
        QTest::newRow("HELO when EHLO gets 502")
            << Greet + Ehlo + QStringLiteral("S: 502 5.5.2 Command not recognized\n"
                                             "C: HELO [127.0.0.1]\nS: 250 mail.example\n")
                   + mail + ok + rcptBob + ok + go + SimpleLines + queued + Quit
            << none << false << one << SimpleMessage << sent << QString() << QStringLiteral("Y");
        QTest::newRow("STARTTLS, AUTH PLAIN, pipelined")
            << startTls + mail + rcptBob + QStringLiteral("C: DATA\n") + ok + ok
                   + QStringLiteral("S: 354 go ahead\n") + SimpleLines + queued + Quit
            << starttls << true << one << SimpleMessage << sent << QString()
            << QStringLiteral("Y");
        QTest::newRow("STARTTLS response injection")
            << Greet + Ehlo + ehloReply({QStringLiteral("STARTTLS")})
                   + QStringLiteral("C: STARTTLS\n"
                                    "R: 220 2.0.0 Ready to start TLS\\r\\n"
                                    "250-INJECTED\\r\\n250 AUTH PLAIN\\r\\n\n"
                                    "TLS\n") + Ehlo
                   + ehloReply({QStringLiteral("AUTH LOGIN")})
                   + QStringLiteral("C: AUTH LOGIN\nS: 334 VXNlcm5hbWU6\nC: YWxpY2U=\n"
                                    "S: 334 UGFzc3dvcmQ6\nC: c2VjcmV0\nS: 235 2.7.0 ok\n")
                   + mail + ok + rcptBob + ok + go + SimpleLines + queued + Quit
            << starttls << true << one << SimpleMessage << sent << QString()
            << QStringLiteral("Y");
        QTest::newRow("STARTTLS required but not offered")
            << Greet + Ehlo + ehloReply({QStringLiteral("AUTH PLAIN")}) << starttls << true
            << one << SimpleMessage << permanent << QStringLiteral("STARTTLS") << QString();
        QTest::newRow("STARTTLS required, EHLO refused: no HELO")
            << Greet + Ehlo + QStringLiteral("S: 502 5.5.2 no\n") << starttls << true << one
            << SimpleMessage << permanent << QStringLiteral("STARTTLS") << QString();
        QTest::newRow("no password over plaintext")
            << plainEhlo << none << true << one << SimpleMessage << permanent
            << QStringLiteral("unencrypted") << QString();
        QTest::newRow("535 authentication failed")
            << Greet + Ehlo + ehloReply({QStringLiteral("AUTH PLAIN")})
                   + QStringLiteral("C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\n"
                                    "S: 535 5.7.8 Error: authentication failed\n")
            << implicit << true << one << SimpleMessage << permanent
            << QStringLiteral("authentication failed") << QString();
        QTest::newRow("550 on one of three recipients")
            << plainEhlo + mail + ok + QStringLiteral("C: RCPT TO:<a@example.test>\n") + ok
                   + QStringLiteral("C: RCPT TO:<b@example.test>\n"
                                    "S: 550 5.1.1 <b@example.test>: User unknown\n"
                                    "C: RCPT TO:<c@example.test>\n") + ok + go + SimpleLines
                   + queued + Quit
            << none << false << three << SimpleMessage << sent
            << QStringLiteral("b@example.test") << QStringLiteral("YPY");
        QTest::newRow("452 too many recipients")
            << plainEhlo + mail + ok + QStringLiteral("C: RCPT TO:<a@example.test>\n") + ok
                   + QStringLiteral("C: RCPT TO:<b@example.test>\n") + ok
                   + QStringLiteral("C: RCPT TO:<c@example.test>\n"
                                    "S: 452 4.5.3 Error: too many recipients\n") + go
                   + SimpleLines + queued + Quit
            << none << false << three << SimpleMessage << sent
            << QStringLiteral("too many recipients") << QStringLiteral("YYT");
        QTest::newRow("all recipients refused, no DATA but RSET")
            << plainEhlo + mail + ok + rcptBob
                   + QStringLiteral("S: 550 5.1.1 unknown\nC: RSET\nS: 250 2.0.0 Ok\n") + Quit
            << none << false << one << SimpleMessage << permanent << QStringLiteral("unknown")
            << QStringLiteral("P");
        QTest::newRow("all recipients refused, pipelined: lone dot")
            << Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING")}) + mail + rcptBob
                   + QStringLiteral("C: DATA\n") + ok
                   + QStringLiteral("S: 450 4.2.0 greylisted\nS: 354 go\nC: .\n"
                                    "S: 554 5.5.1 no valid recipients\n") + Quit
            << none << false << one << SimpleMessage << temporary
            << QStringLiteral("greylisted") << QStringLiteral("T");
        QTest::newRow("sender refused")
            << plainEhlo + mail + QStringLiteral("S: 553 5.7.1 not owned by user\n") + Quit
            << none << false << one << SimpleMessage << permanent
            << QStringLiteral("not owned") << QString();
        QTest::newRow("552 from SIZE before sending")
            << Greet + Ehlo + ehloReply({QStringLiteral("SIZE 10")}) + Quit << none << false
            << one << SimpleMessage << permanent << QStringLiteral("10 bytes") << QString();
        QTest::newRow("552 from the server after DATA")
            << Greet + Ehlo + ehloReply({QStringLiteral("SIZE")})
                   + QStringLiteral("C: MAIL FROM:<alice@example.test> SIZE=22\n") + ok
                   + rcptBob + ok + go + SimpleLines
                   + QStringLiteral("C: .\nS: 552 5.3.4 Message size exceeds fixed limit\n")
                   + Quit
            << none << false << one << SimpleMessage << permanent
            << QStringLiteral("exceeds") << QStringLiteral("Y");
        QTest::newRow("connection dropped after the final dot")
            << plainEhlo + mail + ok + rcptBob + ok + go + SimpleLines
                   + QStringLiteral("C: .\nX\n")
            << none << false << one << SimpleMessage << int(Outcome::DeliveryUnknown)
            << QStringLiteral("may or may not") << QStringLiteral("Y");
        QTest::newRow("421 instead of a reply")
            << plainEhlo + mail + QStringLiteral("S: 421 4.4.2 mail.example Error: timeout\nX\n")
            << none << false << one << SimpleMessage << temporary << QStringLiteral("timeout")
            << QString();
        QTest::newRow("connection dropped before DATA")
            << plainEhlo + mail + ok + rcptBob + QStringLiteral("X\n") << none << false << one
            << SimpleMessage << temporary << QStringLiteral("lost") << QString();
        QTest::newRow("BDAT with CHUNKING")
            << Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING"), QStringLiteral("CHUNKING")})
                   + mail + rcptBob + QStringLiteral("C: BDAT 22 LAST\n") + SimpleLines + ok + ok
                   + QStringLiteral("S: 250 2.0.0 queued\n") + Quit
            << none << false << one << SimpleMessage << sent << QString() << QStringLiteral("Y");
        QTest::newRow("BDAT normalises bare LF")
            << Greet + Ehlo + ehloReply({QStringLiteral("CHUNKING")}) + mail + ok + rcptBob + ok
                   + QStringLiteral("C: BDAT 9 LAST\nC: a\nC: .\nC: b\n") + ok + Quit
            << none << false << one << QByteArray("a\n.\nb") << sent << QString()
            << QStringLiteral("Y");
        QTest::newRow("dot-stuffing, bare LF and bare CR cannot end DATA")
            << plainEhlo + mail + ok + rcptBob + ok + go
                   + QStringLiteral("C: ..hidden\nC: a\nC: ..\nC: MAIL FROM:<evil@x>\nC: b\n"
                                    "C: ..\nC: RCPT TO:<evil@x>\nC: ...\nC: \nC: end\n")
                   + queued + Quit
            << none << false << one
            << QByteArray(".hidden\na\r\n.\r\nMAIL FROM:<evil@x>\nb\r.\rRCPT TO:<evil@x>\n"
                          "..\r\n\nend")
            << sent << QString() << QStringLiteral("Y");
        QTest::newRow("8-bit message and 8BITMIME")
            << Greet + Ehlo + ehloReply({QStringLiteral("8BITMIME")})
                   + QStringLiteral("C: MAIL FROM:<alice@example.test> BODY=8BITMIME\n") + ok
                   + rcptBob + ok + go + QStringLiteral("C: Grüße\n") + queued + Quit
            << none << false << one << QByteArray("Grüße") << sent << QString()
            << QStringLiteral("Y");
        QTest::newRow("8-bit message without 8BITMIME")
            << plainEhlo + Quit << none << false << one << QByteArray("Grüße\r\n") << permanent
            << QStringLiteral("8BITMIME") << QString();
        QTest::newRow("non-ASCII address and SMTPUTF8")
            << Greet + Ehlo + ehloReply({QStringLiteral("SMTPUTF8")})
                   + QStringLiteral("C: MAIL FROM:<alice@example.test> SMTPUTF8\n") + ok
                   + QStringLiteral("C: RCPT TO:<jürgen@example.test>\n") + ok + go
                   + SimpleLines + queued + Quit
            << none << false << QStringList{QStringLiteral("jürgen@example.test")}
            << SimpleMessage << sent << QString() << QStringLiteral("Y");
        QTest::newRow("non-ASCII address without SMTPUTF8")
            << plainEhlo + Quit << none << false
            << QStringList{QStringLiteral("jürgen@example.test")} << SimpleMessage << permanent
            << QStringLiteral("SMTPUTF8") << QString();
        const QList<QByteArray> injections{
            "b@x>\r\nRCPT TO:<evil@x", "b@x\nDATA", "b@x\rDATA", QByteArray("b\0@x", 4),
            "b@x> NOTIFY=NEVER", "<b@x", ""};
        for (qsizetype i = 0; i < injections.size(); ++i) {
            QTest::addRow("address injection %d", int(i))
                << QString() << none << false
                << QStringList{QString::fromUtf8(injections.at(i))} << SimpleMessage
                << permanent << QStringLiteral("not allowed") << QString();
        }
    }

    void conversation()
    {
        QFETCH(QString, script);
        QFETCH(int, mode);
        QFETCH(bool, auth);
        QFETCH(QStringList, recipients);
        QFETCH(QByteArray, message);
        QFETCH(int, outcome);
        QFETCH(QString, error);
        QFETCH(QString, mask);

        ScriptedServer server(script);
        server.setImplicitTls(TlsMode(mode) == TlsMode::Implicit);
        SmtpRun run(settingsFor(server, TlsMode(mode), auth));
        const quint64 id = run.client.send(
            Envelope{QStringLiteral("alice@example.test"), recipients}, message);
        runToEnd(run, server, 1);

        const SendResult result = run.results.value(id);
        QCOMPARE(int(result.outcome), outcome);
        QVERIFY2(result.error.contains(error, Qt::CaseInsensitive), qPrintable(result.error));
        QCOMPARE(recipientMask(result), mask);
        QCOMPARE(run.written(), clientBytes(script));
        for (const ProtocolLogLine &line : std::as_const(run.log)) {
            QVERIFY(!line.text.contains("secret"));
            QVERIFY(!line.text.contains("c2VjcmV0"));
            QVERIFY(!line.text.contains("AGFsaWNlAHNlY3JldA=="));
            QVERIFY(!line.text.contains("hello"));
            // Injected plaintext before the TLS handshake is never read.
            QVERIFY(!line.text.contains("INJECTED"));
        }
        if (script.isEmpty())
            QCOMPARE(run.connections, 0);
    }

    void pipelinesMailRcptDataInOneWrite()
    {
        ScriptedServer server(
            Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING")})
            + QStringLiteral("C: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\nC: RCPT TO:<c@x>\nC: DATA\n"
                             "S: 250 ok\nS: 250 ok\nS: 250 ok\nS: 354 go\n")
            + SimpleLines + QStringLiteral("C: .\nS: 250 queued\n") + Quit);
        SmtpRun run(settingsFor(server, TlsMode::None, false));
        run.client.send(Envelope{QStringLiteral("a@x"), {QStringLiteral("b@x"),
                                                         QStringLiteral("c@x")}}, SimpleMessage);
        runToEnd(run, server, 1);
        QCOMPARE(run.results.begin()->outcome, Outcome::Sent);
        QCOMPARE(run.writes.value(1),
                 QByteArray("MAIL FROM:<a@x>\r\nRCPT TO:<b@x>\r\nRCPT TO:<c@x>\r\nDATA\r\n"));
        // The whole content and its final dot in one write.
        QCOMPARE(run.writes.value(2), QByteArray("Subject: hi\r\n\r\nhello\r\n.\r\n"));
    }

    void severalMessagesOnOneConnection_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("writes");
        // With PIPELINING and CHUNKING all three go out together; RSET guards each
        // transaction against an earlier one that failed with its MAIL still open.
        QTest::newRow("pipelined BDAT")
            << Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING"), QStringLiteral("CHUNKING")})
                   + QStringLiteral("C: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\nC: BDAT 3 LAST\nC: 1\n"
                                    "C: RSET\nC: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\n"
                                    "C: BDAT 3 LAST\nC: 2\n"
                                    "C: RSET\nC: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\n"
                                    "C: BDAT 3 LAST\nC: 3\n"
                                    "S: 250 ok\nS: 250 ok\nS: 250 queued 1\n"
                                    "S: 250 ok\nS: 250 ok\nS: 452 4.3.1 full\nS: 554 no rcpt\n"
                                    "S: 250 ok\nS: 250 ok\nS: 250 ok\nS: 250 queued 3\n")
                   + Quit
            << 3;
        QTest::newRow("one at a time, RSET only after a failure")
            << Greet + Ehlo + ehloReply({})
                   + QStringLiteral("C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\n"
                                    "C: DATA\nS: 354 go\nC: 1\nC: .\nS: 250 queued 1\n"
                                    "C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\n"
                                    "S: 452 4.3.1 full\nC: RSET\nS: 250 ok\n"
                                    "C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\n"
                                    "C: DATA\nS: 354 go\nC: 3\nC: .\nS: 250 queued 3\n")
                   + Quit
            << 13;
    }

    void severalMessagesOnOneConnection()
    {
        QFETCH(QString, script);
        QFETCH(int, writes);
        ScriptedServer server(script);
        SmtpRun run(settingsFor(server, TlsMode::None, false));
        QList<quint64> ids;
        for (const char *body : {"1", "2", "3"})
            ids << run.client.send(Envelope{QStringLiteral("a@x"), {QStringLiteral("b@x")}},
                                   QByteArray(body));
        runToEnd(run, server, 3);
        QCOMPARE(run.connections, 1);
        QCOMPARE(run.results.value(ids[0]).outcome, Outcome::Sent);
        QCOMPARE(run.results.value(ids[1]).outcome, Outcome::TemporaryFailure);
        QCOMPARE(run.results.value(ids[1]).recipients.value(0).permanent, false);
        QCOMPARE(run.results.value(ids[2]).outcome, Outcome::Sent);
        QCOMPARE(run.results.value(ids[2]).reply.lines, QByteArrayList{"queued 3"});
        QCOMPARE(run.written(), clientBytes(script));
        QCOMPARE(run.writes.size(), writes);
    }

    // A server that stops answering: before the data the message can be retried, after the
    // final dot nobody knows whether it was delivered.
    void replyTimeout_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("outcome");
        const QString head = Greet + Ehlo + ehloReply({});
        QTest::newRow("after MAIL") << head + QStringLiteral("C: MAIL FROM:<a@x>\nW: 1000\n")
                                    << int(Outcome::TemporaryFailure);
        QTest::newRow("after the final dot")
            << head + QStringLiteral("C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\n"
                                     "S: 250 ok\nC: DATA\nS: 354 go\nC: 1\nC: .\nW: 1000\n")
            << int(Outcome::DeliveryUnknown);
    }

    void replyTimeout()
    {
        QFETCH(QString, script);
        QFETCH(int, outcome);
        ScriptedServer server(script);
        ClientSettings settings = settingsFor(server, TlsMode::None, false);
        settings.replyTimeoutMs = 300;
        SmtpRun run(settings);
        const quint64 id = run.client.send(Envelope{QStringLiteral("a@x"),
                                                    {QStringLiteral("b@x")}}, "1");
        runToEnd(run, server, 1);
        QCOMPARE(int(run.results.value(id).outcome), outcome);
        QVERIFY2(run.sessionErrors.value(0).contains(QLatin1StringView("did not answer")),
                 qPrintable(run.sessionErrors.value(0)));
        QCOMPARE(run.written(), clientBytes(script));
    }

    // After QUIT, a new message opens a new connection.
    void reconnectsAfterQuit()
    {
        const QString session = Greet + Ehlo + ehloReply({QStringLiteral("PIPELINING")})
            + QStringLiteral("C: MAIL FROM:<a@x>\nC: RCPT TO:<b@x>\nC: DATA\nS: 250 ok\n"
                             "S: 250 ok\nS: 354 go\nC: 1\nC: .\nS: 250 queued\n") + Quit;
        ScriptedServer server(session + session);
        SmtpRun run(settingsFor(server, TlsMode::None, false));
        const Envelope envelope{QStringLiteral("a@x"), {QStringLiteral("b@x")}};
        run.client.send(envelope, "1");
        run.client.quit();
        QTRY_VERIFY(run.results.size() == 1 && run.client.state() == Client::State::Closed);
        run.client.send(envelope, "1");
        runToEnd(run, server, 2);
        QCOMPARE(run.connections, 2);
        for (const SendResult &r : std::as_const(run.results))
            QCOMPARE(r.outcome, Outcome::Sent);
        QCOMPARE(run.written(), clientBytes(session + session));
    }

    void logRedactsSecretsAndContent()
    {
        ScriptedServer server(
            Greet + Ehlo + ehloReply({QStringLiteral("AUTH PLAIN")}) + AuthPlain
            + QStringLiteral("C: MAIL FROM:<a@x>\nS: 250 ok\nC: RCPT TO:<b@x>\nS: 250 ok\n"
                             "C: DATA\nS: 354 go\n") + SimpleLines
            + QStringLiteral("C: .\nS: 250 queued\n") + Quit);
        server.setImplicitTls(true);
        SmtpRun run(settingsFor(server, TlsMode::Implicit, true));
        run.client.send(Envelope{QStringLiteral("a@x"), {QStringLiteral("b@x")}}, SimpleMessage);
        runToEnd(run, server, 1);
        QByteArrayList sent;
        for (const ProtocolLogLine &line : std::as_const(run.log)) {
            if (line.direction == ProtocolLogLine::Direction::Sent)
                sent << line.text;
        }
        QCOMPARE(sent, (QByteArrayList{"EHLO [127.0.0.1]", "AUTH PLAIN <redacted>",
                                       "MAIL FROM:<a@x>", "RCPT TO:<b@x>", "DATA",
                                       "<22 bytes of message data>", ".", "QUIT"}));
        QVERIFY(run.client.state() == Client::State::Closed);
    }
};

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
