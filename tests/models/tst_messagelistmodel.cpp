#include "testcache.h"

#include "models/flagwriter.h"
#include "models/messagelistmodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Qt::StringLiterals;
using Model = MessageListModel;

namespace {

constexpr auto Tester = QAbstractItemModelTester::FailureReportingMode::QtTest;

QStringList subjects(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r)
        out << model.index(r, Model::SubjectColumn, parent).data().toString();
    return out;
}

// Subjects depth first, indented by thread depth.
QStringList tree(const QAbstractItemModel &model, const QModelIndex &parent = {})
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, Model::SubjectColumn, parent);
        out << QString(i.data(ModelRole::ThreadDepth).toInt() * 2, QLatin1Char(' '))
                + i.data().toString();
        out << tree(model, model.index(r, 0, parent));
    }
    return out;
}

struct Spies {
    explicit Spies(QAbstractItemModel *m)
        : reset(m, &QAbstractItemModel::modelReset), inserted(m,
            &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved), changed(m,
              &QAbstractItemModel::dataChanged),
          layout(m, &QAbstractItemModel::layoutChanged)
    {
    }
    QSignalSpy reset, inserted, removed, changed, layout;
};

// Four messages whose columns each sort differently.
struct SmallFolder {
    TestCache cache;
    qint64 account = cache.addAccount(u"Work"_s);
    qint64 inbox = cache.addFolder(account, u"INBOX"_s);
    QList<qint64> ids = cache.addMessages(inbox, {
        Msg().flags(1).date(100).subject(u"banana"_s).fromName(u"Carol"_s)
            .fromAddr(u"carol@example.test"_s).size(300),
        Msg().flags(0).date(300).subject(u"Apple"_s).fromAddr(u"zed@example.test"_s).size(100)
            .attachments(true),
        Msg().flags(5).date(200).subject(u"cherry"_s).fromName(u"Bob"_s)
            .fromAddr(u"bob@example.test"_s).size(200),
        Msg().flags(0).date(400).subject(u"date"_s).fromName(u"alice"_s)
            .fromAddr(u"alice@example.test"_s).size(50),
    });
};

} // namespace

class TestMessageListModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initialLoad()
    {
        SmallFolder f;
        Model model(f.cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        QCOMPARE(model.rowCount(), 0);
        model.setFolder(f.inbox);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(Model::ColumnCount));
        QCOMPARE(subjects(model), (QStringList{u"date"_s, u"Apple"_s,
                                               u"cherry"_s, u"banana"_s}));
        const QModelIndex apple = model.index(1, 0);
        QCOMPARE(apple.data(ModelRole::MessageId).toLongLong(), f.ids[1]);
        QCOMPARE(apple.data(ModelRole::FolderId).toLongLong(), f.inbox);
        QCOMPARE(apple.data(ModelRole::AccountId).toLongLong(), f.account);
        QCOMPARE(apple.data(ModelRole::Uid).toLongLong(), 2);
        QCOMPARE(apple.data(ModelRole::Unread).toBool(), true);
        QCOMPARE(apple.data(ModelRole::Flagged).toBool(), false);
        QCOMPARE(apple.data(ModelRole::HasAttachments).toBool(), true);
        QCOMPARE(apple.data(ModelRole::ThreadDepth).toInt(), 0);
        QCOMPARE(model.index(1, Model::CorrespondentColumn).data().toString(),
                 u"zed@example.test"_s); // no name: the address
        QCOMPARE(model.index(1, Model::DateColumn).data().toDateTime(),
                 QDateTime::fromSecsSinceEpoch(300));
        QCOMPARE(model.index(1, Model::SizeColumn).data().toLongLong(), 100);
        const QModelIndex cherry = model.index(2, 0);
        QCOMPARE(cherry.data(ModelRole::Flagged).toBool(), true);
        QCOMPARE(cherry.data(ModelRole::Unread).toBool(), false);
        QCOMPARE(model.index(2, Model::CorrespondentColumn).data().toString(), u"Bob"_s);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.headerData(Model::SubjectColumn, Qt::Horizontal).toString(),
                 u"Subject"_s);
    }

    void sortByColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<Qt::SortOrder>("order");
        QTest::addColumn<QStringList>("expected");
        auto row = [](const char *name, int column, Qt::SortOrder order, const char *subjects) {
            QTest::newRow(name) << column << order
                                << QString::fromLatin1(subjects).split(QLatin1Char(' '));
        };
        row("date ascending", Model::DateColumn, Qt::AscendingOrder, "banana cherry Apple date");
        row("date descending", Model::DateColumn, Qt::DescendingOrder, "date Apple cherry banana");
        row("subject, case-insensitive", Model::SubjectColumn, Qt::AscendingOrder,
            "Apple banana cherry date");
        row("subject descending", Model::SubjectColumn, Qt::DescendingOrder,
            "date cherry banana Apple");
        row("correspondent: name, else address", Model::CorrespondentColumn,
            Qt::AscendingOrder, "date cherry banana Apple");
        row("size", Model::SizeColumn, Qt::AscendingOrder, "date Apple cherry banana");
        row("size descending", Model::SizeColumn, Qt::DescendingOrder, "banana cherry Apple date");
        row("flagged last, then date", Model::FlagsColumn, Qt::AscendingOrder,
            "banana Apple date cherry");
        row("attachments first, then newest", Model::AttachmentColumn, Qt::DescendingOrder,
            "Apple date cherry banana");
    }

    void sortByColumn()
    {
        QFETCH(int, column);
        QFETCH(Qt::SortOrder, order);
        QFETCH(QStringList, expected);
        SmallFolder f;
        Model model(f.cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(f.inbox);
        // Re-sorting keeps persistent indexes (selection, current row) on their message.
        const QPersistentModelIndex banana = model.indexOfMessage(f.ids[0]);
        Spies spies(&model);
        model.sort(Model::SubjectColumn == column && order == Qt::AscendingOrder
                       ? Model::DateColumn : Model::SubjectColumn, Qt::AscendingOrder);
        model.sort(column, order);
        QCOMPARE(subjects(model), expected);
        QCOMPARE(banana.data(ModelRole::MessageId).toLongLong(), f.ids[0]);
        QCOMPARE(banana.row(), int(expected.indexOf(u"banana"_s)));
        QCOMPARE(spies.reset.size(), 0);
        QVERIFY(spies.layout.size() >= 1);
    }

    void recipientsInSent()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 sent = cache.addFolder(a, u"Sent"_s, u"sent"_s);
        cache.addMessages(sent, {Msg().subject(u"x"_s).fromName(u"Me"_s)
            .toText(u"Bob <bob@example.test>"_s)});
        Model model(cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(sent);
        QCOMPARE(model.index(0, Model::CorrespondentColumn).data().toString(),
                 u"Bob <bob@example.test>"_s);
        QCOMPARE(model.headerData(Model::CorrespondentColumn, Qt::Horizontal).toString(),
                 u"Recipients"_s);
    }

    void unifiedInbox()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"A"_s);
        const qint64 b = cache.addAccount(u"B"_s);
        const qint64 inboxA = cache.addFolder(a, u"INBOX"_s);
        const qint64 inboxB = cache.addFolder(b, u"Posteingang"_s, u"inbox"_s);
        const qint64 sentB = cache.addFolder(b, u"Sent"_s, u"sent"_s);
        cache.addMessages(inboxA, {Msg().date(1).subject(u"a1"_s),
                                   Msg().date(3).subject(u"a3"_s)});
        cache.addMessages(inboxB, {Msg().date(2).subject(u"b2"_s)});
        cache.addMessages(sentB, {Msg().date(4).subject(u"sent"_s)});
        Model model(cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setUnifiedInbox();
        QVERIFY(model.isUnifiedInbox());
        QCOMPARE(subjects(model), (QStringList{u"a3"_s, u"b2"_s,
                                               u"a1"_s}));
        QCOMPARE(model.index(1, 0).data(ModelRole::AccountId).toLongLong(), b);
    }

    void threadedMode()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 inbox = cache.addFolder(a, u"INBOX"_s);
        // Thread 7: root, a reply, a reply to the reply, and a late reply found only through
        // References. Thread 8 has one message; the last message has no thread at all.
        const QList<qint64> ids = cache.addMessages(inbox, {
            Msg().date(10).subject(u"root"_s).messageId(u"<r>"_s).threadId(7),
            Msg().date(20).subject(u"re1"_s).messageId(u"<r1>"_s).inReplyTo(u"<r>"_s)
                .references(u"<r>"_s).threadId(7),
            Msg().date(30).subject(u"re1.1"_s).messageId(u"<r11>"_s).inReplyTo(u"<r1>"_s)
                .references(u"<r> <r1>"_s).threadId(7),
            Msg().date(50).subject(u"alone"_s).threadId(8),
            Msg().date(60).subject(u"unthreaded"_s),
            Msg().date(40).subject(u"re2"_s).messageId(u"<r2>"_s).references(u"<r> <lost>"_s)
                .threadId(7),
        });
        Model model(cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(inbox);
        QCOMPARE(model.rowCount(), 6);
        model.setThreaded(true);
        QVERIFY(model.isThreaded());
        // Newest first: a thread sorts by its newest message; inside, replies by date.
        QCOMPARE(tree(model), (QStringList{u"unthreaded"_s, u"alone"_s,
                                           u"root"_s, u"  re1"_s,
                                           u"    re1.1"_s, u"  re2"_s}));
        const QModelIndex deep = model.indexOfMessage(ids[2]);
        QCOMPARE(deep.data(ModelRole::ThreadDepth).toInt(), 2);
        QCOMPARE(deep.parent().data(ModelRole::MessageId).toLongLong(), ids[1]);
        QCOMPARE(deep.parent().parent(), model.index(2, 0));
        QVERIFY(!model.flags(deep).testFlag(Qt::ItemIsEditable));

        model.sort(Model::DateColumn, Qt::AscendingOrder);
        QCOMPARE(tree(model), (QStringList{u"root"_s, u"  re1"_s,
                                           u"    re1.1"_s, u"  re2"_s,
                                           u"alone"_s, u"unthreaded"_s}));
        model.setThreaded(false);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
    }

    void flagChangeIsDataChanged()
    {
        SmallFolder f;
        Model model(f.cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(f.inbox);
        QCOMPARE(model.index(1, 0).data(ModelRole::Unread).toBool(), true); // Apple, cached now
        Spies spies(&model);
        QString error;
        QVERIFY2(writeFlags(f.cache.db(), {f.ids[1], f.ids[3]}, MessageFlag::Seen, 0, &error),
                 qPrintable(error));
        model.messagesChanged({f.ids[1], f.ids[3], 999999});
        // date (row 0) and Apple (row 1) are neighbours: one dataChanged over both rows.
        QCOMPARE(spies.changed.size(), 1);
        QCOMPARE(spies.changed.first().at(0).value<QModelIndex>(), model.index(0, 0));
        QCOMPARE(spies.changed.first().at(1).value<QModelIndex>(),
                 model.index(1, Model::ColumnCount - 1));
        QCOMPARE(model.index(1, 0).data(ModelRole::Unread).toBool(), false);
        QCOMPARE(model.index(0, 0).data(ModelRole::Unread).toBool(), false);
        QVERIFY(writeFlags(f.cache.db(), {f.ids[1]}, MessageFlag::Flagged, MessageFlag::Seen,
                           &error));
        model.messagesChanged({f.ids[1]});
        QCOMPARE(model.index(1, 0).data(ModelRole::Flags).toInt(), MessageFlag::Flagged);
        QCOMPARE(spies.reset.size() + spies.inserted.size() + spies.removed.size()
                     + spies.layout.size(), 0);
    }

    void insertAndRemove()
    {
        SmallFolder f;
        Model model(f.cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(f.inbox);
        Spies spies(&model);
        // Written by another connection, as the sync thread would.
        auto writer = f.cache.openAnother();
        TestCache &c = f.cache;
        const QList<qint64> added = c.addMessages(f.inbox, {
            Msg().date(250).subject(u"new 250"_s),
            Msg().date(260).subject(u"new 260"_s),
            Msg().date(500).subject(u"new 500"_s)});
        model.messagesAdded(added);
        QCOMPARE(subjects(model), (QStringList{u"new 500"_s, u"date"_s,
                                               u"Apple"_s, u"new 260"_s,
                                               u"new 250"_s, u"cherry"_s,
                                               u"banana"_s}));
        QCOMPARE(spies.inserted.size(), 2);
        QCOMPARE(spies.inserted.at(0).at(1).toInt(), 0);
        QCOMPARE(spies.inserted.at(1).at(1).toInt(), 3);
        QCOMPARE(spies.inserted.at(1).at(2).toInt(), 4);

        // A notice about another folder costs one cheap query and changes nothing.
        const qint64 other = c.addFolder(f.account, u"Other"_s);
        model.messagesAdded(c.addMessages(other, {Msg().subject(u"elsewhere"_s)}));
        QCOMPARE(model.rowCount(), 7);

        c.exec(u"DELETE FROM messages WHERE id IN (%1, %2, %3)"_s
                   .arg(f.ids[1]).arg(added[0]).arg(added[1]));
        model.messagesRemoved({f.ids[1], added[0], added[1]});
        QCOMPARE(subjects(model), (QStringList{u"new 500"_s, u"date"_s,
                                               u"cherry"_s, u"banana"_s}));
        QCOMPARE(spies.removed.size(), 1); // rows 2 to 4 in one go
        QCOMPARE(spies.removed.first().at(1).toInt(), 2);
        QCOMPARE(spies.removed.first().at(2).toInt(), 4);
        QCOMPARE(spies.reset.size(), 0);
    }

    void threadGrowsWithoutReset()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 inbox = cache.addFolder(a, u"INBOX"_s);
        cache.addMessages(inbox, {
            Msg().date(10).subject(u"root"_s).messageId(u"<r>"_s).threadId(1),
            Msg().date(20).subject(u"other"_s).threadId(2)});
        Model model(cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(inbox);
        model.setThreaded(true);
        Spies spies(&model);
        const QList<qint64> reply = cache.addMessages(inbox, {
            Msg().date(30).subject(u"reply"_s).inReplyTo(u"<r>"_s).threadId(1)});
        model.messagesAdded(reply);
        QCOMPARE(tree(model), (QStringList{u"root"_s, u"  reply"_s,
                                           u"other"_s}));
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.reset.size(), 0);
        cache.exec(u"DELETE FROM messages WHERE id = %1"_s.arg(reply[0]));
        model.messagesRemoved(reply);
        QCOMPARE(tree(model), (QStringList{u"other"_s, u"root"_s}));
        QCOMPARE(spies.reset.size(), 0);
    }

    void nextUnread()
    {
        SmallFolder f; // date desc: date (unread), Apple (unread), cherry, banana
        Model model(f.cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(f.inbox);
        QCOMPARE(model.nextUnread({}), model.index(0, 0));
        QCOMPARE(model.nextUnread(model.index(0, 0)), model.index(1, 0));
        QCOMPARE(model.nextUnread(model.index(2, 0)), model.index(0, 0)); // wraps around
        QString error;
        QVERIFY(writeFlags(f.cache.db(), {f.ids[1], f.ids[3]}, MessageFlag::Seen, 0, &error));
        QVERIFY(!model.nextUnread({}).isValid());
    }

    void hundredThousandMessages()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 inbox = cache.addFolder(a, u"INBOX"_s);
        const QList<qint64> ids = cache.fillSynthetic(inbox, 100'000);
        Model model(cache.db());
        QAbstractItemModelTester tester(&model, Tester);
        model.setFolder(inbox);
        QCOMPARE(model.rowCount(), 100'000);
        QVERIFY(!model.canFetchMore({}));
        model.fetchMore({}); // harmless
        QCOMPARE(model.rowCount(), 100'000);

        // Reading 1,000 rows of every column costs a handful of page reads, not 1,000 queries.
        const int pagesBefore = model.pageLoadCount();
        const int queriesBefore = model.queryCount();
        for (int r = 0; r < 1000; ++r) {
            for (int c = 0; c < Model::ColumnCount; ++c)
                QVERIFY(model.index(r, c).data(ModelRole::MessageId).toLongLong() > 0);
            QVERIFY(!model.index(r, Model::SubjectColumn).data().toString().isEmpty());
        }
        QCOMPARE(model.index(0, Model::SubjectColumn).data().toString(),
                 u"Synthetic message 99999"_s);
        QVERIFY(model.pageLoadCount() - pagesBefore <= 4);
        QCOMPARE(model.queryCount() - queriesBefore, model.pageLoadCount() - pagesBefore);

        // Scrolling to the middle and back: page by page, and the pages seen last are cached.
        const int pagesMiddle = model.pageLoadCount();
        for (int r = 50'000; r < 51'000; ++r)
            QCOMPARE(model.index(r, Model::SubjectColumn).data().toString(),
                     u"Synthetic message %1"_s.arg(99'999 - r));
        QVERIFY(model.pageLoadCount() - pagesMiddle <= 5);
        const int pagesBack = model.pageLoadCount();
        for (int r = 50'000; r < 51'000; ++r)
            model.index(r, 0).data(ModelRole::Unread);
        QCOMPARE(model.pageLoadCount(), pagesBack);

        // A flag change on a shown row: one dataChanged, no reset, one query.
        Spies spies(&model);
        QString error;
        QVERIFY(writeFlags(cache.db(), {ids[99'999]}, MessageFlag::Flagged, 0, &error));
        const int queries = model.queryCount();
        model.messagesChanged({ids[99'999]});
        QCOMPARE(model.queryCount() - queries, 1);
        QCOMPARE(spies.changed.size(), 1);
        QVERIFY(model.index(0, 0).data(ModelRole::Flagged).toBool());

        // Re-sort and thread the whole folder.
        model.sort(Model::SubjectColumn, Qt::AscendingOrder);
        QCOMPARE(model.index(0, Model::SubjectColumn).data().toString(),
                 u"Synthetic message 0"_s);
        model.setThreaded(true);
        QCOMPARE(model.rowCount(), 100'000);
        QCOMPARE(spies.reset.size(), 1); // the mode switch, not the flag change
    }
};

QTEST_GUILESS_MAIN(TestMessageListModel)
#include "tst_messagelistmodel.moc"
