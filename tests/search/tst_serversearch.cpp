// ServerSearch against the real Dovecot fixture (alice, read-only): UID SEARCH by subject,
// sender and non-ASCII text, UIDs mapped to cached rows, merged with local results.
#include "cache/database.h"
#include "imapconnection.h"
#include "mailfixture.h"
#include "search/searchmerge.h"
#include "search/serversearch.h"

#include <QSet>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace Tern;
using namespace Qt::StringLiterals;
using TernTest::MailFixture;

class TestServerSearch : public QObject
{
    Q_OBJECT
    MailFixture m_fx;
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<Imap::Connection> m_conn;
    static constexpr qint64 CachedUids = 400;

    QList<qint64> run(qint64 folder, const QString &text, ServerSearch::Field field,
                      QList<quint32> *uids = nullptr)
    {
        ServerSearch search(m_db->db(), m_conn.get());
        QSignalSpy done(&search, &ServerSearch::finished);
        QSignalSpy failed(&search, &ServerSearch::failed);
        search.start(folder, text, field);
        if (!QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 20000))
            qWarning("search timed out");
        if (!failed.isEmpty())
            qWarning() << "search failed:" << failed.value(0).value(0).toString();
        if (uids)
            *uids = search.uids();
        return done.isEmpty() ? QList<qint64>{-1} : done.value(0).value(0).value<QList<qint64>>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
        m_db = std::make_unique<Database>(m_dir.filePath(u"c.sqlite"_s), u"serversearch"_s);
        QVERIFY(m_db->isOpen());
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(u"INSERT INTO accounts (id, name, email, incoming_url) VALUES "
                       "(1, 'alice', 'alice@example.org', 'imaps://alice')"_s));
        QVERIFY(q.exec(u"INSERT INTO folders (id, account_id, path) VALUES (1, 1, 'INBOX'), "
                       "(2, 1, 'Archive'), (3, 1, 'Nonexistent')"_s));
        // Header rows as a sync would leave them, bodies not cached: only the UIDs matter.
        QVERIFY(m_db->db().transaction());
        q.prepare(u"INSERT INTO messages (folder_id, uid, date, subject) VALUES (?, ?, ?, ?)"_s);
        for (qint64 folder : {1, 2}) {
            for (qint64 uid = 1; uid <= CachedUids; ++uid) {
                q.addBindValue(folder);
                q.addBindValue(uid);
                q.addBindValue(uid);
                q.addBindValue(u"row %1"_s.arg(uid));
                QVERIFY(q.exec());
            }
        }
        QVERIFY(m_db->db().commit());

        m_conn = std::make_unique<Imap::Connection>();
        Imap::ConnectionSettings s;
        s.host = m_fx.host();
        s.port = m_fx.port("imaps");
        s.tls.extraCaCertificates = m_fx.caCertificates();
        s.user = u"alice"_s;
        s.password = m_fx.password(s.user);
        s.keepAliveSeconds = 0;
        QSignalSpy ready(m_conn.get(), &Imap::Connection::ready);
        m_conn->open(s);
        QVERIFY(ready.wait(20000));
    }

    void searchAndMap_data()
    {
        QTest::addColumn<qint64>("folder");
        QTest::addColumn<QString>("text");
        QTest::addColumn<ServerSearch::Field>("field");
        QTest::addColumn<bool>("expectHits");
        QTest::newRow("subject word") << 1ll << u"Quarterly"_s << ServerSearch::Field::Subject
                                      << true;
        QTest::newRow("two subject words") << 1ll << u"quarterly report"_s
                                           << ServerSearch::Field::Subject << true;
        QTest::newRow("non-ASCII subject") << 1ll << u"München"_s
                                           << ServerSearch::Field::Subject << true;
        QTest::newRow("sender") << 1ll << u"grace@example.com"_s << ServerSearch::Field::From
                                << true;
        QTest::newRow("text (headers and body)")
            << 1ll << u"frank@example.de"_s << ServerSearch::Field::Text << true;
        QTest::newRow("other folder") << 2ll << u"report"_s << ServerSearch::Field::Subject
                                      << true;
        QTest::newRow("no hit") << 1ll << u"zyxwvut"_s << ServerSearch::Field::Text << false;
    }
    void searchAndMap()
    {
        QFETCH(qint64, folder);
        QFETCH(QString, text);
        QFETCH(ServerSearch::Field, field);
        QFETCH(bool, expectHits);
        QList<quint32> uids;
        const QList<qint64> rows = run(folder, text, field, &uids);
        QVERIFY(!rows.contains(-1));
        QCOMPARE(!uids.isEmpty(), expectHits);
        // A real filter, not everything (INBOX holds about 210 messages).
        QVERIFY(uids.size() < 180);
        // Each UID maps to the cached row of that folder and UID, newest (largest date) first.
        QCOMPARE(rows.size(), uids.size());
        QSqlQuery q(m_db->db());
        q.prepare(u"SELECT folder_id, uid FROM messages WHERE id = ?"_s);
        QSet<quint32> mapped;
        qint64 lastUid = std::numeric_limits<qint64>::max();
        for (qint64 id : rows) {
            q.addBindValue(id);
            QVERIFY(q.exec() && q.next());
            QCOMPARE(q.value(0).toLongLong(), folder);
            const qint64 uid = q.value(1).toLongLong();
            QVERIFY(uid < lastUid);
            lastUid = uid;
            mapped.insert(quint32(uid));
        }
        QCOMPARE(mapped, QSet<quint32>(uids.cbegin(), uids.cend()));
    }

    void differentTopicsDoNotOverlap()
    {
        QList<quint32> a, b;
        run(1, u"Quarterly"_s, ServerSearch::Field::Subject, &a);
        run(1, u"Invoice"_s, ServerSearch::Field::Subject, &b);
        QVERIFY(!a.isEmpty() && !b.isEmpty());
        QVERIFY(!QSet<quint32>(a.cbegin(), a.cend()).intersects(QSet<quint32>(b.cbegin(),
                                                                              b.cend())));
    }

    void unknownFolderFails()
    {
        ServerSearch search(m_db->db(), m_conn.get());
        QSignalSpy failed(&search, &ServerSearch::failed);
        search.start(3, u"x"_s);
        QVERIFY(failed.wait(10000));
        search.start(99, u"x"_s);
        QVERIFY(failed.wait(10000));
    }

    void mergeWithLocal()
    {
        const QList<qint64> server = run(1, u"Quarterly"_s, ServerSearch::Field::Subject);
        QVERIFY(server.size() >= 2);
        // Local results overlap the server's: one shared row, one only local.
        QSqlQuery q(m_db->db());
        QVERIFY(q.exec(u"SELECT id FROM messages WHERE folder_id = 1 AND uid = 399"_s)
                && q.next());
        const qint64 localOnly = q.value(0).toLongLong();
        const QList<qint64> merged = mergeSearchResults(m_db->db(), {server.at(1), localOnly},
                                                        server);
        QCOMPARE(merged.size(), server.size() + 1);
        QCOMPARE(merged.first(), localOnly); // date 399 is the newest
        QCOMPARE(QSet<qint64>(merged.cbegin(), merged.cend()).size(), merged.size());
    }
};

QTEST_GUILESS_MAIN(TestServerSearch)
#include "tst_serversearch.moc"
