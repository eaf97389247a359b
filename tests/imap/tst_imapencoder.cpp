#include "imapencoder.h"
#include "imapresponse.h"

#include <QTest>

using namespace Tern::Imap;
using namespace Qt::StringLiterals;

class TestImapEncoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void astring_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QList<QByteArray>>("sync");     // without LITERAL+
        QTest::addColumn<QList<QByteArray>>("plus");     // with LITERAL+
        QTest::addColumn<QByteArray>("log");
        using L = QList<QByteArray>;
        QTest::newRow("atom") << QByteArray("foo]bar") << L{"X foo]bar\r\n"}
                              << L{"X foo]bar\r\n"} << QByteArray("X foo]bar");
        QTest::newRow("empty") << QByteArray() << L{"X \"\"\r\n"} << L{"X \"\"\r\n"}
                               << QByteArray("X \"\"");
        QTest::newRow("space") << QByteArray("a b") << L{"X \"a b\"\r\n"} << L{"X \"a b\"\r\n"}
                               << QByteArray("X \"a b\"");
        QTest::newRow("escapes") << QByteArray("a\"b\\c") << L{"X \"a\\\"b\\\\c\"\r\n"}
                                 << L{"X \"a\\\"b\\\\c\"\r\n"} << QByteArray("X \"a\\\"b\\\\c\"");
        QTest::newRow("specials") << QByteArray("(%*{") << L{"X \"(%*{\"\r\n"}
                                  << L{"X \"(%*{\"\r\n"} << QByteArray("X \"(%*{\"");
        QTest::newRow("crlf-literal") << QByteArray("a\r\nb") << L{"X {4}\r\n", "a\r\nb\r\n"}
                                      << L{"X {4+}\r\na\r\nb\r\n"} << QByteArray("X {4} <4 bytes>");
        QTest::newRow("8bit-literal") << QByteArray("Grüße") << L{"X {7}\r\n", "Grüße\r\n"}
                                      << L{"X {7+}\r\nGrüße\r\n"} << QByteArray("X {7} <7 bytes>");
        QTest::newRow("long-literal") << QByteArray(2000, ' ')
                                      << L{"X {2000}\r\n", QByteArray(2000, ' ') + "\r\n"}
                                      << L{"X {2000+}\r\n" + QByteArray(2000, ' ') + "\r\n"}
                                      << QByteArray("X {2000} <2000 bytes>");
    }

    void astring()
    {
        QFETCH(QByteArray, value);
        QFETCH(QList<QByteArray>, sync);
        QFETCH(QList<QByteArray>, plus);
        QFETCH(QByteArray, log);
        CommandBuilder builder("X");
        builder.astring(value);
        QCOMPARE(builder.chunks(false), sync);
        QCOMPARE(builder.chunks(true), plus);
        QCOMPARE(builder.logText(), log);
        QVERIFY(builder.isValid());
    }

    void stringAlwaysQuotesAtoms()
    {
        CommandBuilder builder("SEARCH");
        builder.atom("CHARSET").atom("UTF-8").atom("SUBJECT").string("hello");
        QCOMPARE(builder.chunks(false), QList<QByteArray>{"SEARCH CHARSET UTF-8 SUBJECT \"hello\"\r\n"});
    }

    void login()
    {
        CommandBuilder builder("LOGIN");
        builder.astring("alice").secret("p\"ss word");
        QCOMPARE(builder.chunks(false), QList<QByteArray>{"LOGIN alice \"p\\\"ss word\"\r\n"});
        QCOMPARE(builder.logText(), QByteArray("LOGIN alice ***"));
        CommandBuilder literal("LOGIN");
        literal.astring("bob").secret("pässword");
        QCOMPARE(literal.chunks(false),
                 (QList<QByteArray>{"LOGIN bob {9}\r\n", "pässword\r\n"}));
        QVERIFY(!literal.logText().contains("ssword"));
        QCOMPARE(literal.logText(), QByteArray("LOGIN bob ***"));
    }

    void literalMinus()
    {
        CommandBuilder builder("APPEND");
        builder.mailbox(u"Sent"_s).literal(QByteArray(10, 'x')).literal(QByteArray(5000, 'y'));
        const auto chunks = builder.chunks(false, true);
        QCOMPARE(chunks.size(), 2);
        QVERIFY(chunks[0].startsWith("APPEND Sent {10+}\r\nxxxxxxxxxx {5000}\r\n"));
        QCOMPARE(chunks[1], QByteArray(5000, 'y') + "\r\n");
        QCOMPARE(builder.logText(), QByteArray("APPEND Sent {10} <10 bytes> {5000} <5000 bytes>"));
    }

    void binaryLiteral()
    {
        const QByteArray data("a\0b", 3);
        CommandBuilder builder("APPEND");
        builder.atom("INBOX").literal(data, true);
        QCOMPARE(builder.chunks(true), QList<QByteArray>{"APPEND INBOX ~{3+}\r\n" + data + "\r\n"});
        QCOMPARE(builder.chunks(false),
                 (QList<QByteArray>{"APPEND INBOX ~{3}\r\n", data + "\r\n"}));
        QVERIFY(builder.isValid());

        CommandBuilder refused("X");
        refused.string(data);
        QVERIFY(!refused.isValid()); // NUL needs BINARY
        CommandBuilder allowed("X");
        allowed.setBinaryAllowed(true).string(data);
        QVERIFY(allowed.isValid());
        QCOMPARE(allowed.chunks(true), QList<QByteArray>{"X ~{3+}\r\n" + data + "\r\n"});
        CommandBuilder plain("X");
        plain.literal(data);
        QVERIFY(!plain.isValid());
    }

    void mailbox_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("utf8");
        QTest::addColumn<QByteArray>("wire");
        QTest::newRow("inbox") << u"inbox"_s << false << QByteArray("SELECT INBOX\r\n");
        QTest::newRow("plain") << u"Lists/Qt"_s << false << QByteArray("SELECT Lists/Qt\r\n");
        QTest::newRow("space") << u"Sent Items"_s << false
                               << QByteArray("SELECT \"Sent Items\"\r\n");
        QTest::newRow("mutf7") << u"Entwürfe"_s << false << QByteArray("SELECT Entw&APw-rfe\r\n");
        QTest::newRow("wildcard") << u"a*b"_s << false << QByteArray("SELECT \"a*b\"\r\n");
        QTest::newRow("utf8-quoted-as-literal")
            << u"Entwürfe"_s << true << QByteArray("SELECT {9+}\r\nEntwürfe\r\n");
    }

    void mailbox()
    {
        QFETCH(QString, name);
        QFETCH(bool, utf8);
        QFETCH(QByteArray, wire);
        CommandBuilder builder("SELECT");
        builder.mailbox(name, utf8);
        QCOMPARE(builder.chunks(true).join(), wire);
    }

    void sequenceSet_data()
    {
        QTest::addColumn<QList<quint32>>("ids");
        QTest::addColumn<QByteArray>("set");
        QTest::newRow("empty") << QList<quint32>{} << QByteArray();
        QTest::newRow("one") << QList<quint32>{7} << QByteArray("7");
        QTest::newRow("issue") << QList<quint32>{12, 1, 2, 3, 4, 5, 7, 9, 10, 11}
                               << QByteArray("1:5,7,9:12");
        QTest::newRow("duplicates") << QList<quint32>{3, 3, 4, 4} << QByteArray("3:4");
        QTest::newRow("max") << QList<quint32>{4294967295u, 4294967294u}
                             << QByteArray("4294967294:4294967295");
    }

    void sequenceSet()
    {
        QFETCH(QList<quint32>, ids);
        QFETCH(QByteArray, set);
        QCOMPARE(compressSequenceSet(ids), set);
        CommandBuilder builder("UID FETCH");
        builder.sequenceSet(ids).list({"UID", "FLAGS"});
        QCOMPARE(builder.chunks(false).join(), "UID FETCH " + set + " (UID FLAGS)\r\n");
    }

    void expand_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QList<quint32>>("ids");
        QTest::newRow("ranges") << QByteArray("1:3,7,10:9") << QList<quint32>{1, 2, 3, 7, 9, 10};
        QTest::newRow("empty") << QByteArray() << QList<quint32>{};
        QTest::newRow("star") << QByteArray("1:*") << QList<quint32>{};
        QTest::newRow("zero") << QByteArray("0:2") << QList<quint32>{};
        QTest::newRow("junk") << QByteArray("1,a") << QList<quint32>{};
        QTest::newRow("sign") << QByteArray("+1") << QList<quint32>{};
        QTest::newRow("too-large") << QByteArray("1:4294967295") << QList<quint32>{};
    }

    void expand()
    {
        QFETCH(QByteArray, set);
        QFETCH(QList<quint32>, ids);
        QCOMPARE(Tern::Imap::expandSequenceSet(set), ids);
    }

    void rawAndList()
    {
        CommandBuilder builder("UID STORE");
        builder.atom("1:3").raw("(UNCHANGEDSINCE 5)").atom("+FLAGS.SILENT")
            .list({"\\Seen", "$Junk"});
        QCOMPARE(builder.chunks(true), QList<QByteArray>{
            "UID STORE 1:3 (UNCHANGEDSINCE 5) +FLAGS.SILENT (\\Seen $Junk)\r\n"});
    }
};

QTEST_GUILESS_MAIN(TestImapEncoder)
#include "tst_imapencoder.moc"
