// SMTP reply parsing: single lines, RFC 3463 enhanced codes, multiline replies fed in any
// chunking down to one byte at a time, malformed and hostile input, EHLO capabilities.
#include "smtp/capabilities.h"
#include "smtp/replyparser.h"

#include <QFile>
#include <QTest>

using namespace Tern::Smtp;

namespace {

QByteArray dataFile(const char *name)
{
    QFile f(QStringLiteral(TERN_TEST_DATA_DIR "/smtp/") + QLatin1StringView(name));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSmtpReply : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replyLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("last");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("last") << QByteArray("250 ok") << true << 250 << true << QByteArray("ok");
        QTest::newRow("continued") << QByteArray("250-PIPELINING") << true << 250 << false
                                   << QByteArray("PIPELINING");
        QTest::newRow("code only") << QByteArray("354") << true << 354 << true << QByteArray();
        QTest::newRow("empty text") << QByteArray("221 ") << true << 221 << true << QByteArray();
        QTest::newRow("empty") << QByteArray() << false << 0 << true << QByteArray();
        QTest::newRow("short") << QByteArray("25") << false << 0 << true << QByteArray();
        QTest::newRow("letters") << QByteArray("abc ok") << false << 0 << true << QByteArray();
        QTest::newRow("bad separator") << QByteArray("250:ok") << false << 0 << true
                                       << QByteArray();
        QTest::newRow("first digit 1") << QByteArray("150 x") << false << 0 << true
                                       << QByteArray();
        QTest::newRow("first digit 6") << QByteArray("600 x") << false << 0 << true
                                       << QByteArray();
        QTest::newRow("second digit 6") << QByteArray("260 x") << false << 0 << true
                                        << QByteArray();
        QTest::newRow("four digits") << QByteArray("2500 x") << false << 0 << true
                                     << QByteArray();
    }

    void replyLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(bool, valid);
        QFETCH(int, code);
        QFETCH(bool, last);
        QFETCH(QByteArray, text);
        const std::optional<ReplyLine> parsed = parseReplyLine(line);
        QCOMPARE(parsed.has_value(), valid);
        if (valid)
            QCOMPARE(*parsed, (ReplyLine{code, last, text}));
    }

    void enhancedCode_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("enhanced");
        QTest::newRow("ok") << QByteArray("2.1.0 Ok") << 250 << QByteArray("2.1.0");
        QTest::newRow("alone") << QByteArray("5.7.8") << 535 << QByteArray("5.7.8");
        QTest::newRow("three digits") << QByteArray("4.123.456 x") << 450
                                      << QByteArray("4.123.456");
        QTest::newRow("class mismatch") << QByteArray("5.1.1 x") << 250 << QByteArray();
        QTest::newRow("class 3") << QByteArray("3.0.0 x") << 354 << QByteArray();
        QTest::newRow("four digits") << QByteArray("2.1000.0 x") << 250 << QByteArray();
        QTest::newRow("no detail") << QByteArray("2.1. x") << 250 << QByteArray();
        QTest::newRow("glued text") << QByteArray("2.1.0ok") << 250 << QByteArray();
        QTest::newRow("plain text") << QByteArray("mail.example ESMTP") << 220 << QByteArray();
        QTest::newRow("8BITMIME") << QByteArray("8BITMIME") << 250 << QByteArray();
    }

    void enhancedCode()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        QFETCH(QByteArray, enhanced);
        qsizetype length = -1;
        QCOMPARE(parseEnhancedCode(text, code, &length), enhanced);
        QCOMPARE(length, enhanced.size());
    }

    void parser_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QList<Reply>>("replies");
        QTest::addColumn<bool>("error");

        const QByteArray multiline = dataFile("reply-enhanced-multiline.txt");
        QVERIFY(!multiline.isEmpty());
        const Reply refused{550, "5.7.1", {"This message was refused", "because of its content,",
                                          "see https://example.test/policy"}};
        QTest::newRow("greeting") << QByteArray("220 mail.example ESMTP\r\n")
                                  << QList<Reply>{{220, {}, {"mail.example ESMTP"}}} << false;
        QTest::newRow("enhanced multiline, bare LF") << multiline << QList<Reply>{refused}
                                                     << false;
        QTest::newRow("enhanced multiline, CRLF")
            << QByteArray(multiline).replace("\n", "\r\n") << QList<Reply>{refused} << false;
        QTest::newRow("pipelined replies")
            << QByteArray("250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 End data\r\n")
            << QList<Reply>{{250, "2.1.0", {"Ok"}}, {250, "2.1.5", {"Ok"}},
                            {354, {}, {"End data"}}}
            << false;
        QTest::newRow("incomplete reply waits")
            << QByteArray("250-one\r\n250-two\r\n") << QList<Reply>{} << false;
        QTest::newRow("code changes within a reply")
            << QByteArray("250-one\r\n550 two\r\n") << QList<Reply>{} << true;
        QTest::newRow("garbage") << QByteArray("HTTP/1.1 400 Bad Request\r\n") << QList<Reply>{}
                                 << true;
        QTest::newRow("garbage after a good reply")
            << QByteArray("250 ok\r\n<html>\r\n") << QList<Reply>{{250, {}, {"ok"}}} << true;
        QTest::newRow("overlong line") << QByteArray(5000, '2') << QList<Reply>{} << true;
        QByteArray many;
        for (int i = 0; i < 1200; ++i)
            many += "250-x\r\n";
        QTest::newRow("too many lines") << many << QList<Reply>{} << true;
    }

    void parser()
    {
        QFETCH(QByteArray, input);
        QFETCH(QList<Reply>, replies);
        QFETCH(bool, error);
        for (const qsizetype chunk : {qsizetype(1), qsizetype(2), qsizetype(7), input.size()}) {
            ReplyParser parser;
            QList<Reply> got;
            for (qsizetype i = 0; i < input.size(); i += chunk) {
                parser.feed(input.mid(i, chunk));
                while (std::optional<Reply> r = parser.next())
                    got << *r;
            }
            QCOMPARE(got, replies);
            QCOMPARE(parser.hasError(), error);
        }
    }

    void clearDropsBufferedBytes()
    {
        ReplyParser parser;
        parser.feed("220 Ready to start TLS\r\n250 injected\r\n");
        QCOMPARE(parser.next()->code, 220);
        parser.clear();
        QVERIFY(!parser.next());
        parser.feed("250 after\r\n");
        QCOMPARE(parser.next()->lines, QByteArrayList{"after"});
    }

    void capabilities_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Capabilities>("expected");
        Capabilities postfix;
        postfix.esmtp = true;
        postfix.pipelining = postfix.chunking = postfix.eightBitMime = postfix.smtpUtf8 = true;
        postfix.enhancedStatusCodes = postfix.hasSize = true;
        postfix.sizeLimit = 20971520;
        postfix.authMechanisms = {QStringLiteral("PLAIN"), QStringLiteral("LOGIN")};
        QTest::newRow("postfix") << dataFile("ehlo-postfix-submission.txt") << postfix;
        Capabilities bare;
        bare.esmtp = true;
        QTest::newRow("name only") << QByteArray("250 mail.example\r\n") << bare;
        Capabilities old;
        old.esmtp = old.startTls = old.hasSize = true;
        old.authMechanisms = {QStringLiteral("LOGIN"), QStringLiteral("PLAIN"),
                              QStringLiteral("CRAM-MD5")};
        QTest::newRow("old style AUTH=, SIZE without limit, lower case")
            << QByteArray("250-mail\r\n250-AUTH=LOGIN PLAIN\r\n250-auth login cram-md5\r\n"
                          "250-size\r\n250 starttls\r\n")
            << old;
    }

    void capabilities()
    {
        QFETCH(QByteArray, input);
        QFETCH(Capabilities, expected);
        ReplyParser parser;
        parser.feed(input);
        const std::optional<Reply> reply = parser.next();
        QVERIFY(reply);
        QCOMPARE(Capabilities::fromEhlo(*reply), expected);
    }
};

QTEST_GUILESS_MAIN(TestSmtpReply)
#include "tst_smtpreply.moc"
