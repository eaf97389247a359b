// The IMAP connection against a scripted server: exact client bytes for opening, TLS and
// login in every variant, NO/BAD/BYE at each stage, attacks (STARTTLS injection, stripping,
// PREAUTH), and each command and extension, including those the Dovecot fixture lacks.
#include "imapconnection.h"
#include "imaptask.h"
#include "scriptedserver.h"
#include "tasks/appendtask.h"
#include "tasks/copymovetask.h"
#include "tasks/enabletask.h"
#include "tasks/fetchtask.h"
#include "tasks/idletask.h"
#include "tasks/listtask.h"
#include "tasks/searchtask.h"
#include "tasks/selecttask.h"
#include "tasks/simpletask.h"
#include "tasks/statustask.h"
#include "tasks/storetask.h"

#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Tern::Imap;
using TernTest::ScriptedServer;

namespace {

const QString Password = QStringLiteral("s3cret pw");
// base64("\0alice\0s3cret pw")
const QByteArray PlainIr = QByteArray("\0alice\0s3cret pw", 16).toBase64();

ConnectionSettings settingsFor(const ScriptedServer &server, TlsMode mode)
{
    ConnectionSettings s;
    s.host = QStringLiteral("localhost");
    s.port = server.port();
    s.tls.mode = mode;
    s.tls.extraCaCertificates = ScriptedServer::caCertificates();
    s.user = QStringLiteral("alice");
    s.password = Password;
    s.keepAliveSeconds = 0;
    return s;
}

// Greeting and SASL-IR login with the given capabilities; the next command is A2.
QString loggedIn(const QString &caps)
{
    return QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR %1] hi\n"
                          "C: A1 AUTHENTICATE PLAIN %2\n"
                          "S: A1 OK [CAPABILITY IMAP4rev1 %1] in\n")
        .arg(caps, QString::fromLatin1(PlainIr));
}

} // namespace

class TestImapConnection : public QObject
{
    Q_OBJECT

    struct Session {
        ScriptedServer server;
        Connection connection;
        QList<ProtocolLogLine> log;
        explicit Session(const QString &script) : server(script)
        {
            server.setImplicitTls(true);
            QObject::connect(&connection, &Connection::protocolLog, &connection,
                             [this](const ProtocolLogLine &l) { log.append(l); });
        }
        bool open(TlsMode mode = TlsMode::Implicit)
        {
            QSignalSpy ready(&connection, &Connection::ready);
            QSignalSpy failed(&connection, &Connection::failed);
            connection.open(settingsFor(server, mode));
            return ready.wait(5000) || (ready.size() == 1 && failed.isEmpty());
        }
        QByteArray logText() const
        {
            QByteArray all;
            for (const ProtocolLogLine &l : log)
                all += l.text + '\n';
            return all;
        }
    };

    // Runs a task to its end; true when it finished, false when it failed.
    static bool run(Connection &c, Task *task)
    {
        // Kept after it ends so results can be read; the connection frees it at the end.
        task->setAutoDelete(false);
        if (!task->parent())
            task->setParent(&c);
        QSignalSpy finished(task, &Task::finished);
        QSignalSpy failed(task, &Task::failed);
        c.enqueue(task);
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 5000))
            return false;
        return !finished.isEmpty();
    }

#define VERIFY_SCRIPT(s)                                                                     \
    QTRY_VERIFY2((s).server.isFinished() || !(s).server.error().isEmpty(),                   \
                 qPrintable((s).server.error()));                                            \
    QVERIFY2((s).server.error().isEmpty(), qPrintable((s).server.error()))

#define RUN(s, task)                                                                         \
    do {                                                                                     \
        Task *t_ = (task);                                                                   \
        const bool ok_ = run((s).connection, t_);                                            \
        QVERIFY2(ok_, qPrintable((s).server.error() + QStringLiteral(" | ")                  \
                                 + (t_->isDone() ? t_->errorString() : QStringLiteral("hung")))); \
    } while (false)

private Q_SLOTS:
    void opening_data()
    {
        QTest::addColumn<QString>("script");
        QTest::addColumn<int>("mode");
        QTest::addColumn<bool>("allowPlain");
        QTest::addColumn<QString>("error"); // empty: must become ready
        QTest::addColumn<int>("state");
        const int implicit = int(TlsMode::Implicit);
        const int starttls = int(TlsMode::StartTls);
        const int none = int(TlsMode::None);
        const int authed = int(Connection::State::Authenticated);
        const int down = int(Connection::State::Disconnected);
        const QString ir = QString::fromLatin1(PlainIr);

        QTest::newRow("sasl-ir, caps in greeting and OK")
            << loggedIn(QStringLiteral("IDLE")) << implicit << false << QString() << authed;
        QTest::newRow("caps asked, LOGIN, caps asked again")
            << QStringLiteral("S: * OK hi\nC: A1 CAPABILITY\nS: * CAPABILITY IMAP4rev1\n"
                              "S: A1 OK\nC: A2 LOGIN alice \"s3cret pw\"\nS: A2 OK in\n"
                              "C: A3 CAPABILITY\nS: * CAPABILITY IMAP4rev1 IDLE\nS: A3 OK\n")
            << implicit << false << QString() << authed;
        QTest::newRow("authenticate plain with continuation")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\n"
                              "C: A1 AUTHENTICATE PLAIN\nS: + \nC: %1\n"
                              "S: A1 OK [CAPABILITY IMAP4rev1] in\n").arg(ir)
            << implicit << false << QString() << authed;
        QTest::newRow("login NO")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1] hi\n"
                              "C: A1 LOGIN alice \"s3cret pw\"\n"
                              "S: A1 NO [AUTHENTICATIONFAILED] wrong\n")
            << implicit << false << QStringLiteral("AUTHENTICATIONFAILED") << down;
        QTest::newRow("authenticate BAD")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi\n"
                              "C: A1 AUTHENTICATE PLAIN %1\nS: A1 BAD syntax\n").arg(ir)
            << implicit << false << QStringLiteral("BAD") << down;
        QTest::newRow("BYE greeting")
            << QStringLiteral("S: * BYE too busy\nX") << implicit << false
            << QStringLiteral("too busy") << down;
        QTest::newRow("BYE during login")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1] hi\n"
                              "C: A1 LOGIN alice \"s3cret pw\"\n"
                              "S: * BYE shutting down\nX")
            << implicit << false << QStringLiteral("shutting down") << down;
        QTest::newRow("CAPABILITY BAD")
            << QStringLiteral("S: * OK hi\nC: A1 CAPABILITY\nS: A1 BAD no\n")
            << implicit << false << QStringLiteral("CAPABILITY failed") << down;
        QTest::newRow("closed before greeting")
            << QStringLiteral("X") << implicit << false << QStringLiteral("closed") << down;
        QTest::newRow("PREAUTH over TLS")
            << QStringLiteral("S: * PREAUTH [CAPABILITY IMAP4rev1] welcome back\n")
            << implicit << false << QString() << authed;
        QTest::newRow("STARTTLS")
            << QStringLiteral("S: * OK hi\nC: A1 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\nS: A1 OK\n"
                              "C: A2 STARTTLS\nS: A2 OK go\nTLS\nC: A3 CAPABILITY\n"
                              "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\nS: A3 OK\n"
                              "C: A4 AUTHENTICATE PLAIN %1\nS: A4 OK [CAPABILITY IMAP4rev1] in\n")
                   .arg(ir)
            << starttls << false << QString() << authed;
        QTest::newRow("STARTTLS NO")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 STARTTLS] hi\nC: A1 STARTTLS\n"
                              "S: A1 NO not now\n")
            << starttls << false << QStringLiteral("not now") << down;
        QTest::newRow("STARTTLS stripped")
            << QStringLiteral("S: * OK hi\nC: A1 CAPABILITY\nS: * CAPABILITY IMAP4rev1\n"
                              "S: A1 OK\n")
            << starttls << true << QStringLiteral("does not offer STARTTLS") << down;
        QTest::newRow("PREAUTH on plain link with STARTTLS required")
            << QStringLiteral("S: * PREAUTH [CAPABILITY IMAP4rev1 STARTTLS] hi\n")
            << starttls << false << QStringLiteral("pre-authenticated") << down;
        QTest::newRow("plaintext login refused without opt-in")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1] hi\n")
            << none << false << QStringLiteral("unencrypted") << down;
        QTest::newRow("plaintext login with opt-in")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1] hi\n"
                              "C: A1 LOGIN alice \"s3cret pw\"\n"
                              "S: A1 OK [CAPABILITY IMAP4rev1] in\n")
            << none << true << QString() << authed;
        QTest::newRow("LOGINDISABLED respected")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi\n")
            << none << true << QStringLiteral("LOGINDISABLED") << down;
        QTest::newRow("LOGINDISABLED with AUTH=PLAIN")
            << QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 LOGINDISABLED AUTH=PLAIN] hi\n"
                              "C: A1 AUTHENTICATE PLAIN\nS: +\nC: %1\nS: A1 OK\n"
                              "C: A2 CAPABILITY\nS: * CAPABILITY IMAP4rev1\nS: A2 OK\n").arg(ir)
            << none << true << QString() << authed;
    }

    void opening()
    {
        QFETCH(QString, script);
        QFETCH(int, mode);
        QFETCH(bool, allowPlain);
        QFETCH(QString, error);
        QFETCH(int, state);
        ScriptedServer server(script);
        server.setImplicitTls(mode == int(TlsMode::Implicit));
        Connection c;
        QByteArray log;
        connect(&c, &Connection::protocolLog, this,
                [&log](const ProtocolLogLine &l) { log += l.text + '\n'; });
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        ConnectionSettings s = settingsFor(server, TlsMode(mode));
        s.tls.allowPlaintextLogin = allowPlain;
        c.open(s);
        QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty() || !failed.isEmpty(), 5000);
        if (error.isEmpty()) {
            QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
            QVERIFY(server.isFinished());
        } else {
            QVERIFY(ready.isEmpty());
            const QString message = failed.value(0).value(0).toString();
            QVERIFY2(message.contains(error), qPrintable(message));
        }
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        QCOMPARE(int(c.state()), state);
        // Neither the password nor the PLAIN payload ever reaches the log.
        QVERIFY(!log.contains(Password.toUtf8()));
        QVERIFY(!log.contains(PlainIr));
        if (mode == int(TlsMode::Implicit) && error.isEmpty())
            QVERIFY(c.isEncrypted());
    }

    void startTlsInjectionIsNeverProcessed()
    {
        // The "* BYE" and CAPABILITY lines after "OK Begin TLS" travel in plaintext, before
        // the handshake: a man in the middle could have written them.
        ScriptedServer server(
            QStringLiteral("S: * OK [CAPABILITY IMAP4rev1 STARTTLS] hi\nC: A1 STARTTLS\n"
                           "R: A1 OK Begin TLS\\r\\n* CAPABILITY IMAP4rev1 INJECTED AUTH=PLAIN"
                           "\\r\\n* BYE injected\\r\\n\nTLS\nC: A2 CAPABILITY\n"
                           "S: * CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR\nS: A2 OK\n"
                           "C: A3 AUTHENTICATE PLAIN %1\nS: A3 OK in\nC: A4 CAPABILITY\n"
                           "S: * CAPABILITY IMAP4rev1 IDLE\nS: A4 OK\n")
                .arg(QString::fromLatin1(PlainIr)));
        Connection c;
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy bye(&c, &Connection::byeReceived);
        c.open(settingsFor(server, TlsMode::StartTls));
        QVERIFY(ready.wait(5000));
        QVERIFY2(server.error().isEmpty(), qPrintable(server.error()));
        QVERIFY(bye.isEmpty());
        QVERIFY(!c.capabilities().has("INJECTED"));
        QVERIFY(c.capabilities().has("IDLE"));
        QVERIFY(c.isEncrypted());
    }

    void selectStages_data()
    {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<int>("state");
        QTest::newRow("OK")
            << QStringLiteral("S: * 3 EXISTS\nS: * OK [UIDVALIDITY 9] v\nS: * OK [UIDNEXT 20] n\n"
                              "S: * FLAGS (\\Seen \\Deleted)\nS: A2 OK [READ-WRITE] done")
            << true << int(Connection::State::Selected);
        QTest::newRow("NO") << QStringLiteral("S: A2 NO [NONEXISTENT] no such mailbox")
                            << false << int(Connection::State::Authenticated);
        QTest::newRow("BAD") << QStringLiteral("S: A2 BAD what") << false
                             << int(Connection::State::Authenticated);
        QTest::newRow("BYE") << QStringLiteral("S: * BYE server going down\nX") << false
                             << int(Connection::State::Disconnected);
    }

    void selectStages()
    {
        QFETCH(QString, reply);
        QFETCH(bool, ok);
        QFETCH(int, state);
        Session s(loggedIn(QString()) + QStringLiteral("C: A2 SELECT INBOX\n") + reply);
        QVERIFY(s.open());
        SelectTask task(QStringLiteral("INBOX"));
        QCOMPARE(run(s.connection, &task), ok);
        VERIFY_SCRIPT(s);
        QTRY_COMPARE(int(s.connection.state()), state);
        if (ok) {
            QCOMPARE(task.info().exists, 3u);
            QCOMPARE(task.info().uidValidity, 9u);
            QCOMPARE(task.info().uidNext, 20u);
            QCOMPARE(task.info().flags, QByteArrayList({"\\Seen", "\\Deleted"}));
            QCOMPARE(s.connection.selectedMailbox(), QStringLiteral("INBOX"));
        } else {
            QVERIFY(!task.errorString().isEmpty());
        }
    }

    void qresyncSelect()
    {
        Session s(loggedIn(QStringLiteral("ENABLE CONDSTORE QRESYNC"))
                  + QStringLiteral(
                      "C: A2 ENABLE QRESYNC\nS: * ENABLED QRESYNC\nS: A2 OK\n"
                      "C: A3 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211))\n"
                      "S: * OK [CLOSED] previous mailbox closed\n"
                      "S: * 100 EXISTS\nS: * OK [UIDVALIDITY 67890007] v\n"
                      "S: * OK [HIGHESTMODSEQ 20050715194045319] m\n"
                      "S: * VANISHED (EARLIER) 41,43:116,118,120:211\n"
                      "S: * 49 FETCH (UID 117 FLAGS (\\Seen \\Answered) "
                      "MODSEQ (90060115194045001))\n"
                      "S: A3 OK [READ-WRITE] done\n"));
        QVERIFY(s.open());
        EnableTask enable({"QRESYNC", "UTF8=ACCEPT"});
        RUN(s, &enable);
        QCOMPARE(s.connection.enabledExtensions(), QByteArrayList({"QRESYNC"}));
        SelectTask select(QStringLiteral("INBOX"));
        select.setQresync({67890007, 20050715194045000ull, "41,43:211"});
        RUN(s, &select);
        VERIFY_SCRIPT(s);
        QCOMPARE(select.info().highestModseq, 20050715194045319ull);
        QCOMPARE(select.info().vanished.size(), 1 + 74 + 1 + 92);
        QCOMPARE(select.info().changed.size(), 1);
        QCOMPARE(select.info().changed.first().uid, 117u);
    }

    void fetchChangedSinceVanished()
    {
        Session s(loggedIn(QStringLiteral("ENABLE CONDSTORE QRESYNC"))
                  + QStringLiteral(
                      "C: A2 ENABLE QRESYNC\nS: * ENABLED QRESYNC\nS: A2 OK\n"
                      "C: A3 SELECT INBOX\nS: A3 OK\n"
                      "C: A4 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 12345 VANISHED)\n"
                      "S: * VANISHED (EARLIER) 300:302\n"
                      "S: * 1 FETCH (UID 4 FLAGS () MODSEQ (12400))\nS: A4 OK\n"));
        QVERIFY(s.open());
        EnableTask enable({"QRESYNC"});
        RUN(s, &enable);
        SelectTask select(QStringLiteral("INBOX"));
        RUN(s, &select);
        FetchTask fetch(QByteArray("1:*"), QByteArrayList{"UID", "FLAGS"});
        fetch.setChangedSince(12345, true);
        RUN(s, &fetch);
        VERIFY_SCRIPT(s);
        QCOMPARE(fetch.vanished(), QList<quint32>({300, 301, 302}));
        QCOMPARE(fetch.results().size(), 1);
        QCOMPARE(fetch.results().first().modseq, 12400ull);
    }

    void unsolicitedDataDuringOtherCommands()
    {
        Session s(loggedIn(QString())
                  + QStringLiteral("C: A2 SELECT INBOX\nS: * 5 EXISTS\nS: A2 OK\n"
                                   "C: A3 STATUS Archive (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)\n"
                                   "S: * 3 EXPUNGE\nS: * 6 EXISTS\n"
                                   "S: * 2 FETCH (FLAGS (\\Seen))\n"
                                   "S: * STATUS Archive (MESSAGES 4 UIDNEXT 9)\nS: A3 OK\n"));
        QVERIFY(s.open());
        QSignalSpy exists(&s.connection, &Connection::existsChanged);
        QSignalSpy expunged(&s.connection, &Connection::expunged);
        QSignalSpy fetched(&s.connection, &Connection::fetchReceived);
        SelectTask select(QStringLiteral("INBOX"));
        RUN(s, &select);
        StatusTask status(QStringLiteral("Archive"));
        RUN(s, &status);
        VERIFY_SCRIPT(s);
        QCOMPARE(status.value("MESSAGES"), 4ull);
        QCOMPARE(exists.size(), 2);
        QCOMPARE(exists.last().first().toUInt(), 6u);
        QCOMPARE(expunged.size(), 1);
        QCOMPARE(expunged.first().first().toUInt(), 3u);
        QCOMPARE(fetched.size(), 1);
        QCOMPARE(fetched.first().first().value<FetchData>().seq, 2u);
    }

    void pipelining()
    {
        // Three independent commands go out before the first answer arrives.
        Session s(loggedIn(QStringLiteral("LIST-STATUS"))
                  + QStringLiteral("C: A2 STATUS Sent (MESSAGES)\nC: A3 STATUS Drafts (MESSAGES)\n"
                                   "C: A4 NOOP\n"
                                   "S: * STATUS Sent (MESSAGES 1)\nS: A2 OK\n"
                                   "S: * STATUS Drafts (MESSAGES 2)\nS: A3 OK\nS: A4 OK\n"));
        QVERIFY(s.open());
        StatusTask sent(QStringLiteral("Sent"), {"MESSAGES"});
        StatusTask drafts(QStringLiteral("Drafts"), {"MESSAGES"});
        sent.setAutoDelete(false);
        drafts.setAutoDelete(false);
        s.connection.enqueue(&sent);
        s.connection.enqueue(&drafts);
        RUN(s, SimpleTask::noop());
        VERIFY_SCRIPT(s);
        QTRY_VERIFY(sent.isDone() && drafts.isDone());
        QCOMPARE(sent.value("MESSAGES"), 1ull);
        QCOMPARE(drafts.value("MESSAGES"), 2ull);
    }

    void appendLiterals_data()
    {
        QTest::addColumn<QString>("caps");
        QTest::addColumn<QString>("exchange");
        QTest::newRow("synchronising")
            << QString()
            << QStringLiteral("C: A2 APPEND Drafts (\\Seen) \"05-Jan-2026 09:08:07 +0100\" {11}\n"
                              "S: + go ahead\nC: hello world\nS: A2 OK [APPENDUID 7 42] done\n");
        QTest::newRow("LITERAL+")
            << QStringLiteral("LITERAL+")
            << QStringLiteral("C: A2 APPEND Drafts (\\Seen) \"05-Jan-2026 09:08:07 +0100\" {11+}\n"
                              "C: hello world\nS: A2 OK [APPENDUID 7 42] done\n");
        QTest::newRow("IMAP4rev2 LITERAL-")
            << QStringLiteral("IMAP4rev2")
            << QStringLiteral("C: A2 APPEND Drafts (\\Seen) \"05-Jan-2026 09:08:07 +0100\" {11+}\n"
                              "C: hello world\nS: A2 OK [APPENDUID 7 42] done\n");
    }

    void appendLiterals()
    {
        QFETCH(QString, caps);
        QFETCH(QString, exchange);
        Session s(loggedIn(caps) + exchange);
        QVERIFY(s.open());
        const QDateTime when(QDate(2026, 1, 5), QTime(9, 8, 7),
                             QTimeZone::fromSecondsAheadOfUtc(3600));
        AppendTask task(QStringLiteral("Drafts"), "hello world", {"\\Seen"}, when);
        RUN(s, &task);
        VERIFY_SCRIPT(s);
        QCOMPARE(task.uidValidity(), 7u);
        QCOMPARE(task.uid(), 42u);
        QVERIFY(!s.logText().contains("hello world"));
        QVERIFY(s.logText().contains("APPEND Drafts"));
    }

    void appendLimit()
    {
        Session s(loggedIn(QStringLiteral("APPENDLIMIT=5")) + QStringLiteral("C: A2 NOOP\n"
                                          "S: A2 OK\n"));
        QVERIFY(s.open());
        QCOMPARE(s.connection.capabilities().appendLimit(), 5ull);
        AppendTask task(QStringLiteral("Drafts"), "hello world");
        QVERIFY(!run(s.connection, &task));
        QVERIFY(task.errorString().contains(QStringLiteral("larger")));
        RUN(s, SimpleTask::noop()); // nothing was sent for the APPEND
        VERIFY_SCRIPT(s);
    }

    void move_data()
    {
        QTest::addColumn<QString>("caps");
        QTest::addColumn<QString>("exchange");
        QTest::addColumn<QByteArray>("method");
        QTest::newRow("MOVE")
            << QStringLiteral("MOVE UIDPLUS")
            << QStringLiteral("C: A3 UID MOVE 4:5 Archive\n"
                              "S: * OK [COPYUID 99 4:5 10:11] moved\nS: * 2 EXPUNGE\n"
                              "S: * 2 EXPUNGE\nS: A3 OK done\n")
            << QByteArray("MOVE");
        QTest::newRow("IMAP4rev2 implies MOVE")
            << QStringLiteral("IMAP4rev2")
            << QStringLiteral("C: A3 UID MOVE 4:5 Archive\n"
                              "S: * OK [COPYUID 99 4:5 10:11] moved\nS: * VANISHED 4:5\n"
                              "S: A3 OK done\n")
            << QByteArray("MOVE");
        QTest::newRow("fallback with UIDPLUS")
            << QStringLiteral("UIDPLUS")
            << QStringLiteral("C: A3 UID COPY 4:5 Archive\nS: A3 OK [COPYUID 99 4:5 10:11] c\n"
                              "C: A4 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\nS: A4 OK\n"
                              "C: A5 UID EXPUNGE 4:5\nS: * 2 EXPUNGE\nS: * 2 EXPUNGE\nS: A5 OK\n")
            << QByteArray("COPY+UID EXPUNGE");
        QTest::newRow("fallback without UIDPLUS")
            << QString()
            << QStringLiteral("C: A3 UID COPY 4:5 Archive\nS: A3 OK copied\n"
                              "C: A4 UID STORE 4:5 +FLAGS.SILENT (\\Deleted)\nS: A4 OK\n"
                              "C: A5 EXPUNGE\nS: * 2 EXPUNGE\nS: A5 OK\n")
            << QByteArray("COPY+EXPUNGE");
    }

    void move()
    {
        QFETCH(QString, caps);
        QFETCH(QString, exchange);
        QFETCH(QByteArray, method);
        Session s(loggedIn(caps) + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\n") + exchange);
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        CopyMoveTask task(CopyMoveTask::Mode::Move, {4, 5}, QStringLiteral("Archive"));
        RUN(s, &task);
        VERIFY_SCRIPT(s);
        QCOMPARE(task.method(), method);
        if (caps.contains(QStringLiteral("UIDPLUS")) || caps.contains(QStringLiteral("rev2"))) {
            QCOMPARE(task.destinationUidValidity(), 99u);
            QCOMPARE(task.uidMap(), (QList<QPair<quint32, quint32>>{{4, 10}, {5, 11}}));
        }
    }

    void storeUnchangedSince()
    {
        Session s(loggedIn(QStringLiteral("CONDSTORE"))
                  + QStringLiteral("C: A2 SELECT INBOX (CONDSTORE)\nS: A2 OK\n"
                                   "C: A3 UID STORE 7,9 (UNCHANGEDSINCE 320162338) "
                                   "+FLAGS (\\Seen)\n"
                                   "S: * 5 FETCH (UID 7 FLAGS (\\Seen) MODSEQ (320162350))\n"
                                   "S: A3 OK [MODIFIED 9] conditional store failed\n"));
        QVERIFY(s.open());
        auto *select = new SelectTask(QStringLiteral("INBOX"));
        select->setCondstore(true);
        RUN(s, select);
        StoreTask store({9, 7}, StoreTask::Mode::Add, {"\\Seen"});
        store.setUnchangedSince(320162338);
        RUN(s, &store);
        VERIFY_SCRIPT(s);
        QCOMPARE(store.modified(), QList<quint32>{9});
        QCOMPARE(store.results().size(), 1);
    }

    void search_data()
    {
        QTest::addColumn<QString>("caps");
        QTest::addColumn<QString>("exchange");
        QTest::addColumn<QList<quint32>>("ids");
        const QString sub = QStringLiteral("Grüße");
        QTest::newRow("plain SEARCH, ASCII")
            << QString()
            << QStringLiteral("C: A3 UID SEARCH UNSEEN SUBJECT \"report\"\nS: * SEARCH 3 7\n"
                              "S: A3 OK\n")
            << QList<quint32>{3, 7};
        QTest::newRow("ESEARCH")
            << QStringLiteral("ESEARCH")
            << QStringLiteral("C: A3 UID SEARCH RETURN (ALL) UNSEEN SUBJECT \"report\"\n"
                              "S: * ESEARCH (TAG \"A3\") UID ALL 3:5,7\nS: A3 OK\n")
            << QList<quint32>{3, 4, 5, 7};
        QTest::newRow("IMAP4rev2 ESEARCH")
            << QStringLiteral("IMAP4rev2")
            << QStringLiteral("C: A3 UID SEARCH RETURN (ALL) UNSEEN SUBJECT \"report\"\n"
                              "S: * ESEARCH (TAG \"A3\") UID ALL 2\nS: A3 OK\n")
            << QList<quint32>{2};
        QTest::newRow("UTF-8 literal")
            << QStringLiteral("LITERAL+")
            << QStringLiteral("C: A3 UID SEARCH CHARSET UTF-8 UNSEEN SUBJECT {7+}\nC: %1\n"
                              "S: * SEARCH 9\nS: A3 OK\n").arg(sub)
            << QList<quint32>{9};
    }

    void search()
    {
        QFETCH(QString, caps);
        QFETCH(QString, exchange);
        QFETCH(QList<quint32>, ids);
        Session s(loggedIn(caps) + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\n") + exchange);
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        const QByteArray subject = QString::fromLatin1(QTest::currentDataTag()).contains(
                                       QStringLiteral("UTF-8"))
            ? QStringLiteral("Grüße").toUtf8()
            : QByteArray("report");
        SearchTask task({{"UNSEEN", {}, false}, {"SUBJECT", subject, true}});
        RUN(s, &task);
        VERIFY_SCRIPT(s);
        QCOMPARE(task.ids(), ids);
    }

    void sortAndThread()
    {
        Session s(loggedIn(QStringLiteral("SORT THREAD=REFERENCES"))
                  + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\n"
                                   "C: A3 UID SORT (REVERSE DATE) UTF-8 ALL\n"
                                   "S: * SORT 5 3 4\nS: A3 OK\n"
                                   "C: A4 UID THREAD REFERENCES UTF-8 ALL\n"
                                   "S: * THREAD (3)(4 5)\nS: A4 OK\n"));
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        std::unique_ptr<SearchTask> sort(SearchTask::sort({"REVERSE", "DATE"}, {}));
        RUN(s, sort.get());
        std::unique_ptr<SearchTask> thread(SearchTask::thread({}));
        RUN(s, thread.get());
        VERIFY_SCRIPT(s);
        QCOMPARE(sort->ids(), QList<quint32>({5, 3, 4}));
        QCOMPARE(thread->threads(), QByteArray("(3)(4 5)"));
    }

    void objectIdAndPreview()
    {
        // OBJECTID (RFC 8474) is not offered by the fixture's Dovecot.
        Session s(loggedIn(QStringLiteral("OBJECTID PREVIEW"))
                  + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\n"
                                   "C: A3 UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE "
                                   "ENVELOPE "
                                   "BODYSTRUCTURE PREVIEW EMAILID THREADID)\n"
                                   "S: * 1 FETCH (UID 1 EMAILID (M6d99ac3275bb4e) "
                                   "THREADID (T64b478a75b7ea9) PREVIEW \"Hello there\")\n"
                                   "S: A3 OK\n"));
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        FetchTask fetch(QByteArray("1:*"), FetchTask::summaryItems(s.connection.capabilities()));
        RUN(s, &fetch);
        VERIFY_SCRIPT(s);
        QCOMPARE(fetch.results().size(), 1);
        QCOMPARE(fetch.results().first().emailId, QByteArray("M6d99ac3275bb4e"));
        QCOMPARE(fetch.results().first().threadId, QByteArray("T64b478a75b7ea9"));
        QCOMPARE(fetch.results().first().preview, QByteArray("Hello there"));
    }

    void utf8Accept()
    {
        // UTF8=ACCEPT (RFC 6855): after ENABLE, mailbox names are raw UTF-8 both ways.
        Session s(loggedIn(QStringLiteral("ENABLE UTF8=ACCEPT SPECIAL-USE"))
                  + QStringLiteral("C: A2 ENABLE UTF8=ACCEPT\nS: * ENABLED UTF8=ACCEPT\nS: A2 OK\n"
                                   "C: A3 LIST \"\" * RETURN (SPECIAL-USE)\n"
                                   "S: * LIST (\\HasNoChildren \\Sent) \"/\" "
                                   "\"Gesendete Objekte\"\n"
                                   "S: * LIST (\\HasNoChildren) \"/\" Entwürfe\nS: A3 OK\n"
                                   "C: A4 CREATE {7}\nS: + ok\nC: Grüße\nS: A4 OK\n"));
        QVERIFY(s.open());
        EnableTask enable({"UTF8=ACCEPT"});
        RUN(s, &enable);
        QVERIFY(s.connection.utf8Enabled());
        ListTask list;
        list.setWithStatus(false);
        RUN(s, &list);
        RUN(s, SimpleTask::create(QStringLiteral("Grüße"), true));
        VERIFY_SCRIPT(s);
        QCOMPARE(list.mailboxes().size(), 2);
        QCOMPARE(list.mailboxes().at(1).mailbox, QStringLiteral("Entwürfe"));
        QVERIFY(list.mailboxes().at(0).attributes.contains("\\Sent"));
    }

    void imap4rev2()
    {
        // RFC 9051: after ENABLE IMAP4rev2 mailbox names are UTF-8; UNSELECT, MOVE, ESEARCH,
        // LITERAL- and the rest need no capability of their own.
        Session s(loggedIn(QStringLiteral("IMAP4rev2 ENABLE"))
                  + QStringLiteral("C: A2 ENABLE IMAP4rev2\nS: * ENABLED IMAP4rev2\nS: A2 OK\n"
                                   "C: A3 LIST \"\" * RETURN (SPECIAL-USE STATUS (MESSAGES "
                                   "UIDNEXT UIDVALIDITY UNSEEN))\n"
                                   "S: * LIST (\\Drafts) \"/\" Entwürfe\n"
                                   "S: * STATUS Entwürfe (MESSAGES 1)\nS: A3 OK\n"
                                   "C: A4 SELECT {9+}\nC: Entwürfe\nS: A4 OK\n"
                                   "C: A5 UNSELECT\nS: A5 OK\n"));
        QVERIFY(s.open());
        RUN(s, new EnableTask({"IMAP4rev2"}));
        QVERIFY(s.connection.utf8Enabled());
        auto *list = new ListTask;
        RUN(s, list);
        QCOMPARE(list->mailboxes().value(0).mailbox, QStringLiteral("Entwürfe"));
        QCOMPARE(list->statuses().size(), 1);
        RUN(s, new SelectTask(QStringLiteral("Entwürfe")));
        RUN(s, SimpleTask::close(false));
        VERIFY_SCRIPT(s);
        QCOMPARE(s.connection.state(), Connection::State::Authenticated);
    }

    void listStatusAndModifiedUtf7()
    {
        Session s(loggedIn(QStringLiteral("SPECIAL-USE LIST-STATUS CONDSTORE STATUS=SIZE"))
                  + QStringLiteral("C: A2 LIST \"\" * RETURN (SPECIAL-USE STATUS "
                                   "(MESSAGES UIDNEXT "
                                   "UIDVALIDITY UNSEEN HIGHESTMODSEQ SIZE))\n"
                                   "S: * LIST (\\HasNoChildren) \".\" Entw&APw-rfe\n"
                                   "S: * STATUS Entw&APw-rfe (MESSAGES 2 SIZE 4096)\nS: A2 OK\n"));
        QVERIFY(s.open());
        ListTask list;
        RUN(s, &list);
        VERIFY_SCRIPT(s);
        QCOMPARE(list.mailboxes().value(0).mailbox, QStringLiteral("Entwürfe"));
        const StatusData st = list.statuses().value(QStringLiteral("Entwürfe"));
        QCOMPARE(st.items.size(), 2);
    }

    void idle()
    {
        Session s(loggedIn(QStringLiteral("IDLE"))
                  + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\nC: A3 IDLE\nS: + idling\n"
                                   "C: DONE\nS: A3 OK\nC: A4 IDLE\nS: + idling\n"
                                   "S: * 4 EXISTS\nC: DONE\nS: A4 OK\nC: A5 NOOP\nS: A5 OK\n"));
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        QSignalSpy exists(&s.connection, &Connection::existsChanged);
        IdleTask idle;
        idle.setAutoDelete(false);
        idle.setRenewInterval(100); // the 29-minute renewal, shortened
        QSignalSpy idling(&idle, &IdleTask::idling);
        QSignalSpy finished(&idle, &Task::finished);
        s.connection.enqueue(&idle);
        QVERIFY(idling.wait(5000));
        QTRY_COMPARE(idle.rounds(), 2);
        QTRY_COMPARE(exists.size(), 1);
        // Queuing another command ends IDLE with DONE first.
        RUN(s, SimpleTask::noop());
        QCOMPARE(finished.size(), 1);
        VERIFY_SCRIPT(s);
    }

    void notifySet()
    {
        Session s(loggedIn(QStringLiteral("NOTIFY"))
                  + QStringLiteral("C: A2 NOTIFY SET (selected (MessageNew (UID FLAGS) "
                                   "MessageExpunge FlagChange)) (personal (MessageNew "
                                   "MessageExpunge))\n"
                                   "S: * STATUS Lists/Qt (MESSAGES 8 UIDNEXT 30)\nS: A2 OK\n"));
        QVERIFY(s.open());
        QVERIFY(run(s.connection, SimpleTask::notify(
                    "(selected (MessageNew (UID FLAGS) MessageExpunge FlagChange)) "
                    "(personal (MessageNew MessageExpunge))")));
        VERIFY_SCRIPT(s);
    }

    void disconnectInsideLiteral()
    {
        Session s(loggedIn(QString())
                  + QStringLiteral("C: A2 SELECT INBOX\nS: A2 OK\n"
                                   "C: A3 UID FETCH 1 (BODY.PEEK[])\n"
                                   "R: * 1 FETCH (UID 1 BODY[] {100}\\r\\nFrom: a@b\\r\\n\nX\n"));
        QVERIFY(s.open());
        RUN(s, new SelectTask(QStringLiteral("INBOX")));
        QSignalSpy failed(&s.connection, &Connection::failed);
        FetchTask fetch(QList<quint32>{1}, QByteArrayList{"BODY.PEEK[]"});
        QVERIFY(!run(s.connection, &fetch));
        QVERIFY2(fetch.errorString().contains(QStringLiteral("middle")),
                 qPrintable(fetch.errorString()));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(s.connection.state(), Connection::State::Disconnected);
        QVERIFY(fetch.results().isEmpty());
        QVERIFY(s.logText().contains("{100 bytes}"));
    }

    void commandsFailCleanlyAfterBye()
    {
        Session s(loggedIn(QString())
                  + QStringLiteral("C: A2 NOOP\nS: * BYE idle too long\nX\n"));
        QVERIFY(s.open());
        QSignalSpy bye(&s.connection, &Connection::byeReceived);
        auto *noop = SimpleTask::noop();
        auto *queued = new StatusTask(QStringLiteral("INBOX"));
        noop->setAutoDelete(false);
        queued->setAutoDelete(false);
        std::unique_ptr<Task> a(noop), b(queued);
        s.connection.enqueue(noop);
        s.connection.enqueue(queued);
        QTRY_VERIFY(noop->isDone() && queued->isDone());
        QCOMPARE(bye.size(), 1);
        QVERIFY(noop->errorString().contains(QStringLiteral("idle too long")));
        QVERIFY(!queued->errorString().isEmpty());
    }

    void commandStatus_data()
    {
        QTest::addColumn<QString>("reply");
        QTest::addColumn<QString>("error"); // empty: success
        QTest::addColumn<bool>("stillUp");
        QTest::newRow("OK") << QStringLiteral("S: A2 OK created") << QString() << true;
        QTest::newRow("NO") << QStringLiteral("S: A2 NO [ALREADYEXISTS] exists")
                            << QStringLiteral("CREATE failed (NO): [ALREADYEXISTS] exists")
                            << true;
        QTest::newRow("BAD") << QStringLiteral("S: A2 BAD parse error")
                             << QStringLiteral("CREATE failed (BAD): parse error") << true;
        QTest::newRow("BYE") << QStringLiteral("S: * BYE shutting down\nX")
                             << QStringLiteral("shutting down") << false;
        QTest::newRow("garbage") << QStringLiteral("S: )))")
                                 << QStringLiteral("Protocol error") << false;
    }

    void commandStatus()
    {
        QFETCH(QString, reply);
        QFETCH(QString, error);
        QFETCH(bool, stillUp);
        Session s(loggedIn(QString()) + QStringLiteral("C: A2 CREATE Projects\n")
                  + reply);
        QVERIFY(s.open());
        auto *task = SimpleTask::create(QStringLiteral("Projects"));
        const bool ok = run(s.connection, task);
        QCOMPARE(ok, error.isEmpty());
        QVERIFY2(task->errorString().contains(error), qPrintable(task->errorString()));
        QCOMPARE(s.connection.state() == Connection::State::Authenticated, stillUp);
        QVERIFY2(s.server.error().isEmpty(), qPrintable(s.server.error()));
    }

    void silentServerTimesOut()
    {
        ScriptedServer server(loggedIn(QString()) + QStringLiteral("C: A2 NOOP\n"));
        server.setImplicitTls(true);
        Connection c;
        ConnectionSettings settings = settingsFor(server, TlsMode::Implicit);
        settings.responseTimeoutSeconds = 1;
        QSignalSpy ready(&c, &Connection::ready);
        QSignalSpy failed(&c, &Connection::failed);
        c.open(settings);
        QVERIFY(ready.wait(5000));
        auto *noop = SimpleTask::noop();
        QVERIFY(!run(c, noop));
        QCOMPARE(failed.size(), 1);
        QVERIFY(noop->errorString().contains(QStringLiteral("stopped responding")));
    }

    void keepAliveNoop()
    {
        Session s(loggedIn(QString()) + QStringLiteral("C: A2 NOOP\nS: A2 OK\n"));
        QVERIFY(s.open());
        s.connection.setKeepAliveSeconds(1);
        VERIFY_SCRIPT(s);
    }

    void alertIsReported()
    {
        Session s(loggedIn(QString())
                  + QStringLiteral("C: A2 NOOP\nS: * OK [ALERT] Disk quota exceeded\nS: A2 OK\n"));
        QVERIFY(s.open());
        QSignalSpy alert(&s.connection, &Connection::alert);
        RUN(s, SimpleTask::noop());
        QCOMPARE(alert.size(), 1);
        QCOMPARE(alert.first().first().toString(), QStringLiteral("Disk quota exceeded"));
    }

    void logout()
    {
        Session s(loggedIn(QString())
                  + QStringLiteral("C: A2 LOGOUT\nS: * BYE bye\nS: A2 OK\nX\n"));
        QVERIFY(s.open());
        QSignalSpy disconnected(&s.connection, &Connection::disconnected);
        QSignalSpy failed(&s.connection, &Connection::failed);
        s.connection.logout();
        QVERIFY(disconnected.wait(5000));
        VERIFY_SCRIPT(s);
        QCOMPARE(s.connection.state(), Connection::State::Disconnected);
        QVERIFY(failed.isEmpty());
        auto *late = SimpleTask::noop();
        QVERIFY(!run(s.connection, late)); // fails at once, nothing is sent
        QCOMPARE(late->errorString(), QStringLiteral("Not connected"));
    }

    void commandsNeedTheRightState()
    {
        Session s(loggedIn(QString()) + QStringLiteral("C: A2 NOOP\nS: A2 OK\n"));
        QVERIFY(s.open());
        FetchTask fetch(QByteArray("1:*"), QByteArrayList{"FLAGS"});
        QVERIFY(!run(s.connection, &fetch)); // nothing selected: never sent
        RUN(s, SimpleTask::noop());
        VERIFY_SCRIPT(s);
    }
};

QTEST_GUILESS_MAIN(TestImapConnection)
#include "tst_imapconnection.moc"
