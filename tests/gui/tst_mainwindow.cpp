#include "mainwindow.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "models/foldermodel.h"
#include "models/messagelistmodel.h"
#include "models/modelroles.h"
#include "testcache.h"

#include <QAction>
#include <QMenuBar>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QTreeView>

using namespace Tern;
using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear(); // test mode keeps settings apart; start each run from defaults
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
        for (const char *name : {"actionReply", "actionReplyAll", "actionForward",
                                 "actionDelete", "actionMarkRead", "actionFlag", "actionMoveTo",
                                 "actionNextUnread", "actionSearch", "actionQuit"}) {
            auto *action = w.findChild<QAction *>(QLatin1StringView(name));
            QVERIFY2(action, name);
            QVERIFY2(!action->shortcut().isEmpty(), name);
        }
        // Screen readers: every pane is named.
        QVERIFY(!w.folderView()->accessibleName().isEmpty());
        QVERIFY(!w.messageView()->accessibleName().isEmpty());
        QVERIFY(!w.readingPane()->accessibleName().isEmpty());
    }

    void readingMail()
    {
        TestCache cache;
        const qint64 account = cache.addAccount(u"Demo"_s);
        const qint64 inbox = cache.addFolder(account, u"INBOX"_s);
        cache.addFolder(account, u"Lists"_s);
        const qint64 qt = cache.addFolder(account, u"Lists/Qt"_s);
        const QList<qint64> ids = cache.addMessages(inbox, {
            Msg().date(1'700'000'000).subject(u"Welcome"_s).fromName(u"Ada"_s).flags(1),
            Msg().date(1'700'000'100).subject(u"Lunch?"_s).fromName(u"Grace"_s),
            Msg().date(1'700'000'200).subject(u"Release"_s).fromName(u"Linus"_s).flags(1)});
        cache.addMessages(qt, {Msg().date(1'700'000'000).subject(u"Qt 6.8"_s)});
        cache.addBody(ids[0], "From: Ada <ada@example.test>\r\nSubject: Welcome\r\n\r\n"
                              "Hello from the cache.\r\n");

        MainWindow w(cache.db());
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const QModelIndex demo = w.folderView()->model()->index(0, 0);
        QCOMPARE(demo.data().toString(), u"Demo"_s);
        QCOMPARE(w.folderView()->model()->rowCount(demo), 2); // Inbox, Lists
        const QModelIndex inboxIndex = w.folderModel()->indexOfFolder(inbox);
        QCOMPARE(inboxIndex.data().toString(), u"Inbox"_s);
        QCOMPARE(inboxIndex.data(ModelRole::UnreadCount).toInt(), 1);

        w.folderView()->setCurrentIndex(inboxIndex);
        QCOMPARE(w.messageView()->model()->rowCount(), 3);
        // Newest first.
        QCOMPARE(w.messageView()->model()->index(0, MessageListModel::SubjectColumn).data(),
                 QVariant(u"Release"_s));

        w.messageView()->setCurrentIndex(w.messageModel()->indexOfMessage(ids[0]));
        QVERIFY(w.readingPane()->toPlainText().contains(u"Hello from the cache."_s));
        QVERIFY(w.readingPane()->toPlainText().contains(u"Welcome"_s));
        // For looking at the window by eye: TERN_TEST_SCREENSHOT=/tmp/window.png
        if (const QString shot = qEnvironmentVariable("TERN_TEST_SCREENSHOT"); !shot.isEmpty())
            QVERIFY(w.grab().save(shot));
        w.messageView()->setCurrentIndex(w.messageModel()->indexOfMessage(ids[2]));
        QVERIFY(w.readingPane()->toPlainText().contains(u"not been downloaded"_s));

        // Next Unread goes to "Lunch?"; Mark as Read clears it and the folder count follows.
        auto *nextUnread = w.findChild<QAction *>(u"actionNextUnread"_s);
        auto *markRead = w.findChild<QAction *>(u"actionMarkRead"_s);
        auto *flag = w.findChild<QAction *>(u"actionFlag"_s);
        QVERIFY(nextUnread->isEnabled());
        nextUnread->trigger();
        QCOMPARE(w.messageView()->currentIndex().data(ModelRole::MessageId).toLongLong(), ids[1]);
        w.messageView()->selectionModel()->select(w.messageView()->currentIndex(),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QVERIFY(markRead->isEnabled());
        markRead->trigger();
        QCOMPARE(w.messageView()->currentIndex().data(ModelRole::Unread).toBool(), false);
        QCOMPARE(w.folderModel()->indexOfFolder(inbox).data(ModelRole::UnreadCount).toInt(), 0);
        QSqlQuery q(cache.db().db());
        QVERIFY(q.exec(u"SELECT flags FROM messages WHERE id = %1"_s.arg(ids[1])) && q.next());
        QCOMPARE(q.value(0).toInt(), int(MessageFlag::Seen));
        flag->trigger();
        QCOMPARE(w.messageView()->currentIndex().data(ModelRole::Flagged).toBool(), true);
        flag->trigger();
        QCOMPARE(w.messageView()->currentIndex().data(ModelRole::Flagged).toBool(), false);

        // Threaded view toggles and is remembered.
        auto *threaded = w.findChild<QAction *>(u"actionThreaded"_s);
        QVERIFY(threaded->isEnabled());
        threaded->setChecked(true);
        QVERIFY(w.messageModel()->isThreaded());
        QVERIFY(w.messageView()->rootIsDecorated());
        threaded->setChecked(false);

        // Another folder shows its own messages.
        w.folderView()->setCurrentIndex(w.folderModel()->indexOfFolder(qt));
        QCOMPARE(w.messageView()->model()->rowCount(), 1);

        w.close();
        QVERIFY(QSettings().contains(u"window/listSplitter"_s));
        QVERIFY(QSettings().contains(u"window/messageHeader"_s));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
