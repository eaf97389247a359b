#include "cachetestutil.h"

#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "cache/transaction.h"

#include <QSqlError>

using namespace Tern;
using namespace Tern::Test;

namespace {

MessageHeader header(qint64 uid, quint32 flags = 0, const QString &subject = {})
{
    MessageHeader h;
    h.uid = uid;
    h.flags = MessageFlags(flags, {});
    h.date = 1700000000 + uid * 60;
    h.internalDate = h.date + 5;
    h.size = 1000 + uid;
    h.subject = subject.isEmpty() ? QStringLiteral("message %1").arg(uid) : subject;
    h.fromName = QStringLiteral("Alice");
    h.fromAddr = QStringLiteral("alice@example.org");
    h.toText = QStringLiteral("bob@example.org");
    h.messageId = QStringLiteral("<m%1@example.org>").arg(uid);
    h.bodyStructure = "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1)";
    return h;
}

} // namespace

class TestMessageStore : public QObject
{
    Q_OBJECT

    qint64 makeFolder(TempCache &c, const QString &path = QStringLiteral("INBOX"))
    {
        FolderStore fs(c.db->db());
        Transaction tx(c.db->db());
        const qint64 id = fs.upsert(tx, 1, {path, QStringLiteral("/"), {}, true});
        tx.commit();
        return id;
    }

    qint64 ftsHits(TempCache &c, const QString &match)
    {
        return c.scalar(QStringLiteral("SELECT count(*) FROM messages_fts WHERE messages_fts "
                                       "MATCH '%1'").arg(match));
    }

private Q_SLOTS:
    void batchInsertMaintainsCountsAndIndex()
    {
        TempCache c(QStringLiteral("ms1"));
        const qint64 inbox = makeFolder(c);
        MessageStore store(c.db->db());
        QList<MessageHeader> batch;
        for (int uid = 1; uid <= 10; ++uid)
            batch.append(header(uid, uid <= 4 ? quint32(MessageFlags::Seen) : 0u));
        batch[2].subject = QStringLiteral("Quarterly report");
        QVERIFY2(store.upsertHeaders(inbox, batch), qPrintable(store.lastError()));
        auto f = FolderStore(c.db->db()).find(inbox);
        QCOMPARE(f->total, 10);
        QCOMPARE(f->unread, 6);
        QCOMPARE(ftsHits(c, QStringLiteral("quarterly")), 1);
        QCOMPARE(ftsHits(c, QStringLiteral("alice")), 10);

        // A second pass updates flags only; the envelope of a uid never changes.
        batch[0].flags = MessageFlags(MessageFlags::Flagged, {QStringLiteral("$Work")});
        batch[0].subject = QStringLiteral("changed");
        QVERIFY(store.upsertHeaders(inbox, batch));
        f = FolderStore(c.db->db()).find(inbox);
        QCOMPARE(f->total, 10);
        QCOMPARE(f->unread, 7);
        const auto rows = store.list(inbox, 100);
        QCOMPARE(rows.size(), 10);
        QCOMPARE(rows.last().uid, 1);
        QCOMPARE(rows.last().subject, QStringLiteral("message 1"));
        QCOMPARE(rows.last().flags.toImap(),
                 (QStringList{QStringLiteral("\\Flagged"), QStringLiteral("$Work")}));
        QCOMPARE(rows.first().uid, 10); // newest first
        QCOMPARE(store.list(inbox, 3).size(), 3);
        QCOMPARE(store.list(inbox, 3, 9).size(), 1);
    }

    void flagUpdatesAndExpunges()
    {
        TempCache c(QStringLiteral("ms2"));
        const qint64 inbox = makeFolder(c);
        MessageStore store(c.db->db());
        QList<MessageHeader> batch;
        for (int uid = 1; uid <= 5; ++uid)
            batch.append(header(uid));
        QVERIFY(store.upsertHeaders(inbox, batch));
        QVERIFY(store.updateFlags(inbox, {{1, MessageFlags(MessageFlags::Seen, {}), 9},
                                          {2, MessageFlags(MessageFlags::Seen, {}), 9},
                                          {99, MessageFlags(MessageFlags::Seen, {}), 9}}));
        QCOMPARE(FolderStore(c.db->db()).find(inbox)->unread, 3);
        QCOMPARE(store.flagsOf(inbox).value(1).modseq, 9);
        {
            Transaction tx(c.db->db());
            const auto before = store.changeFlags(tx, inbox, {1, 3, 42},
                                                  MessageFlags(MessageFlags::Flagged, {}),
                                                  MessageFlags(MessageFlags::Seen, {}));
            QVERIFY(before);
            QCOMPARE(before->size(), 2);
            QCOMPARE(before->value(1).bits(), quint32(MessageFlags::Seen));
            QVERIFY(tx.commit());
        }
        QCOMPARE(FolderStore(c.db->db()).find(inbox)->unread, 4);
        QCOMPARE(store.flagsOf(inbox).value(3).flags.bits(), quint32(MessageFlags::Flagged));

        const qint64 row2 = store.messageId(inbox, 2);
        QVERIFY(store.storeBody(row2, "Subject: x\r\n\r\nzebra crossing\r\n",
                                QStringLiteral("zebra crossing")));
        QCOMPARE(ftsHits(c, QStringLiteral("zebra")), 1);
        QCOMPARE(store.body(row2).value(), QByteArray("Subject: x\r\n\r\nzebra crossing\r\n"));
        QVERIFY(store.expunge(inbox, {2, 4, 77}));
        QCOMPARE(FolderStore(c.db->db()).find(inbox)->total, 3);
        QCOMPARE(FolderStore(c.db->db()).find(inbox)->unread, 3);
        QCOMPARE(ftsHits(c, QStringLiteral("zebra")), 0);
        QCOMPARE(ftsHits(c, QStringLiteral("alice")), 3);
        QVERIFY(!store.body(row2));
        QCOMPARE(c.scalar(QStringLiteral("SELECT count(*) FROM bodies")), 0);
    }

    void uidvalidityChangeDropsServerRows()
    {
        TempCache c(QStringLiteral("ms3"));
        const qint64 inbox = makeFolder(c);
        MessageStore store(c.db->db());
        QVERIFY(FolderStore(c.db->db()).setSyncState(inbox, 10, 4, 0));
        QVERIFY(store.upsertHeaders(inbox, {header(1), header(2), header(3), header(-1)}));
        QVERIFY(store.resetFolder(inbox, 11));
        const auto f = FolderStore(c.db->db()).find(inbox);
        QCOMPARE(f->uidvalidity, 11);
        QCOMPARE(f->uidnext, 0);
        QCOMPARE(f->total, 1); // the local placeholder stays
        QCOMPARE(store.flagsOf(inbox).size(), 0);
    }

    void threads_data()
    {
        // Each row: "own-id in-reply-to refs..." ('-' for none); expected: a thread label per
        // message, equal labels meaning the same thread. Messages arrive one per batch.
        QTest::addColumn<QStringList>("messages");
        QTest::addColumn<QString>("threads");
        QTest::newRow("reply joins parent")
            << QStringList{QStringLiteral("<a> -"), QStringLiteral("<b> <a>"),
                           QStringLiteral("<c> -")}
            << QStringLiteral("x x y");
        QTest::newRow("references only")
            << QStringList{QStringLiteral("<a> -"), QStringLiteral("<c> - <a> <b>")}
            << QStringLiteral("x x");
        QTest::newRow("orphan, parent later")
            << QStringList{QStringLiteral("<c> <b>"), QStringLiteral("<z> -"),
                           QStringLiteral("<b> <a>"), QStringLiteral("<a> -")}
            << QStringLiteral("x y x x");
        QTest::newRow("two orphans merged by a later message")
            << QStringList{QStringLiteral("<d> <p>"), QStringLiteral("<e> <q>"),
                           QStringLiteral("<f> - <p> <q>")}
            << QStringLiteral("x x x");
        QTest::newRow("no message-id stands alone")
            << QStringList{QStringLiteral("- -"), QStringLiteral("- -")} << QStringLiteral("x y");
        QTest::newRow("siblings share an absent parent")
            << QStringList{QStringLiteral("<b> <a>"), QStringLiteral("<c> <a>")}
            << QStringLiteral("x x");
    }

    void threads()
    {
        QFETCH(QStringList, messages);
        QFETCH(QString, threads);
        TempCache c(QStringLiteral("ms4"));
        const qint64 inbox = makeFolder(c);
        const qint64 sent = makeFolder(c, QStringLiteral("Sent"));
        MessageStore store(c.db->db());
        for (int i = 0; i < messages.size(); ++i) {
            const QStringList parts = messages.at(i).split(QLatin1Char(' '));
            MessageHeader h = header(i + 1);
            h.messageId = parts.at(0) == QLatin1StringView("-") ? QString() : parts.at(0);
            h.inReplyTo = parts.at(1) == QLatin1StringView("-") ? QString() : parts.at(1);
            h.references = parts.mid(2);
            // Alternate folders: threads span the account's folders.
            QVERIFY2(store.upsertHeaders(i % 2 ? sent : inbox, {h}),
                     qPrintable(store.lastError()));
        }
        QSqlQuery q(c.db->db());
        QVERIFY(q.exec(QStringLiteral("SELECT thread_id FROM messages ORDER BY uid")));
        QList<qint64> ids;
        while (q.next())
            ids.append(q.value(0).toLongLong());
        const QStringList labels = threads.split(QLatin1Char(' '));
        QCOMPARE(ids.size(), labels.size());
        for (int i = 0; i < ids.size(); ++i) {
            QVERIFY(ids[i] > 0);
            for (int j = 0; j < ids.size(); ++j)
                QCOMPARE(ids[i] == ids[j], labels[i] == labels[j]);
        }
    }

    void listQueryUsesDateIndex()
    {
        TempCache c(QStringLiteral("ms5"));
        QSqlQuery q(c.db->db());
        QVERIFY(q.prepare(QStringLiteral("EXPLAIN QUERY PLAN ") + MessageStore::listQuery()));
        q.addBindValue(1);
        q.addBindValue(50);
        q.addBindValue(0);
        QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        QString plan;
        while (q.next())
            plan += q.value(3).toString() + QLatin1Char('\n');
        QVERIFY2(plan.contains(QLatin1StringView("USING INDEX messages_by_date")),
                 qPrintable(plan));
        QVERIFY2(!plan.contains(QLatin1StringView("TEMP B-TREE")), qPrintable(plan));
    }
};

QTEST_GUILESS_MAIN(TestMessageStore)
#include "tst_messagestore.moc"
