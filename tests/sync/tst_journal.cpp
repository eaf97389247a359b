#include "syncfixture.h"

#include "sync/journal.h"

#include <QJsonArray>
#include <QTest>

using namespace Tern;
using namespace Tern::Test;

class TestJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void actionsChangeCacheAndJournalTogether()
    {
        SyncFixture f(QStringLiteral("j1"));
        Journal journal(f.db->db());
        FolderStore folders(f.db->db());
        QVERIFY(journal.markRead(f.inbox, {1, 2}, true));
        QCOMPARE(folders.find(f.inbox)->unread, 3);
        QVERIFY(journal.addKeywords(f.inbox, {1}, {QStringLiteral("$Work")}));
        QVERIFY(journal.markFlagged(f.inbox, {1}, true));
        QCOMPARE(MessageStore(f.db->db()).flagsOf(f.inbox).value(1).flags.toImap(),
                 (QStringList{QStringLiteral("\\Seen"), QStringLiteral("\\Flagged"),
                              QStringLiteral("$Work")}));
        QVERIFY(journal.move(f.inbox, {3}, f.archive));
        QVERIFY(journal.copy(f.inbox, {4}, f.archive));
        QVERIFY(journal.deleteMessages(f.inbox, {5}, Journal::DeleteMode::ToTrash));
        QCOMPARE(folders.find(f.inbox)->total, 3);
        QCOMPARE(folders.find(f.archive)->total, 2);
        QCOMPARE(folders.find(f.trash)->total, 1);
        QVERIFY(f.scalar(QStringLiteral("SELECT max(uid) FROM messages WHERE folder_id = %1")
                             .arg(f.archive)) < 0);
        // Deleting inside Trash expunges.
        const qint64 trashUid = f.scalar(QStringLiteral(
            "SELECT uid FROM messages WHERE folder_id = %1").arg(f.trash));
        QVERIFY(journal.deleteMessages(f.trash, {trashUid}, Journal::DeleteMode::ToTrash));
        QCOMPARE(folders.find(f.trash)->total, 0);

        const auto ops = journal.pendingOperations(1);
        QCOMPARE(ops.size(), 7);
        QCOMPARE(ops[0].kind, JournalOp::Kind::Flags);
        QCOMPARE(ops[3].kind, JournalOp::Kind::Move);
        QCOMPARE(ops[4].kind, JournalOp::Kind::Copy);
        QCOMPARE(ops[5].kind, JournalOp::Kind::Move); // to Trash
        QCOMPARE(ops[6].kind, JournalOp::Kind::Expunge);
        QCOMPARE(ops[0].payload.value(QStringLiteral("uids")).toArray().size(), 2);

        // Durable: a new connection (as after a restart) sees the same entries.
        const QString path = f.path;
        f.db.reset();
        Database again(path, QStringLiteral("j1b"));
        QCOMPARE(Journal(again.db()).pendingOperations(1).size(), 7);
    }

    void unknownMessagesAreRefused()
    {
        SyncFixture f(QStringLiteral("j2"));
        Journal journal(f.db->db());
        QCOMPARE(journal.markRead(f.inbox, {42}, true), 0);
        QCOMPARE(journal.move(f.inbox, {42}, f.archive), 0);
        QCOMPARE(journal.deleteMessages(f.inbox, {42}, Journal::DeleteMode::Expunge), 0);
        QCOMPARE(journal.renameFolder(f.inbox, QStringLiteral("Archive")), 0);
        QCOMPARE(journal.pendingOperations(1).size(), 0);
    }

    void permanentFailureReverts_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<bool>("messagesReturn");
        QTest::newRow("flags") << 0 << true;
        QTest::newRow("keywords") << 1 << true;
        QTest::newRow("move") << 2 << true;
        QTest::newRow("copy") << 3 << true;
        QTest::newRow("expunge") << 4 << true;
        QTest::newRow("create folder") << 5 << true;
        QTest::newRow("rename folder") << 6 << true;
        QTest::newRow("delete folder") << 7 << false;
    }

    void permanentFailureReverts()
    {
        QFETCH(int, action);
        QFETCH(bool, messagesReturn);
        SyncFixture f(QStringLiteral("j3"));
        Journal journal(f.db->db());
        // Something already pending must survive the undo of a later entry.
        QVERIFY(journal.markRead(f.inbox, {1}, true));
        const QStringList before = f.snapshot();
        qint64 id = 0;
        switch (action) {
        case 0: id = journal.markRead(f.inbox, {1, 2, 3}, true); break;
        case 1: id = journal.addKeywords(f.inbox, {2}, {QStringLiteral("$x")}); break;
        case 2: id = journal.move(f.inbox, {2, 3}, f.archive); break;
        case 3: id = journal.copy(f.inbox, {2, 3}, f.archive); break;
        case 4: id = journal.deleteMessages(f.inbox, {2, 4}, Journal::DeleteMode::Expunge); break;
        case 5: id = journal.createFolder(1, QStringLiteral("P"), QStringLiteral("/")); break;
        case 6: id = journal.renameFolder(f.archive, QStringLiteral("Old")); break;
        case 7: id = journal.deleteFolder(f.inbox); break;
        }
        QVERIFY2(id, qPrintable(journal.lastError()));
        QVERIFY(f.snapshot() != before);
        QVERIFY(journal.markSent(id));
        QVERIFY(journal.markFailed(id, QStringLiteral("NO [CANNOT] refused"), true));
        if (messagesReturn) {
            QCOMPARE(f.snapshot(), before);
        } else {
            QVERIFY(FolderStore(f.db->db()).find(1, QStringLiteral("INBOX")));
            QCOMPARE(FolderStore(f.db->db()).find(1, QStringLiteral("INBOX"))->uidvalidity, 0);
        }
        QCOMPARE(journal.pendingOperations(1).size(), 1);
        const auto failed = journal.failedOperations(1);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().lastError, QStringLiteral("NO [CANNOT] refused"));
        QVERIFY(journal.dismissFailed(id));
        QCOMPARE(journal.failedOperations(1).size(), 0);
    }

    void transientFailureKeepsState()
    {
        SyncFixture f(QStringLiteral("j4"));
        Journal journal(f.db->db());
        const qint64 id = journal.move(f.inbox, {1}, f.archive);
        QVERIFY(journal.markSent(id));
        const QStringList after = f.snapshot();
        QVERIFY(journal.markFailed(id, QStringLiteral("connection lost"), false));
        QCOMPARE(f.snapshot(), after);
        const auto ops = journal.pendingOperations(1);
        QCOMPARE(ops.size(), 1);
        QCOMPARE(ops.first().state, JournalOp::State::Sent);
        QCOMPARE(ops.first().lastError, QStringLiteral("connection lost"));
        QCOMPARE(ops.first().attempts, 1);
    }

    void doneMapsPlaceholdersAndLaterEntries()
    {
        SyncFixture f(QStringLiteral("j5"));
        Journal journal(f.db->db());
        MessageStore messages(f.db->db());
        const qint64 moveId = journal.move(f.inbox, {2, 3}, f.archive);
        const auto temps = messages.flagsOf(f.archive); // placeholders are not server uids
        QVERIFY(temps.isEmpty());
        const qint64 temp2 = f.scalar(QStringLiteral(
            "SELECT uid FROM messages WHERE folder_id = %1 AND subject = 'message 2'")
                                           .arg(f.archive));
        QVERIFY(temp2 < 0);
        // A later action on the moved message names its placeholder.
        QVERIFY(journal.markFlagged(f.archive, {temp2}, true));

        ServerResult r;
        r.uidvalidity = 200;
        r.uidMap = {{2, 501}}; // 3 unmapped: dropped, the next sync fetches it
        QVERIFY(journal.markDone(moveId, r));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM messages WHERE folder_id = %1")
                              .arg(f.archive)), 1);
        QCOMPARE(f.scalar(QStringLiteral("SELECT uid FROM messages WHERE folder_id = %1")
                              .arg(f.archive)), 501);
        const auto ops = journal.pendingOperations(1);
        QCOMPARE(ops.size(), 1);
        const QJsonArray mapped = ops.first().payload.value(QStringLiteral("uids")).toArray();
        QCOMPARE(mapped.first().toInteger(), 501);

        // A COPYUID under another UIDVALIDITY is useless: placeholders are dropped.
        const qint64 copyId = journal.copy(f.inbox, {1}, f.archive);
        r.uidvalidity = 999;
        r.uidMap = {{1, 777}};
        QVERIFY(journal.markDone(copyId, r));
        QCOMPARE(f.scalar(QStringLiteral("SELECT count(*) FROM messages WHERE uid = 777")), 0);
    }

    void appendKeepsTheMessage()
    {
        SyncFixture f(QStringLiteral("j6"));
        Journal journal(f.db->db());
        MessageHeader h;
        h.subject = QStringLiteral("draft");
        h.messageId = QStringLiteral("<draft1@example.org>");
        h.flags = MessageFlags(MessageFlags::Draft | MessageFlags::Seen, {});
        const QByteArray raw = "Message-ID: <draft1@example.org>\r\nSubject: draft\r\n\r\nhi\r\n";
        const qint64 id = journal.append(f.drafts, raw, h);
        QVERIFY(id);
        const auto op = journal.pendingOperations(1).first();
        QCOMPARE(journal.appendData(op), raw);
        // Refused for good: the draft stays (a message is never lost).
        QVERIFY(journal.markFailed(id, QStringLiteral("over quota"), true));
        QCOMPARE(FolderStore(f.db->db()).find(f.drafts)->total, 1);

        const qint64 id2 = journal.append(f.drafts, raw, h);
        ServerResult r;
        r.uidvalidity = 100;
        r.uidMap = {{0, 42}};
        QVERIFY(journal.markDone(id2, r));
        QVERIFY(MessageStore(f.db->db()).messageId(f.drafts, 42) > 0);
    }
};

QTEST_GUILESS_MAIN(TestJournal)
#include "tst_journal.moc"
