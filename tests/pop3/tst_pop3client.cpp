// Pop3::Client against a scripted server: each row is the exact conversation (S: server,
// C: expected client line, X: cut) beside the events the client must report.
#include "common/ssltransport.h"
#include "faketransport.h"
#include "pop3recorder.h"
#include "scriptedserver.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Tern::Pop3;
using TernTest::Pop3Recorder;
using TernTest::ScriptedServer;

namespace {

const QString Greeting = QStringLiteral("S: +OK POP3 ready\n");
const QString Capa = QStringLiteral("C: CAPA\nS: +OK\nS: USER\nS: UIDL\nS: TOP\nS: .\n");
const QString Login = Greeting + Capa
    + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\nS: +OK logged in\n");
const QString CapaPipelining =
    QStringLiteral("C: CAPA\nS: +OK\nS: USER\nS: PIPELINING\nS: UIDL\nS: .\n");
const QString LoginPipelining = Greeting + CapaPipelining
    + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\nS: +OK logged in\n");
const QString Quit = QStringLiteral("C: QUIT\nS: +OK bye\n");

Settings settingsFor(quint16 port, const QString &options)
{
    Settings s;
    s.host = QStringLiteral("localhost");
    s.port = port;
    s.tls.mode = TlsMode::None;
    s.tls.allowPlaintextLogin = true;
    s.tls.extraCaCertificates = ScriptedServer::caCertificates();
    s.user = QStringLiteral("alice");
    s.password = QStringLiteral("secret");
    s.timeoutMs = 10000;
    for (const QString &o : options.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (o == QLatin1StringView("stls")) {
            s.tls.mode = TlsMode::StartTls;
            s.tls.allowPlaintextLogin = false;
        } else if (o == QLatin1StringView("implicit")) {
            s.tls.mode = TlsMode::Implicit;
            s.tls.allowPlaintextLogin = false;
        } else if (o == QLatin1StringView("noplain")) {
            s.tls.allowPlaintextLogin = false;
        } else if (o == QLatin1StringView("rfc1939")) {
            s.user = QStringLiteral("mrose");
            s.password = QStringLiteral("tanstaaf");
        } else if (o == QLatin1StringView("allowapop")) {
            s.allowApop = true;
        } else if (o == QLatin1StringView("forceapop")) {
            s.method = AuthMethod::Apop;
        } else if (o == QLatin1StringView("forceplain")) {
            s.method = AuthMethod::SaslPlain;
        } else if (o.startsWith(QLatin1StringView("maxline"))) {
            s.maxLineLength = o.mid(7).toInt();
        } else if (o.startsWith(QLatin1StringView("timeout"))) {
            s.timeoutMs = o.mid(7).toInt();
        } else if (o.startsWith(QLatin1StringView("window"))) {
            s.pipelineWindow = o.mid(6).toInt();
        }
    }
    return s;
}

void queueActions(Client &client, const QString &actions)
{
    for (const QString &a : actions.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList w = a.split(QLatin1Char(' '));
        const int n = w.value(1).toInt();
        const QString &verb = w.first();
        if (verb == QLatin1StringView("stat"))
            client.stat();
        else if (verb == QLatin1StringView("list"))
            client.list(n);
        else if (verb == QLatin1StringView("uidl"))
            client.uidl(n);
        else if (verb == QLatin1StringView("retr"))
            client.retrieve(n);
        else if (verb == QLatin1StringView("top"))
            client.top(n, w.value(2).toInt());
        else if (verb == QLatin1StringView("dele"))
            client.remove(n);
        else if (verb == QLatin1StringView("rset"))
            client.reset();
        else if (verb == QLatin1StringView("noop"))
            client.noop();
        else if (verb == QLatin1StringView("quit"))
            client.quit();
        else
            QFAIL(qPrintable(QStringLiteral("unknown action ") + a));
    }
}

// One table row; the builder takes the columns in order, like QTest::newRow.
struct Row {
    const char *name = nullptr;
    QString script;
    QString options;
    QString actions;
    QStringList events;
};

struct RowBuilder {
    QList<Row> &rows;
    Row row;
    int column = 0;
    RowBuilder &operator<<(const QString &text)
    {
        (column == 0 ? row.script : column == 1 ? row.options : row.actions) = text;
        ++column;
        return *this;
    }
    void operator<<(const QStringList &events)
    {
        row.events = events;
        rows.append(row);
    }
};

// Splits a script into what the server sends and what the client must write.
struct Conversation {
    QByteArray serverBytes;
    QByteArray clientBytes;
    bool cutAtEnd = false;
    bool needsSocket = false; // TLS or pauses: only the real-socket test can play it
};

QByteArray unescape(const QByteArray &in)
{
    QByteArray out = in;
    return out.replace("\\r", "\r").replace("\\n", "\n");
}

Conversation split(const QString &script, const QString &options)
{
    Conversation c;
    c.needsSocket = options.contains(QLatin1StringView("stls"))
        || options.contains(QLatin1StringView("implicit"))
        || options.contains(QLatin1StringView("timeout"));
    for (const QString &line : script.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        const QByteArray l = line.toUtf8();
        if (l.startsWith("S: "))
            c.serverBytes += l.mid(3) + "\r\n";
        else if (l.startsWith("R: "))
            c.serverBytes += unescape(l.mid(3));
        else if (l.startsWith("C: "))
            c.clientBytes += l.mid(3) + "\r\n";
        else if (l == "X")
            c.cutAtEnd = true;
        else
            c.needsSocket = true;
    }
    return c;
}

} // namespace

class TestPop3Client : public QObject
{
    Q_OBJECT

    // Runs one session: connect, queue the actions, wait for the end, check the script ran.
    void runSession(ScriptedServer &server, const QString &options, const QString &actions,
                    Client &client, Pop3Recorder &rec)
    {
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        server.setImplicitTls(options.contains(QLatin1StringView("implicit")));
        client.connectToServer(settingsFor(server.port(), options));
        queueActions(client, actions);
        QTRY_VERIFY_WITH_TIMEOUT(rec.done, 15000);
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        QTRY_VERIFY2(server.isFinished(), "the script did not run to its end");
        QCOMPARE(client.state(), State::Closed);
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<State>();
        qRegisterMetaType<Command>();
        qRegisterMetaType<Error>();
    }

    // The conversations, shared by the socket test and the byte-by-byte test.
    static QList<Row> rows()
    {
        QList<Row> all;
        auto row = [&all](const char *name) {
            Row r;
            r.name = name;
            return RowBuilder{all, r};
        };

        row("stat list uidl")
            << Login + QStringLiteral("C: STAT\nS: +OK 2 320\nC: LIST\nS: +OK 2 messages\n"
                                      "S: 1 120\nS: 2 200\nS: .\nC: UIDL\nS: +OK\nS: 1 aa1\n"
                                      "S: 2 bb2\nS: .\n") + Quit
            << QString() << QStringLiteral("stat;list;uidl;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("stat 2 320"),
                           QStringLiteral("list 1:120,2:200"), QStringLiteral("uidl 1:aa1,2:bb2"),
                           QStringLiteral("update ")};
        row("single list and uidl")
            << Login + QStringLiteral("C: LIST 2\nS: +OK 2 200\nC: UIDL 2\nS: +OK 2 bb2\n") + Quit
            << QString() << QStringLiteral("list 2;uidl 2;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("list 2:200"),
                           QStringLiteral("uidl 2:bb2"), QStringLiteral("update ")};
        row("retr with stuffed dots")
            << Login + QStringLiteral("C: RETR 1\nS: +OK 40 octets\nS: Subject: dots\nS: \n"
                                      "S: ..\nS: ..hidden\nS: ...\nS: end.\nS: .\n") + Quit
            << QString() << QStringLiteral("retr 1;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("message 1 Subject: dots\\r\\n\\r\\n.\\r\\n.hidden"
                                          "\\r\\n..\\r\\nend.\\r\\n"),
                           QStringLiteral("update ")};
        row("bare LF")
            << Login + QStringLiteral("C: RETR 1\nR: +OK\\nSubject: lf\\n\\nline one\\n"
                                      "..two\\r\\n.\\n\n") + Quit
            << QString() << QStringLiteral("retr 1;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("message 1 Subject: lf\\r\\n\\r\\nline one\\r\\n"
                                          ".two\\r\\n"),
                           QStringLiteral("update ")};
        row("top 0")
            << Login + QStringLiteral("C: TOP 1 0\nS: +OK\nS: Subject: t\nS: \nS: .\n") + Quit
            << QString() << QStringLiteral("top 1 0;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("message 1 Subject: t\\r\\n\\r\\n"),
                           QStringLiteral("update ")};
        row("empty message")
            << Login + QStringLiteral("C: RETR 1\nS: +OK 0 octets\nS: .\n") + Quit
            << QString() << QStringLiteral("retr 1;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("message 1 "),
                           QStringLiteral("update ")};
        row("dele and quit")
            << Login + QStringLiteral("C: DELE 1\nS: +OK marked\nC: DELE 2\nS: +OK marked\n")
                   + Quit
            << QString() << QStringLiteral("dele 1;dele 2;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("deleted 1"),
                           QStringLiteral("deleted 2"), QStringLiteral("update 1,2")};
        row("rset unmarks")
            << Login + QStringLiteral("C: DELE 1\nS: +OK\nC: RSET\nS: +OK\nC: NOOP\nS: +OK\n")
                   + Quit
            << QString() << QStringLiteral("dele 1;rset;noop;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("deleted 1"),
                           QStringLiteral("rset"), QStringLiteral("noop"),
                           QStringLiteral("update ")};

        // -ERR at each command.
        row("-ERR USER")
            << Greeting + Capa + QStringLiteral("C: USER alice\nS: -ERR unknown user\n")
            << QString() << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("failed Authentication")};
        row("-ERR PASS")
            << Greeting + Capa
                   + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\n"
                                    "S: -ERR [AUTH] Authentication failed.\n")
            << QString() << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("failed Authentication")};
        row("-ERR [IN-USE] PASS")
            << Greeting + Capa
                   + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\n"
                                    "S: -ERR [IN-USE] Mailbox is locked by another session\n")
            << QString() << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("failed MaildropLocked")};
        row("-ERR STAT")
            << Login + QStringLiteral("C: STAT\nS: -ERR busy\n") + Quit
            << QString() << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("cmdfail STAT 0 busy"),
                           QStringLiteral("update ")};
        row("-ERR UIDL")
            << Login + QStringLiteral("C: UIDL\nS: -ERR no UIDL here\n") + Quit
            << QString() << QStringLiteral("uidl;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("cmdfail UIDL 0 no UIDL here"),
                           QStringLiteral("update ")};
        row("-ERR LIST")
            << Login + QStringLiteral("C: LIST 9\nS: -ERR no such message\n") + Quit
            << QString() << QStringLiteral("list 9;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("cmdfail LIST 9 no such message"),
                           QStringLiteral("update ")};
        row("-ERR RETR")
            << Login + QStringLiteral("C: RETR 3\nS: -ERR no such message\nC: RETR 4\n"
                                      "S: +OK\nS: x\nS: .\n") + Quit
            << QString() << QStringLiteral("retr 3;retr 4;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("cmdfail RETR 3 no such message"),
                           QStringLiteral("message 4 x\\r\\n"), QStringLiteral("update ")};
        row("-ERR DELE")
            << Login + QStringLiteral("C: DELE 1\nS: -ERR message 1 already deleted\n"
                                      "C: DELE 2\nS: +OK\n") + Quit
            << QString() << QStringLiteral("dele 1;dele 2;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("cmdfail DELE 1 message 1 already deleted"),
                           QStringLiteral("deleted 2"), QStringLiteral("update 2")};
        row("-ERR QUIT")
            << Login + QStringLiteral("C: DELE 1\nS: +OK\nC: QUIT\n"
                                      "S: -ERR some deleted messages not removed\n")
            << QString() << QStringLiteral("dele 1;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("deleted 1"),
                           QStringLiteral("failed UpdateFailed")};
        row("-ERR greeting")
            << QStringLiteral("S: -ERR too many connections\n")
            << QString() << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed Connection")};

        // Cuts.
        row("cut inside RETR")
            << Login + QStringLiteral("C: RETR 1\nS: +OK\nS: Subject: half\nS: \nS: first\nX\n")
            << QString() << QStringLiteral("retr 1;dele 1;quit")
            << QStringList{QStringLiteral("loggedIn"),
                           QStringLiteral("partial 1 Subject: half\\r\\n\\r\\nfirst\\r\\n"),
                           QStringLiteral("failed ConnectionLost")};
        row("cut before QUIT reply")
            << Login + QStringLiteral("C: DELE 1\nS: +OK\nC: QUIT\nX\n")
            << QString() << QStringLiteral("dele 1;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("deleted 1"),
                           QStringLiteral("failed QuitUnconfirmed")};
        row("cut after greeting")
            << Greeting + QStringLiteral("C: CAPA\nX\n")
            << QString() << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed ConnectionLost")};

        // Pipelining: every command is on the wire before the first reply.
        row("pipelined in order")
            << LoginPipelining
                   + QStringLiteral("C: RETR 1\nC: RETR 2\nC: DELE 1\nC: DELE 2\nC: QUIT\n"
                                    "R: +OK\\r\\none\\r\\n.\\r\\n+OK\\r\\ntwo\\r\\n.\\r\\n"
                                    "+OK\\r\\n-ERR no\\r\\n+OK bye\\r\\n\n")
            << QString() << QStringLiteral("retr 1;retr 2;dele 1;dele 2;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("message 1 one\\r\\n"),
                           QStringLiteral("message 2 two\\r\\n"), QStringLiteral("deleted 1"),
                           QStringLiteral("cmdfail DELE 2 no"), QStringLiteral("update 1")};
        row("pipelining window")
            << LoginPipelining
                   + QStringLiteral("C: RETR 1\nC: RETR 2\nS: +OK\nS: one\nS: .\nC: RETR 3\n"
                                    "S: +OK\nS: two\nS: .\nC: QUIT\nS: +OK\nS: three\nS: .\n"
                                    "S: +OK\n")
            << QStringLiteral("window2") << QStringLiteral("retr 1;retr 2;retr 3;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("message 1 one\\r\\n"),
                           QStringLiteral("message 2 two\\r\\n"),
                           QStringLiteral("message 3 three\\r\\n"), QStringLiteral("update ")};
        row("no pipelining: one at a time")
            << Login + QStringLiteral("C: RETR 1\nS: +OK\nS: one\nS: .\nC: DELE 1\nS: +OK\n")
                   + Quit
            << QString() << QStringLiteral("retr 1;dele 1;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("message 1 one\\r\\n"),
                           QStringLiteral("deleted 1"), QStringLiteral("update 1")};

        // Security and login methods.
        row("stls")
            << Greeting + QStringLiteral("C: CAPA\nS: +OK\nS: STLS\nS: USER\nS: .\nC: STLS\n"
                                         "S: +OK Begin TLS\nTLS\n") + Capa
                   + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\nS: +OK\n") + Quit
            << QStringLiteral("stls") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        // A man in the middle appends a fake CAPA answer (offering SASL PLAIN) after the
        // go-ahead; had the client read it, it would send AUTH instead of USER.
        row("stls injection dropped")
            << Greeting + QStringLiteral("C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\n"
                                         "R: +OK Begin TLS\\r\\n+OK\\r\\nSASL PLAIN\\r\\n.\\r\\n\n"
                                         "TLS\n") + Capa
                   + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\nS: +OK\n") + Quit
            << QStringLiteral("stls") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("stls required, not offered")
            << Greeting + Capa << QStringLiteral("stls") << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed TlsUnavailable")};
        row("stls refused")
            << Greeting + QStringLiteral("C: CAPA\nS: +OK\nS: STLS\nS: .\nC: STLS\n"
                                         "S: -ERR not now\n")
            << QStringLiteral("stls") << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed TlsUnavailable")};
        row("stls without CAPA")
            << Greeting + QStringLiteral("C: CAPA\nS: -ERR what?\nC: STLS\nS: +OK\nTLS\n"
                                         "C: CAPA\nS: -ERR what?\nC: USER alice\nS: +OK\n"
                                         "C: PASS secret\nS: +OK\n") + Quit
            << QStringLiteral("stls") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("no password in plaintext")
            << Greeting + Capa << QStringLiteral("noplain") << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed PlaintextRefused")};
        row("implicit tls")
            << Login + Quit << QStringLiteral("implicit") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("auth plain preferred")
            << Greeting
                   + QStringLiteral("C: CAPA\nS: +OK\nS: USER\nS: SASL PLAIN LOGIN\nS: .\n"
                                    "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: +OK\n") + Quit
            << QStringLiteral("allowapop") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("auth plain rejected")
            << Greeting
                   + QStringLiteral("C: CAPA\nS: +OK\nS: SASL PLAIN\nS: .\n"
                                    "C: AUTH PLAIN AGFsaWNlAHNlY3JldA==\nS: -ERR [AUTH] no\n")
            << QString() << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed Authentication")};
        row("forced plain not offered")
            << Greeting + Capa << QStringLiteral("forceplain") << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed Authentication")};
        // RFC 1939 §7's own example.
        row("apop rfc1939")
            << QStringLiteral("S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\n")
                   + Capa
                   + QStringLiteral("C: APOP mrose c4c9334bac560ecc979e58001b3e22fb\n"
                                    "S: +OK maildrop has 1 message (369 octets)\n") + Quit
            << QStringLiteral("rfc1939,allowapop") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("apop only when allowed")
            << QStringLiteral("S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\n")
                   + Capa
                   + QStringLiteral("C: USER mrose\nS: +OK\nC: PASS tanstaaf\nS: +OK\n") + Quit
            << QStringLiteral("rfc1939") << QStringLiteral("quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("update ")};
        row("apop without timestamp")
            << Greeting + Capa << QStringLiteral("forceapop") << QStringLiteral("quit")
            << QStringList{QStringLiteral("failed Authentication")};

        // Broken servers.
        row("garbage reply")
            << Login + QStringLiteral("C: STAT\nS: * OK this is IMAP\n")
            << QString() << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("failed Protocol")};
        row("line over the cap")
            << Login + QStringLiteral("C: RETR 1\nS: +OK\nS: ") + QString(300, QLatin1Char('a'))
                   + QStringLiteral("\n")
            << QStringLiteral("maxline200") << QStringLiteral("retr 1;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("failed Protocol")};
        row("unsolicited line")
            << Login + QStringLiteral("S: +OK surprise\n")
            << QString() << QStringLiteral("")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("failed Protocol")};
        row("server silent")
            << Login + QStringLiteral("C: STAT\nW: 3000\n")
            << QStringLiteral("timeout500") << QStringLiteral("stat;quit")
            << QStringList{QStringLiteral("loggedIn"), QStringLiteral("failed Timeout")};
        return all;
    }

    static void addColumns()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<QString>("options");
        QTest::addColumn<QString>("actions");
        QTest::addColumn<QStringList>("events");
    }

    void conversation_data()
    {
        addColumns();
        for (const Row &r : rows())
            QTest::newRow(r.name) << r.script << r.options << r.actions << r.events;
    }

    void conversation()
    {
        QFETCH(QString, script);
        QFETCH(QString, options);
        QFETCH(QString, actions);
        QFETCH(QStringList, events);
        ScriptedServer server(script);
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        runSession(server, options, actions, client, rec);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(rec.events, events);
        // Nothing secret in the protocol log.
        for (const ProtocolLogLine &l : std::as_const(rec.log)) {
            QVERIFY2(!l.text.contains("secret") && !l.text.contains("tanstaaf")
                         && !l.text.contains("AGFsaWNlAHNlY3JldA==")
                         && !l.text.contains("c4c9334bac560ecc979e58001b3e22fb"),
                     l.text.constData());
        }
    }

    void byteByByte_data()
    {
        addColumns();
        for (const Row &r : rows()) {
            if (!split(r.script, r.options).needsSocket)
                QTest::newRow(r.name) << r.script << r.options << r.actions << r.events;
        }
    }

    // The same conversations through a fake transport, the server's bytes one at a time:
    // every split of a line, a CRLF or the terminator must give the same result.
    void byteByByte()
    {
        QFETCH(QString, script);
        QFETCH(QString, options);
        QFETCH(QString, actions);
        QFETCH(QStringList, events);
        const Conversation c = split(script, options);
        QPointer<TernTest::FakeTransport> fake;
        Client client([&fake](const TlsPolicy &, QObject *parent) -> Transport * {
            fake = new TernTest::FakeTransport(parent);
            return fake;
        });
        Pop3Recorder rec(&client);
        client.connectToServer(settingsFor(1, options));
        queueActions(client, actions);
        QVERIFY(fake);
        for (qsizetype i = 0; i < c.serverBytes.size() && client.state() != State::Closed; ++i)
            fake->fakeReading(c.serverBytes.mid(i, 1));
        if (c.cutAtEnd && client.state() != State::Closed)
            fake->fakeDisconnect();
        QVERIFY(rec.done);
        QCOMPARE(rec.events, events);
        QCOMPARE(fake->written, c.clientBytes);
        QVERIFY(fake->closed);
    }

    void corpus_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<int>("slice");
        const QDir dir(QStringLiteral(TERN_TEST_DATA_DIR "/pop3"));
        const QStringList cases = dir.entryList({QStringLiteral("*.server")}, QDir::Files);
        QVERIFY(cases.size() >= 5);
        for (const QString &name : cases) {
            const QString base = dir.filePath(name.chopped(7));
            for (int slice : {1, 3, 1 << 20}) {
                QTest::addRow("%s/%d", qPrintable(name.chopped(7)), slice) << base << slice;
            }
        }
    }

    // tests/data/pop3: recorded RETR answers and the exact bytes the caller must get.
    void corpus()
    {
        QFETCH(QString, base);
        QFETCH(int, slice);
        QFile server(base + QStringLiteral(".server"));
        QFile expected(base + QStringLiteral(".expected"));
        QVERIFY(server.open(QIODevice::ReadOnly) && expected.open(QIODevice::ReadOnly));
        // Each reply arrives after its command was written, as from a real server.
        const QByteArrayList replies{"+OK ready\r\n", "+OK\r\nUSER\r\n.\r\n", "+OK\r\n",
                                     "+OK\r\n", server.readAll(), "+OK bye\r\n"};
        QPointer<TernTest::FakeTransport> fake;
        Client client([&fake](const TlsPolicy &, QObject *parent) -> Transport * {
            fake = new TernTest::FakeTransport(parent);
            return fake;
        });
        Pop3Recorder rec(&client);
        client.connectToServer(settingsFor(1, QString()));
        client.retrieve(1);
        client.quit();
        for (const QByteArray &reply : replies) {
            for (qsizetype i = 0; i < reply.size() && client.state() != State::Closed; i += slice)
                fake->fakeReading(reply.mid(i, slice));
        }
        QVERIFY2(rec.error == Error::None, qPrintable(rec.failMessage));
        QCOMPARE(rec.messages.value(1), expected.readAll());
        QCOMPARE(rec.events.constLast(), QStringLiteral("update "));
    }

    void lockedMaildropExplained()
    {
        ScriptedServer server(Greeting + Capa
                              + QStringLiteral("C: USER alice\nS: +OK\nC: PASS secret\n"
                                               "S: -ERR [IN-USE] Mailbox is locked\n"));
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        runSession(server, QString(), QString(), client, rec);
        QCOMPARE(rec.error, Error::MaildropLocked);
        QVERIFY2(rec.failMessage.contains(QStringLiteral("in use by another session"))
                     && rec.failMessage.contains(QStringLiteral("Mailbox is locked")),
                 qPrintable(rec.failMessage));
    }

    void quitUnconfirmedSaysNoDeletion()
    {
        ScriptedServer server(Login + QStringLiteral("C: DELE 1\nS: +OK\nC: QUIT\nX\n"));
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        QSignalSpy finished(&client, &Client::updateFinished);
        runSession(server, QString(), QStringLiteral("dele 1;quit"), client, rec);
        QCOMPARE(rec.error, Error::QuitUnconfirmed);
        QCOMPARE(finished.size(), 0);
        QVERIFY2(rec.failMessage.contains(QStringLiteral("no message can be assumed deleted")),
                 qPrintable(rec.failMessage));
    }

    void uidlChangesBetweenSessions()
    {
        // The server renumbers after a deletion elsewhere: the engine reports each session's
        // list exactly as sent, leaving the bookkeeping to its caller.
        const QList<QList<UidlEntry>> expected{
            {{1, "uid-a"}, {2, "uid-b"}, {3, "uid-c"}},
            {{1, "uid-b"}, {2, "uid-c"}, {3, "uid-d"}, {4, "uid-e"}},
        };
        for (const QList<UidlEntry> &list : expected) {
            QString answer = QStringLiteral("C: UIDL\nS: +OK\n");
            for (const UidlEntry &e : list)
                answer += QStringLiteral("S: %1 %2\n").arg(e.msgNo).arg(QLatin1StringView(e.uid));
            ScriptedServer server(Login + answer + QStringLiteral("S: .\n") + Quit);
            Client client(defaultTransportFactory());
            Pop3Recorder rec(&client);
            runSession(server, QString(), QStringLiteral("uidl;quit"), client, rec);
            QCOMPARE(rec.uidl, list);
        }
    }

    void chunksAreBoundedAndStreamed()
    {
        // A 1 MB message arrives as several pieces, the first long before the last.
        const QByteArray line(998, 'x');
        QString script = Login + QStringLiteral("C: RETR 1\nS: +OK\n");
        for (int i = 0; i < 1024; ++i)
            script += QStringLiteral("S: ") + QString::fromLatin1(line) + QLatin1Char('\n');
        script += QStringLiteral("S: .\n") + Quit;
        ScriptedServer server(script);
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        rec.keepMessages = false;
        qsizetype largest = 0;
        qsizetype total = 0;
        int chunks = 0;
        connect(&client, &Client::messageData, this, [&](int, const QByteArray &chunk) {
            largest = qMax(largest, chunk.size());
            total += chunk.size();
            ++chunks;
        });
        runSession(server, QString(), QStringLiteral("retr 1;quit"), client, rec);
        QCOMPARE(rec.events.value(1), QStringLiteral("message 1"));
        QCOMPARE(total, qsizetype(1024 * 1000));
        QVERIFY(chunks > 4);
        QVERIFY2(largest < 200 * 1024, qPrintable(QString::number(largest)));
    }

    void stateMachine()
    {
        ScriptedServer server(Login + QStringLiteral("C: DELE 1\nS: +OK\n") + Quit);
        Client client(defaultTransportFactory());
        Pop3Recorder rec(&client);
        QList<State> states;
        connect(&client, &Client::stateChanged, this, [&](State s) { states << s; });
        QCOMPARE(client.state(), State::Disconnected);
        runSession(server, QString(), QStringLiteral("dele 1;quit"), client, rec);
        QCOMPARE(states, (QList<State>{State::Connecting, State::Authorization,
                                       State::Transaction, State::Update, State::Closed}));
    }
};

QTEST_GUILESS_MAIN(TestPop3Client)
#include "tst_pop3client.moc"
