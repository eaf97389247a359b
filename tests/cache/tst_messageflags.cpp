#include "cache/messageflags.h"

#include <QTest>

using namespace Tern;

class TestMessageFlags : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fromImap_data()
    {
        QTest::addColumn<QStringList>("imap");
        QTest::addColumn<quint32>("bits");
        QTest::addColumn<QString>("keywords");
        QTest::addColumn<QStringList>("back");
        QTest::newRow("empty") << QStringList() << 0u << QString() << QStringList();
        QTest::newRow("seen") << QStringList{QStringLiteral("\\Seen")} << 1u << QString()
                              << QStringList{QStringLiteral("\\Seen")};
        QTest::newRow("all system, any case")
            << QStringList{QStringLiteral("\\draft"), QStringLiteral("\\DELETED"),
                           QStringLiteral("\\Flagged"), QStringLiteral("\\answered"),
                           QStringLiteral("\\seen")}
            << 31u << QString()
            << QStringList{QStringLiteral("\\Seen"), QStringLiteral("\\Answered"),
                           QStringLiteral("\\Flagged"), QStringLiteral("\\Deleted"),
                           QStringLiteral("\\Draft")};
        QTest::newRow("recent dropped") << QStringList{QStringLiteral("\\Recent")} << 0u
                                        << QString() << QStringList();
        QTest::newRow("keywords sorted, unique")
            << QStringList{QStringLiteral("$Work"), QStringLiteral("\\Flagged"),
                           QStringLiteral("$Junk"), QStringLiteral("$Work")}
            << 4u << QStringLiteral("$Junk $Work")
            << QStringList{QStringLiteral("\\Flagged"), QStringLiteral("$Junk"),
                           QStringLiteral("$Work")};
    }

    void fromImap()
    {
        QFETCH(QStringList, imap);
        QFETCH(quint32, bits);
        QFETCH(QString, keywords);
        QFETCH(QStringList, back);
        const MessageFlags f = MessageFlags::fromImap(imap);
        QCOMPARE(f.bits(), bits);
        QCOMPARE(f.keywordsText(), keywords);
        QCOMPARE(f.toImap(), back);
        QCOMPARE(MessageFlags::fromColumns(f.bits(), f.keywordsText()), f);
        QByteArrayList bytes;
        for (const QString &s : imap)
            bytes.append(s.toUtf8());
        QCOMPARE(MessageFlags::fromImap(bytes), f);
    }

    void addRemove()
    {
        MessageFlags f = MessageFlags::fromImap(QStringList{QStringLiteral("\\Seen"),
                                                            QStringLiteral("$a")});
        f.add(MessageFlags(MessageFlags::Flagged, {QStringLiteral("$b")}));
        QCOMPARE(f.toImap(), (QStringList{QStringLiteral("\\Seen"), QStringLiteral("\\Flagged"),
                                          QStringLiteral("$a"), QStringLiteral("$b")}));
        f.remove(MessageFlags(MessageFlags::Seen, {QStringLiteral("$a")}));
        QCOMPARE(f.bits(), quint32(MessageFlags::Flagged));
        QCOMPARE(f.keywordsText(), QStringLiteral("$b"));
        QCOMPARE(f.letters(), QStringLiteral("F"));
        QCOMPARE(MessageFlags().letters(), QStringLiteral("-"));
    }
};

QTEST_GUILESS_MAIN(TestMessageFlags)
#include "tst_messageflags.moc"
