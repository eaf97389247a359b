#include "messageview/attachmentlist.h"
#include "messageview/headerblock.h"
#include "httpcounter.h"
#include "messageview/messagebrowser.h"
#include "messageview/messageview.h"
#include "messageview/plaintexthtml.h"
#include "messageview/remotecontentbar.h"
#include "messageview/sourcedialog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QNetworkProxy>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QToolButton>

using namespace Tern;

namespace {

QByteArray fixture(const char *name)
{
    QFile file(QStringLiteral(TERN_TEST_DATA_DIR "/mime/") + QLatin1StringView(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", name);
    return file.readAll();
}

QByteArray htmlMessage(const QByteArray &html)
{
    return "From: Sender <sender@example.org>\r\nTo: alice@example.org\r\n"
           "Subject: html\r\nMIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n";
}

QByteArray base64Lines(const QByteArray &data)
{
    const QByteArray b64 = data.toBase64();
    QByteArray out;
    out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
    for (qsizetype i = 0; i < b64.size(); i += 76)
        out += b64.mid(i, 76) + "\r\n";
    return out;
}

// The foreground colour of the text fragment holding needle, or an invalid colour.
QColor colourOf(const QTextDocument *doc, const QString &needle)
{
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.text().contains(needle))
                return f.charFormat().foreground().color();
        }
    }
    return QColor();
}

// True when a loaded resource holds bytes or an image (blocked ones are empty).
bool carriesData(const QVariant &v)
{
    return !v.value<QImage>().isNull() || !v.toByteArray().isEmpty();
}

QStringList anchors(const QTextDocument *doc)
{
    QStringList out;
    for (QTextBlock b = doc->begin(); b.isValid(); b = b.next()) {
        for (auto it = b.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isAnchor())
                out.append(format.anchorHref());
        }
    }
    return out;
}

} // namespace

class TestMessageView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void quoteLevel_data();
    void quoteLevel();
    void openableLinks_data();
    void openableLinks();
    void plainTextQuotesAndLinks();
    void fullHeadersAndAccessibleNames();
    void remoteImageWaitsForPermission();
    void alwaysForSenderAndAllowList();
    void cidImageShown();
    void localFilesNeverLoaded();
    void hostileHtmlRendersSafely();
    void fixturesRender_data();
    void fixturesRender();
    void alternativeSwitch();
    void viewSource();
    void hugeAttachment();
    void deeplyNestedMultipart();
    void attachmentsListedAndDragged();
    void savedNamesStayInFolder();
};

void TestMessageView::initTestCase()
{
    // The counting server is on loopback; a proxy from the environment must not get in between.
    QNetworkProxy::setApplicationProxy(QNetworkProxy::NoProxy);
}

void TestMessageView::quoteLevel_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<int>("level");
    QTest::newRow("plain") << QStringLiteral("hello > there") << 0;
    QTest::newRow("one") << QStringLiteral("> hi") << 1;
    QTest::newRow("two packed") << QStringLiteral(">> hi") << 2;
    QTest::newRow("three spaced") << QStringLiteral("> > > hi") << 3;
    QTest::newRow("empty quote") << QStringLiteral(">") << 1;
    QTest::newRow("empty") << QString() << 0;
}

void TestMessageView::quoteLevel()
{
    QFETCH(QString, line);
    QFETCH(int, level);
    QCOMPARE(Tern::quoteLevel(line), level);
}

void TestMessageView::openableLinks_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("openable");
    QTest::newRow("http") << QStringLiteral("http://example.org/") << true;
    QTest::newRow("https") << QStringLiteral("HTTPS://example.org/") << true;
    QTest::newRow("mailto") << QStringLiteral("mailto:bob@example.org") << true;
    QTest::newRow("javascript") << QStringLiteral("javascript:alert(1)") << false;
    QTest::newRow("file") << QStringLiteral("file:///etc/passwd") << false;
    QTest::newRow("relative") << QStringLiteral("/etc/passwd") << false;
    QTest::newRow("data") << QStringLiteral("data:text/html,<b>x</b>") << false;
    QTest::newRow("smb") << QStringLiteral("smb://host/share") << false;
}

void TestMessageView::openableLinks()
{
    QFETCH(QString, url);
    QFETCH(bool, openable);
    QCOMPARE(MessageBrowser::isOpenableLink(QUrl(url)), openable);
}

void TestMessageView::plainTextQuotesAndLinks()
{
    MessageView view(nullptr);
    view.showMessage("From: Bob <bob@example.org>\r\nTo: alice@example.org\r\n"
                     "Cc: carol@example.org\r\nSubject: Re: lunch\r\n"
                     "Date: Tue, 4 Mar 2025 12:00:00 +0000\r\n\r\n"
                     "Top line with https://example.org/menu.\r\n"
                     "> first level\r\n>> second level\r\n"
                     "mail me: mailto:bob@example.org and javascript:alert(1)\r\n",
                     QStringLiteral("bob@example.org"));
    const QTextDocument *doc = view.browser()->document();
    const QString text = doc->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Top line with https://example.org/menu.")));
    QVERIFY(text.contains(QStringLiteral("> first level")));
    QCOMPARE(colourOf(doc, QStringLiteral("first level")), QColor::fromString(quoteColor(1)));
    QCOMPARE(colourOf(doc, QStringLiteral("second level")), QColor::fromString(quoteColor(2)));
    QVERIFY(colourOf(doc, QStringLiteral("Top line")) != QColor::fromString(quoteColor(1)));
    QCOMPARE(anchors(doc), QStringList({QStringLiteral("https://example.org/menu"),
                                        QStringLiteral("mailto:bob@example.org")}));
    QCOMPARE(view.headerBlock()->fromText(), QStringLiteral("Bob <bob@example.org>"));
    QCOMPARE(view.headerBlock()->toText(), QStringLiteral("alice@example.org"));
    QCOMPARE(view.headerBlock()->ccText(), QStringLiteral("carol@example.org"));
    QCOMPARE(view.headerBlock()->subjectText(), QStringLiteral("Re: lunch"));
    QVERIFY(view.headerBlock()->dateText().contains(QStringLiteral("2025")));
    QVERIFY(!view.remoteContentBar()->isVisibleTo(&view));
    QVERIFY(!view.attachmentList()->isVisibleTo(&view));

    view.clear();
    QVERIFY(view.browser()->toPlainText().isEmpty());
    QVERIFY(view.headerBlock()->subjectText().isEmpty());
}

void TestMessageView::fullHeadersAndAccessibleNames()
{
    MessageView view(nullptr);
    view.showMessage(fixture("html-hostile.eml"), QStringLiteral("mallory@evil.example"));
    QVERIFY(!view.headerBlock()->fullHeadersVisible());
    view.headerBlock()->setFullHeadersVisible(true);
    QVERIFY(view.headerBlock()->fullHeadersText().contains(
        QStringLiteral("Message-ID: <hostile-1@evil.example>")));
    const QList<QWidget *> widgets{&view, view.browser(), view.headerBlock(),
                                   view.attachmentList(), view.remoteContentBar(),
                                   view.remoteContentBar()->loadButton(),
                                   view.remoteContentBar()->alwaysButton(),
                                   view.alternativeButton(), view.sourceButton()};
    for (QWidget *w : widgets)
        QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
}

void TestMessageView::remoteImageWaitsForPermission()
{
    HttpCounter server;
    QVERIFY(server.isListening());
    MessageView view(nullptr);
    view.resize(600, 400);
    view.show();
    const QByteArray src = server.url(QStringLiteral("/pixel.png")).toLatin1();
    view.showMessage(htmlMessage("<p>Hello</p><img src=\"" + src + "\">"),
                     QStringLiteral("sender@example.org"));
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QVERIFY(view.remoteContentBar()->isVisible());
    QCOMPARE(view.browser()->remoteRequestCount(), 0);
    QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("Hello")));
    // Asking for the image directly is refused too while remote content is blocked.
    QVERIFY(!carriesData(view.browser()->loadResource(QTextDocument::ImageResource, QUrl(
        QString::fromLatin1(src)))));
    QCOMPARE(server.requestCount(), 0);

    QSignalSpy finished(view.browser(), &MessageBrowser::remoteResourceFinished);
    view.remoteContentBar()->loadButton()->click();
    QVERIFY(!view.remoteContentBar()->isVisible());
    QTRY_VERIFY(server.requestCount() >= 1);
    QCOMPARE(server.paths().first(), QByteArray("/pixel.png"));
    QTRY_VERIFY(!finished.isEmpty());
    const QVariant image = view.browser()->loadResource(QTextDocument::ImageResource,
                                                        QUrl(QString::fromLatin1(src)));
    QCOMPARE(image.value<QImage>().size(), QSize(7, 5));
}

void TestMessageView::alwaysForSenderAndAllowList()
{
    HttpCounter server;
    MessageView view(nullptr);
    QStringList allowed;
    view.setRemoteAllowList([&allowed](const QString &s) { return allowed.contains(s); });
    QSignalSpy always(&view, &MessageView::remoteContentAllowedForSender);
    const QByteArray raw = htmlMessage("<img src=\""
                                       + server.url(QStringLiteral("/a.png")).toLatin1()
                                       + "\">");
    view.resize(600, 400);
    view.show();
    view.showMessage(raw, QStringLiteral("sender@example.org"));
    QVERIFY(view.remoteContentBar()->isVisible());
    QVERIFY(view.remoteContentBar()->alwaysButton()->text().contains(
        QStringLiteral("sender@example.org")));
    view.remoteContentBar()->alwaysButton()->click();
    QCOMPARE(always.size(), 1);
    QCOMPARE(always.first().first().toString(), QStringLiteral("sender@example.org"));
    QTRY_VERIFY(server.requestCount() >= 1);

    // The lead's store remembers the sender; the next message loads without the bar.
    allowed.append(QStringLiteral("sender@example.org"));
    const int before = server.requestCount();
    const QByteArray next = htmlMessage("<img src=\""
                                        + server.url(QStringLiteral("/b.png")).toLatin1()
                                        + "\">");
    view.showMessage(next, QStringLiteral("sender@example.org"));
    QVERIFY(!view.remoteContentBar()->isVisible());
    QTRY_VERIFY(server.requestCount() > before);
    // Another sender is still blocked.
    view.showMessage(next, QStringLiteral("other@example.org"));
    QVERIFY(view.remoteContentBar()->isVisible());
    QCOMPARE(view.browser()->remoteRequestCount(), 0);
}

void TestMessageView::cidImageShown()
{
    const QByteArray png = HttpCounter::png(11, 13);
    const QByteArray raw =
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: cid\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/related; boundary=\"r\"\r\n\r\n"
        "--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        "<p>Logo:</p><img src=\"cid:logo@example.org\">\r\n"
        "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@example.org>\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(png) + "--r--\r\n";
    MessageView view(nullptr);
    view.resize(600, 400);
    view.show();
    view.showMessage(raw, QStringLiteral("a@example.org"));
    const QUrl logo(QStringLiteral("cid:logo@example.org"));
    const QVariant image = view.browser()->loadResource(QTextDocument::ImageResource, logo);
    QCOMPARE(image.value<QImage>().size(), QSize(11, 13));
    QVERIFY(!carriesData(view.browser()->loadResource(
        QTextDocument::ImageResource, QUrl(QStringLiteral("cid:other@example.org")))));
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    // The layout asked for it and the document holds it.
    QTRY_VERIFY(view.browser()->document()->resource(
        QTextDocument::ImageResource, QUrl(QStringLiteral("cid:logo@example.org"))).isValid());
    QVERIFY(!view.remoteContentBar()->isVisible());
    QVERIFY(!view.attachmentList()->isVisible()); // a related image is part of the body
}

void TestMessageView::localFilesNeverLoaded()
{
    QTemporaryDir dir;
    const QString secret = dir.filePath(QStringLiteral("secret.png"));
    QFile file(secret);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(HttpCounter::png(3, 3));
    file.close();
    const QList<QUrl> urls{QUrl(QStringLiteral("/etc/passwd")), QUrl(secret),
                           QUrl::fromLocalFile(secret), QUrl(QStringLiteral("file:///etc/passwd")),
                           QUrl(QStringLiteral("secret.png")), QUrl(QStringLiteral("qrc:/x.png"))};
    QByteArray html;
    for (const QUrl &url : urls)
        html += "<img src=\"" + url.toEncoded() + "\"><link rel=stylesheet href=\""
            + url.toEncoded() + "\">";
    MessageView view(nullptr);
    view.browser()->setSearchPaths({dir.path()});
    view.resize(600, 400);
    view.show();
    for (const bool remote : {false, true}) {
        view.showMessage(htmlMessage(html), QStringLiteral("a@example.org"));
        if (remote)
            view.allowRemoteContent();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QCoreApplication::processEvents();
        for (const QUrl &url : urls) {
            for (const int type : {int(QTextDocument::ImageResource),
                                   int(QTextDocument::StyleSheetResource),
                                   int(QTextDocument::HtmlResource)}) {
                QVERIFY2(!carriesData(view.browser()->loadResource(type, url)),
                         url.toEncoded().constData());
            }
            QVERIFY(!carriesData(
                view.browser()->document()->resource(QTextDocument::ImageResource, url)));
        }
        QCOMPARE(view.browser()->remoteRequestCount(), 0);
    }
}

void TestMessageView::hostileHtmlRendersSafely()
{
    HttpCounter server;
    const auto u = [&server](const char *path) {
        return server.url(QLatin1StringView(path)).toLatin1();
    };
    const QByteArray html =
        "<html><head><meta http-equiv=\"refresh\" content=\"0;url=" + u("/refresh") + "\">"
        "<link rel=stylesheet href=\"" + u("/link.css") + "\">"
        "<script src=\"" + u("/script.js") + "\">alert('x')</script>"
        "<style>@import url(" + u("/import.css") + "); p { background: url(" + u("/css.png")
        + ") }</style></head><body onload=\"steal()\" background=\"" + u("/bg.png") + "\">"
        "<p>Visible text</p><a href=\"javascript:alert(1)\">js</a>"
        "<a href=\"vbscript:msgbox\">vb</a><a href=\"https://example.org/\">ok</a>"
        "<form action=\"" + u("/login") + "\"><input name=password><button>Go</button></form>"
        "<iframe src=\"" + u("/frame") + "\"></iframe><object data=\"" + u("/object")
        + "\"></object><embed src=\"" + u("/embed") + "\">"
        "<img src=\"" + u("/img.png") + "\" onerror=\"alert(2)\"></body></html>";
    MessageView view(nullptr);
    view.resize(600, 400);
    view.show();
    QElapsedTimer timer;
    timer.start();
    view.showMessage(htmlMessage(html), QStringLiteral("a@example.org"));
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    QVERIFY(timer.elapsed() < 20000);
    const QString text = view.browser()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("Visible text")));
    QVERIFY(!text.contains(QStringLiteral("alert")));
    const QString rendered = view.browser()->toHtml();
    QVERIFY(!rendered.contains(QStringLiteral("script"), Qt::CaseInsensitive));
    QVERIFY(!rendered.contains(QStringLiteral("refresh"), Qt::CaseInsensitive));
    QVERIFY(!rendered.contains(QStringLiteral("onload"), Qt::CaseInsensitive));
    QVERIFY(!rendered.contains(QStringLiteral("/login")));
    for (const QString &href : anchors(view.browser()->document()))
        QVERIFY2(href.isEmpty() || MessageBrowser::isOpenableLink(QUrl(href)), qPrintable(href));
    QVERIFY(view.remoteContentBar()->isVisible());
    QCOMPARE(view.browser()->remoteRequestCount(), 0);

    // Allowing remote content fetches images only, never scripts, frames, forms or sheets.
    view.allowRemoteContent();
    QTRY_VERIFY(server.requestCount() >= 1);
    QTRY_COMPARE(server.requestCount(), view.browser()->remoteRequestCount());
    const QList<QByteArray> images{"/css.png", "/bg.png", "/img.png"};
    for (const QByteArray &path : server.paths())
        QVERIFY2(images.contains(path), path.constData());
    QVERIFY(server.paths().contains(QByteArray("/img.png")));
}

void TestMessageView::fixturesRender_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("attachments");
    QTest::newRow("broken base64") << QByteArray("broken-base64.eml") << QStringLiteral("Hello")
                                   << 1;
    QTest::newRow("digest") << QByteArray("digest.eml") << QStringLiteral("Second body") << 2;
    QTest::newRow("embedded") << QByteArray("embedded-message.eml")
                              << QStringLiteral("Original über") << 1;
    QTest::newRow("embedded body") << QByteArray("embedded-message.eml")
                                   << QStringLiteral("Inner body") << 1;
    QTest::newRow("embedded from") << QByteArray("embedded-message.eml")
                                   << QStringLiteral("Carol <carol@example.org>") << 1;
    QTest::newRow("partial") << QByteArray("partial-and-external.eml")
                             << QStringLiteral("message/partial") << 0;
    QTest::newRow("external") << QByteArray("partial-and-external.eml")
                              << QStringLiteral("http://example.org/big.iso") << 0;
    QTest::newRow("parallel") << QByteArray("parallel.eml")
                              << QStringLiteral("Listen while you look.") << 2;
    QTest::newRow("no boundary") << QByteArray("multipart-without-boundary.eml")
                                 << QStringLiteral("--whatever") << 0;
    QTest::newRow("latin1 unknown") << QByteArray("unknown-charset-latin1.eml")
                                    << QStringLiteral("Köln café") << 0;
    QTest::newRow("utf8 unknown") << QByteArray("unknown-charset-utf8.eml")
                                  << QStringLiteral("Köln") << 0;
    QTest::newRow("rfc822 base64") << QByteArray("rfc822-in-base64.eml") << QStringLiteral("hi")
                                   << 1;
}

void TestMessageView::fixturesRender()
{
    QFETCH(QByteArray, name);
    QFETCH(QString, expected);
    QFETCH(int, attachments);
    MessageView view(nullptr);
    QElapsedTimer timer;
    timer.start();
    view.showMessage(fixture(name.constData()), QStringLiteral("a@example.org"));
    QVERIFY(timer.elapsed() < 20000);
    const QString text = view.browser()->toPlainText();
    QVERIFY2(text.contains(expected), qPrintable(text.left(2000)));
    QCOMPARE(view.attachmentList()->topLevelItemCount(), attachments);
}

void TestMessageView::alternativeSwitch()
{
    MessageView view(nullptr);
    view.showMessage(fixture("html-hostile.eml"), QStringLiteral("mallory@evil.example"));
    QVERIFY(view.isShowingHtml());
    QVERIFY(!view.alternativeButton()->isHidden());
    QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("Pay")));
    view.alternativeButton()->click();
    QVERIFY(!view.isShowingHtml());
    QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("Plain version.")));
    QVERIFY(!view.browser()->toPlainText().contains(QStringLiteral("Pay")));
    view.alternativeButton()->click();
    QVERIFY(view.isShowingHtml());
    QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("Pay")));

    view.showMessage(fixture("digest.eml"), QStringLiteral("list@example.org"));
    QVERIFY(view.alternativeButton()->isHidden());
}

void TestMessageView::viewSource()
{
    const QByteArray raw = fixture("html-hostile.eml");
    MessageView view(nullptr);
    view.showMessage(raw, QStringLiteral("mallory@evil.example"));
    view.sourceButton()->click();
    auto *dialog = view.findChild<SourceDialog *>();
    QVERIFY(dialog);
    QCOMPARE(dialog->sourceText(), QString::fromUtf8(raw));
    QVERIFY(dialog->isVisible());
    QVERIFY(SourceDialog::displayText(QByteArray(100, 'x'), 10).startsWith(QString(10, u'x')));
    QVERIFY(SourceDialog::displayText(QByteArray(100, 'x'), 10).contains(QStringLiteral("90")));
}

void TestMessageView::hugeAttachment()
{
    QByteArray data(50 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < data.size(); ++i)
        data[i] = char((i * 131) >> 3);
    const QByteArray raw =
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: big\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        "--m\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
        "--m\r\nContent-Type: video/mp4; name=\"film.mp4\"\r\n"
        "Content-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64Lines(data) + "--m--\r\n";
    MessageView view(nullptr);
    QElapsedTimer timer;
    timer.start();
    view.showMessage(raw, QStringLiteral("a@example.org"));
    const qint64 elapsed = timer.elapsed();
    qInfo("50 MB attachment shown in %lld ms", elapsed);
    QVERIFY(elapsed < 120000); // generous: debug build with ASan on a loaded machine
    QVERIFY(view.browser()->toPlainText().contains(QStringLiteral("See attached.")));
    QCOMPARE(view.attachmentList()->topLevelItemCount(), 1);
    QTreeWidgetItem *item = view.attachmentList()->topLevelItem(0);
    QCOMPARE(item->text(0), QStringLiteral("film.mp4"));
    QCOMPARE(item->data(1, Qt::UserRole).toLongLong(), data.size());
    QCOMPARE(item->text(2), QStringLiteral("video/mp4"));
    std::unique_ptr<QMimeData> mime(view.attachmentList()->mimeData({item}));
    QVERIFY(mime);
    QFile file(mime->urls().value(0).toLocalFile());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(file.readAll() == data);
}

void TestMessageView::deeplyNestedMultipart()
{
    QByteArray raw = "From: a@example.org\r\nTo: b@example.org\r\nSubject: deep\r\n"
                     "MIME-Version: 1.0\r\n";
    constexpr int depth = 1000;
    for (int i = 0; i < depth; ++i)
        raw += "Content-Type: multipart/mixed; boundary=\"b" + QByteArray::number(i)
            + "\"\r\n\r\n--b" + QByteArray::number(i) + "\r\n";
    raw += "Content-Type: text/plain\r\n\r\nthe bottom\r\n";
    for (int i = depth - 1; i >= 0; --i)
        raw += "--b" + QByteArray::number(i) + "--\r\n";
    MessageView view(nullptr);
    view.resize(600, 400);
    view.show();
    QElapsedTimer timer;
    timer.start();
    view.showMessage(raw, QStringLiteral("a@example.org"));
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QCoreApplication::processEvents();
    qInfo("1000-level nesting shown in %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() < 30000);
    QVERIFY(view.message().rawFallback);
    const QString text = view.browser()->toPlainText();
    QVERIFY(text.contains(QStringLiteral("raw source")));
    QVERIFY(text.contains(QStringLiteral("Subject: deep"))); // the raw source is shown too
}

void TestMessageView::attachmentsListedAndDragged()
{
    static const char pdfBytes[] = "%PDF-1.4 fake\r\n\0\1\2 binary";
    const QByteArray pdf(pdfBytes, sizeof(pdfBytes) - 1);
    QByteArray zip(3000, '\0');
    for (int i = 0; i < zip.size(); ++i)
        zip[i] = char(i % 251);
    const QByteArray raw =
        "From: a@example.org\r\nTo: b@example.org\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
        "--m\r\nContent-Type: text/plain\r\n\r\nTwo files.\r\n"
        "--m\r\nContent-Type: application/pdf\r\n"
        "Content-Disposition: attachment; filename=\"report.pdf\"\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(pdf)
        + "--m\r\nContent-Type: application/zip\r\n"
          "Content-Disposition: attachment; filename=\"../../archive.zip\"\r\n"
          "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(zip) + "--m--\r\n";
    MessageView view(nullptr);
    view.showMessage(raw, QStringLiteral("a@example.org"));
    AttachmentList *list = view.attachmentList();
    QVERIFY(!list->isHidden());
    QCOMPARE(list->topLevelItemCount(), 2);
    QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("report.pdf"));
    QCOMPARE(list->topLevelItem(0)->text(1), QLocale().formattedDataSize(pdf.size()));
    QCOMPARE(list->topLevelItem(0)->text(2), QStringLiteral("application/pdf"));
    QVERIFY(!list->topLevelItem(1)->text(0).contains(u'/'));
    QVERIFY(list->topLevelItem(1)->text(0).endsWith(QStringLiteral("archive.zip")));
    QCOMPARE(list->topLevelItem(1)->text(1), QLocale().formattedDataSize(zip.size()));
    QCOMPARE(list->topLevelItem(1)->text(2), QStringLiteral("application/zip"));
    QVERIFY(list->mimeTypes().contains(QStringLiteral("text/uri-list")));
    QVERIFY(list->dragEnabled());

    std::unique_ptr<QMimeData> mime(list->mimeData({list->topLevelItem(0),
                                                    list->topLevelItem(1)}));
    QVERIFY(mime);
    const QList<QUrl> urls = mime->urls();
    QCOMPARE(urls.size(), 2);
    const QList<QByteArray> expected{pdf, zip};
    for (int i = 0; i < 2; ++i) {
        QVERIFY(urls[i].isLocalFile());
        QFile file(urls[i].toLocalFile());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), expected[i]);
        QCOMPARE(QFileInfo(file).fileName(), list->topLevelItem(i)->text(0));
    }
}

void TestMessageView::savedNamesStayInFolder()
{
    MessageView view(nullptr);
    view.showMessage(fixture("hostile-filenames.eml"), QStringLiteral("a@example.org"));
    AttachmentList *list = view.attachmentList();
    QVERIFY(list->topLevelItemCount() >= 6);
    // Also names that never went through the parser.
    QList<Mime::MessagePart> parts = list->attachments();
    for (const char *name : {"../../escape.txt", "/etc/cron.d/evil", "..", "a/../../b",
                             "C:\\Windows\\evil.dll"}) {
        Mime::MessagePart part;
        part.fileName = QString::fromLatin1(name);
        part.mimeType = QStringLiteral("application/octet-stream");
        part.data = "payload";
        part.size = part.data.size();
        parts.append(part);
    }
    list->setAttachments(parts);
    QTemporaryDir outer;
    const QString folder = outer.filePath(QStringLiteral("target/inner"));
    QVERIFY(QDir().mkpath(folder));
    const QString canonical = QFileInfo(folder).canonicalFilePath();
    for (int row = 0; row < list->topLevelItemCount(); ++row) {
        const QString path = list->saveTo(row, folder);
        QVERIFY2(!path.isEmpty(), qPrintable(parts[row].fileName));
        QCOMPARE(QFileInfo(path).canonicalPath(), canonical);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), parts[row].data);
    }
    // Nothing appeared beside or above the target folder.
    QCOMPARE(QDir(outer.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("target")});
    QCOMPARE(QDir(outer.filePath(QStringLiteral("target")))
                 .entryList(QDir::AllEntries | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("inner")});
    // Saving the same row twice does not overwrite the first copy.
    const QString again = list->saveTo(0, folder);
    QVERIFY(!again.isEmpty());
    QVERIFY(again != QDir(folder).filePath(list->topLevelItem(0)->text(0)));
}

QTEST_MAIN(TestMessageView)
#include "tst_messageview.moc"
