#include "mainwindow.h"

#include "accounts/accountstore.h"
#include "cache/database.h"

#include <QAction>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Tern;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
    }

    void threePanesMenusAndAccounts()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("c.sqlite")), QStringLiteral("gui"));
        QVERIFY(db.isOpen());
        Account a;
        a.name = QStringLiteral("Demo");
        a.email = QStringLiteral("alice@example.test");
        QString error;
        a.incoming = *ServerUrl::parse(QStringLiteral("imaps://alice@localhost:993"), &error);
        QVERIFY(AccountStore(db.db()).add(a, &error));

        MainWindow w(db);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.folderView()->isVisible());
        QVERIFY(w.messageView()->isVisible());
        QVERIFY(w.readingPane()->isVisible());
        QCOMPARE(w.folderView()->model()->rowCount(), 1);
        QCOMPARE(w.folderView()->model()->index(0, 0).data().toString(), QStringLiteral("Demo"));

        QStringList menus;
        for (QAction *menu : w.menuBar()->actions())
            menus << menu->text();
        QCOMPARE(menus, (QStringList{QStringLiteral("&File"), QStringLiteral("&Edit"),
                                     QStringLiteral("&View"), QStringLiteral("&Message"),
                                     QStringLiteral("&Account"), QStringLiteral("&Help")}));
        // Keyboard reachability: the main actions have shortcuts.
        for (const char *name : {"actionReply", "actionReplyAll", "actionForward", "actionDelete",
                                 "actionMarkRead", "actionFlag", "actionMoveTo", "actionNextUnread",
                                 "actionSearch", "actionQuit"}) {
            auto *action = w.findChild<QAction *>(QLatin1StringView(name));
            QVERIFY2(action, name);
            QVERIFY2(!action->shortcut().isEmpty(), name);
        }
        // Screen readers: every pane is named.
        QVERIFY(!w.folderView()->accessibleName().isEmpty());
        QVERIFY(!w.messageView()->accessibleName().isEmpty());
        QVERIFY(!w.readingPane()->accessibleName().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
