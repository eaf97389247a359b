// Pure POP3 line parsers: status lines, APOP, CAPA, STAT/LIST/UIDL lines, dot-unstuffing.
#include "pop3/pop3parser.h"

#include <QTest>

using namespace Tern::Pop3;

class TestPop3Parser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void status_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QByteArray>("code");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("ok") << QByteArray("+OK done") << true << true << QByteArray()
                            << QByteArray("done");
        QTest::newRow("bare ok") << QByteArray("+OK") << true << true << QByteArray()
                                 << QByteArray();
        QTest::newRow("err") << QByteArray("-ERR no such message") << true << false
                             << QByteArray() << QByteArray("no such message");
        QTest::newRow("in-use") << QByteArray("-ERR [IN-USE] Mailbox locked") << true << false
                                << QByteArray("IN-USE") << QByteArray("Mailbox locked");
        QTest::newRow("sys/temp") << QByteArray("-ERR [SYS/TEMP] try later") << true << false
                                  << QByteArray("SYS/TEMP") << QByteArray("try later");
        QTest::newRow("glued") << QByteArray("+OKAY") << false << false << QByteArray()
                               << QByteArray();
        QTest::newRow("garbage") << QByteArray("* OK imap") << false << false << QByteArray()
                                 << QByteArray();
        QTest::newRow("continuation") << QByteArray("+ ") << false << false << QByteArray()
                                      << QByteArray();
    }
    void status()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        const auto s = Parser::status(line);
        QCOMPARE(s.has_value(), valid);
        if (!valid)
            return;
        QTEST(s->ok, "ok");
        QTEST(s->code, "code");
        QTEST(s->text, "text");
    }

    void apop_data()
    {
        QTest::addColumn<QByteArray>("greeting");
        QTest::addColumn<QByteArray>("timestamp");
        QTest::newRow("rfc1939")
            << QByteArray("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
                                 << QByteArray("<1896.697170952@dbc.mtview.ca.us>");
        QTest::newRow("dovecot") << QByteArray("+OK Dovecot ready. <4a2b.1.6924c5f1.abc==@host>")
                                 << QByteArray("<4a2b.1.6924c5f1.abc==@host>");
        QTest::newRow("none") << QByteArray("+OK Dovecot ready.") << QByteArray();
        QTest::newRow("unclosed") << QByteArray("+OK ready <1.2@x") << QByteArray();
        QTest::newRow("no at") << QByteArray("+OK ready <1234>") << QByteArray();
        QTest::newRow("nested") << QByteArray("+OK <a<b@c>") << QByteArray();
    }
    void apop()
    {
        QFETCH(QByteArray, greeting);
        QTEST(Parser::apopTimestamp(greeting), "timestamp");
    }

    void apopDigestRfcExample()
    {
        // RFC 1939 §7, the APOP example.
        QCOMPARE(Parser::apopDigest("<1896.697170952@dbc.mtview.ca.us>",
                                    QStringLiteral("tanstaaf")),
                 QByteArray("c4c9334bac560ecc979e58001b3e22fb"));
    }

    void capabilities()
    {
        const QByteArrayList lines{"TOP", "USER", "SASL PLAIN login", "RESP-CODES",
                                   "PIPELINING", "UIDL", "STLS", "IMPLEMENTATION x"};
        const Capabilities c = Parser::capabilities(lines);
        QVERIFY(c.valid);
        QVERIFY(c.top && c.user && c.uidl && c.pipelining && c.stls && c.respCodes);
        QCOMPARE(c.sasl, (QStringList{QStringLiteral("PLAIN"), QStringLiteral("LOGIN")}));
        QCOMPARE(c.lines, lines);
        const Capabilities bare = Parser::capabilities({});
        QVERIFY(bare.valid);
        QVERIFY(!bare.pipelining && !bare.stls && bare.sasl.isEmpty());
    }

    void numbers_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<int>("stat");     // count, -1 invalid
        QTest::addColumn<int>("list");     // msg no, -1 invalid
        QTest::addColumn<QByteArray>("uid"); // empty: invalid
        QTest::newRow("two numbers") << QByteArray("2 320") << 2 << 2 << QByteArray("320");
        QTest::newRow("uid") << QByteArray("1 whqtswO00WBw418f9t5JxYwZ") << -1 << -1
                             << QByteArray("whqtswO00WBw418f9t5JxYwZ");
        QTest::newRow("extra text") << QByteArray("3 120 octets") << 3 << 3 << QByteArray("120");
        QTest::newRow("zero msg") << QByteArray("0 10") << 0 << -1 << QByteArray();
        QTest::newRow("negative") << QByteArray("-1 10") << -1 << -1 << QByteArray();
        QTest::newRow("empty") << QByteArray("") << -1 << -1 << QByteArray();
        QTest::newRow("one") << QByteArray("5") << -1 << -1 << QByteArray();
        QTest::newRow("huge") << QByteArray("99999999999999999999 1") << -1 << -1 << QByteArray();
        QTest::newRow("uid too long") << QByteArray("1 " + QByteArray(71, 'a')) << -1 << -1
                                      << QByteArray();
        QTest::newRow("uid control") << QByteArray("1 a\x01z") << -1 << -1 << QByteArray();
    }
    void numbers()
    {
        QFETCH(QByteArray, line);
        QFETCH(int, stat);
        QFETCH(int, list);
        const auto s = Parser::stat(line);
        QCOMPARE(s ? s->first : -1, stat);
        const auto l = Parser::listEntry(line);
        QCOMPARE(l ? l->msgNo : -1, list);
        const auto u = Parser::uidlEntry(line);
        QTEST(u ? u->uid : QByteArray(), "uid");
    }

    void unstuff_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("end");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("terminator") << QByteArray(".") << true << QByteArray();
        QTest::newRow("stuffed dot") << QByteArray("..") << false << QByteArray(".");
        QTest::newRow("stuffed text") << QByteArray("..hidden") << false << QByteArray(".hidden");
        QTest::newRow("plain") << QByteArray("text") << false << QByteArray("text");
        QTest::newRow("empty") << QByteArray("") << false << QByteArray("");
        QTest::newRow("dot space") << QByteArray(". ") << false << QByteArray(" ");
    }
    void unstuff()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, end);
        const auto c = Parser::unstuff(line);
        QCOMPARE(!c.has_value(), end);
        if (c)
            QTEST(c->toByteArray(), "content");
    }
};

QTEST_GUILESS_MAIN(TestPop3Parser)
#include "tst_pop3parser.moc"
