// Pop3Options: the mode syntax of `tern account add --pop3-mode` and the round trip through
// the accounts.options JSON column, keeping other options.
#include "accounts/accountstore.h"
#include "cache/database.h"
#include "sync/pop3options.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;
using Mode = Pop3Options::Mode;

class TestPop3Options : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseMode_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("days");
        QTest::newRow("keep") << QStringLiteral("keep") << true << int(Mode::Keep) << 0;
        QTest::newRow("delete") << QStringLiteral("delete") << true << int(Mode::Delete) << 0;
        QTest::newRow("after 7") << QStringLiteral("delete-after-days:7") << true
                                 << int(Mode::DeleteAfterDays) << 7;
        QTest::newRow("after 0") << QStringLiteral("delete-after-days:0") << true
                                 << int(Mode::DeleteAfterDays) << 0;
        QTest::newRow("when deleted") << QStringLiteral("delete-when-deleted") << true
                                      << int(Mode::DeleteWhenDeleted) << 0;
        QTest::newRow("after, no number") << QStringLiteral("delete-after-days:") << false
                                          << 0 << 0;
        QTest::newRow("after, negative") << QStringLiteral("delete-after-days:-1") << false
                                         << 0 << 0;
        QTest::newRow("after, text") << QStringLiteral("delete-after-days:x") << false << 0 << 0;
        QTest::newRow("unknown") << QStringLiteral("purge") << false << 0 << 0;
        QTest::newRow("empty") << QString() << false << 0 << 0;
    }

    void parseMode()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(int, mode);
        QFETCH(int, days);
        QString error;
        const auto o = Pop3Options::parseMode(text, &error);
        QCOMPARE(o.has_value(), valid);
        QCOMPARE(error.isEmpty(), valid);
        if (!o)
            return;
        QCOMPARE(int(o->mode), mode);
        QCOMPARE(o->days, days);
        QCOMPARE(o->modeText(), text);
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("cache.sqlite")), QStringLiteral("options"));
        QVERIFY2(db.isOpen(), qPrintable(db.errorString()));
        Account a;
        a.name = QStringLiteral("p");
        a.email = QStringLiteral("p@example.test");
        QString error;
        a.incoming = *ServerUrl::parse(QStringLiteral("pop3s://p@localhost:995"), &error);
        QVERIFY2(AccountStore(db.db()).add(a, &error), qPrintable(error));
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("UPDATE accounts SET options = '{\"other\":1}'")));

        QCOMPARE(Pop3Options::read(db.db(), a.id), Pop3Options{});
        Pop3Options o;
        o.mode = Mode::DeleteAfterDays;
        o.days = 14;
        o.maxKb = 300;
        QVERIFY(o.write(db.db(), a.id));
        QCOMPARE(Pop3Options::read(db.db(), a.id), o);
        QVERIFY(q.exec(QStringLiteral("SELECT options FROM accounts")) && q.next());
        QVERIFY(q.value(0).toString().contains(QStringLiteral("\"other\":1")));
        QVERIFY(!o.write(db.db(), a.id + 1));
    }
};

QTEST_GUILESS_MAIN(TestPop3Options)
#include "tst_pop3options.moc"
