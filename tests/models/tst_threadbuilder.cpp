#include "models/threadbuilder.h"

#include <QTest>

using namespace Qt::StringLiterals;

using namespace Tern;

using Pairs = QList<QPair<qint64, qint64>>;

class TestThreadBuilder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void arrange_data()
    {
        // Each member: id, date, Message-ID, In-Reply-To, References.
        QTest::addColumn<QList<QStringList>>("members");
        QTest::addColumn<Pairs>("expected"); // (id, parent) in date order
        QTest::newRow("in-reply-to chain")
            << QList<QStringList>{{u"1"_s, u"10"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"2"_s, u"20"_s, u"<b>"_s, u"<a>"_s, u"<a>"_s},
                                  {u"3"_s, u"30"_s, u"<c>"_s, u"<b>"_s, u"<a> <b>"_s}}
            << Pairs{{1, 0}, {2, 1}, {3, 2}};
        QTest::newRow("references only, nearest known ancestor")
            << QList<QStringList>{{u"1"_s, u"10"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"4"_s, u"40"_s, u"<d>"_s, u""_s, u"<a> <missing>"_s}}
            << Pairs{{1, 0}, {4, 1}};
        QTest::newRow("input order does not matter; date decides")
            << QList<QStringList>{{u"3"_s, u"30"_s, u"<c>"_s, u"<b>"_s, u""_s},
                                  {u"1"_s, u"10"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"2"_s, u"20"_s, u"<b>"_s, u"<a>"_s, u""_s}}
            << Pairs{{1, 0}, {2, 1}, {3, 2}};
        QTest::newRow("unknown parent goes under the root")
            << QList<QStringList>{{u"1"_s, u"10"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"2"_s, u"20"_s, u"<b>"_s, u"<zzz>"_s, u""_s}}
            << Pairs{{1, 0}, {2, 1}};
        QTest::newRow("reply dated before its parent cannot form a cycle")
            << QList<QStringList>{{u"1"_s, u"10"_s, u"<a>"_s, u"<b>"_s, u""_s},
                                  {u"2"_s, u"20"_s, u"<b>"_s, u"<a>"_s, u""_s}}
            << Pairs{{1, 0}, {2, 1}};
        QTest::newRow("duplicate Message-ID keeps the first")
            << QList<QStringList>{{u"1"_s, u"10"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"2"_s, u"20"_s, u"<a>"_s, u""_s, u""_s},
                                  {u"3"_s, u"30"_s, u"<c>"_s, u"<a>"_s, u""_s}}
            << Pairs{{1, 0}, {2, 1}, {3, 1}};
    }

    void arrange()
    {
        QFETCH(QList<QStringList>, members);
        QFETCH(Pairs, expected);
        std::vector<ThreadMember> in;
        for (const QStringList &m : members)
            in.push_back({m[0].toLongLong(), m[1].toLongLong(), m[2], m[3], m[4]});
        Pairs got;
        for (const auto &[id, parent] : arrangeThread(in))
            got.append({id, parent});
        QCOMPARE(got, expected);
    }
};

QTEST_GUILESS_MAIN(TestThreadBuilder)
#include "tst_threadbuilder.moc"
