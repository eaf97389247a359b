#include "cache/database.h"
#include "composer/addresscompletionmodel.h"
#include "composer/addresslineedit.h"
#include "composer/composereditor.h"
#include "composer/composerwindow.h"
#include "composer/sendchecks.h"
#include "mime/addresslist.h"
#include "mime/messagecomposer.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Tern;
using Tern::Mime::MailAddress;

namespace {

QStringList addresses(const QList<MailAddress> &list)
{
    QStringList out;
    for (const MailAddress &a : list)
        out.append(a.address);
    return out;
}

QByteArray compose(const Mime::MessageDraft &draft)
{
    Mime::MessageComposer composer;
    const Mime::ComposedMessage m = composer.compose(draft);
    return m.bytes;
}

const QByteArray originalMessage =
    "From: Bob Builder <bob@example.com>\r\n"
    "To: Alice <alice@example.org>, dave@example.com\r\n"
    "Cc: carol@example.com\r\n"
    "%EXTRA%"
    "Subject: Plans\r\n"
    "Date: Tue, 24 Nov 2026 10:00:00 +0000\r\n"
    "Message-ID: <m1@example.com>\r\n"
    "References: <m0@example.com>\r\n"
    "MIME-Version: 1.0\r\n"
    "Content-Type: text/plain; charset=utf-8\r\n"
    "\r\n"
    "Line one\r\n"
    "the plan is attached\r\n";

QByteArray original(const QByteArray &extra)
{
    QByteArray m = originalMessage;
    return m.replace("%EXTRA%", extra);
}

} // namespace

class TestComposer : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_database;

    QSqlDatabase db() { return m_database->db(); }

    QString writeFile(const QString &name, const QByteArray &data)
    {
        const QString path = QDir(m_dir.path()).filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(data);
        return path;
    }

    void exec(const QString &sql)
    {
        QSqlQuery q(db());
        QVERIFY2(q.exec(sql), qPrintable(sql));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_database = std::make_unique<Database>(m_dir.filePath(QStringLiteral("cache.db")),
                                                QStringLiteral("composer"));
        QVERIFY2(m_database->isOpen(), qPrintable(m_database->errorString()));
        exec(QStringLiteral("INSERT INTO accounts (id, name, email, incoming_url) VALUES "
                            "(1, 'Work', 'alice@example.org', 'imaps://alice@example.org')"));
        exec(QStringLiteral("INSERT INTO identities (account_id, name, email, signature, "
                            "is_default) VALUES "
                            "(1, 'Alice', 'alice@example.org', 'Alice A.', 1)"));
        exec(QStringLiteral("INSERT INTO identities (account_id, name, email) VALUES "
                            "(1, 'Alice Alias', 'alias@example.org')"));
        exec(QStringLiteral("INSERT INTO folders (id, account_id, path) VALUES (1, 1, 'INBOX')"));
        exec(QStringLiteral("INSERT INTO messages (folder_id, uid, from_name, from_addr, to_text, "
                            "cc_text) VALUES (1, 1, 'Zed Zebra', 'zed@zoo.example', "
                            "'Yan <yan@example.net>, alice@example.org', 'Cy <cy@example.net>')"));
        exec(QStringLiteral("INSERT INTO messages (folder_id, uid, from_name, from_addr) VALUES "
                            "(1, 2, 'Zed Zebra', 'zed@zoo.example')"));
    }

    void identitiesFromCache()
    {
        std::unique_ptr<ComposerWindow> w(ComposerWindow::newMessage(db(), 1));
        QCOMPARE(w->identityPicker()->count(), 2);
        QCOMPARE(w->draft().from, (MailAddress{QStringLiteral("Alice"),
                                               QStringLiteral("alice@example.org")}));
        QVERIFY(w->editor()->toPlainText().contains(QStringLiteral("-- \nAlice A.")));
        w->identityPicker()->setCurrentIndex(1);
        QCOMPARE(w->draft().from.address, QStringLiteral("alias@example.org"));
        QCOMPARE(w->toField()->accessibleName(), QStringLiteral("To"));
        QCOMPARE(w->subjectField()->accessibleName(), QStringLiteral("Subject"));
        QVERIFY(!w->editor()->accessibleName().isEmpty());
        QVERIFY(!w->attachmentList()->accessibleName().isEmpty());
    }

    void dropFilesAttaches_data()
    {
        QTest::addColumn<bool>("ontoText");
        QTest::newRow("window") << false;
        QTest::newRow("text area") << true;
    }

    void dropFilesAttaches()
    {
        QFETCH(bool, ontoText);
        const QString pdf = writeFile(QStringLiteral("report.pdf"), "%PDF-1.4\n%binary\x01\x02");
        const QString txt = writeFile(QStringLiteral("notes.txt"), "plain notes inside\n");
        const QString png = writeFile(QStringLiteral("Bild ä.png"), "\x89PNG\r\n\x1a\n0000");
        ComposerWindow w(db(), 1);
        w.show();
        QWidget *target = ontoText ? w.editor()->viewport() : static_cast<QWidget *>(&w);

        auto *mime = new QMimeData;
        mime->setUrls({QUrl::fromLocalFile(pdf), QUrl::fromLocalFile(txt),
                       QUrl::fromLocalFile(png), QUrl(QStringLiteral("https://example.com/x"))});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(target, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(target, &drop);
        QVERIFY(drop.isAccepted());
        delete mime;

        const auto attached = w.attachments();
        QCOMPARE(attached.size(), 3);
        QCOMPARE(attached[0].fileName, QStringLiteral("report.pdf"));
        QCOMPARE(attached[0].mimeType, QStringLiteral("application/pdf"));
        QCOMPARE(attached[1].fileName, QStringLiteral("notes.txt"));
        QCOMPARE(attached[1].mimeType, QStringLiteral("text/plain"));
        QCOMPARE(attached[2].fileName, QStringLiteral("Bild ä.png"));
        QCOMPARE(attached[2].mimeType, QStringLiteral("image/png"));
        QCOMPARE(w.attachmentList()->count(), 3);
        QCOMPARE(w.attachmentList()->item(0)->text(), QStringLiteral("report.pdf"));
        QVERIFY(w.editor()->toPlainText().isEmpty()); // no file:// text in the body

        w.toField()->setText(QStringLiteral("bob@example.com"));
        w.subjectField()->setText(QStringLiteral("Files"));
        const QByteArray bytes = compose(w.draft());
        QVERIFY(bytes.contains("application/pdf"));
        QVERIFY(bytes.contains("report.pdf"));
        const QByteArray notes = QByteArray("plain notes inside\n").toBase64();
        QVERIFY(bytes.contains("plain notes inside") || bytes.contains(notes));
        QVERIFY(bytes.contains("image/png"));
        // RFC 2231 or RFC 2047, the non-ASCII name is encoded, never raw.
        QVERIFY(bytes.contains("Bild"));
        QVERIFY(!bytes.contains(QStringLiteral("Bild ä.png").toUtf8()));

        w.removeAttachment(1);
        QCOMPARE(w.attachments().size(), 2);
        QCOMPARE(w.attachmentList()->count(), 2);
        const QByteArray without = compose(w.draft());
        QVERIFY(!without.contains("plain notes inside") && !without.contains(notes));
        QVERIFY(without.contains("report.pdf"));
    }

    void dropWithoutFilesIgnored()
    {
        ComposerWindow w(db(), 1);
        QMimeData mime;
        mime.setUrls({QUrl(QStringLiteral("https://example.com/x.pdf"))});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        enter.setAccepted(false);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(!enter.isAccepted());
        QVERIFY(w.attachments().isEmpty());
    }

    void reply_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<bool>("replyAll");
        QTest::addColumn<QStringList>("to");
        QTest::addColumn<QStringList>("cc");
        const QByteArray replyTo = "Reply-To: Team <team@example.com>\r\n";
        const QByteArray followup = "Mail-Followup-To: list@example.com, bob@example.com\r\n";
        QTest::newRow("sender") << QByteArray() << false
                                << QStringList{QStringLiteral("bob@example.com")} << QStringList{};
        QTest::newRow("reply-to honoured") << replyTo << false
                                           << QStringList{QStringLiteral("team@example.com")}
                                           << QStringList{};
        QTest::newRow("all minus own address")
            << QByteArray() << true << QStringList{QStringLiteral("bob@example.com")}
            << QStringList{QStringLiteral("dave@example.com"),
                           QStringLiteral("carol@example.com")};
        QTest::newRow("all with reply-to")
            << replyTo << true << QStringList{QStringLiteral("team@example.com")}
            << QStringList{QStringLiteral("dave@example.com"),
                           QStringLiteral("carol@example.com")};
        QTest::newRow("mail-followup-to")
            << followup << true
            << QStringList{QStringLiteral("list@example.com"), QStringLiteral("bob@example.com")}
            << QStringList{};
    }

    void reply()
    {
        QFETCH(QByteArray, extra);
        QFETCH(bool, replyAll);
        std::unique_ptr<ComposerWindow> w(
            ComposerWindow::reply(db(), 1, original(extra), replyAll));
        const Mime::MessageDraft d = w->draft();
        QTEST(addresses(Mime::parseAddressList(w->toField()->text())), "to");
        QTEST(addresses(d.cc), "cc");
        QCOMPARE(d.subject, QStringLiteral("Re: Plans"));
        QCOMPARE(d.inReplyTo, QByteArray("m1@example.com"));
        QCOMPARE(d.references, (QList<QByteArray>{"m0@example.com", "m1@example.com"}));
        const QString body = w->editor()->toPlainText();
        QVERIFY2(body.contains(QStringLiteral("Bob Builder wrote:")), qPrintable(body));
        QVERIFY(body.contains(QStringLiteral("\n> Line one\n> the plan is attached")));
        // The quoted "attached" is the other writer's: no missing-attachment warning.
        QCOMPARE(w->checkBeforeSend(), QStringList{});

        const QByteArray bytes = compose(d);
        QVERIFY(bytes.contains("In-Reply-To: <m1@example.com>"));
        QVERIFY(bytes.contains("References: <m0@example.com> <m1@example.com>"));
        QVERIFY(bytes.contains("> Line one"));
        QVERIFY(!bytes.contains("Bcc:"));
    }

    void forwardInline()
    {
        const QByteArray orig = original({});
        std::unique_ptr<ComposerWindow> w(
            ComposerWindow::forward(db(), 1, orig, ComposerWindow::ForwardMode::Inline));
        const Mime::MessageDraft d = w->draft();
        QCOMPARE(d.subject, QStringLiteral("Fwd: Plans"));
        QVERIFY(d.to.isEmpty());
        QVERIFY(d.plainBody.contains(QStringLiteral("-------- Forwarded Message --------")));
        QVERIFY(d.plainBody.contains(QStringLiteral("From: Bob Builder <bob@example.com>")));
        QVERIFY(d.plainBody.contains(QStringLiteral("Line one\nthe plan is attached")));
        QVERIFY(d.attachments.isEmpty());
    }

    void forwardAsAttachment()
    {
        const QByteArray orig = original({});
        std::unique_ptr<ComposerWindow> w(
            ComposerWindow::forward(db(), 1, orig, ComposerWindow::ForwardMode::AsAttachment));
        QCOMPARE(w->draft().subject, QStringLiteral("Fwd: Plans"));
        QCOMPARE(w->attachments().size(), 1);
        QCOMPARE(w->attachments().first().mimeType, QStringLiteral("message/rfc822"));
        QCOMPARE(w->attachments().first().data, orig);
        QCOMPARE(w->attachmentList()->count(), 1);
        w->toField()->setText(QStringLiteral("x@example.net"));
        const QByteArray bytes = compose(w->draft());
        QVERIFY(bytes.contains("message/rfc822"));
        QVERIFY(bytes.contains("Message-ID: <m1@example.com>")); // the original, inside
    }

    void mailto()
    {
        std::unique_ptr<ComposerWindow> w(ComposerWindow::fromMailto(
            db(), 1,
            QStringLiteral("mailto:a@example.com,b@example.com?cc=c@example.com&subject=Hi%20there"
                           "&body=Line%201%0D%0ALine%202&in-reply-to=%3Cx1@example.com%3E"
                           "&attach=/etc/passwd")));
        QVERIFY(w);
        const Mime::MessageDraft d = w->draft();
        QCOMPARE(addresses(d.to),
                 (QStringList{QStringLiteral("a@example.com"), QStringLiteral("b@example.com")}));
        QCOMPARE(addresses(d.cc), QStringList{QStringLiteral("c@example.com")});
        QCOMPARE(d.subject, QStringLiteral("Hi there"));
        QVERIFY(d.plainBody.startsWith(QStringLiteral("Line 1\nLine 2")));
        QCOMPARE(d.inReplyTo, QByteArray("x1@example.com"));
        QVERIFY(d.attachments.isEmpty());
        QVERIFY(!ComposerWindow::fromMailto(db(), 1, QStringLiteral("https://example.com")));
    }

    void completionFromCache()
    {
        ComposerWindow w(db(), 1);
        w.show();
        const QStringList known = w.completionModel()->stringList();
        QVERIFY(known.contains(QStringLiteral("Zed Zebra <zed@zoo.example>")));
        QVERIFY(known.contains(QStringLiteral("Yan <yan@example.net>")));
        QVERIFY(known.contains(QStringLiteral("Cy <cy@example.net>")));
        QCOMPARE(known.first(), QStringLiteral("Zed Zebra <zed@zoo.example>")); // most seen

        AddressLineEdit *to = w.toField();
        to->setFocus();
        QTest::keyClicks(to, QStringLiteral("bob@example.com, zeb"));
        QCOMPARE(to->currentSegment(), QStringLiteral("zeb"));
        QCOMPARE(to->completer()->completionCount(), 1);
        QCOMPARE(to->completer()->currentCompletion(),
                 QStringLiteral("Zed Zebra <zed@zoo.example>"));
        Q_EMIT to->completer()->activated(to->completer()->currentCompletion());
        QCOMPARE(addresses(Mime::parseAddressList(to->text())),
                 (QStringList{QStringLiteral("bob@example.com"),
                              QStringLiteral("zed@zoo.example")}));
    }

    void warnings_data()
    {
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("body");
        QTest::addColumn<bool>("attach");
        QTest::addColumn<int>("count");
        QTest::newRow("fine") << QStringLiteral("Hi") << QStringLiteral("Hello") << false << 0;
        QTest::newRow("empty subject") << QString() << QStringLiteral("Hello") << false << 1;
        QTest::newRow("blank subject") << QStringLiteral("  ") << QStringLiteral("x") << false
                                       << 1;
        QTest::newRow("attached") << QStringLiteral("Hi") << QStringLiteral("See attached.")
                                  << false << 1;
        QTest::newRow("attachment") << QStringLiteral("Hi")
                                    << QStringLiteral("The Attachment has it") << false << 1;
        QTest::newRow("angehängt") << QStringLiteral("Hi")
                                   << QStringLiteral("Ich habe es angehängt.") << false << 1;
        QTest::newRow("Anhang") << QStringLiteral("Hi") << QStringLiteral("Siehe Anhang") << false
                                << 1;
        QTest::newRow("附件") << QStringLiteral("Hi") << QStringLiteral("请查看附件。") << false
                              << 1;
        QTest::newRow("attached and present") << QStringLiteral("Hi")
                                              << QStringLiteral("See attached.") << true << 0;
        QTest::newRow("only quoted") << QStringLiteral("Hi")
                                     << QStringLiteral("ok\n> see attached") << false << 0;
        QTest::newRow("both") << QString() << QStringLiteral("Anbei") << false << 2;
        QTest::newRow("attacker is no attachment") << QStringLiteral("Hi")
                                                   << QStringLiteral("the attacker") << false << 0;
    }

    void warnings()
    {
        QFETCH(QString, subject);
        QFETCH(QString, body);
        QFETCH(bool, attach);
        ComposerWindow w(db(), 1);
        w.toField()->setText(QStringLiteral("bob@example.com"));
        w.subjectField()->setText(subject);
        w.editor()->setPlainText(body);
        if (attach)
            w.addAttachmentData(QStringLiteral("a.txt"), QStringLiteral("text/plain"), "x");
        const QStringList warnings = w.checkBeforeSend();
        QTEST(int(warnings.size()), "count");
        if (subject.trimmed().isEmpty())
            QVERIFY(warnings.first().contains(QStringLiteral("subject")));
    }

    void autosaveAndRestore()
    {
        const QString drafts = QDir(m_dir.path()).filePath(QStringLiteral("drafts"));
        auto *w = new ComposerWindow(db(), 1);
        w->setDraftsDirectory(drafts, 100);
        w->show();
        w->toField()->setText(QStringLiteral("Yan <yan@example.net>"));
        QTest::keyClicks(w->subjectField(), QStringLiteral("Autosaved"));
        w->editor()->setPlainText(QStringLiteral("typed before the crash"));
        w->addAttachmentData(QStringLiteral("data.bin"),
                             QStringLiteral("application/octet-stream"),
                             QByteArray("\x00\x01\x02", 3));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(w->draftFilePath()), 2000);
        const QString file = w->draftFilePath();
        QTRY_VERIFY_WITH_TIMEOUT(QFile(file).size() > 0, 2000);
        delete w; // a crash: no close, no saveDraftRequested
        QVERIFY(QFile::exists(file));

        QList<ComposerWindow *> restored = ComposerWindow::restoreDrafts(db(), drafts);
        QCOMPARE(restored.size(), 1);
        std::unique_ptr<ComposerWindow> r(restored.first());
        const Mime::MessageDraft d = r->draft();
        QCOMPARE(d.subject, QStringLiteral("Autosaved"));
        QCOMPARE(d.to, (QList<MailAddress>{{QStringLiteral("Yan"),
                                            QStringLiteral("yan@example.net")}}));
        QCOMPARE(d.plainBody, QStringLiteral("typed before the crash"));
        QCOMPARE(d.attachments.size(), 1);
        QCOMPARE(d.attachments.first().data, QByteArray("\x00\x01\x02", 3));
        QCOMPARE(r->draftFilePath(), file);

        // Sending forgets the local draft.
        QList<Mime::MessageDraft> sent;
        connect(r.get(), &ComposerWindow::sendRequested, this,
                [&](qint64 account, const Mime::MessageDraft &draft) {
                    QCOMPARE(account, qint64(1));
                    sent.append(draft);
                });
        r->requestSend();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().subject, QStringLiteral("Autosaved"));
        QVERIFY(!QFile::exists(file));
        QVERIFY(ComposerWindow::restoreDrafts(db(), drafts).isEmpty());
    }

    void untouchedWindowSavesNothing()
    {
        const QString drafts = QDir(m_dir.path()).filePath(QStringLiteral("drafts2"));
        std::unique_ptr<ComposerWindow> w(ComposerWindow::reply(db(), 1, original({}), false));
        w->setDraftsDirectory(drafts, 50);
        QSignalSpy saved(w.get(), &ComposerWindow::saveDraftRequested);
        QTest::qWait(200); // long enough for several autosave ticks that must not write
        QVERIFY(!QFile::exists(w->draftFilePath()));
        w->close();
        QCOMPARE(saved.count(), 0);
    }

    void closeRequestsServerDraft()
    {
        const QString drafts = QDir(m_dir.path()).filePath(QStringLiteral("drafts3"));
        ComposerWindow w(db(), 1);
        w.setDraftsDirectory(drafts, 60000);
        w.show();
        QSignalSpy saved(&w, &ComposerWindow::saveDraftRequested);
        w.toField()->setText(QStringLiteral("bob@example.com"));
        w.subjectField()->setText(QStringLiteral("Unfinished"));
        QVERIFY(w.saveLocalDraft());
        QVERIFY(QFile::exists(w.draftFilePath()));
        w.close();
        QCOMPARE(saved.count(), 1);
        QCOMPARE(saved.first().at(0).toLongLong(), qint64(1));
        const QByteArray bytes = saved.first().at(1).toByteArray();
        QVERIFY(bytes.contains("Subject: Unfinished"));
        QVERIFY(bytes.contains("To: bob@example.com"));
        QVERIFY(!QFile::exists(w.draftFilePath()));
    }

    void pasteImage_data()
    {
        QTest::addColumn<bool>("rich");
        QTest::newRow("rich: inline image") << true;
        QTest::newRow("plain: attachment") << false;
    }

    void pasteImage()
    {
        QFETCH(bool, rich);
        ComposerWindow w(db(), 1);
        w.show();
        w.setRichText(rich);
        w.toField()->setText(QStringLiteral("bob@example.com"));
        w.subjectField()->setText(QStringLiteral("Picture"));
        w.editor()->setFocus();
        QTest::keyClicks(w.editor(), QStringLiteral("Look: "));
        QImage image(8, 6, QImage::Format_RGB32);
        image.fill(Qt::red);
        auto *mime = new QMimeData;
        mime->setImageData(image);
        QGuiApplication::clipboard()->setMimeData(mime);
        w.editor()->paste();

        const Mime::MessageDraft d = w.draft();
        if (rich) {
            QCOMPARE(d.inlineImages.size(), 1);
            QVERIFY(d.attachments.isEmpty());
            const Mime::InlineImage &img = d.inlineImages.first();
            QCOMPARE(img.mimeType, QStringLiteral("image/png"));
            QVERIFY(!img.contentId.isEmpty());
            QCOMPARE(QImage::fromData(img.data).size(), QSize(8, 6));
            QVERIFY2(d.htmlBody.contains(QStringLiteral("src=\"cid:")
                                         + QString::fromLatin1(img.contentId)),
                     qPrintable(d.htmlBody));
            QVERIFY(d.plainBody.startsWith(QStringLiteral("Look:")));
            const QByteArray bytes = compose(d);
            QVERIFY(bytes.contains("multipart/related"));
            QVERIFY(bytes.contains(QByteArray("Content-ID: <" + img.contentId + '>')));
            QVERIFY(bytes.contains(QByteArray("cid:" + img.contentId)));
        } else {
            QVERIFY(d.inlineImages.isEmpty());
            QVERIFY(d.htmlBody.isEmpty());
            QCOMPARE(d.attachments.size(), 1);
            QCOMPARE(d.attachments.first().mimeType, QStringLiteral("image/png"));
            QVERIFY(d.attachments.first().fileName.endsWith(QStringLiteral(".png")));
            QCOMPARE(w.attachmentList()->count(), 1);
        }
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
