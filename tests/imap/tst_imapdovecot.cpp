// The IMAP engine against the real Dovecot fixture: every command, every extension Dovecot
// offers, QRESYNC after changes from a second connection, IDLE receiving mail delivered by
// Postfix, and COMPRESS=DEFLATE. Users u5..u8 are this test's own.
#include "imapconnection.h"
#include "imaptask.h"
#include "mailfixture.h"
#include "tasks/appendtask.h"
#include "tasks/copymovetask.h"
#include "tasks/enabletask.h"
#include "tasks/fetchtask.h"
#include "tasks/idletask.h"
#include "tasks/idtask.h"
#include "tasks/listtask.h"
#include "tasks/namespacetask.h"
#include "tasks/searchtask.h"
#include "tasks/selecttask.h"
#include "tasks/simpletask.h"
#include "tasks/statustask.h"
#include "tasks/storetask.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Tern::Imap;
using TernTest::MailFixture;

namespace {

QByteArray message(const QByteArray &subject, const QByteArray &body = "Hello from Tern.")
{
    static int n = 0;
    return "From: Tern Test <tern@example.test>\r\nTo: someone@example.test\r\n"
           "Subject: " + subject + "\r\nMessage-ID: <tern-" + QByteArray::number(++n) + '.'
        + QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "@example.test>\r\n"
           "Date: Wed, 25 Nov 2026 03:00:00 +0000\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
}

QByteArray allBytes()
{
    QByteArray b;
    for (int i = 0; i < 256; ++i)
        b.append(char(i));
    return b;
}

QByteArray withAttachment()
{
    return "From: tern@example.test\r\nTo: someone@example.test\r\nSubject: attachment\r\n"
           "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"
           "--b1\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
           "--b1\r\nContent-Type: application/octet-stream\r\n"
           "Content-Transfer-Encoding: base64\r\n\r\n"
        + allBytes().toBase64() + "\r\n--b1--\r\n";
}

} // namespace

class TestImapDovecot : public QObject
{
    Q_OBJECT

    MailFixture m_fx;

    std::unique_ptr<Connection> open(const QString &user, bool compress = false,
                                     TlsMode mode = TlsMode::Implicit)
    {
        auto c = std::make_unique<Connection>();
        ConnectionSettings s;
        s.host = m_fx.host();
        s.port = m_fx.port(mode == TlsMode::Implicit ? "imaps" : "imap");
        s.tls.mode = mode;
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = user;
        s.password = m_fx.password(user);
        s.compress = compress;
        s.keepAliveSeconds = 0;
        QSignalSpy ready(c.get(), &Connection::ready);
        QSignalSpy failed(c.get(), &Connection::failed);
        c->open(s);
        if (!QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 20000)
            || !failed.isEmpty()) {
            qWarning() << "open failed:" << failed.value(0).value(0).toString();
            return nullptr;
        }
        return c;
    }

    // Runs a task to its end; the task stays alive (owned by the connection) for reading.
    static bool run(Connection &c, Task *task)
    {
        task->setAutoDelete(false);
        if (!task->parent())
            task->setParent(&c);
        QSignalSpy finished(task, &Task::finished);
        QSignalSpy failed(task, &Task::failed);
        c.enqueue(task);
        if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 30000))
            qWarning() << "task timed out";
        if (!failed.isEmpty())
            qWarning() << "task failed:" << task->errorString();
        return !finished.isEmpty();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void loginVariantsAndCapabilities()
    {
        // Implicit TLS.
        auto c = open(QStringLiteral("alice"));
        QVERIFY(c);
        QVERIFY(c->isEncrypted());
        QCOMPARE(c->state(), Connection::State::Authenticated);
        const QByteArrayList caps = c->capabilities().list();
        qInfo("Dovecot capabilities after login: %s", caps.join(' ').constData());
        for (const char *need : {"CONDSTORE", "QRESYNC", "ESEARCH", "LIST-STATUS", "BINARY",
                                 "MOVE", "PREVIEW", "SPECIAL-USE", "STATUS=SIZE", "SAVEDATE",
                                 "COMPRESS=DEFLATE", "NOTIFY", "LITERAL+", "SORT",
                                 "THREAD=REFERENCES", "UIDPLUS", "ID", "ENABLE", "IDLE"})
            QVERIFY2(c->capabilities().has(need), need);
        QSignalSpy down(c.get(), &Connection::disconnected);
        c->logout();
        QVERIFY(down.wait(10000));
        QCOMPARE(c->state(), Connection::State::Disconnected);

        // STARTTLS on the plain port, with the password only after TLS.
        QByteArray log;
        auto s = std::make_unique<Connection>();
        bool printed = false;
        connect(s.get(), &Connection::capabilitiesChanged, this, [&s, &printed] {
            if (!std::exchange(printed, true))
                qInfo("Dovecot capabilities before login: %s",
                      s->capabilities().list().join(' ').constData());
        });
        connect(s.get(), &Connection::protocolLog, this,
                [&log](const ProtocolLogLine &l) { log += l.text + '\n'; });
        ConnectionSettings st;
        st.host = m_fx.host();
        st.port = m_fx.port("imap");
        st.tls.mode = TlsMode::StartTls;
        st.tls.extraCaCertificates = m_fx.caCertificates();
        st.user = QStringLiteral("bob");
        st.password = m_fx.password(QStringLiteral("bob"));
        QSignalSpy ready(s.get(), &Connection::ready);
        s->open(st);
        QVERIFY(ready.wait(20000));
        QVERIFY(s->isEncrypted());
        QVERIFY(log.indexOf("STARTTLS") < log.indexOf("AUTHENTICATE PLAIN"));
        QVERIFY(log.contains("AUTHENTICATE PLAIN ***"));
        QVERIFY(!log.contains(st.password.toUtf8()));
    }

    void informationCommands()
    {
        auto c = open(QStringLiteral("alice"));
        QVERIFY(c);
        auto *id = new IdTask({{"name", "Tern"}, {"version", "0.1"}});
        QVERIFY(run(*c, id));
        QCOMPARE(id->value("name"), QByteArray("Dovecot"));
        auto *ns = new NamespaceTask;
        QVERIFY(run(*c, ns));
        QCOMPARE(ns->result().personal.size(), 1);
        auto *enable = new EnableTask({"CONDSTORE", "QRESYNC"});
        QVERIFY(run(*c, enable));
        QVERIFY(c->enabledExtensions().contains("QRESYNC"));

        // LIST with RETURN (SPECIAL-USE STATUS (... SIZE)) in one round trip.
        auto *list = new ListTask;
        QVERIFY(run(*c, list));
        QStringList names;
        QString sent;
        for (const ListData &l : list->mailboxes()) {
            names << l.mailbox;
            if (l.attributes.contains("\\Sent"))
                sent = l.mailbox;
        }
        for (const char *want : {"INBOX", "Archive", "Sent", "Drafts", "Trash", "Junk"})
            QVERIFY2(names.contains(QLatin1StringView(want)), want);
        QCOMPARE(sent, QStringLiteral("Sent"));
        QVERIFY(!list->statuses().isEmpty());
        const StatusData inboxStatus = list->statuses().value(QStringLiteral("INBOX"));
        QVERIFY(inboxStatus.items.size() >= 5);

        auto *status = new StatusTask(QStringLiteral("INBOX"));
        QVERIFY(run(*c, status));
        QVERIFY(status->value("MESSAGES").value_or(0) > 100);
        QVERIFY(status->value("SIZE").value_or(0) > 10000); // STATUS=SIZE
        QVERIFY(status->value("HIGHESTMODSEQ").value_or(0) > 0);

        auto *lsub = new ListTask;
        lsub->setSubscribedOnly(true);
        QVERIFY(run(*c, lsub));

        // Read-only tour of INBOX: EXAMINE, summaries with PREVIEW/SAVEDATE/MODSEQ, SORT,
        // THREAD, ESEARCH.
        auto *examine = new SelectTask(QStringLiteral("INBOX"), true);
        examine->setCondstore(true);
        QVERIFY(run(*c, examine));
        QVERIFY(examine->info().readOnly);
        QVERIFY(examine->info().exists > 100);
        QVERIFY(examine->info().highestModseq > 0);
        auto *fetch = new FetchTask(QByteArray("1:20"),
                                    FetchTask::summaryItems(c->capabilities()), false);
        QVERIFY(run(*c, fetch));
        QCOMPARE(fetch->results().size(), 20);
        int previews = 0;
        for (const FetchData &f : fetch->results()) {
            QVERIFY(f.uid && f.envelope && f.bodyStructure && f.modseq && f.size);
            QVERIFY(f.saveDate.has_value());
            previews += f.preview.isEmpty() ? 0 : 1;
        }
        QVERIFY(previews > 10);
        auto *sort = SearchTask::sort({"REVERSE", "ARRIVAL"}, {});
        QVERIFY(run(*c, sort));
        QCOMPARE(quint32(sort->ids().size()), examine->info().exists);
        auto *thread = SearchTask::thread({});
        QVERIFY(run(*c, thread));
        QVERIFY(thread->threads().startsWith('('));
        auto *search = new SearchTask({{"ALL", {}, false}});
        search->setReturn({"COUNT", "MIN", "MAX"});
        QVERIFY(run(*c, search));
        QVERIFY(search->usedESearch());
        QCOMPARE(search->count().value_or(0), quint64(examine->info().exists));
        QVERIFY(run(*c, SimpleTask::close(false)));
        QCOMPARE(c->state(), Connection::State::Authenticated);
    }

    void mailboxManagement()
    {
        auto c = open(QStringLiteral("u5"));
        QVERIFY(c);
        const QString name = QStringLiteral("Projekt Größe");
        const QString renamed = QStringLiteral("Projekt & Co");
        run(*c, SimpleTask::remove(renamed)); // leftovers of an earlier run
        QVERIFY(run(*c, SimpleTask::create(name)));
        QVERIFY(run(*c, SimpleTask::subscribe(name, true)));
        QVERIFY(run(*c, SimpleTask::rename(name, renamed)));
        QVERIFY(run(*c, SimpleTask::subscribe(renamed, true)));
        auto *list = new ListTask(QString(), QStringLiteral("Projekt*"));
        QVERIFY(run(*c, list));
        QCOMPARE(list->mailboxes().size(), 1);
        QCOMPARE(list->mailboxes().first().mailbox, renamed);
        QVERIFY(run(*c, SimpleTask::subscribe(renamed, false)));
        QVERIFY(run(*c, SimpleTask::remove(renamed)));
        auto *nope = new SelectTask(renamed);
        QVERIFY(!run(*c, nope));
        QCOMPARE(c->state(), Connection::State::Authenticated);
        QVERIFY(run(*c, SimpleTask::noop()));
    }

    void appendFetchStoreSearchCopyMove()
    {
        auto c = open(QStringLiteral("u6"));
        QVERIFY(c);
        const QString box = QStringLiteral("Work-%1").arg(QDateTime::currentMSecsSinceEpoch());
        const QString other = box + QStringLiteral("-dest");
        QVERIFY(run(*c, SimpleTask::create(box)));
        QVERIFY(run(*c, SimpleTask::create(other)));

        // APPEND with flags and date; APPENDUID gives consecutive UIDs.
        const QDateTime when(QDate(2026, 3, 4), QTime(5, 6, 7), QTimeZone::UTC);
        QList<quint32> uids;
        quint32 validity = 0;
        const QList<QByteArray> subjects{"first", "Grüße aus Köln", "third"};
        for (const QByteArray &subject : subjects) {
            auto *append = new AppendTask(box, message(subject), {"\\Seen"}, when);
            QVERIFY(run(*c, append));
            QVERIFY(append->uid() > 0);
            validity = append->uidValidity();
            uids << append->uid();
        }
        auto *attach = new AppendTask(box, withAttachment());
        QVERIFY(run(*c, attach));
        uids << attach->uid();
        QCOMPARE(uids, QList<quint32>({1, 2, 3, 4}));

        auto *select = new SelectTask(box);
        select->setCondstore(true);
        QVERIFY(run(*c, select));
        QCOMPARE(select->info().uidValidity, validity);
        QCOMPARE(select->info().exists, 4u);
        QCOMPARE(select->info().uidNext, 5u);

        auto *fetch = new FetchTask(uids, {"UID", "FLAGS", "INTERNALDATE", "MODSEQ"});
        QVERIFY(run(*c, fetch));
        QCOMPARE(fetch->results().size(), 4);
        QCOMPARE(fetch->results().first().internalDate, when);
        QVERIFY(fetch->results().first().flags->contains("\\Seen"));
        const quint64 modseq1 = *fetch->results().first().modseq;

        // BINARY: the attachment comes back decoded, no base64.
        auto *binary = new FetchTask(QList<quint32>{4},
                                     {FetchTask::partItem(c->capabilities(), "2", true)});
        QVERIFY(run(*c, binary));
        QCOMPARE(binary->results().size(), 1);
        QCOMPARE(binary->results().first().sections.value(0).data, allBytes());

        // STORE with UNCHANGEDSINCE: succeeds once, then is refused with MODIFIED.
        auto *flag = new StoreTask({1}, StoreTask::Mode::Add, {"\\Flagged"});
        flag->setUnchangedSince(modseq1);
        QVERIFY(run(*c, flag));
        QVERIFY(flag->modified().isEmpty());
        auto *stale = new StoreTask({1}, StoreTask::Mode::Remove, {"\\Seen"});
        stale->setUnchangedSince(modseq1);
        QVERIFY(run(*c, stale));
        QCOMPARE(stale->modified(), QList<quint32>{1});
        auto *silent = new StoreTask({2, 3}, StoreTask::Mode::Replace, {"$Label1"});
        silent->setSilent(true);
        QVERIFY(run(*c, silent));

        // SEARCH: ESEARCH and a UTF-8 subject (CHARSET UTF-8 literal).
        auto *flagged = new SearchTask({{"FLAGGED", {}, false}});
        QVERIFY(run(*c, flagged));
        QCOMPARE(flagged->ids(), QList<quint32>{1});
        auto *utf8 = new SearchTask({{"SUBJECT", "Grüße", true}});
        QVERIFY(run(*c, utf8));
        QCOMPARE(utf8->ids(), QList<quint32>{2});

        // COPY reports COPYUID; MOVE moves with COPYUID.
        auto *copy = new CopyMoveTask(CopyMoveTask::Mode::Copy, {1, 2}, other);
        QVERIFY(run(*c, copy));
        QVERIFY(copy->destinationUidValidity() > 0);
        QCOMPARE(copy->uidMap(), (QList<QPair<quint32, quint32>>{{1, 1}, {2, 2}}));
        QSignalSpy expunged(c.get(), &Connection::expunged);
        auto *move = new CopyMoveTask(CopyMoveTask::Mode::Move, {3}, other);
        QVERIFY(run(*c, move));
        QCOMPARE(move->method(), QByteArray("MOVE"));
        QCOMPARE(move->uidMap(), (QList<QPair<quint32, quint32>>{{3, 3}}));
        QCOMPARE(expunged.size(), 1);

        // UID EXPUNGE of one message, then plain EXPUNGE.
        QVERIFY(run(*c, new StoreTask({1, 2}, StoreTask::Mode::Add, {"\\Deleted"})));
        auto *uidExpunge = SimpleTask::expunge({1});
        QVERIFY(run(*c, uidExpunge));
        QCOMPARE(uidExpunge->expungedSequenceNumbers(), QList<quint32>{1});
        auto *expunge = SimpleTask::expunge();
        QVERIFY(run(*c, expunge));
        QCOMPARE(expunge->expungedSequenceNumbers().size(), 1);
        auto *status = new StatusTask(other);
        QVERIFY(run(*c, SimpleTask::close(true)));
        QVERIFY(run(*c, status));
        QCOMPARE(status->value("MESSAGES"), 3ull);
        QVERIFY(run(*c, SimpleTask::remove(box)));
        QVERIFY(run(*c, SimpleTask::remove(other)));
    }

    void qresyncAfterChangesElsewhere()
    {
        const QString user = QStringLiteral("u7");
        const QString box = QStringLiteral("Sync-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QresyncState known;
        {
            auto a = open(user);
            QVERIFY(a);
            QVERIFY(run(*a, SimpleTask::create(box)));
            for (int i = 0; i < 5; ++i)
                QVERIFY(run(*a, new AppendTask(box, message("m" + QByteArray::number(i)))));
            QVERIFY(run(*a, new EnableTask({"QRESYNC"})));
            auto *select = new SelectTask(box);
            QVERIFY(run(*a, select));
            known = {select->info().uidValidity, select->info().highestModseq, "1:5"};
            QVERIFY(known.modseq > 0);
            QSignalSpy down(a.get(), &Connection::disconnected);
            a->logout();
            QVERIFY(down.wait(10000));
        }
        {
            // A second client: new mail, a flag change and an expunge.
            auto b = open(user);
            QVERIFY(b);
            QVERIFY(run(*b, new AppendTask(box, message("new"))));
            QVERIFY(run(*b, new SelectTask(box)));
            QVERIFY(run(*b, new StoreTask({2}, StoreTask::Mode::Add, {"\\Flagged"})));
            QVERIFY(run(*b, new StoreTask({3}, StoreTask::Mode::Add, {"\\Deleted"})));
            QVERIFY(run(*b, SimpleTask::expunge({3})));
        }
        auto a = open(user);
        QVERIFY(a);
        QVERIFY(run(*a, new EnableTask({"QRESYNC"})));
        auto *resync = new SelectTask(box);
        resync->setQresync(known);
        QVERIFY(run(*a, resync));
        QCOMPARE(resync->info().vanished, QList<quint32>{3});
        // Changes within the known UIDs come as FETCH; the new message as EXISTS/UIDNEXT.
        QCOMPARE(resync->info().changed.size(), 1);
        QCOMPARE(resync->info().changed.first().uid, 2u);
        QVERIFY(resync->info().changed.first().flags->contains("\\Flagged"));
        QCOMPARE(resync->info().exists, 5u);
        QCOMPARE(resync->info().uidNext, 7u);
        QVERIFY(resync->info().highestModseq > known.modseq);

        // The same answer through UID FETCH (CHANGEDSINCE ... VANISHED).
        auto *fetch = new FetchTask(QByteArray("1:*"), {"UID", "FLAGS"});
        fetch->setChangedSince(known.modseq, true);
        QVERIFY(run(*a, fetch));
        QCOMPARE(fetch->vanished(), QList<quint32>{3});
        QCOMPARE(fetch->results().size(), 2);
        QVERIFY(run(*a, SimpleTask::close(false)));
        QVERIFY(run(*a, SimpleTask::remove(box)));
    }

    void idleReceivesDeliveredMail()
    {
        auto c = open(QStringLiteral("u8"));
        QVERIFY(c);
        QVERIFY(run(*c, new SelectTask(QStringLiteral("INBOX"))));
        QSignalSpy exists(c.get(), &Connection::existsChanged);
        auto *idle = new IdleTask;
        idle->setAutoDelete(false);
        idle->setParent(c.get());
        QSignalSpy idling(idle, &IdleTask::idling);
        QSignalSpy finished(idle, &Task::finished);
        c->enqueue(idle);
        QVERIFY(idling.wait(10000));
        QString error;
        QVERIFY2(m_fx.deliver(QStringLiteral("alice@example.test"),
                              QStringLiteral("u8@example.test"), message("pushed"), &error),
                 qPrintable(error));
        QVERIFY(exists.wait(30000));
        idle->stop();
        QVERIFY(finished.wait(10000));
        auto *search = new SearchTask({{"SUBJECT", "pushed", true}});
        QVERIFY(run(*c, search));
        QVERIFY(!search->ids().isEmpty());
    }

    void notifyPushesOtherMailboxes()
    {
        auto c = open(QStringLiteral("u8"));
        QVERIFY(c);
        const QString box = QStringLiteral("Notify-%1").arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(run(*c, SimpleTask::create(box)));
        QSignalSpy statuses(c.get(), &Connection::mailboxStatus);
        QVERIFY(run(*c, SimpleTask::notify("(personal (MessageNew MessageExpunge))")));
        auto other = open(QStringLiteral("u8"));
        QVERIFY(other);
        QVERIFY(run(*other, new AppendTask(box, message("notified"))));
        QTRY_VERIFY_WITH_TIMEOUT(!statuses.isEmpty(), 20000);
        QCOMPARE(statuses.first().first().value<StatusData>().mailbox, box);
        QVERIFY(run(*c, SimpleTask::notify({})));
        QVERIFY(run(*c, SimpleTask::remove(box)));
    }

    void compressDeflate()
    {
        auto c = open(QStringLiteral("alice"), true);
        QVERIFY(c);
        QVERIFY(c->isCompressed());
        auto *examine = new SelectTask(QStringLiteral("INBOX"), true);
        QVERIFY(run(*c, examine));
        auto *fetch = new FetchTask(QByteArray("1:*"), FetchTask::summaryItems(c->capabilities()),
                                    false);
        QVERIFY(run(*c, fetch));
        // Other tests read alice's INBOX over POP3, which sets \Seen: Dovecot then pushes
        // flag-only FETCHes into this session. Count the summaries we asked for.
        QSet<quint32> summarised;
        for (const FetchData &f : fetch->results()) {
            if (f.envelope && f.bodyStructure)
                summarised.insert(f.seq);
        }
        QCOMPARE(quint32(summarised.size()), examine->info().exists);
        QVERIFY(run(*c, new FetchTask(QByteArray("1"), {"BODY.PEEK[]"}, false)));
        QSignalSpy down(c.get(), &Connection::disconnected);
        c->logout();
        QVERIFY(down.wait(10000));
    }
};

QTEST_GUILESS_MAIN(TestImapDovecot)
#include "tst_imapdovecot.moc"
