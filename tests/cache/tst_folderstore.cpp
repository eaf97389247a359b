#include "cachetestutil.h"

#include "cache/folderstore.h"

using namespace Tern;
using namespace Tern::Test;

class TestFolderStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roles_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QStringList>("attributes");
        QTest::addColumn<QString>("role");
        QTest::newRow("inbox any case")
            << QStringLiteral("Inbox") << QStringList() << QStringLiteral("inbox");
        QTest::newRow("sent") << QStringLiteral("Sent Items")
                              << QStringList{QStringLiteral("\\HasNoChildren"),
                                             QStringLiteral("\\Sent")}
                              << QStringLiteral("sent");
        QTest::newRow("junk") << QStringLiteral("Spam") << QStringList{QStringLiteral("\\Junk")}
                              << QStringLiteral("junk");
        QTest::newRow("trash") << QStringLiteral("Bin") << QStringList{QStringLiteral("\\trash")}
                               << QStringLiteral("trash");
        QTest::newRow("archive") << QStringLiteral("A") << QStringList{QStringLiteral("\\Archive")}
                                 << QStringLiteral("archive");
        QTest::newRow("drafts") << QStringLiteral("D") << QStringList{QStringLiteral("\\Drafts")}
                                << QStringLiteral("drafts");
        QTest::newRow("plain") << QStringLiteral("Lists/Qt")
                               << QStringList{QStringLiteral("\\HasNoChildren")} << QString();
    }

    void roles()
    {
        QFETCH(QString, path);
        QFETCH(QStringList, attributes);
        QFETCH(QString, role);
        QCOMPARE(FolderStore::roleFor(path, attributes), role);
    }

    void syncListInsertsUpdatesAndDeletes()
    {
        TempCache c(QStringLiteral("fs1"));
        FolderStore store(c.db->db());
        QList<ServerFolder> server{
            {QStringLiteral("INBOX"), QStringLiteral("/"), {}, true},
            {QStringLiteral("Sent"), QStringLiteral("/"), {QStringLiteral("\\Sent")}, true},
            {QStringLiteral("Old"), QStringLiteral("/"), {}, false},
            {QStringLiteral("Local draft"), QStringLiteral("/"), {}, true},
        };
        QVERIFY2(store.syncFolderList(1, server), qPrintable(store.lastError()));
        QCOMPARE(store.list(1).size(), 4);
        const auto sent = store.find(1, QStringLiteral("Sent"));
        QVERIFY(sent);
        QCOMPARE(sent->role, QStringLiteral("sent"));
        QVERIFY(!store.find(1, QStringLiteral("Old"))->subscribed);
        QCOMPARE(store.findByRole(1, QStringLiteral("inbox"))->path, QStringLiteral("INBOX"));

        // Old vanished, Sent lost its role, "Local draft" is kept on request.
        server.removeAt(3);
        server.removeAt(2);
        server[1].attributes.clear();
        QVERIFY(store.syncFolderList(1, server, {QStringLiteral("Local draft")}));
        QVERIFY(!store.find(1, QStringLiteral("Old")));
        QVERIFY(store.find(1, QStringLiteral("Local draft")));
        QCOMPARE(store.find(1, QStringLiteral("Sent"))->id, sent->id);
        QCOMPARE(store.find(1, QStringLiteral("Sent"))->role, QString());
    }

    void syncStateRenameAndRemove()
    {
        TempCache c(QStringLiteral("fs2"));
        FolderStore store(c.db->db());
        const QString slash = QStringLiteral("/");
        QVERIFY(store.syncFolderList(1, {{QStringLiteral("Lists"), slash, {}, true},
                                         {QStringLiteral("Lists/Qt"), slash, {}, true},
                                         {QStringLiteral("Listsx"), slash, {}, true},
                                         {QStringLiteral("L_sts/a"), slash, {}, true}}));
        const qint64 qt = store.find(1, QStringLiteral("Lists/Qt"))->id;
        QVERIFY(store.setSyncState(qt, 77, 101, 5000));
        auto f = store.find(qt);
        QCOMPARE(f->uidvalidity, 77);
        QCOMPARE(f->uidnext, 101);
        QCOMPARE(f->highestmodseq, 5000);

        const qint64 lists = store.find(1, QStringLiteral("Lists"))->id;
        QVERIFY(store.rename(lists, QStringLiteral("Groups")));
        QCOMPARE(store.find(qt)->path, QStringLiteral("Groups/Qt"));
        QVERIFY(store.find(1, QStringLiteral("Listsx")));   // a sibling, not a child
        QVERIFY(store.find(1, QStringLiteral("L_sts/a")));  // LIKE wildcards are escaped

        QVERIFY(store.remove(store.find(1, QStringLiteral("Groups"))->id));
        QVERIFY(!store.find(qt));
        QCOMPARE(store.list(1).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestFolderStore)
#include "tst_folderstore.moc"
