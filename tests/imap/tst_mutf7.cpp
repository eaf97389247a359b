#include "mutf7.h"

#include <QTest>

using namespace Tern::Imap;
using namespace Qt::StringLiterals;

class TestMutf7 : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("encoded");
        // Examples from RFC 3501 §5.1.3 and RFC 2152.
        QTest::newRow("ascii") << u"INBOX/Sent Items"_s << QByteArray("INBOX/Sent Items");
        QTest::newRow("ampersand") << u"Tom & Jerry"_s << QByteArray("Tom &- Jerry");
        QTest::newRow("rfc3501") << u"~peter/mail/台北/日本語"_s
                                 << QByteArray("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        QTest::newRow("umlaut") << u"Entwürfe"_s << QByteArray("Entw&APw-rfe");
        QTest::newRow("two-runs") << u"ä-ö"_s << QByteArray("&AOQ--&APY-");
        QTest::newRow("emoji-surrogates") << u"a😀"_s << QByteArray("a&2D3eAA-");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("control-char") << u"a\tb"_s << QByteArray("a&AAk-b");
    }

    void roundTrip()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, encoded);
        QCOMPARE(encodeMailboxName(name), encoded);
        QCOMPARE(decodeMailboxName(encoded), name);
    }

    void lenientDecode_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("expected");
        QTest::newRow("raw-utf8") << QByteArray("Entwürfe") << u"Entwürfe"_s;
        QTest::newRow("raw-latin1") << QByteArray("Entw\xfc" "rfe") << u"Entwürfe"_s;
        QTest::newRow("unterminated-shift") << QByteArray("a&APw") << u"a&APw"_s;
        QTest::newRow("bad-base64") << QByteArray("a&A*w-") << u"a&A*w-"_s;
        QTest::newRow("encoded-ascii") << QByteArray("&AGE-") << u"&AGE-"_s;
        QTest::newRow("lone-surrogate") << QByteArray("&2D0-") << u"&2D0-"_s;
    }

    void lenientDecode()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, expected);
        QCOMPARE(decodeMailboxName(raw), expected);
    }
};

QTEST_GUILESS_MAIN(TestMutf7)
#include "tst_mutf7.moc"
