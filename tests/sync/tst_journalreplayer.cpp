#include "fakemailserver.h"
#include "syncfixture.h"

#include "sync/journal.h"
#include "sync/journalreplayer.h"

#include <QTest>

using namespace Tern;
using namespace Tern::Test;

namespace {

const QByteArray draft = "Message-ID: <draft@example.org>\r\nSubject: d\r\n\r\nhello\r\n";

/// The server side of SyncFixture: the same folders, uids and Message-IDs.
void mirror(FakeMailServer &server)
{
    server.folders[QStringLiteral("INBOX")].uidvalidity = 100;
    for (int i = 1; i <= 5; ++i)
        server.add(QStringLiteral("INBOX"), QStringLiteral("<m%1@example.org>").arg(i));
    server.folders[QStringLiteral("Archive")].uidvalidity = 200;
    server.folders[QStringLiteral("Trash")].uidvalidity = 100;
    server.folders[QStringLiteral("Drafts")].uidvalidity = 100;
}

JournalReplayer::Summary replay(Journal &journal, MailServerOps &server, bool *finished = nullptr)
{
    JournalReplayer replayer(journal, server);
    JournalReplayer::Summary summary;
    bool done = false;
    replayer.run(1, [&](const JournalReplayer::Summary &s) {
        summary = s;
        done = true;
    });
    if (finished)
        *finished = done;
    return summary;
}

MessageHeader draftHeader()
{
    MessageHeader h;
    h.subject = QStringLiteral("d");
    h.messageId = QStringLiteral("<draft@example.org>");
    h.flags = MessageFlags(MessageFlags::Draft, {});
    return h;
}

} // namespace

class TestJournalReplayer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replayAppliesEverythingOnce()
    {
        SyncFixture f(QStringLiteral("r1"));
        FakeMailServer server;
        mirror(server);
        Journal journal(f.db->db());
        QVERIFY(journal.markRead(f.inbox, {1, 2}, true));
        QVERIFY(journal.addKeywords(f.inbox, {1}, {QStringLiteral("$Work")}));
        QVERIFY(journal.move(f.inbox, {3}, f.archive));
        QVERIFY(journal.copy(f.inbox, {4}, f.archive));
        QVERIFY(journal.deleteMessages(f.inbox, {5}, Journal::DeleteMode::ToTrash));
        QVERIFY(journal.createFolder(1, QStringLiteral("Projects"), QStringLiteral("/")));
        QVERIFY(journal.renameFolder(f.archive, QStringLiteral("Old")));
        QVERIFY(journal.append(f.drafts, draft, draftHeader()));

        bool finished = false;
        const auto s = replay(journal, server, &finished);
        QVERIFY(finished);
        QCOMPARE(s.done, 8);
        QCOMPARE(s.failed + s.resolved, 0);
        QVERIFY(!s.stopped);
        QCOMPARE(journal.pendingOperations(1).size(), 0);

        const auto &inbox = server.folders[QStringLiteral("INBOX")].messages;
        QCOMPARE(inbox.keys(), (QList<qint64>{1, 2, 4}));
        QCOMPARE(inbox[1].flags, (QStringList{QStringLiteral("\\Seen"), QStringLiteral("$Work")}));
        QCOMPARE(inbox[2].flags, QStringList{QStringLiteral("\\Seen")});
        QVERIFY(!server.folders.contains(QStringLiteral("Archive")));
        QCOMPARE(server.folders[QStringLiteral("Old")].messages.size(), 2);
        QCOMPARE(server.folders[QStringLiteral("Trash")].messages.first().messageId,
                 QStringLiteral("<m5@example.org>"));
        QVERIFY(server.folders.contains(QStringLiteral("Projects")));
        QCOMPARE(server.countOf(QStringLiteral("<draft@example.org>")), 1);

        // The cache now holds the server's uids (COPYUID/APPENDUID) instead of placeholders.
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM messages WHERE uid <= 0")), 0);
        QCOMPARE(MessageStore(f.db->db()).flagsOf(f.archive).keys().size(), 2);
        QCOMPARE(MessageStore(f.db->db()).flagsOf(f.drafts).keys(), QList<qint64>{1});

        // Nothing left: a second run sends nothing.
        const qsizetype calls = server.log.size();
        QCOMPARE(replay(journal, server).done, 0);
        QCOMPARE(server.log.size(), calls);
    }

    void transientErrorStopsThenResumes()
    {
        SyncFixture f(QStringLiteral("r2"));
        FakeMailServer server;
        mirror(server);
        Journal journal(f.db->db());
        QVERIFY(journal.move(f.inbox, {3}, f.archive));
        QVERIFY(journal.markRead(f.inbox, {1}, true));
        server.offline = true;
        auto s = replay(journal, server);
        QVERIFY(s.stopped);
        QCOMPARE(s.error, QStringLiteral("offline"));
        auto ops = journal.pendingOperations(1);
        QCOMPARE(ops.size(), 2);
        QCOMPARE(ops[0].state, JournalOp::State::Sent);
        QCOMPARE(ops[1].state, JournalOp::State::Pending);

        server.offline = false;
        s = replay(journal, server);
        QVERIFY(!s.stopped);
        QCOMPARE(s.done, 2);
        QCOMPARE(server.countOf(QStringLiteral("<m3@example.org>")), 1);
        QCOMPARE(server.log.count(QStringLiteral("check-uids")), 1); // 'sent' was verified
        QCOMPARE(journal.pendingOperations(1).size(), 0);
    }

    void permanentRefusalRevertsAndContinues()
    {
        SyncFixture f(QStringLiteral("r3"));
        FakeMailServer server;
        mirror(server);
        server.refuse.insert(QStringLiteral("move"));
        Journal journal(f.db->db());
        QVERIFY(journal.move(f.inbox, {3}, f.archive));
        QVERIFY(journal.markRead(f.inbox, {1}, true));
        const auto s = replay(journal, server);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.done, 1);
        QVERIFY(MessageStore(f.db->db()).messageId(f.inbox, 3) > 0); // back where it was
        QCOMPARE(FolderStore(f.db->db()).find(f.archive)->total, 0);
        const auto failed = journal.failedOperations(1);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().lastError, QStringLiteral("NO [CANNOT] move refused"));
        QCOMPARE(journal.pendingOperations(1).size(), 0);
    }

    void goneOnServerIsResolved()
    {
        SyncFixture f(QStringLiteral("r4"));
        FakeMailServer server;
        mirror(server);
        Journal journal(f.db->db());
        QVERIFY(journal.move(f.inbox, {2}, f.archive));
        const qint64 placeholder = f.scalar(
            QStringLiteral("SELECT uid FROM messages WHERE folder_id = %1").arg(f.archive));
        QVERIFY(journal.markRead(f.archive, {placeholder}, true));
        QVERIFY(journal.deleteMessages(f.inbox, {4}, Journal::DeleteMode::Expunge));
        // Another client expunged 2 and the folder was recreated (new UIDVALIDITY) meanwhile.
        server.folders[QStringLiteral("INBOX")].messages.remove(2);
        const auto s = replay(journal, server);
        QVERIFY(!s.stopped);
        QCOMPARE(s.failed, 0);
        QCOMPARE(s.resolved, 2); // the move (gone), then the flag change on its placeholder
        QCOMPARE(s.done, 1);
        QCOMPARE(journal.pendingOperations(1).size(), 0);
        QCOMPARE(journal.failedOperations(1).size(), 0);

        QVERIFY(journal.markRead(f.inbox, {1}, true));
        server.folders[QStringLiteral("INBOX")].uidvalidity = 101;
        QCOMPARE(replay(journal, server).resolved, 1);
        QCOMPARE(journal.pendingOperations(1).size(), 0);
    }

    void crashBetweenSentAndDone_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("check");
        QTest::newRow("move") << QStringLiteral("move") << QStringLiteral("check-uids");
        QTest::newRow("copy") << QStringLiteral("copy") << QStringLiteral("check-ids");
        QTest::newRow("append") << QStringLiteral("append") << QStringLiteral("check-ids");
        QTest::newRow("create") << QStringLiteral("create") << QStringLiteral("check-folder");
        QTest::newRow("rename") << QStringLiteral("rename") << QStringLiteral("check-folder");
        QTest::newRow("store") << QStringLiteral("store") << QString();
        QTest::newRow("expunge") << QStringLiteral("expunge") << QString();
        QTest::newRow("delete") << QStringLiteral("delete") << QString();
    }

    void crashBetweenSentAndDone()
    {
        QFETCH(QString, command);
        QFETCH(QString, check);
        SyncFixture f(QStringLiteral("r5"));
        FakeMailServer server;
        mirror(server);
        {
            Journal journal(f.db->db());
            qint64 id = 0;
            if (command == QLatin1StringView("move"))
                id = journal.move(f.inbox, {3}, f.archive);
            else if (command == QLatin1StringView("copy"))
                id = journal.copy(f.inbox, {4}, f.archive);
            else if (command == QLatin1StringView("append"))
                id = journal.append(f.drafts, draft, draftHeader());
            else if (command == QLatin1StringView("create"))
                id = journal.createFolder(1, QStringLiteral("Projects"), QStringLiteral("/"));
            else if (command == QLatin1StringView("rename"))
                id = journal.renameFolder(f.archive, QStringLiteral("Old"));
            else if (command == QLatin1StringView("store"))
                id = journal.markFlagged(f.inbox, {1}, true);
            else if (command == QLatin1StringView("expunge"))
                id = journal.deleteMessages(f.inbox, {5}, Journal::DeleteMode::Expunge);
            else
                id = journal.deleteFolder(f.trash);
            QVERIFY(id);
            server.crashAfter = command;
            bool finished = true;
            replay(journal, server, &finished);
            QVERIFY(server.crashed);
            QVERIFY(!finished); // the answer never came: the process "died" here
        }
        // Restart: a new connection to the same file, the server kept its state.
        const QString path = f.path;
        f.db.reset();
        Database db(path, QStringLiteral("r5-restart"));
        Journal journal(db.db());
        QCOMPARE(journal.pendingOperations(1).first().state, JournalOp::State::Sent);
        server.crashAfter.clear();
        bool finished = false;
        const auto s = replay(journal, server, &finished);
        QVERIFY(finished);
        QVERIFY2(!s.stopped && s.failed == 0, qPrintable(s.error));
        QCOMPARE(journal.pendingOperations(1).size(), 0);
        if (!check.isEmpty()) {
            QCOMPARE(server.log.count(check), 1);
            QCOMPARE(server.log.count(command), 1); // verified, not sent again
        }
        const auto &fs = server.folders;
        if (command == QLatin1StringView("move")) {
            QCOMPARE(server.countOf(QStringLiteral("<m3@example.org>")), 1);
            QCOMPARE(fs[QStringLiteral("Archive")].messages.size(), 1);
        } else if (command == QLatin1StringView("copy")) {
            QCOMPARE(server.countOf(QStringLiteral("<m4@example.org>")), 2);
            // The copy was found by Message-ID, so the cache knows its server uid.
            QCOMPARE(MessageStore(db.db()).flagsOf(f.archive).keys(), QList<qint64>{1});
        } else if (command == QLatin1StringView("append")) {
            QCOMPARE(server.countOf(QStringLiteral("<draft@example.org>")), 1);
            QCOMPARE(MessageStore(db.db()).flagsOf(f.drafts).keys(), QList<qint64>{1});
        } else if (command == QLatin1StringView("create")) {
            QVERIFY(fs.contains(QStringLiteral("Projects")));
        } else if (command == QLatin1StringView("rename")) {
            QVERIFY(fs.contains(QStringLiteral("Old")) && !fs.contains(QStringLiteral("Archive")));
        } else if (command == QLatin1StringView("store")) {
            QCOMPARE(fs[QStringLiteral("INBOX")].messages[1].flags,
                     QStringList{QStringLiteral("\\Flagged")});
        } else if (command == QLatin1StringView("expunge")) {
            QVERIFY(!fs[QStringLiteral("INBOX")].messages.contains(5));
        } else {
            QVERIFY(!fs.contains(QStringLiteral("Trash")));
        }
    }
};

QTEST_GUILESS_MAIN(TestJournalReplayer)
#include "tst_journalreplayer.moc"
