#include "mime/htmlsanitizer.h"
#include "mime/htmltokenizer.h"
#include "mime/messageparser.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTest>

using namespace Tern::Mime;

class TestHtmlSanitizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each row: hostile input, a string that must be gone (case-insensitive), a string that
    // must survive.
    void dangerousConstructsRemoved_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("forbidden");
        QTest::addColumn<QString>("kept");
        auto row = [](const char *name, const char *input, const char *forbidden,
                      const char *kept) {
            QTest::newRow(name) << QString::fromUtf8(input) << QString::fromUtf8(forbidden)
                                << QString::fromUtf8(kept);
        };
        row("script", "<p>hi</p><script>alert(1)</script>", "alert", "<p>hi</p>");
        row("script-upper", "<SCRIPT SRC=x.js></SCRIPT>ok", "script", "ok");
        row("script-markup-inside", "<script>document.write('<b>x</b>')</script>ok", "write",
            "ok");
        row("script-unclosed", "ok<script>alert(1)", "alert", "ok");
        row("script-fake-end", "<script>a='</scriptx>';alert(1)</script>ok", "alert", "ok");
        row("onload", "<body onload=\"steal()\">x</body>", "steal", "<body>");
        row("onerror", "<img src=cid:a onerror=alert(1)>", "onerror", "cid:a");
        row("onclick-unquoted", "<p onclick=evil()>t</p>", "evil", "<p>t</p>");
        row("javascript-href", "<a href=\"javascript:alert(1)\">x</a>", "javascript", "<a>x</a>");
        row("javascript-entity", "<a href=\"&#106;avascript&colon;alert(1)\">x</a>", "alert",
            "x</a>");
        row("javascript-tab", "<a href=\"java\tscript:alert(1)\">x</a>", "alert", "x</a>");
        row("javascript-hex", "<a href=\"&#x6A;avascript:alert(1)\">x</a>", "alert", "x");
        row("vbscript", "<a href='vbscript:msgbox(1)'>x</a>", "vbscript", "x");
        row("data-href", "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>", "data:",
            "x");
        row("data-svg-img", "<img src=\"data:image/svg+xml;base64,AAA\">", "svg", "<img");
        row("file-img", "<img src=\"file:///etc/passwd\">", "passwd", "<img");
        row("relative-img", "<img src=\"/etc/passwd\">", "passwd", "<img");
        row("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=http://e/\">x",
            "refresh", "x");
        row("base", "<base href=\"http://evil/\">x", "base", "x");
        row("link", "<link rel=stylesheet href=\"http://evil/x.css\">x", "evil", "x");
        row("iframe", "<iframe src=\"http://evil/\">inner</iframe>ok", "iframe", "ok");
        row("object", "<object data=x><param name=a value=b><b>in</b></object>ok", "object",
            "ok");
        row("embed", "<embed src=\"x.swf\">ok", "embed", "ok");
        row("form", "<form action=\"http://evil/\"><input name=p><button>Go</button></form>",
            "action", "Go");
        row("input", "<input type=password name=pw>", "input", "");
        row("style-url", "<p style=\"background:url(javascript:alert(1))\">x</p>",
            "javascript", "<p style=");
        row("style-expression", "<p style=\"width:expression(alert(1))\">x</p>", "expression",
            "x");
        row("style-escape", "<p style=\"background:u\\72l(http://e/x)\">x</p>", "e/x", "x");
        row("style-import", "<style>@import url(http://evil/x.css); p{color:red}</style>",
            "import", "color:red");
        row("style-comment-hide", "<style>p{width:expr/**/ession(alert(1))}</style>", "alert",
            "<style>");
        row("embed-frame", "<embed src=x.swf><frame src=x>ok", "src", "ok");
        row("style-break-out", "<style>p{}</style><script>alert(1)</script>", "alert",
            "<style>");
        row("svg", "<svg><script>alert(1)</script><a xlink:href=\"javascript:x\">a</a></svg>ok",
            "svg", "ok");
        row("comment", "<!-- <script>alert(1)</script> -->ok", "alert", "ok");
        row("conditional", "<!--[if IE]><script>alert(1)</script><![endif]-->ok", "alert",
            "ok");
        row("unterminated-tag", "ok<img src=\"cid:x\" onerror=\"alert(1)", "alert", "ok");
        row("attribute-break", "<img alt='\"><script>alert(1)</script>' src=cid:x>", "<script",
            "cid:x");
        row("lone-lt", "1 < 2 <3", "<3", "&lt;");
        row("textarea", "<textarea><img src=http://e/x></textarea>ok", "http", "ok");
        row("noscript", "<noscript><img src=http://e/x></noscript>ok", "http", "ok");
        row("plaintext", "ok<plaintext><script>alert(1)</script>", "alert", "ok");
    }

    void dangerousConstructsRemoved()
    {
        QFETCH(QString, input);
        QFETCH(QString, forbidden);
        QFETCH(QString, kept);
        for (const bool allowRemote : {false, true}) {
            HtmlSanitizer sanitizer;
            sanitizer.setAllowRemote(allowRemote);
            const QString out = sanitizer.sanitize(input).html;
            QVERIFY2(!out.contains(forbidden, Qt::CaseInsensitive), qPrintable(out));
            QVERIFY2(out.contains(kept), qPrintable(out));
            QVERIFY2(!out.contains(QLatin1StringView("<script"), Qt::CaseInsensitive),
                     qPrintable(out));
        }
    }

    void remoteContent_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("remote");
        QTest::addColumn<QString>("url");
        QTest::newRow("img-http") << QStringLiteral("<img src=\"http://t.example/p.gif\">")
                                  << true << QStringLiteral("http://t.example/p.gif");
        QTest::newRow("img-https") << QStringLiteral("<IMG SRC='https://t.example/p.gif'>")
                                   << true << QStringLiteral("https://t.example/p.gif");
        QTest::newRow("img-proto-relative") << QStringLiteral("<img src=//t.example/p.gif>")
                                            << true << QStringLiteral("//t.example/p.gif");
        QTest::newRow("img-ftp") << QStringLiteral("<img src=ftp://t.example/p.gif>") << true
                                 << QStringLiteral("ftp://t.example/p.gif");
        QTest::newRow("background") << QStringLiteral("<body background=http://t.example/b>")
                                    << true << QStringLiteral("http://t.example/b");
        QTest::newRow("td-background")
            << QStringLiteral("<table><tr><td background=\"https://t.example/b\">x</td></tr>")
            << true << QStringLiteral("https://t.example/b");
        QTest::newRow("css-url") << QStringLiteral("<div style=\"background:url('http://t.ex/b')"
                                                   "\">x</div>")
                                 << true << QStringLiteral("http://t.ex/b");
        QTest::newRow("style-element")
            << QStringLiteral("<style>body{background-image:url(https://t.ex/b.png)}</style>")
            << true << QStringLiteral("https://t.ex/b.png");
        QTest::newRow("link-only") << QStringLiteral("<a href=\"https://example.org/\">x</a>")
                                   << false << QStringLiteral("https://example.org/");
        QTest::newRow("cid") << QStringLiteral("<img src=\"cid:logo@example.org\">") << false
                             << QStringLiteral("cid:logo@example.org");
        QTest::newRow("data-image") << QStringLiteral("<img src=\"data:image/png;base64,iVBO\">")
                                    << false << QStringLiteral("data:image/png;base64,iVBO");
        QTest::newRow("css-cid") << QStringLiteral("<p style=\"background:url(cid:bg@x)\">x</p>")
                                 << false << QStringLiteral("cid:bg@x");
    }

    void remoteContent()
    {
        QFETCH(QString, input);
        QFETCH(bool, remote);
        QFETCH(QString, url);
        HtmlSanitizer blocking;
        const SanitizedHtml blocked = blocking.sanitize(input);
        QCOMPARE(blocked.hasRemoteContent, remote);
        QCOMPARE(blocked.remoteBlocked, remote);
        QCOMPARE(blocked.html.contains(url), !remote);

        HtmlSanitizer allowing;
        allowing.setAllowRemote(true);
        const SanitizedHtml allowed = allowing.sanitize(input);
        QCOMPARE(allowed.hasRemoteContent, remote);
        QVERIFY(!allowed.remoteBlocked);
        QVERIFY2(allowed.html.contains(url), qPrintable(allowed.html));
    }

    void importIsAlwaysRemoved()
    {
        HtmlSanitizer sanitizer;
        sanitizer.setAllowRemote(true);
        const SanitizedHtml out =
            sanitizer.sanitize(QStringLiteral("<style>@import 'http://e/x.css';</style>"));
        QVERIFY(out.hasRemoteContent);
        QVERIFY(!out.html.contains(QLatin1StringView("import")));
    }

    void safeMarkupSurvives()
    {
        const QString input = QStringLiteral(
            "<html><body bgcolor=\"#ffffff\"><h1 align=center>Title</h1>"
            "<p>Text with <b>bold</b>, <i>italic</i> &amp; "
            "<a href=\"https://example.org/?a=1&amp;b=2\">"
            "a link</a>.</p><table border=1><tr><td colspan=2>cell</td></tr></table>"
            "<ul><li>one</li></ul><img src=\"cid:pic@x\" alt=\"pic\" width=10><br/>"
            "</body></html>");
        const SanitizedHtml out = HtmlSanitizer().sanitize(input);
        QCOMPARE(out.html,
                 QStringLiteral(
                     "<html><body bgcolor=\"#ffffff\"><h1 align=\"center\">Title</h1>"
                     "<p>Text with <b>bold</b>, <i>italic</i> &amp; "
                     "<a href=\"https://example.org/?a=1&amp;b=2\">a link</a>.</p>"
                     "<table border=\"1\"><tr><td colspan=\"2\">cell</td></tr></table>"
                     "<ul><li>one</li></ul><img src=\"cid:pic@x\" alt=\"pic\" width=\"10\">"
                     "<br /></body></html>"));
        QVERIFY(!out.hasRemoteContent);
    }

    void hostileFixture()
    {
        QFile f(QStringLiteral(TERN_TEST_DATA_DIR "/mime/html-hostile.eml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const ParsedMessage m = parseMessage(f.readAll());
        QVERIFY(m.bodyIsHtml);
        const SanitizedHtml out = HtmlSanitizer().sanitize(m.bodyText);
        QVERIFY(out.hasRemoteContent);
        QVERIFY(out.remoteBlocked);
        for (const char *bad : {"script", "refresh", "tracker", "javascript", "<form", "<input",
                                "<iframe", "onload", "password", "import", "evil"}) {
            QVERIFY2(!out.html.contains(QLatin1StringView(bad), Qt::CaseInsensitive), bad);
        }
        QVERIFY(out.html.contains(QLatin1StringView("Pay")));
    }

    void entities_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("named") << QStringLiteral("a &amp; b &lt;c&gt;")
                               << QStringLiteral("a & b <c>");
        QTest::newRow("no-semicolon") << QStringLiteral("&ampx &amp &#65B")
                                      << QStringLiteral("&ampx & AB");
        QTest::newRow("hex") << QStringLiteral("&#x41;&#X42;") << QStringLiteral("AB");
        QTest::newRow("unknown") << QStringLiteral("&bogus; &") << QStringLiteral("&bogus; &");
        QTest::newRow("zero") << QStringLiteral("&#0;") << QStringLiteral("\uFFFD");
        QTest::newRow("huge") << QStringLiteral("&#99999999999;x") << QStringLiteral("\uFFFDx");
        QTest::newRow("astral") << QStringLiteral("&#x1F600;") << QStringLiteral("😀");
    }

    void entities()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(decodeHtmlEntities(input), expected);
    }

    void tokenizer()
    {
        const QString html = QStringLiteral("a<P Class=x id='y' checked/>b</p><!--c-->");
        qsizetype pos = 0;
        HtmlToken t = nextHtmlToken(html, pos);
        QCOMPARE(t.kind, HtmlToken::Kind::Text);
        QCOMPARE(t.text, QStringLiteral("a"));
        t = nextHtmlToken(html, pos);
        QCOMPARE(t.kind, HtmlToken::Kind::StartTag);
        QCOMPARE(t.text, QStringLiteral("p"));
        QVERIFY(t.selfClosing);
        QCOMPARE(t.attributes,
                 QList<HtmlAttribute>({{QStringLiteral("class"), QStringLiteral("x")},
                                       {QStringLiteral("id"), QStringLiteral("y")},
                                       {QStringLiteral("checked"), QString()}}));
        QCOMPARE(nextHtmlToken(html, pos).text, QStringLiteral("b"));
        t = nextHtmlToken(html, pos);
        QCOMPARE(t.kind, HtmlToken::Kind::EndTag);
        QCOMPARE(t.text, QStringLiteral("p"));
        QCOMPARE(nextHtmlToken(html, pos).kind, HtmlToken::Kind::Comment);
        QCOMPARE(nextHtmlToken(html, pos).kind, HtmlToken::Kind::End);
    }

    void toPlainText_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("text");
        QTest::newRow("paragraphs") << QStringLiteral("<p>Hello\n  world</p><p>Second &amp; "
                                                      "last</p>")
                                    << QStringLiteral("Hello world\n\nSecond & last");
        QTest::newRow("script-style") << QStringLiteral("<style>p{}</style><script>x()</script>"
                                                        "Hi<br>there")
                                      << QStringLiteral("Hi\nthere");
        QTest::newRow("inline") << QStringLiteral("<b>bold</b> <i>it</i>")
                                << QStringLiteral("bold it");
    }

    void toPlainText()
    {
        QFETCH(QString, html);
        QFETCH(QString, text);
        QCOMPARE(HtmlSanitizer::toPlainText(html), text);
    }

    // Mutated hostile markup: whatever comes out re-tokenizes into whitelisted tags only.
    void mutatedInputStaysSafe()
    {
        const QString seed = QStringLiteral(
            "<html><head><meta http-equiv=refresh content=0><style>p{background:"
            "url(http://e/x)}</style><script>alert(1)</script></head><body onload=x()>"
            "<p style='color:red' onclick=\"y()\">t<a href=\"javascript:z()\">l</a>"
            "<img src=http://e/p.gif onerror=w()><iframe src=//e/f></iframe>"
            "<form action=http://e/><input name=q></form><svg><script>v()</script></svg>"
            "<!-- c --><object data=x></object></p></body></html>");
        const QStringList forbiddenTags = {
            QStringLiteral("script"), QStringLiteral("meta"), QStringLiteral("iframe"),
            QStringLiteral("form"), QStringLiteral("input"), QStringLiteral("svg"),
            QStringLiteral("object"), QStringLiteral("head"), QStringLiteral("link"),
            QStringLiteral("base"), QStringLiteral("embed")};
        QRandomGenerator rng(99);
        for (int round = 0; round < 1500; ++round) {
            QString html = seed;
            for (int e = 0, n = 1 + int(rng.bounded(6)); e < n && !html.isEmpty(); ++e) {
                const qsizetype at = rng.bounded(html.size());
                switch (rng.bounded(4)) {
                case 0: html.remove(at, rng.bounded(12)); break;
                case 1: html.insert(at, html.mid(rng.bounded(html.size()), 30)); break;
                case 2: html[at] = QChar(char16_t(u' ' + rng.bounded(95))); break;
                default: html.insert(at, QStringLiteral("\"'<>/=")[rng.bounded(6)]); break;
                }
            }
            for (const bool allowRemote : {false, true}) {
                HtmlSanitizer sanitizer;
                sanitizer.setAllowRemote(allowRemote);
                const QString out = sanitizer.sanitize(html).html;
                qsizetype pos = 0;
                for (HtmlToken t = nextHtmlToken(out, pos); t.kind != HtmlToken::Kind::End;
                     t = nextHtmlToken(out, pos)) {
                    if (t.kind == HtmlToken::Kind::Comment)
                        QFAIL(qPrintable(out));
                    if (t.kind != HtmlToken::Kind::StartTag)
                        continue;
                    QVERIFY2(!forbiddenTags.contains(t.text), qPrintable(html + u'\n' + out));
                    for (const QChar c : t.text)
                        QVERIFY2(c.isLetterOrNumber(), qPrintable(out));
                    if (t.text == QLatin1StringView("style"))
                        readRawText(out, pos, t.text);
                    for (const HtmlAttribute &a : t.attributes) {
                        QVERIFY2(!a.name.startsWith(QLatin1StringView("on")), qPrintable(out));
                        const QString v = a.value.toLower();
                        if (a.name == QLatin1StringView("href")
                            || a.name == QLatin1StringView("src")) {
                            QString scheme = v;
                            scheme.removeIf([](QChar c) { return c.unicode() <= 0x20; });
                            scheme = scheme.section(u':', 0, 0);
                            QVERIFY2(scheme != QLatin1StringView("javascript")
                                         && scheme != QLatin1StringView("vbscript")
                                         && (scheme != QLatin1StringView("data")
                                             || v.startsWith(QLatin1StringView("data:image/")))
                                         && scheme != QLatin1StringView("file"),
                                     qPrintable(out));
                        }
                        if (allowRemote)
                            continue;
                        if (a.name == QLatin1StringView("src")
                            || a.name == QLatin1StringView("background")) {
                            QVERIFY2(v.startsWith(QLatin1StringView("cid:"))
                                         || v.startsWith(QLatin1StringView("data:image/")),
                                     qPrintable(out));
                        }
                        QVERIFY2(!v.contains(QLatin1StringView("url(h"))
                                     && !v.contains(QLatin1StringView("url(/")),
                                 qPrintable(out));
                    }
                }
            }
        }
    }

    void largeInputIsLinear()
    {
        QString html;
        for (int i = 0; i < 20000; ++i)
            html += QStringLiteral(
                "<div style=\"color:red\" onclick=x><b>row</b> &amp; text</div>");
        const SanitizedHtml out = HtmlSanitizer().sanitize(html);
        QCOMPARE(out.html.count(QLatin1StringView("<b>row</b>")), 20000);
        QVERIFY(!out.html.contains(QLatin1StringView("onclick")));
    }
};

QTEST_GUILESS_MAIN(TestHtmlSanitizer)
#include "tst_htmlsanitizer.moc"
