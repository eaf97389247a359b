// LocalSearch over a cache filled here: subject, address and body hits, prefixes, non-ASCII,
// hostile query text, date order, one folder or all; the merge and the result model.
#include "cache/database.h"
#include "cache/messagestore.h"
#include "models/modelroles.h"
#include "search/localsearch.h"
#include "search/searchmerge.h"
#include "search/searchresultmodel.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern;
using namespace Qt::StringLiterals;

class TestLocalSearch : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    QHash<QString, qint64> m_ids; // subject -> row id

    void exec(const QString &sql)
    {
        QSqlQuery q(m_db->db());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }
    void add(qint64 folder, qint64 uid, qint64 date, const QString &subject,
             const QString &fromName, const QString &fromAddr, const QString &body = {})
    {
        QSqlQuery q(m_db->db());
        q.prepare(QStringLiteral("INSERT INTO messages (folder_id, uid, date, subject, "
                                 "from_name, from_addr, to_text) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant &v : {QVariant(folder), QVariant(uid), QVariant(date),
                                  QVariant(subject), QVariant(fromName), QVariant(fromAddr),
                                  QVariant(QStringLiteral("Bob <bob@example.net>"))})
            q.addBindValue(v);
        QVERIFY(q.exec());
        const qint64 id = q.lastInsertId().toLongLong();
        m_ids.insert(subject, id);
        if (!body.isEmpty()) {
            MessageStore store(m_db->db());
            QVERIFY(store.storeBody(id, body.toUtf8(), body));
        }
    }
    QStringList subjects(const QList<qint64> &ids) const
    {
        QStringList out;
        for (qint64 id : ids)
            out.append(m_ids.key(id));
        return out;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("c.sqlite")),
                                          QStringLiteral("search"));
        QVERIFY(m_db->isOpen());
        exec(QStringLiteral("INSERT INTO accounts (id, name, email, incoming_url) VALUES "
                            "(1, 'a', 'a@example.org', 'imaps://a'), "
                            "(2, 'b', 'b@example.org', 'imaps://b')"));
        exec(QStringLiteral("INSERT INTO folders (id, account_id, path) VALUES "
                            "(1, 1, 'INBOX'), (2, 1, 'Archive'), (3, 2, 'INBOX')"));
        add(1, 1, 100, QStringLiteral("Quarterly report"), QStringLiteral("Alice Smith"),
            QStringLiteral("alice@example.org"));
        add(1, 2, 300, QStringLiteral("Lunch"), QStringLiteral("Bob"),
            QStringLiteral("bob@example.net"), QStringLiteral("the quarterly numbers look good"));
        add(2, 3, 200, QStringLiteral("Über Straße"), QStringLiteral("Jürgen"),
            QStringLiteral("juergen@example.de"), QStringLiteral("Grüße aus München"));
        add(3, 4, 400, QStringLiteral("report draft"), QStringLiteral("Carol"),
            QStringLiteral("carol@example.com"));
        add(3, 5, 50, QStringLiteral("会議の議事録"), QStringLiteral("Eve 山田"),
            QStringLiteral("eve@example.net"));
    }

    void toFtsQuery_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("prefix");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one word") << u"report"_s << true << u"\"report\"*"_s;
        QTest::newRow("two words") << u"a  b"_s << true << u"\"a\" AND \"b\"*"_s;
        QTest::newRow("no prefix") << u"a b"_s << false << u"\"a\" AND \"b\""_s;
        QTest::newRow("quote") << u"say \"hi\""_s << false << u"\"say\" AND \"\"\"hi\"\"\""_s;
        QTest::newRow("operator") << u"x OR y"_s << false << u"\"x\" AND \"OR\" AND \"y\""_s;
        QTest::newRow("star only") << u"*"_s << true << QString();
        QTest::newRow("empty") << u"   "_s << true << QString();
    }
    void toFtsQuery()
    {
        QFETCH(QString, text);
        QFETCH(bool, prefix);
        QFETCH(QString, expected);
        QCOMPARE(LocalSearch::toFtsQuery(text, prefix), expected);
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("folder");
        QTest::addColumn<QStringList>("expected");
        const QString q = u"Quarterly report"_s, l = u"Lunch"_s, u = u"Über Straße"_s,
                      d = u"report draft"_s, j = u"会議の議事録"_s;
        QTest::newRow("subject, all folders, by date") << u"report"_s << 0ll
                                                       << QStringList{d, q};
        QTest::newRow("subject, one folder") << u"report"_s << 1ll << QStringList{q};
        QTest::newRow("body and subject") << u"quarterly"_s << 0ll << QStringList{l, q};
        QTest::newRow("prefix") << u"quar"_s << 0ll << QStringList{l, q};
        QTest::newRow("prefix, other folder") << u"quar"_s << 2ll << QStringList{};
        QTest::newRow("two words") << u"quarterly numbers"_s << 0ll << QStringList{l};
        QTest::newRow("address") << u"alice@example.org"_s << 0ll << QStringList{q};
        QTest::newRow("name") << u"smith"_s << 0ll << QStringList{q};
        QTest::newRow("non-ASCII subject") << u"straße"_s << 0ll << QStringList{u};
        QTest::newRow("case") << u"ÜBER"_s << 0ll << QStringList{u};
        QTest::newRow("body umlaut") << u"münchen"_s << 0ll << QStringList{u};
        QTest::newRow("diacritics removed") << u"munchen"_s << 0ll << QStringList{u};
        QTest::newRow("CJK name") << u"山田"_s << 0ll << QStringList{j};
        QTest::newRow("no hit") << u"zebra"_s << 0ll << QStringList{};
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(qint64, folder);
        QFETCH(QStringList, expected);
        LocalSearch s(m_db->db());
        const QList<qint64> ids = s.search(text, folder);
        QCOMPARE(s.lastError(), QString());
        QCOMPARE(subjects(ids), expected);
    }

    void hostileText_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *t : {"\"", "*", "NEAR(", "OR", "AND", "NOT", "report OR", "\"report",
                              "a\"b", "-report", "^report", "subject:report", "(", ")",
                              "NEAR(report lunch, 2)", "{subject}: x", "report*", "''",
                              "\\", "%_", "report\" OR \"lunch"})
            QTest::newRow(t) << QString::fromUtf8(t);
    }
    void hostileText()
    {
        QFETCH(QString, text);
        LocalSearch s(m_db->db());
        const QList<qint64> ids = s.search(text);
        QCOMPARE(s.lastError(), QString());
        // Quoting keeps operators literal: "report OR" needs a token starting with "or".
        if (text == u"report OR"_s)
            QCOMPARE(subjects(ids), QStringList{u"Quarterly report"_s}); // alice@example.org
    }

    void mergeWithoutDuplicates()
    {
        const qint64 q = m_ids.value(u"Quarterly report"_s), l = m_ids.value(u"Lunch"_s),
                     d = m_ids.value(u"report draft"_s);
        QCOMPARE(mergeSearchResults(m_db->db(), {d, q}, {q, l, q}), (QList<qint64>{d, l, q}));
        QCOMPARE(mergeSearchResults(m_db->db(), {}, {q}), QList<qint64>{q});
    }

    void resultModel()
    {
        SearchResultModel model(m_db->db());
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        LocalSearch s(m_db->db());
        model.setResults(s.search(u"report"_s));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(ModelRole::Subject).toString(), u"report draft"_s);
        QCOMPARE(model.index(1, 0).data(ModelRole::FolderId).toLongLong(), 1ll);
        QCOMPARE(model.index(1, 0).data(ModelRole::AccountId).toLongLong(), 1ll);
        QCOMPARE(model.index(0, 0).data(ModelRole::AccountId).toLongLong(), 2ll);
        QCOMPARE(model.index(0, 0).data(ModelRole::MessageId).toLongLong(),
                 m_ids.value(u"report draft"_s));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestLocalSearch)
#include "tst_localsearch.moc"
