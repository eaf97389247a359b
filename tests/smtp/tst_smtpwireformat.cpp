// What goes on the wire after DATA: line endings normalised, dots stuffed, and no input can end
// the data early (SMTP smuggling); envelope addresses that could add a command are refused.
#include "smtp/envelope.h"
#include "smtp/wireformat.h"

#include <QTest>

using namespace Tern::Smtp;

class TestSmtpWireFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalise_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray();
        QTest::newRow("crlf kept") << QByteArray("a\r\nb\r\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare lf") << QByteArray("a\nb\n") << QByteArray("a\r\nb\r\n");
        QTest::newRow("bare cr") << QByteArray("a\rb\r") << QByteArray("a\r\nb\r\n");
        QTest::newRow("lf cr is two") << QByteArray("a\n\rb") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("cr cr lf") << QByteArray("a\r\r\nb") << QByteArray("a\r\n\r\nb\r\n");
        QTest::newRow("final line ended") << QByteArray("a") << QByteArray("a\r\n");
        QTest::newRow("lone lf") << QByteArray("\n") << QByteArray("\r\n");
    }

    void normalise()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(WireFormat::normaliseLineEndings(input), expected);
    }

    void dotStuff_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("empty") << QByteArray() << QByteArray(".\r\n");
        QTest::newRow("plain") << QByteArray("a\r\n") << QByteArray("a\r\n.\r\n");
        QTest::newRow("leading dot") << QByteArray(".a\r\n") << QByteArray("..a\r\n.\r\n");
        QTest::newRow("lone dot") << QByteArray("a\r\n.\r\nb\r\n")
                                  << QByteArray("a\r\n..\r\nb\r\n.\r\n");
        QTest::newRow("dot mid-line") << QByteArray("a.b\r\n. \r\n")
                                      << QByteArray("a.b\r\n.. \r\n.\r\n");
        QTest::newRow("two dots") << QByteArray("..\r\n") << QByteArray("...\r\n.\r\n");
        QTest::newRow("unterminated") << QByteArray("a") << QByteArray("a\r\n.\r\n");
    }

    void dotStuff()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, expected);
        QCOMPARE(WireFormat::dotStuff(input), expected);
    }

    // Whatever the message holds, the data ends exactly once, at its very end.
    void noSmuggledEndOfData_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::newRow("lf dot lf") << QByteArray("a\n.\nMAIL FROM:<x>\n");
        QTest::newRow("cr dot cr") << QByteArray("a\r.\rMAIL FROM:<x>\r");
        QTest::newRow("crlf dot lf") << QByteArray("a\r\n.\nRSET\r\n");
        QTest::newRow("lf dot crlf") << QByteArray("a\n.\r\nRSET\r\n");
        QTest::newRow("cr dot crlf") << QByteArray("a\r.\r\nRSET\r\n");
        QTest::newRow("crlf dot cr") << QByteArray("a\r\n.\rRSET\r\n");
        QTest::newRow("starts with dot") << QByteArray(".\r\nRSET\r\n");
        QTest::newRow("ends with dot") << QByteArray("a\r\n.");
        QTest::newRow("ends with dot crlf") << QByteArray("a\r\n.\r\n");
        QTest::newRow("nul") << QByteArray("a\r\n\0.\r\n", 7);
    }

    void noSmuggledEndOfData()
    {
        QFETCH(QByteArray, input);
        const QByteArray wire = WireFormat::dotStuff(WireFormat::normaliseLineEndings(input));
        QVERIFY(wire.endsWith("\r\n.\r\n") || wire == ".\r\n");
        QCOMPARE(wire.indexOf("\r\n.\r\n"), wire.size() - 5);
        QVERIFY(!wire.startsWith(".\r\n") || wire == ".\r\n");
        // Every CR is followed by LF and every LF preceded by CR.
        for (qsizetype i = 0; i < wire.size(); ++i) {
            if (wire[i] == '\r')
                QCOMPARE(wire.at(i + 1), '\n');
            if (wire[i] == '\n')
                QCOMPARE(wire.at(i - 1), '\r');
        }
    }

    void eightBit()
    {
        QVERIFY(!WireFormat::hasEightBit("plain ascii\r\n"));
        QVERIFY(WireFormat::hasEightBit("Gr\xc3\xbc\xc3\x9f" "e"));
        QVERIFY(WireFormat::hasEightBit(QByteArray(1, char(0x80))));
    }

    void envelope_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QStringList>("recipients");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("utf8");
        const QString a = QStringLiteral("a@example.test");
        QTest::newRow("ok") << a << QStringList{a} << true << false;
        QTest::newRow("null sender") << QString() << QStringList{a} << true << false;
        QTest::newRow("no recipients") << a << QStringList{} << false << false;
        QTest::newRow("empty recipient") << a << QStringList{QString()} << false << false;
        QTest::newRow("non-ascii") << a << QStringList{QStringLiteral("jürgen@example.test")}
                                   << true << true;
        QTest::newRow("non-ascii sender") << QStringLiteral("ö@example.test") << QStringList{a}
                                          << true << true;
        const char *bad[] = {"a@x\r\nRCPT TO:<b@x", "a@x\n", "a@x\r", "a@x>", "<a@x",
                             "a @x", "a@x\t", "a@x\x7f", "a@x\x01"};
        for (const char *b : bad) {
            QTest::addRow("bad recipient %s", QByteArray(b).toPercentEncoding().constData())
                << a << QStringList{a, QString::fromLatin1(b)} << false << false;
            QTest::addRow("bad sender %s", QByteArray(b).toPercentEncoding().constData())
                << QString::fromLatin1(b) << QStringList{a} << false << false;
        }
        QTest::newRow("nul") << a << QStringList{QString::fromLatin1("a\0@x", 4)} << false
                             << false;
        QTest::newRow("unicode line separator") << a << QStringList{QStringLiteral("a\u2028@x")}
                                                << false << true;
        QTest::newRow("too long") << a << QStringList{QString(300, u'a')} << false << false;
    }

    void envelope()
    {
        QFETCH(QString, from);
        QFETCH(QStringList, recipients);
        QFETCH(bool, valid);
        QFETCH(bool, utf8);
        const Envelope e{from, recipients};
        QCOMPARE(e.validate().isEmpty(), valid);
        QCOMPARE(e.needsSmtpUtf8(), utf8);
    }
};

QTEST_GUILESS_MAIN(TestSmtpWireFormat)
#include "tst_smtpwireformat.moc"
