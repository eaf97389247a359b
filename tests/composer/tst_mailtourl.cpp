#include "mime/addresslist.h"
#include "mime/mailtourl.h"

#include <QTest>

using namespace Tern::Mime;

namespace {

QStringList addresses(const QList<MailAddress> &list)
{
    QStringList out;
    for (const MailAddress &a : list)
        out.append(a.address);
    return out;
}

} // namespace

class TestMailtoUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QStringList>("to");
        QTest::addColumn<QStringList>("cc");
        QTest::addColumn<QStringList>("bcc");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");
        QTest::addColumn<QByteArray>("inReplyTo");

        const QStringList none;
        auto row = [&](const char *name, const char *url, QStringList to, QStringList cc = {},
                       QStringList bcc = {}, const QString &subject = {},
                       const QString &body = {}, const QByteArray &irt = {}) {
            QTest::newRow(name) << QString::fromUtf8(url) << true << to << cc << bcc << subject
                                << body << irt;
        };
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out.append(QString::fromUtf8(i));
            return out;
        };
        // RFC 6068 section 6.1 and 6.2 examples.
        row("plain", "mailto:chris@example.com", l({"chris@example.com"}));
        row("subject", "mailto:infobot@example.com?subject=current-issue",
            l({"infobot@example.com"}), none, none, QStringLiteral("current-issue"));
        row("body", "mailto:infobot@example.com?body=send%20current-issue",
            l({"infobot@example.com"}), none, none, {}, QStringLiteral("send current-issue"));
        row("body lines", "mailto:infobot@example.com?body=send%20current-issue%0D%0Asend%20index",
            l({"infobot@example.com"}), none, none, {},
            QStringLiteral("send current-issue\nsend index"));
        row("in-reply-to", "mailto:list@example.org?In-Reply-To=%3C3469A91.D10AF4C@example.com%3E",
            l({"list@example.org"}), none, none, {}, {}, "3469A91.D10AF4C@example.com");
        row("cc and body", "mailto:joe@example.com?cc=bob@example.com&body=hello",
            l({"joe@example.com"}), l({"bob@example.com"}), none, {}, QStringLiteral("hello"));
        row("percent in local part", "mailto:gorby%25kremvax@example.com",
            l({"gorby%kremvax@example.com"}));
        row("unknown hfield", "mailto:unlikely%3Faddress@example.com?blat=foop",
            l({"unlikely?address@example.com"}));
        row("ampersand", "mailto:Mike%26family@example.org", l({"Mike&family@example.org"}));
        row("utf-8 subject", "mailto:user@example.org?subject=caf%C3%A9%20%E2%82%AC",
            l({"user@example.org"}), none, none, QStringLiteral("café €"));
        row("two in path", "mailto:addr1@an.example,addr2@an.example",
            l({"addr1@an.example", "addr2@an.example"}));
        row("two in to", "mailto:?to=addr1@an.example,addr2@an.example",
            l({"addr1@an.example", "addr2@an.example"}));
        row("path plus to", "mailto:addr1@an.example?to=addr2@an.example",
            l({"addr1@an.example", "addr2@an.example"}));
        row("bcc honoured", "mailto:a@example.com?bcc=b@example.com,c@example.com",
            l({"a@example.com"}), none, l({"b@example.com", "c@example.com"}));
        row("case-insensitive", "MAILTO:a@example.com?SUBJECT=x&Cc=c@example.com",
            l({"a@example.com"}), l({"c@example.com"}), none, QStringLiteral("x"));
        row("plus is literal", "mailto:a+tag@example.com?subject=1+1", l({"a+tag@example.com"}),
            none, none, QStringLiteral("1+1"));
        row("display name", "mailto:?to=%22Doe,%20J%22%20%3Cj@example.com%3E",
            l({"j@example.com"}));
        row("first subject wins", "mailto:a@example.com?subject=one&subject=two",
            l({"a@example.com"}), none, none, QStringLiteral("one"));
        row("fragment dropped", "mailto:a@example.com?subject=x#frag", l({"a@example.com"}), none,
            none, QStringLiteral("x"));
        // Hostile URLs: nothing may add a recipient or a header the user did not see.
        row("bcc smuggled in body", "mailto:a@example.com?body=hi%0D%0ABcc:%20evil@example.net",
            l({"a@example.com"}), none, none, {}, QStringLiteral("hi\nBcc: evil@example.net"));
        row("crlf in subject", "mailto:a@example.com?subject=Hi%0D%0ABcc:%20evil@example.net",
            l({"a@example.com"}), none, none, QStringLiteral("Hi Bcc: evil@example.net"));
        row("crlf in address", "mailto:a@example.com%0D%0ABcc:%20evil@example.net", none);
        row("crlf in cc", "mailto:a@example.com?cc=b@example.com%0ABcc:evil@example.net",
            l({"a@example.com"}));
        row("dangerous headers", "mailto:a@example.com?from=boss@example.com&attach=/etc/passwd"
                                 "&sender=x@y&X-Mailer=evil&reply-to=z@example.net",
            l({"a@example.com"}));
        row("crlf in in-reply-to", "mailto:a@example.com?in-reply-to=%3Cx@y%3E%0D%0ABcc:e@v",
            l({"a@example.com"}));
        row("nul in body", "mailto:a@example.com?body=a%00b", l({"a@example.com"}), none, none,
            {}, QStringLiteral("ab"));
        QTest::newRow("not mailto") << QStringLiteral("http://example.com/?to=a@b") << false
                                    << none << none << none << QString() << QString()
                                    << QByteArray();
        QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false << none
                                    << none << none << QString() << QString() << QByteArray();
    }

    void parse()
    {
        QFETCH(QString, url);
        QFETCH(bool, valid);
        const std::optional<MailtoFields> f = parseMailtoUrl(url);
        QCOMPARE(f.has_value(), valid);
        if (!f)
            return;
        QTEST(addresses(f->to), "to");
        QTEST(addresses(f->cc), "cc");
        QTEST(addresses(f->bcc), "bcc");
        QTEST(f->subject, "subject");
        QTEST(f->body, "body");
        QTEST(f->inReplyTo, "inReplyTo");
    }

    void addressList_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("addresses");
        QTest::newRow("mixed") << QStringLiteral("Ann <a@x>, \"Doe, J\" <j@y>; b@z")
                               << QStringList{QStringLiteral("Ann"), QStringLiteral("Doe, J"),
                                              QString()}
                               << QStringList{QStringLiteral("a@x"), QStringLiteral("j@y"),
                                              QStringLiteral("b@z")};
        QTest::newRow("empty entries") << QStringLiteral(" , a@x ,, ")
                                       << QStringList{QString()}
                                       << QStringList{QStringLiteral("a@x")};
        QTest::newRow("line breaks removed") << QStringLiteral("a@x\r\n, b@y")
                                             << QStringList{QString(), QString()}
                                             << QStringList{QStringLiteral("a@x"),
                                                            QStringLiteral("b@y")};
    }

    void addressList()
    {
        QFETCH(QString, text);
        const QList<MailAddress> list = parseAddressList(text);
        QStringList names;
        for (const MailAddress &a : list)
            names.append(a.name);
        QTEST(names, "names");
        QTEST(addresses(list), "addresses");
        // Formatting and parsing again gives the same mailboxes.
        QCOMPARE(parseAddressList(formatAddressList(list)), list);
    }
};

QTEST_GUILESS_MAIN(TestMailtoUrl)
#include "tst_mailtourl.moc"
