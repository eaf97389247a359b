#include "cache/database.h"
#include "cache/migrations.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;

class TestMigrations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshDatabaseReachesLatestVersion()
    {
        QTemporaryDir dir;
        Database db(dir.filePath(QStringLiteral("c.sqlite")), QStringLiteral("t1"));
        QVERIFY2(db.isOpen(), qPrintable(db.errorString()));
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), latestSchemaVersion());
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
        for (const char *table : {"accounts", "identities", "folders", "messages", "bodies",
                                  "journal", "outbox", "pop3_seen", "messages_fts",
                                  "thread_refs", "counters"}) {
            QVERIFY2(q.exec(QStringLiteral("SELECT count(*) FROM ") + QLatin1StringView(table)),
                     table);
        }
    }

    void reopeningKeepsDataAndVersion()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            Database db(path, QStringLiteral("t2"));
            QVERIFY(QSqlQuery(db.db()).exec(QStringLiteral(
                "INSERT INTO accounts (name, email, incoming_url) VALUES ('a', 'a@x', 'imaps://x')")));
        }
        Database again(path, QStringLiteral("t3"));
        QVERIFY(again.isOpen());
        QSqlQuery q(again.db());
        QVERIFY(q.exec(QStringLiteral("SELECT name FROM accounts")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("a"));
    }

    void stepwiseMigrationEqualsDirect()
    {
        // Migrating one step at a time gives the same schema as migrating at once.
        QTemporaryDir dir;
        auto schemaOf = [](QSqlDatabase &db) {
            QSqlQuery q(db);
            q.exec(QStringLiteral("SELECT type, name, sql FROM sqlite_master ORDER BY name"));
            QStringList rows;
            while (q.next())
                rows << q.value(0).toString() + q.value(1).toString() + q.value(2).toString();
            return rows;
        };
        QSqlDatabase stepwise = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("s"));
        stepwise.setDatabaseName(dir.filePath(QStringLiteral("s.sqlite")));
        QVERIFY(stepwise.open());
        QString error;
        for (int v = 1; v <= latestSchemaVersion(); ++v)
            QVERIFY2(migrateTo(stepwise, v, &error), qPrintable(error));
        Database direct(dir.filePath(QStringLiteral("d.sqlite")), QStringLiteral("d"));
        QCOMPARE(schemaOf(stepwise), schemaOf(direct.db()));
        stepwise.close();
        stepwise = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("s"));
    }

    void migration2CountsAndIndexesExistingRows()
    {
        // A version-1 cache with messages gains counts, index rows and working triggers.
        QTemporaryDir dir;
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("m2"));
        db.setDatabaseName(dir.filePath(QStringLiteral("m.sqlite")));
        QVERIFY(db.open());
        QString error;
        QVERIFY2(migrateTo(db, 1, &error), qPrintable(error));
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys=ON")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO accounts (id, name, email, incoming_url) "
                                      "VALUES (1, 'a', 'a@x', 'imaps://x')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO folders (id, account_id, path) VALUES (1, 1, 'INBOX')")));
        QVERIFY(q.exec(QStringLiteral(
            "INSERT INTO messages (folder_id, uid, flags, subject) VALUES "
            "(1, 1, 1, 'seen pelican'), (1, 2, 0, 'unread heron'), (1, 3, 4, 'flagged heron')")));
        QVERIFY2(migrate(db, &error), qPrintable(error));
        auto scalar = [&](const QString &sql) {
            QSqlQuery s(db);
            return s.exec(sql) && s.next() ? s.value(0).toLongLong() : -1;
        };
        QCOMPARE(scalar(QStringLiteral("SELECT total FROM folders")), 3);
        QCOMPARE(scalar(QStringLiteral("SELECT unread FROM folders")), 2);
        QCOMPARE(scalar(QStringLiteral(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'heron'")), 2);
        // The triggers keep both in step from now on.
        QVERIFY(q.exec(QStringLiteral("UPDATE messages SET flags = 1 WHERE uid = 2")));
        QVERIFY(q.exec(QStringLiteral("DELETE FROM messages WHERE uid = 3")));
        QCOMPARE(scalar(QStringLiteral("SELECT total * 10 + unread FROM folders")), 20);
        QCOMPARE(scalar(QStringLiteral(
            "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'heron'")), 1);
        QCOMPARE(scalar(QStringLiteral(
                     "SELECT count(*) FROM counters WHERE name = 'thread_id'")), 1);
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("m2"));
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("c.sqlite"));
        {
            Database db(path, QStringLiteral("t4"));
            QVERIFY(QSqlQuery(db.db()).exec(QStringLiteral("PRAGMA user_version = 999")));
        }
        Database again(path, QStringLiteral("t5"));
        QVERIFY(!again.isOpen());
        QVERIFY2(again.errorString().contains(QStringLiteral("newer")), qPrintable(again.errorString()));
    }

    void unwritableLocationFailsCleanly()
    {
        Database db(QStringLiteral("/nonexistent-dir/x/c.sqlite"), QStringLiteral("t6"));
        QVERIFY(!db.isOpen());
        QVERIFY(!db.errorString().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
