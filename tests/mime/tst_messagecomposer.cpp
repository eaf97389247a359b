#include "mime/flowedtext.h"
#include "mime/messagecomposer.h"
#include "mime/messageparser.h"

#include <KMime/Message>
#include <KMime/Util>

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Tern::Mime;

namespace {

MessageDraft basicDraft()
{
    MessageDraft d;
    d.from = {QStringLiteral("Alice Example"), QStringLiteral("alice@example.org")};
    d.to = {{QStringLiteral("Bob"), QStringLiteral("bob@example.net")}};
    d.subject = QStringLiteral("Hello");
    d.plainBody = QStringLiteral("Hi Bob,\nsee you.\n");
    return d;
}

std::unique_ptr<KMime::Message> parse(const QByteArray &bytes)
{
    auto msg = std::make_unique<KMime::Message>();
    msg->setContent(KMime::CRLFtoLF(bytes));
    msg->parse();
    return msg;
}

QString bodyText(const KMime::Content *part)
{
    return QString::fromUtf8(part->decodedContent());
}

QString chopNewline(const QString &text)
{
    return text.endsWith(u'\n') ? text.chopped(1) : text;
}

QByteArray headPart(const QByteArray &bytes)
{
    return bytes.left(bytes.indexOf("\r\n\r\n") + 2);
}

QList<QByteArray> headerNames(const QByteArray &bytes)
{
    QList<QByteArray> names;
    for (const QByteArray &line : headPart(bytes).split('\n')) {
        if (line.isEmpty() || line.startsWith(' ') || line.startsWith('\t'))
            continue;
        names.append(line.left(line.indexOf(':')).toLower());
    }
    return names;
}

} // namespace

class TestMessageComposer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void headersRoundTrip_data()
    {
        QTest::addColumn<QString>("fromName");
        QTest::addColumn<QString>("toName");
        QTest::addColumn<QString>("subject");
        QTest::newRow("ascii") << QStringLiteral("Alice Example") << QStringLiteral("Bob")
                               << QStringLiteral("Lunch?");
        QTest::newRow("umlauts") << QStringLiteral("Jürgen Müller") << QStringLiteral("Zoë")
                                 << QStringLiteral("Grüße aus Köln");
        QTest::newRow("emoji+cjk") << QStringLiteral("山田 太郎") << QStringLiteral("Ünïcödé")
                                   << QStringLiteral("会議 🎉 today");
        QTest::newRow("specials") << QStringLiteral("Doe, John \"JD\"")
                                  << QStringLiteral("a;b<c>")
                                  << QStringLiteral("50% off; <b>\"quoted\"</b> (c)");
        QTest::newRow("long") << QStringLiteral("Name") << QStringLiteral("To")
                              << QStringLiteral("word ").repeated(80).trimmed();
    }

    void headersRoundTrip()
    {
        QFETCH(QString, fromName);
        QFETCH(QString, toName);
        QFETCH(QString, subject);
        MessageDraft d = basicDraft();
        d.from.name = fromName;
        d.to = {{toName, QStringLiteral("bob@example.net")},
                {QString(), QStringLiteral("carol@example.com")}};
        d.cc = {{QStringLiteral("Dave"), QStringLiteral("dave@example.com")}};
        d.bcc = {{QStringLiteral("Secret"), QStringLiteral("hidden@example.com")}};
        d.subject = subject;
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));

        for (const char c : headPart(out.bytes))
            QVERIFY(static_cast<unsigned char>(c) < 0x80); // RFC 2047 for every non-ASCII byte
        auto msg = parse(out.bytes);
        QCOMPARE(msg->from()->mailboxes().size(), 1);
        QCOMPARE(msg->from()->mailboxes().at(0).name(), fromName);
        QCOMPARE(msg->from()->mailboxes().at(0).address(), QByteArray("alice@example.org"));
        QCOMPARE(msg->to()->mailboxes().size(), 2);
        QCOMPARE(msg->to()->mailboxes().at(0).name(), toName);
        QCOMPARE(msg->to()->addresses().at(1), QByteArray("carol@example.com"));
        QCOMPARE(msg->cc()->addresses(), QList<QByteArray>{"dave@example.com"});
        QCOMPARE(msg->subject()->asUnicodeString(), subject);
        QVERIFY(msg->date()->dateTime().isValid());
        QCOMPARE(msg->messageID()->identifier(), out.messageId);
        QVERIFY(out.messageId.endsWith("@example.org"));
        QVERIFY(msg->userAgent()->asUnicodeString().startsWith(QLatin1StringView("Tern/")));
        QVERIFY(headerNames(out.bytes).contains("mime-version"));

        // Bcc is for the envelope only.
        QVERIFY(!headerNames(out.bytes).contains("bcc"));
        QVERIFY(!out.bytes.contains("hidden@example.com"));
        QCOMPARE(out.bcc, QStringList{QStringLiteral("hidden@example.com")});
        QCOMPARE(out.recipients,
                 QStringList({QStringLiteral("bob@example.net"),
                              QStringLiteral("carol@example.com"),
                              QStringLiteral("dave@example.com"),
                              QStringLiteral("hidden@example.com")}));
        QCOMPARE(bodyText(msg->textContent()), d.plainBody);
    }

    void headerInjection_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        const QStringList attacks = {
            QStringLiteral("Subject\r\nBcc: evil@x"),
            QStringLiteral("x\nX-Injected: 1"),
            QStringLiteral("x\rX-Injected: 1"),
            QStringLiteral("x\r\n\r\nX-Injected: body"),
            QStringLiteral("x") + QChar(0) + QStringLiteral("\nX-Injected: 1"),
        };
        const QStringList fields = {
            QStringLiteral("subject"), QStringLiteral("fromName"), QStringLiteral("toName"),
            QStringLiteral("extraValue"), QStringLiteral("attachmentName"),
            QStringLiteral("inReplyTo"), QStringLiteral("reference"),
            QStringLiteral("attachmentType"), QStringLiteral("contentId"),
        };
        for (const QString &field : fields) {
            for (qsizetype i = 0; i < attacks.size(); ++i)
                QTest::addRow("%s-%lld", qPrintable(field), i) << field << attacks.at(i);
        }
    }

    void headerInjection()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        MessageDraft d = basicDraft();
        d.attachments = {{QString(), QByteArray("data"), QStringLiteral("a.txt"),
                          QStringLiteral("text/plain")}};
        if (field == QLatin1StringView("subject"))
            d.subject = value;
        else if (field == QLatin1StringView("fromName"))
            d.from.name = value;
        else if (field == QLatin1StringView("toName"))
            d.to[0].name = value;
        else if (field == QLatin1StringView("extraValue"))
            d.extraHeaders = {{QByteArray("X-Mailing"), value}};
        else if (field == QLatin1StringView("attachmentName"))
            d.attachments[0].fileName = value;
        else if (field == QLatin1StringView("attachmentType"))
            d.attachments[0].mimeType = value;
        else if (field == QLatin1StringView("inReplyTo"))
            d.inReplyTo = "a@b" + value.toUtf8();
        else if (field == QLatin1StringView("reference"))
            d.references = {"a@b" + value.toUtf8()};
        else if (field == QLatin1StringView("contentId")) {
            d.htmlBody = QStringLiteral("<img src=\"cid:x\">");
            d.inlineImages = {{QByteArray("\x89PNG\r\n\x1a\n", 8), QStringLiteral("image/png"),
                               "x@y" + value.toUtf8()}};
        }
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QVERIFY(!out.bytes.contains('\0'));
        // No line anywhere in the message may start a header the user smuggled in.
        for (const QByteArray &line : out.bytes.split('\n')) {
            QVERIFY2(!line.startsWith("Bcc:") && !line.startsWith("X-Injected:"),
                     line.constData());
        }
        auto msg = parse(out.bytes);
        QVERIFY(!msg->hasHeader("X-Injected"));
        QVERIFY(!msg->hasHeader("Bcc"));
        QCOMPARE(msg->to()->addresses(), QList<QByteArray>{"bob@example.net"});
        for (const KMime::Content *part : msg->contents())
            QVERIFY(!part->hasHeader("X-Injected"));
    }

    void injectedAddressIsRefused_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("crlf") << QStringLiteral("bob@example.net\r\nBcc: evil@x");
        QTest::newRow("comma") << QStringLiteral("bob@example.net, evil@x");
        QTest::newRow("angle") << QStringLiteral("bob@example.net>evil@x");
        QTest::newRow("no-at") << QStringLiteral("bob");
        QTest::newRow("space") << QStringLiteral("bob @example.net");
        QTest::newRow("nul") << QStringLiteral("bob@exa") + QChar(0) + QStringLiteral("mple");
    }

    void injectedAddressIsRefused()
    {
        QFETCH(QString, address);
        for (int field = 0; field < 3; ++field) {
            MessageDraft d = basicDraft();
            (field == 0 ? d.to : field == 1 ? d.cc : d.bcc).append({QString(), address});
            const ComposedMessage out = MessageComposer().compose(d);
            QVERIFY(!out.ok());
            QVERIFY(out.bytes.isEmpty());
        }
    }

    void internationalAddresses()
    {
        MessageDraft d = basicDraft();
        d.to = {{QStringLiteral("Bü"), QStringLiteral("user@bücher.example")}};
        d.bcc = {{QString(), QStringLiteral("x@bücher.example")}};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.recipients, QStringList({QStringLiteral("user@xn--bcher-kva.example"),
                                              QStringLiteral("x@xn--bcher-kva.example")}));
        QCOMPARE(out.bcc, QStringList{QStringLiteral("x@xn--bcher-kva.example")});
        QCOMPARE(out.envelopeFrom, QStringLiteral("alice@example.org"));
        auto msg = parse(out.bytes);
        QCOMPARE(msg->to()->addresses(), QList<QByteArray>{"user@xn--bcher-kva.example"});

        // RFC 6532 local parts need SMTPUTF8 and KMime cannot write them: refused, not dropped.
        d.to = {{QString(), QStringLiteral("jürgen@example.org")}};
        const ComposedMessage refused = MessageComposer().compose(d);
        QVERIFY(!refused.ok());
        QVERIFY(refused.bytes.isEmpty());
    }

    void noEmptyAddressFields()
    {
        MessageDraft d = basicDraft();
        d.to.clear();
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        const QList<QByteArray> names = headerNames(out.bytes);
        QVERIFY(!names.contains("to"));
        QVERIFY(!names.contains("cc"));
        QVERIFY(!names.contains("reply-to"));
        QVERIFY(out.recipients.isEmpty());
    }

    void extraHeaders()
    {
        MessageDraft d = basicDraft();
        d.extraHeaders = {{QByteArray("Mail-Followup-To"), QStringLiteral("list@example.org")},
                          {QByteArray("Bcc"), QStringLiteral("evil@x")},
                          {QByteArray("Content-Type"), QStringLiteral("text/html")},
                          {QByteArray("Bad Name"), QStringLiteral("x")},
                          {QByteArray("X-Evil:\r\nBcc"), QStringLiteral("x")}};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        const QList<QByteArray> names = headerNames(out.bytes);
        QVERIFY(names.contains("mail-followup-to"));
        QVERIFY(!names.contains("bcc"));
        QCOMPARE(names.count("content-type"), 1);
        QVERIFY(!out.bytes.contains("evil@x"));
        QVERIFY(!out.bytes.contains("Bad Name"));
    }

    void attachmentsRoundTrip()
    {
        QByteArray binary(200 * 1024, Qt::Uninitialized);
        QRandomGenerator rng(42);
        for (char &c : binary)
            c = static_cast<char>(rng.bounded(256));
        const QByteArray crlfText("line one\r\nline two\r\n\r\nno newline at end");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("report.csv"));
        {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("a,b\n1,2\n");
        }

        MessageDraft d = basicDraft();
        d.attachments = {
            {QString(), binary, QStringLiteral("Prüfbericht Ärger – 日本.bin"), QString()},
            {QString(), crlfText, QStringLiteral("notes.txt"), QStringLiteral("text/plain")},
            {QString(), QByteArray("%PDF-1.4\n"), QStringLiteral("scan.pdf"), QString()},
            {path, QByteArray(), QString(), QString()},
        };
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QVERIFY(out.bytes.contains("filename*=")); // RFC 2231 parameter for the non-ASCII name
        for (const char c : out.bytes)
            QVERIFY(static_cast<unsigned char>(c) < 0x80);

        auto msg = parse(out.bytes);
        QVERIFY(msg->contentType()->isMimeType("multipart/mixed"));
        const auto atts = msg->attachments();
        QCOMPARE(atts.size(), 4);
        QCOMPARE(atts[0]->contentDisposition()->filename(),
                 QStringLiteral("Prüfbericht Ärger – 日本.bin"));
        QCOMPARE(atts[0]->contentTransferEncoding()->encoding(), KMime::Headers::CEbase64);
        QCOMPARE(atts[0]->decodedContent(), binary);
        QCOMPARE(atts[0]->contentType()->mimeType(), QByteArray("application/octet-stream"));
        QCOMPARE(atts[1]->decodedContent(), crlfText);
        QCOMPARE(atts[1]->contentType()->mimeType(), QByteArray("text/plain"));
        QCOMPARE(atts[2]->contentType()->mimeType(), QByteArray("application/pdf"));
        QCOMPARE(atts[3]->contentDisposition()->filename(), QStringLiteral("report.csv"));
        QCOMPARE(atts[3]->contentType()->mimeType(), QByteArray("text/csv"));
        QCOMPARE(atts[3]->decodedContent(), QByteArray("a,b\n1,2\n"));
        QCOMPARE(bodyText(msg->textContent()), d.plainBody);
    }

    void unreadableAttachmentFails()
    {
        MessageDraft d = basicDraft();
        d.attachments = {{QStringLiteral("/nonexistent/x.bin"), {}, {}, {}}};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(!out.ok());
        QVERIFY(out.bytes.isEmpty());
    }

    void attachmentNameHasNoPath()
    {
        MessageDraft d = basicDraft();
        d.attachments = {{QString(), QByteArray("x"), QStringLiteral("../../etc/passwd"), {}}};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        auto msg = parse(out.bytes);
        QVERIFY(!msg->attachments().at(0)->contentDisposition()->filename().contains(u'/'));
    }

    void richTextWithInlineImage()
    {
        MessageDraft d = basicDraft();
        d.htmlBody = QStringLiteral("<p>Logo: <img src=\"cid:logo@example.org\"></p>");
        const QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
        d.inlineImages = {{png, QStringLiteral("image/png"), "logo@example.org"}};
        d.attachments = {{QString(), QByteArray("zip"), QStringLiteral("a.zip"), {}}};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        auto msg = parse(out.bytes);
        QVERIFY(msg->contentType()->isMimeType("multipart/mixed"));
        KMime::Content *alt = msg->contents().at(0);
        QVERIFY(alt->contentType()->isMimeType("multipart/alternative"));
        QCOMPARE(alt->contents().size(), 2);
        QVERIFY(alt->contents().at(0)->contentType()->isMimeType("text/plain"));
        KMime::Content *related = alt->contents().at(1);
        QVERIFY(related->contentType()->isMimeType("multipart/related"));
        QVERIFY(related->contents().at(0)->contentType()->isMimeType("text/html"));
        QCOMPARE(related->contents().at(0)->decodedText(), d.htmlBody);
        KMime::Content *image = related->contents().at(1);
        QVERIFY(image->contentType()->isMimeType("image/png"));
        QCOMPARE(image->contentID()->identifier(), QByteArray("logo@example.org"));
        QCOMPARE(image->decodedContent(), png);
        QVERIFY(d.htmlBody.contains(QLatin1StringView("cid:")
                                    + QString::fromLatin1(image->contentID()->identifier())));
    }

    void plainAlternativeFromHtml()
    {
        MessageDraft d = basicDraft();
        d.plainBody.clear();
        d.htmlBody = QStringLiteral("<p>Hello <b>Bob</b></p><p>Bye &amp; thanks</p>");
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        const ParsedMessage m = parseMessage(out.bytes, {false, 100});
        QVERIFY(!m.bodyIsHtml);
        QCOMPARE(m.bodyText, QStringLiteral("Hello Bob\n\nBye & thanks\n"));
    }

    void transferEncoding_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("allow8bit");
        QTest::addColumn<int>("encoding");
        QTest::addColumn<bool>("eightBit");
        const QString longLine = QStringLiteral("a").repeated(2500) + u'\n';
        QTest::newRow("ascii") << QStringLiteral("plain\n") << false
                               << int(KMime::Headers::CE7Bit) << false;
        QTest::newRow("ascii-8bitmime") << QStringLiteral("plain\n") << true
                                        << int(KMime::Headers::CE7Bit) << false;
        QTest::newRow("latin-no8bit") << QStringLiteral("Grüße\n") << false
                                      << int(KMime::Headers::CEquPr) << false;
        QTest::newRow("latin-8bitmime") << QStringLiteral("Grüße\n") << true
                                        << int(KMime::Headers::CE8Bit) << true;
        QTest::newRow("long-ascii") << longLine << false << int(KMime::Headers::CEquPr) << false;
        QTest::newRow("long-8bitmime") << (QStringLiteral("ü") + longLine) << true
                                       << int(KMime::Headers::CEquPr) << false;
    }

    void transferEncoding()
    {
        QFETCH(QString, body);
        QFETCH(bool, allow8bit);
        QFETCH(int, encoding);
        QFETCH(bool, eightBit);
        MessageDraft d = basicDraft();
        d.plainBody = body;
        MessageComposer composer;
        composer.setAllow8Bit(allow8bit);
        const ComposedMessage out = composer.compose(d);
        QVERIFY2(out.ok(), qPrintable(out.error));
        QCOMPARE(out.eightBit, eightBit);
        for (const QByteArray &line : out.bytes.split('\n')) {
            QVERIFY(line.size() <= 999); // 998 octets plus the CR
            if (!eightBit) {
                for (const char c : line)
                    QVERIFY(static_cast<unsigned char>(c) < 0x80);
            }
        }
        auto msg = parse(out.bytes);
        QCOMPARE(int(msg->contentTransferEncoding()->encoding()), encoding);
        // KMime's QP decoder drops the last line break (RFC 2046 gives it to the boundary).
        QCOMPARE(chopNewline(bodyText(msg.get())), chopNewline(body));
    }

    void formatFlowed_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("short") << QStringLiteral("hello") << QStringLiteral("hello");
        QTest::newRow("wrap") << QStringLiteral("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii")
                              << QStringLiteral(
                                     "aaaa bbbb cccc dddd \neeee ffff gggg hhhh \niiii");
        QTest::newRow("trailing-space") << QStringLiteral("x   ") << QStringLiteral("x");
        QTest::newRow("stuff-from") << QStringLiteral("From here") << QStringLiteral(" From here");
        QTest::newRow("stuff-space") << QStringLiteral(" indented")
                                     << QStringLiteral("  indented");
        QTest::newRow("quote") << QStringLiteral("> quoted") << QStringLiteral("> quoted");
        QTest::newRow("quote2") << QStringLiteral(">> deep") << QStringLiteral(">> deep");
        QTest::newRow("sig") << QStringLiteral("-- \nme") << QStringLiteral("-- \nme");
        QTest::newRow("long-word") << QStringLiteral("x").repeated(30)
                                   << QStringLiteral("x").repeated(30);
    }

    void formatFlowed()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(MessageComposer::formatFlowed(input, 20), expected);
    }

    void unflow_data()
    {
        QTest::addColumn<QString>("flowed");
        QTest::addColumn<bool>("delsp");
        QTest::addColumn<QString>("expected");
        QTest::newRow("soft") << QStringLiteral("aaa \nbbb \nccc\nnext") << false
                              << QStringLiteral("aaa bbb ccc\nnext");
        QTest::newRow("delsp") << QStringLiteral("aaa \nbbb") << true
                               << QStringLiteral("aaabbb");
        QTest::newRow("stuffed") << QStringLiteral(" From x\n  indented") << false
                                 << QStringLiteral("From x\n indented");
        QTest::newRow("quoted") << QStringLiteral("> q1 \n> q2\n>> deep\nme") << false
                                << QStringLiteral("> q1 q2\n>> deep\nme");
        QTest::newRow("depth-change") << QStringLiteral("> a \nb") << false
                                      << QStringLiteral("> a \nb");
        QTest::newRow("sig") << QStringLiteral("text\n-- \nme") << false
                             << QStringLiteral("text\n-- \nme");
    }

    void unflow()
    {
        QFETCH(QString, flowed);
        QFETCH(bool, delsp);
        QFETCH(QString, expected);
        QCOMPARE(unflowText(flowed, delsp), expected);
    }

    void formatFlowedRoundTrip()
    {
        MessageDraft d = basicDraft();
        d.formatFlowed = true;
        d.plainBody = QStringLiteral("A paragraph that is long enough to be wrapped by the "
                                     "composer at seventy-two columns, surely.\n"
                                     "From the start\n> a quoted line\n-- \nAlice");
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        QCOMPARE(parseMessage(out.bytes).bodyText + u'\n', d.plainBody + u'\n');
    }

    void formatFlowedMessage()
    {
        MessageDraft d = basicDraft();
        d.formatFlowed = true;
        d.plainBody = QStringLiteral("word ").repeated(40).trimmed();
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        auto msg = parse(out.bytes);
        QCOMPARE(msg->contentType()->parameter("format"), QStringLiteral("flowed"));
        const QString text = msg->decodedText();
        QVERIFY(text.count(u'\n') >= 2);
        QString unflowed = text;
        unflowed.replace(QStringLiteral(" \n"), QStringLiteral(" "));
        QCOMPARE(unflowed, d.plainBody);
    }

    void messageIdKeptForResend()
    {
        MessageDraft d = basicDraft();
        d.messageId = "<fixed.123@example.org>";
        d.inReplyTo = "<parent@example.net>";
        d.references = {"root@example.net", "<parent@example.net>"};
        const ComposedMessage out = MessageComposer().compose(d);
        QVERIFY(out.ok());
        QCOMPARE(out.messageId, QByteArray("fixed.123@example.org"));
        auto msg = parse(out.bytes);
        QCOMPARE(msg->messageID()->identifier(), QByteArray("fixed.123@example.org"));
        QCOMPARE(msg->inReplyTo()->identifiers(), QList<QByteArray>{"parent@example.net"});
        QCOMPARE(msg->references()->identifiers(),
                 QList<QByteArray>({"root@example.net", "parent@example.net"}));
        const ComposedMessage other = MessageComposer().compose(basicDraft());
        QVERIFY(other.messageId != MessageComposer().compose(basicDraft()).messageId);
    }

    void longHeaderLines_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<bool>("truncated");
        const QString normal = QStringLiteral("N");
        QTest::newRow("ascii-words") << QStringLiteral("word ").repeated(400).trimmed()
                                     << normal << true << false;
        QTest::newRow("ascii-name") << QStringLiteral("s") << QStringLiteral("n ").repeated(700)
                                    << true << false;
        QTest::newRow("utf8-word") << QStringLiteral("ü").repeated(1500) << normal << true
                                   << true;
        QTest::newRow("utf8-words") << QStringLiteral("wörd ").repeated(300) << normal << true
                                    << true;
        QTest::newRow("emoji") << QStringLiteral("🎉").repeated(400) << normal << true << true;
        QTest::newRow("utf8-name") << QStringLiteral("s") << QStringLiteral("Jürgen ").repeated(200)
                                   << true << true;
        // One 2,000-character word cannot be folded: refused rather than sent raw.
        QTest::newRow("ascii-word") << QStringLiteral("x").repeated(2000) << normal << false
                                    << false;
    }

    void longHeaderLines()
    {
        QFETCH(QString, subject);
        QFETCH(QString, name);
        QFETCH(bool, ok);
        QFETCH(bool, truncated);
        MessageDraft d = basicDraft();
        d.subject = subject;
        d.from.name = name;
        d.attachments = {{QString(), QByteArray("x"), QStringLiteral("ä").repeated(300), {}}};
        const ComposedMessage out = MessageComposer().compose(d);
        QCOMPARE(out.ok(), ok);
        if (!ok) {
            QVERIFY(out.bytes.isEmpty());
            return;
        }
        for (const QByteArray &line : out.bytes.split('\n'))
            QVERIFY(line.size() <= 999);
        auto msg = parse(out.bytes);
        const QString gotSubject = msg->subject()->asUnicodeString();
        const QString gotName = msg->from()->mailboxes().at(0).name();
        if (!truncated) {
            QCOMPARE(gotSubject, subject.simplified());
            QCOMPARE(gotName, name.simplified());
        } else {
            const QString &got = subject.size() > 1 ? gotSubject : gotName;
            const QString &sent = subject.size() > 1 ? subject : name;
            QVERIFY(got.endsWith(QChar(0x2026)));
            QVERIFY(got.size() > 100);
            QVERIFY(sent.startsWith(got.chopped(1)));
        }
        QVERIFY(msg->attachments().at(0)->contentDisposition()->filename().startsWith(u'ä'));
    }

    void envelopeRecipientsHelper()
    {
        MessageDraft d = basicDraft();
        d.cc = {{QString(), QStringLiteral("BOB@example.net")},
                {QString(), QStringLiteral("c@x.org")}};
        d.bcc = {{QString(), QStringLiteral("b@x.org")}};
        QCOMPARE(envelopeRecipients(d),
                 QStringList({QStringLiteral("bob@example.net"), QStringLiteral("c@x.org"),
                              QStringLiteral("b@x.org")}));
    }
};

QTEST_GUILESS_MAIN(TestMessageComposer)
#include "tst_messagecomposer.moc"
