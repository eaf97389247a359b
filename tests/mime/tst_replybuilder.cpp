#include "mime/messagecomposer.h"
#include "mime/messageparser.h"
#include "mime/replybuilder.h"

#include <QTest>

using namespace Tern::Mime;

namespace {

const MailAddress Me{QStringLiteral("Alice"), QStringLiteral("alice@example.org")};

MailAddress addr(const char *name, const char *address)
{
    return {QString::fromUtf8(name), QString::fromUtf8(address)};
}

QByteArray original(const QByteArray &extraHeaders,
                    const QByteArray &from = "Bob <bob@example.net>")
{
    return "From: " + from + "\r\n"
           "To: Alice <alice@example.org>, Carol <carol@example.com>\r\n"
           "Cc: dave@example.com, ALICE@example.org\r\n"
           "Subject: =?utf-8?q?Pl=C3=A4ne?=\r\n"
           "Date: Tue, 4 Mar 2025 09:30:00 +0100\r\n"
           "Message-ID: <m3@example.net>\r\n"
           "References: <m1@example.net> <m2@example.net>\r\n"
           "In-Reply-To: <m2@example.net>\r\n"
        + extraHeaders
        + "MIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=utf-8\r\n"
          "\r\n"
          "First line\r\n"
          "> earlier quote\r\n"
          "\r\n"
          "Last line\r\n";
}

} // namespace

class TestReplyBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replySubject_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("Lunch") << QStringLiteral("Re: Lunch");
        QTest::newRow("re") << QStringLiteral("Re: Lunch") << QStringLiteral("Re: Lunch");
        QTest::newRow("RE") << QStringLiteral("RE: Lunch") << QStringLiteral("RE: Lunch");
        QTest::newRow("re-nospace") << QStringLiteral("re:Lunch") << QStringLiteral("re:Lunch");
        QTest::newRow("re-counted") << QStringLiteral("Re[2]: Lunch")
                                    << QStringLiteral("Re[2]: Lunch");
        QTest::newRow("aw") << QStringLiteral("AW: Essen") << QStringLiteral("AW: Essen");
        QTest::newRow("fwd") << QStringLiteral("Fwd: Lunch") << QStringLiteral("Re: Fwd: Lunch");
        QTest::newRow("word") << QStringLiteral("Regarding x")
                              << QStringLiteral("Re: Regarding x");
        QTest::newRow("empty") << QString() << QStringLiteral("Re: ");
    }

    void replySubject()
    {
        QFETCH(QString, subject);
        QFETCH(QString, expected);
        QCOMPARE(Tern::Mime::replySubject(subject), expected);
    }

    void forwardSubject()
    {
        QCOMPARE(Tern::Mime::forwardSubject(QStringLiteral("x")), QStringLiteral("Fwd: x"));
        QCOMPARE(Tern::Mime::forwardSubject(QStringLiteral("FW: x")), QStringLiteral("FW: x"));
        QCOMPARE(Tern::Mime::forwardSubject(QStringLiteral("Re: x")),
                 QStringLiteral("Fwd: Re: x"));
    }

    void quoting()
    {
        QCOMPARE(quoteText(QStringLiteral("a\n> b\n\nc\n")),
                 QStringLiteral("> a\n>> b\n>\n> c"));
    }

    void recipients_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<bool>("all");
        QTest::addColumn<QList<MailAddress>>("to");
        QTest::addColumn<QList<MailAddress>>("cc");
        const QList<MailAddress> none;
        QTest::newRow("reply") << original({}) << false
                               << QList<MailAddress>{addr("Bob", "bob@example.net")} << none;
        QTest::newRow("reply-all")
            << original({}) << true << QList<MailAddress>{addr("Bob", "bob@example.net")}
            << QList<MailAddress>{addr("Carol", "carol@example.com"),
                                  addr("", "dave@example.com")};
        QTest::newRow("reply-to") << original("Reply-To: List <list@example.org>\r\n") << false
                                  << QList<MailAddress>{addr("List", "list@example.org")}
                                  << none;
        QTest::newRow("reply-to-all")
            << original("Reply-To: List <list@example.org>\r\n") << true
            << QList<MailAddress>{addr("List", "list@example.org")}
            << QList<MailAddress>{addr("Carol", "carol@example.com"),
                                  addr("", "dave@example.com")};
        QTest::newRow("followup-to")
            << original("Mail-Followup-To: list@example.org, bob@example.net\r\n") << true
            << QList<MailAddress>{addr("", "list@example.org"), addr("", "bob@example.net")}
            << none;
        QTest::newRow("followup-to-single-reply")
            << original("Mail-Followup-To: list@example.org\r\n") << false
            << QList<MailAddress>{addr("Bob", "bob@example.net")} << none;
        QTest::newRow("own-message")
            << original({}, "Alice <alice@example.org>") << true
            << QList<MailAddress>{addr("Carol", "carol@example.com")}
            << QList<MailAddress>{addr("", "dave@example.com")};
    }

    void recipients()
    {
        QFETCH(QByteArray, raw);
        QFETCH(bool, all);
        QFETCH(QList<MailAddress>, to);
        QFETCH(QList<MailAddress>, cc);
        const MessageDraft d = replyDraft(raw, all, Me);
        QCOMPARE(d.from, Me);
        QCOMPARE(d.to, to);
        QCOMPARE(d.cc, cc);
        QVERIFY(d.bcc.isEmpty());
    }

    void threadingAndQuote()
    {
        const MessageDraft d = replyDraft(original({}), false, Me);
        QCOMPARE(d.subject, QStringLiteral("Re: Pläne"));
        QCOMPARE(d.inReplyTo, QByteArray("m3@example.net"));
        QCOMPARE(d.references,
                 QList<QByteArray>({"m1@example.net", "m2@example.net", "m3@example.net"}));
        QVERIFY(d.plainBody.startsWith(QLatin1StringView("On ")));
        QVERIFY(d.plainBody.contains(QLatin1StringView("Bob wrote:\n> First line\n"
                                                       ">> earlier quote\n>\n> Last line")));

        // The composed reply carries the threading headers.
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        const ParsedMessage reply = parseMessage(out.bytes);
        QCOMPARE(reply.inReplyTo, QList<QByteArray>{"m3@example.net"});
        QCOMPARE(reply.references, d.references);
        QCOMPARE(reply.subject, d.subject);
    }

    void referencesFromInReplyToOnly()
    {
        const QByteArray raw = "From: bob@example.net\r\nSubject: x\r\n"
                               "Message-ID: <b@x>\r\nIn-Reply-To: <a@x>\r\n\r\nbody\r\n";
        QCOMPARE(replyDraft(raw, false, Me).references, QList<QByteArray>({"a@x", "b@x"}));
    }

    void referencesAreCapped()
    {
        QByteArray refs;
        for (int i = 0; i < 50; ++i)
            refs += " <r" + QByteArray::number(i) + "@x>";
        const QByteArray raw = "From: bob@example.net\r\nSubject: x\r\nMessage-ID: <last@x>\r\n"
                               "References:" + refs + "\r\n\r\nbody\r\n";
        const MessageDraft d = replyDraft(raw, false, Me);
        QCOMPARE(d.references.size(), 20);
        QCOMPARE(d.references.front(), QByteArray("r0@x"));
        QCOMPARE(d.references.back(), QByteArray("last@x"));
    }

    void replyToHtmlOnly()
    {
        const QByteArray raw = "From: bob@example.net\r\nSubject: x\r\nMessage-ID: <h@x>\r\n"
                               "Content-Type: text/html\r\n\r\n"
                               "<p>Hello <b>you</b></p><script>evil()</script><p>Bye</p>\r\n";
        const MessageDraft d = replyDraft(raw, false, Me);
        QVERIFY(d.plainBody.contains(QLatin1StringView("> Hello you\n>\n> Bye")));
        QVERIFY(!d.plainBody.contains(QLatin1StringView("evil")));
    }

    void forwardInline()
    {
        const QByteArray raw =
            "From: Bob <bob@example.net>\r\nTo: alice@example.org\r\nSubject: Report\r\n"
            "Date: Tue, 4 Mar 2025 09:30:00 +0100\r\nMessage-ID: <f@x>\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
            "Content-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\n"
            "Content-Type: application/pdf; name=\"r.pdf\"\r\n"
            "Content-Disposition: attachment; filename=\"r.pdf\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n";
        const MessageDraft d = forwardInlineDraft(raw, Me);
        QCOMPARE(d.subject, QStringLiteral("Fwd: Report"));
        QVERIFY(d.to.isEmpty());
        QVERIFY(d.inReplyTo.isEmpty());
        QVERIFY(d.plainBody.contains(QLatin1StringView("From: Bob <bob@example.net>")));
        QVERIFY(d.plainBody.contains(QLatin1StringView("Subject: Report")));
        QVERIFY(d.plainBody.contains(QLatin1StringView("See attached.")));
        QCOMPARE(d.attachments.size(), 1);
        QCOMPARE(d.attachments[0].fileName, QStringLiteral("r.pdf"));
        QCOMPARE(d.attachments[0].mimeType, QStringLiteral("application/pdf"));
        QCOMPARE(d.attachments[0].data, QByteArray("%PDF-1.4\n"));
    }

    void forwardAsAttachment_data()
    {
        QTest::addColumn<bool>("allow8bit");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("ascii") << false << QByteArray("Inner text");
        QTest::newRow("8bit-no8bitmime") << false << QByteArray("Gr\xc3\xbc\xc3\x9f" "e");
        QTest::newRow("8bit-8bitmime") << true << QByteArray("Gr\xc3\xbc\xc3\x9f" "e");
    }

    void forwardAsAttachment()
    {
        QFETCH(bool, allow8bit);
        QFETCH(QByteArray, body);
        const QByteArray raw = "From: Bob <bob@example.net>\r\nTo: alice@example.org\r\n"
                               "Subject: Inner\r\nMessage-ID: <inner@x>\r\n"
                               "Content-Type: text/plain; charset=utf-8\r\n"
                               "Content-Transfer-Encoding: 8bit\r\n\r\n" + body + "\r\n";
        MessageDraft d = forwardAsAttachmentDraft(raw, Me);
        QCOMPARE(d.subject, QStringLiteral("Fwd: Inner"));
        QCOMPARE(d.attachments.size(), 1);
        QCOMPARE(d.attachments[0].mimeType, QStringLiteral("message/rfc822"));
        QCOMPARE(d.attachments[0].fileName, QStringLiteral("Inner.eml"));
        d.to = {addr("Zed", "zed@example.com")};
        MessageComposer composer;
        composer.setAllow8Bit(allow8bit);
        const ComposedMessage out = composer.compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QVERIFY(!out.bytes.contains("Content-Transfer-Encoding: quoted-printable"));

        const ParsedMessage m = parseMessage(out.bytes);
        QCOMPARE(m.attachments.size(), 1);
        QCOMPARE(m.attachments[0].mimeType, QStringLiteral("message/rfc822"));
        QVERIFY(m.attachments[0].embedded);
        QCOMPARE(m.attachments[0].embedded->subject, QStringLiteral("Inner"));
        QCOMPARE(m.attachments[0].embedded->messageId, QByteArray("inner@x"));
        QCOMPARE(m.attachments[0].embedded->bodyText, QString::fromUtf8(body + '\n'));
    }
};

QTEST_GUILESS_MAIN(TestReplyBuilder)
#include "tst_replybuilder.moc"
