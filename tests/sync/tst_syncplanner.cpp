#include "sync/syncplanner.h"

#include <QTest>

using namespace Tern;

namespace {

// Compact notation, in the manner of mbsync's run-tests.pl:
//   messages "1:S 2:- 3:SF+$Work" (uid:flag letters S A F D T, '+' keywords)
MessageFlags parseFlags(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char('+'));
    quint32 bits = 0;
    for (QChar c : parts.first()) {
        const QString letters = QStringLiteral("SAFDT");
        const qsizetype i = letters.indexOf(c);
        if (i >= 0)
            bits |= 1u << i;
    }
    return MessageFlags(bits, parts.mid(1));
}

QHash<qint64, MessageFlags> parseMessages(const QString &text)
{
    QHash<qint64, MessageFlags> out;
    for (const QString &m : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const qsizetype colon = m.indexOf(QLatin1Char(':'));
        out.insert(m.left(colon).toLongLong(), parseFlags(m.mid(colon + 1)));
    }
    return out;
}

QString flagText(const MessageFlags &f)
{
    QString s = f.letters();
    for (const QString &k : f.keywords())
        s += QLatin1Char('+') + k;
    return s;
}

QString uidList(const QList<qint64> &uids)
{
    QStringList s;
    for (qint64 u : uids)
        s.append(QString::number(u));
    return s.join(QLatin1Char(','));
}

QString format(const QList<SyncAction> &plan)
{
    QStringList out;
    for (const SyncAction &a : plan) {
        const QString range = QString::number(a.first) + QLatin1Char(':')
            + (a.last == 0 ? QStringLiteral("*") : QString::number(a.last));
        switch (a.type) {
        case SyncAction::Type::ResetFolder:
            out.append(QStringLiteral("Reset(%1)").arg(a.uidvalidity));
            break;
        case SyncAction::Type::FetchHeaders:
            out.append(QStringLiteral("Fetch(%1)")
                           .arg(a.uids.isEmpty() ? range : uidList(a.uids)));
            break;
        case SyncAction::Type::FetchFlags:
            out.append(a.changedSince
                           ? QStringLiteral("Flags?(%1 since %2)").arg(range).arg(a.changedSince)
                           : QStringLiteral("Flags?(%1)").arg(range));
            break;
        case SyncAction::Type::UpdateFlags: {
            QStringList f;
            for (const FlagUpdate &u : a.flags)
                f.append(QString::number(u.uid) + QLatin1Char(':') + flagText(u.flags));
            out.append(QStringLiteral("Update(%1)").arg(f.join(QLatin1Char(','))));
            break;
        }
        case SyncAction::Type::Expunge:
            out.append(QStringLiteral("Expunge(%1)").arg(uidList(a.uids)));
            break;
        case SyncAction::Type::SaveState:
            out.append(QStringLiteral("Save(%1/%2/%3)").arg(a.uidvalidity).arg(a.uidnext)
                           .arg(a.highestmodseq));
            break;
        }
    }
    return out.join(QLatin1Char(' '));
}

} // namespace

class TestSyncPlanner : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plan_data()
    {
        // cached: "validity next hms | messages"; server: "validity next hms exists [q] |
        // all-flags or '~' for none | changed | vanished" ('~' = not fetched).
        QTest::addColumn<QString>("cached");
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("plan");

        QTest::newRow("first sync, batches of 3")
            << QStringLiteral("0 0 0 |") << QStringLiteral("7 8 0 7 | ~ | ~ | ~")
            << QStringLiteral("Fetch(1:3) Fetch(4:6) Fetch(7:7) Save(7/8/0)");
        QTest::newRow("first sync, empty folder")
            << QStringLiteral("0 0 0 |") << QStringLiteral("7 1 0 0 | ~ | ~ | ~")
            << QStringLiteral("Save(7/1/0)");
        QTest::newRow("no UIDNEXT from server: open range")
            << QStringLiteral("0 0 0 |") << QStringLiteral("7 0 0 2 | ~ | ~ | ~")
            << QStringLiteral("Fetch(1:*) Save(7/0/0)");
        QTest::newRow("uidvalidity changed: drop and refetch")
            << QStringLiteral("7 4 0 | 1:S 2:- 3:F") << QStringLiteral("9 3 0 2 | ~ | ~ | ~")
            << QStringLiteral("Reset(9) Fetch(1:2) Save(9/3/0)");
        QTest::newRow("plain: flags needed first")
            << QStringLiteral("7 4 0 | 1:S 2:- 3:F") << QStringLiteral("7 6 0 5 | ~ | ~ | ~")
            << QStringLiteral("Fetch(4:5) Flags?(1:3)");
        QTest::newRow("plain: diff flags, expunges, new")
            << QStringLiteral("7 4 0 | 1:S 2:- 3:F")
            << QStringLiteral("7 6 0 4 | 1:SA 3:F+$Work | ~ | ~")
            << QStringLiteral("Expunge(2) Update(1:SA,3:F+$Work) Fetch(4:5) Save(7/6/0)");
        QTest::newRow("plain: nothing changed")
            << QStringLiteral("7 4 0 | 1:S 2:- 3:F")
            << QStringLiteral("7 4 0 3 | 1:S 2:- 3:F | ~ | ~") << QStringLiteral("Save(7/4/0)");
        QTest::newRow("plain: a cached row went missing, fetched again")
            << QStringLiteral("7 4 0 | 1:S 3:F")
            << QStringLiteral("7 4 0 3 | 1:S 2:T 3:F | ~ | ~")
            << QStringLiteral("Fetch(2) Save(7/4/0)");
        QTest::newRow("qresync: no change is free")
            << QStringLiteral("7 4 50 | 1:S 2:- 3:F")
            << QStringLiteral("7 4 50 3 q | ~ | ~ | ~") << QStringLiteral("Save(7/4/50)");
        QTest::newRow("qresync: new mail only")
            << QStringLiteral("7 4 50 | 1:S 2:- 3:F")
            << QStringLiteral("7 5 51 4 q | ~ | | ") << QStringLiteral("Fetch(4:4) Save(7/5/51)");
        QTest::newRow("qresync: changes and vanished")
            << QStringLiteral("7 4 50 | 1:S 2:- 3:F")
            << QStringLiteral("7 4 60 2 q | ~ | 2:S 3:F 9:S | 3 8")
            << QStringLiteral("Expunge(3) Update(2:S) Save(7/4/60)");
        QTest::newRow("qresync: changes not given yet")
            << QStringLiteral("7 4 50 | 1:S 2:- 3:F")
            << QStringLiteral("7 6 60 5 q | ~ | ~ | ~")
            << QStringLiteral("Fetch(4:5) Flags?(1:3 since 50)");
        QTest::newRow("qresync offered but no modseq cached: plain diff")
            << QStringLiteral("7 3 0 | 1:S 2:-")
            << QStringLiteral("7 3 60 2 q | 1:S 2:S | ~ | ~")
            << QStringLiteral("Update(2:S) Save(7/3/60)");
        QTest::newRow("interrupted first sync resumes above the last batch")
            << QStringLiteral("7 0 0 | 1:- 2:- 3:-")
            << QStringLiteral("7 8 0 7 | 1:- 2:- 3:- | ~ | ~")
            << QStringLiteral("Fetch(4:6) Fetch(7:7) Save(7/8/0)");
    }

    void plan()
    {
        QFETCH(QString, cached);
        QFETCH(QString, server);
        QFETCH(QString, plan);
        const QStringList c = cached.split(QLatin1Char('|'));
        const QStringList cs = c[0].split(QLatin1Char(' '), Qt::SkipEmptyParts);
        CachedFolderState cs2;
        cs2.uidvalidity = cs[0].toLongLong();
        cs2.uidnext = cs[1].toLongLong();
        cs2.highestmodseq = cs[2].toLongLong();
        cs2.messages = parseMessages(c[1]);

        const QStringList s = server.split(QLatin1Char('|'));
        const QStringList ss = s[0].split(QLatin1Char(' '), Qt::SkipEmptyParts);
        ServerFolderState st;
        st.uidvalidity = ss[0].toLongLong();
        st.uidnext = ss[1].toLongLong();
        st.highestmodseq = ss[2].toLongLong();
        st.exists = ss[3].toLongLong();
        st.qresync = ss.size() > 4 && ss[4] == QLatin1StringView("q");
        if (s[1].trimmed() != QLatin1StringView("~"))
            st.allFlags = parseMessages(s[1]);
        if (s[2].trimmed() != QLatin1StringView("~")) {
            ServerChanges ch;
            ch.changed = parseMessages(s[2]);
            for (const QString &u : s[3].split(QLatin1Char(' '), Qt::SkipEmptyParts))
                ch.vanished.append(u.toLongLong());
            st.changes = ch;
        }
        QCOMPARE(format(planFolderSync(cs2, st, 3)), plan);
    }
};

QTEST_GUILESS_MAIN(TestSyncPlanner)
#include "tst_syncplanner.moc"
