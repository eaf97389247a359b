#include "testcache.h"

#include "models/foldermodel.h"
#include "models/modelroles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Tern;
using namespace Qt::StringLiterals;

namespace {

// The tree as indented names, depth first.
QStringList dump(const QAbstractItemModel &model, const QModelIndex &parent = {},
                 int depth = 0)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        out << QString(depth * 2, QLatin1Char(' ')) + i.data().toString();
        out << dump(model, i, depth + 1);
    }
    return out;
}

struct Spies {
    explicit Spies(QAbstractItemModel *m)
        : reset(m, &QAbstractItemModel::modelReset), inserted(m,
            &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved), changed(m,
              &QAbstractItemModel::dataChanged)
    {
    }
    QSignalSpy reset, inserted, removed, changed;
};

} // namespace

class TestFolderModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void treeOrder_data()
    {
        QTest::addColumn<QStringList>("folders"); // "path|role|delimiter"
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("special-use first, then by name")
            << QStringList{u"zeta||/"_s, u"Trash|trash|/"_s,
                           u"Alpha||/"_s, u"Sent|sent|/"_s,
                           u"Junk|junk|/"_s, u"INBOX||/"_s,
                           u"Archive|archive|/"_s, u"Drafts|drafts|/"_s,
                           u"beta||/"_s}
            << QStringList{u"Work"_s, u"  Inbox"_s,
                           u"  Drafts"_s, u"  Sent"_s,
                           u"  Archive"_s, u"  Junk"_s,
                           u"  Trash"_s, u"  Alpha"_s,
                           u"  beta"_s, u"  zeta"_s};
        QTest::newRow("tree from path and delimiter")
            << QStringList{u"Lists/Qt||/"_s, u"Lists||/"_s,
                           u"Lists/KDE||/"_s, u"INBOX.Sub||."_s,
                           u"INBOX||."_s, u"Lists/KDE/Plasma||/"_s}
            << QStringList{u"Work"_s, u"  Inbox"_s,
                           u"    Sub"_s, u"  Lists"_s,
                           u"    KDE"_s, u"      Plasma"_s,
                           u"    Qt"_s};
        QTest::newRow("unlisted parents become placeholders")
            << QStringList{u"Projects.Tern.Bugs||."_s, u"Other||."_s}
            << QStringList{u"Work"_s, u"  Other"_s,
                           u"  Projects"_s, u"    Tern"_s,
                           u"      Bugs"_s};
        QTest::newRow("no delimiter keeps the path whole")
            << QStringList{u"a/b||"_s}
            << QStringList{u"Work"_s, u"  a/b"_s};
    }

    void treeOrder()
    {
        QFETCH(QStringList, folders);
        QFETCH(QStringList, expected);
        TestCache cache;
        const qint64 account = cache.addAccount(u"Work"_s);
        for (const QString &f : folders) {
            const QStringList p = f.split(QLatin1Char('|'));
            cache.addFolder(account, p[0], p[1], p[2]);
        }
        FolderModel model(cache.db());
        QAbstractItemModelTester tester(&model,
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(dump(model), expected);
    }

    void accountsAndRoles()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Personal"_s);
        const qint64 b = cache.addAccount(u"Work"_s);
        const qint64 inboxB = cache.addFolder(b, u"INBOX"_s);
        cache.addFolder(a, u"Lists"_s, {}, u"/"_s);
        cache.addFolder(a, u"Lists/Qt"_s, {}, u"/"_s);
        FolderModel model(cache.db());
        QAbstractItemModelTester tester(&model,
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex personal = model.index(0, 0);
        QCOMPARE(personal.data().toString(), u"Personal"_s);
        QCOMPARE(personal.data(ModelRole::ItemKind).toInt(), int(ItemKind::Account));
        QCOMPARE(personal.data(ModelRole::AccountId).toLongLong(), a);
        QCOMPARE(personal.data(Qt::ToolTipRole).toString(), u"personal@example.test"_s);
        const QModelIndex qt = model.index(0, 0, model.index(0, 0, personal));
        QCOMPARE(qt.data().toString(), u"Qt"_s);
        QCOMPARE(qt.data(ModelRole::FolderPath).toString(), u"Lists/Qt"_s);
        const QModelIndex inbox = model.indexOfFolder(inboxB);
        QCOMPARE(inbox.parent(), model.indexOfAccount(b));
        QCOMPARE(inbox.data(ModelRole::FolderRole).toString(), u"inbox"_s);
        QCOMPARE(inbox.data(ModelRole::FolderId).toLongLong(), inboxB);
        QCOMPARE(inbox.data(ModelRole::ItemKind).toInt(), int(ItemKind::Folder));
    }

    void countsFromTheCache()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 inbox = cache.addFolder(a, u"INBOX"_s);
        const qint64 empty = cache.addFolder(a, u"Empty"_s);
        // Seen, unread, unread and deleted, flagged unread.
        cache.addMessages(inbox, {Msg().flags(1), Msg().flags(0), Msg().flags(8), Msg().flags(4)});
        FolderModel model(cache.db());
        QAbstractItemModelTester tester(&model,
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.indexOfFolder(inbox).data(ModelRole::UnreadCount).toInt(), 3);
        QCOMPARE(model.indexOfFolder(inbox).data(ModelRole::TotalCount).toInt(), 4);
        QCOMPARE(model.indexOfFolder(empty).data(ModelRole::UnreadCount).toInt(), 0);
        QCOMPARE(model.indexOfFolder(empty).data(ModelRole::TotalCount).toInt(), 0);
    }

    void countChangeIsDataChangedOnly()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        const qint64 inbox = cache.addFolder(a, u"INBOX"_s);
        const qint64 other = cache.addFolder(a, u"Other"_s);
        cache.fillSynthetic(inbox, 30);
        FolderModel model(cache.db());
        QAbstractItemModelTester tester(&model,
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        Spies spies(&model);
        cache.exec(u"UPDATE messages SET flags = 1"_s);
        const int queries = model.queryCount();
        model.folderChanged(inbox);
        QCOMPARE(model.queryCount() - queries, 1);
        QCOMPARE(spies.changed.size(), 1);
        QCOMPARE(spies.changed.first().at(0).value<QModelIndex>(), model.indexOfFolder(inbox));
        QCOMPARE(model.indexOfFolder(inbox).data(ModelRole::UnreadCount).toInt(), 0);
        model.folderChanged(other); // nothing changed there: no signal
        QCOMPARE(spies.changed.size(), 1);
        QCOMPARE(spies.reset.size() + spies.inserted.size() + spies.removed.size(), 0);
    }

    void refreshInsertsAndRemovesRows()
    {
        TestCache cache;
        const qint64 a = cache.addAccount(u"Work"_s);
        cache.addFolder(a, u"INBOX"_s);
        const qint64 gamma = cache.addFolder(a, u"Gamma"_s);
        cache.addFolder(a, u"Alpha"_s);
        FolderModel model(cache.db());
        QAbstractItemModelTester tester(&model,
            QAbstractItemModelTester::FailureReportingMode::QtTest);
        Spies spies(&model);

        const qint64 beta = cache.addFolder(a, u"Beta"_s);
        cache.addFolder(a, u"Beta/Deep"_s);
        model.folderChanged(beta); // an unknown folder refreshes the tree
        QCOMPARE(spies.inserted.size(), 1);
        QCOMPARE(spies.inserted.first().at(1).toInt(), 2); // Inbox, Alpha, Beta, Gamma
        QCOMPARE(dump(model), (QStringList{u"Work"_s, u"  Inbox"_s,
                                           u"  Alpha"_s, u"  Beta"_s,
                                           u"    Deep"_s, u"  Gamma"_s}));

        cache.exec(u"DELETE FROM folders WHERE id = %1"_s.arg(gamma));
        model.refresh();
        QCOMPARE(spies.removed.size(), 1);
        QCOMPARE(spies.removed.first().at(1).toInt(), 3);
        model.refresh(); // nothing changed: no signal at all
        QCOMPARE(spies.inserted.size() + spies.removed.size() + spies.changed.size(), 2);
        QCOMPARE(spies.reset.size(), 0);

        const qint64 b = cache.addAccount(u"Second"_s);
        cache.addFolder(b, u"INBOX"_s);
        model.refresh();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(1, 0)), 1);
        QCOMPARE(spies.reset.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFolderModel)
#include "tst_foldermodel.moc"
