// The outbox against the real Postfix + Dovecot fixture: a message with a binary attachment, a
// non-ASCII file name and an inline image goes through submission (STARTTLS + AUTH), arrives
// with the same header values and byte-identical parts, without Bcc, and lands in Sent.
#include "mailfixture.h"
#include "outboxtestutil.h"

#include "mime/messagecomposer.h"
#include "mime/messageparser.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

using namespace Tern;
using TernTest::ImapReader;
using TernTest::MailFixture;

namespace {

const Mime::MessagePart *findPart(const Mime::MessagePart &part, const QByteArray &contentId)
{
    if (part.contentId == contentId)
        return &part;
    for (const Mime::MessagePart &child : part.children) {
        if (const Mime::MessagePart *found = findPart(child, contentId))
            return found;
    }
    return nullptr;
}

} // namespace

class TestOutboxPostfix : public QObject
{
    Q_OBJECT

    MailFixture m_fx;
    QTemporaryDir m_tmp;

private Q_SLOTS:
    void initTestCase()
    {
        m_fx = MailFixture::shared();
        QVERIFY2(m_fx.isValid(), qPrintable(m_fx.error()));
    }

    void composedMessageArrivesIntact()
    {
        const QString from = QStringLiteral("u5@example.test");
        const QString to = QStringLiteral("u6@example.test");
        const QString bcc = QStringLiteral("u7@example.test");
        Database db(m_tmp.filePath(QStringLiteral("cache.sqlite")), QStringLiteral("postfix"));
        QVERIFY(db.isOpen());
        Account a;
        a.name = QStringLiteral("u5");
        a.email = from;
        a.displayName = QStringLiteral("Zoë Sender");
        a.caFile = m_fx.caFile();
        a.incoming = ServerUrl{ServerUrl::Protocol::Imap, TlsMode::Implicit,
                               QStringLiteral("localhost"), m_fx.port("imaps"), a.name};
        a.smtp = ServerUrl{ServerUrl::Protocol::Smtp, TlsMode::StartTls,
                           QStringLiteral("localhost"), m_fx.port("submission"), a.name};
        a = TernTest::addAccount(db, a);
        QVERIFY(a.id > 0);

        QByteArray binary(40000, Qt::Uninitialized);
        for (char &c : binary)
            c = char(QRandomGenerator::global()->bounded(256));
        const QString textFile = m_tmp.filePath(QStringLiteral("Übersicht café.txt"));
        QFile f(textFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QByteArray text = "Zeile eins\nZeile zwei \xe2\x9c\x93\n";
        f.write(text);
        f.close();
        const QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);

        Mime::MessageDraft d;
        d.from = {a.displayName, from};
        d.to = {{QStringLiteral("Jürgen Empfänger"), to}};
        d.bcc = {{QString(), bcc}};
        d.subject = QStringLiteral("Grüße aus dem Outbox-Test ✓");
        d.plainBody = QStringLiteral("Hallo, schöne Grüße.\n");
        d.htmlBody = QStringLiteral("<p>Logo: <img src=\"cid:logo@example.test\"></p>");
        d.inlineImages = {{png, QStringLiteral("image/png"), "logo@example.test"}};
        d.attachments = {{QString(), binary, QStringLiteral("données ✓.bin"),
                          QStringLiteral("application/octet-stream")},
                         {textFile, {}, {}, {}}};
        const Mime::ComposedMessage m = Mime::MessageComposer().compose(d);
        QVERIFY2(m.ok(), qPrintable(m.error));

        Outbox outbox(db.db());
        QString why;
        const qint64 id = outbox.enqueue(a.id, m.bytes, {m.envelopeFrom, m.recipients}, &why);
        QVERIFY2(id > 0, qPrintable(why));
        const OutboxSender::Report report = TernTest::runSender(db, a, m_fx.password(a.name));
        QVERIFY2(report.sessionError.isEmpty(), qPrintable(report.sessionError));
        QCOMPARE(report.sent, 1);
        QCOMPARE(report.appended, 1);
        QCOMPARE(outbox.find(id)->state, OutboxEntry::State::Sent);
        QCOMPARE(outbox.find(id)->sentCopy, QStringLiteral("appended"));

        ImapReader reader;
        QVERIFY(reader.open(m_fx.caCertificates(), m_fx.port("imaps"), QStringLiteral("u6"),
                            m_fx.password(QStringLiteral("u6"))));
        const QByteArrayList uids = reader.waitFor("INBOX", m.messageId);
        QCOMPARE(uids.size(), 1);
        const QByteArray raw = reader.fetch(uids.first());
        const Mime::ParsedMessage p = Mime::parseMessage(raw);
        QCOMPARE(p.subject, d.subject);
        QCOMPARE(p.messageId, m.messageId);
        QCOMPARE(p.from.value(0).address, from);
        QCOMPARE(p.from.value(0).name, a.displayName);
        QCOMPARE(p.to.value(0).name, d.to.first().name);
        QCOMPARE(p.to.value(0).address, to);
        for (const Mime::HeaderField &h : p.headers)
            QVERIFY(h.name.compare("Bcc", Qt::CaseInsensitive) != 0);
        QVERIFY(!p.rawHeaders.contains(bcc.toUtf8()));
        QHash<QString, QByteArray> files;
        for (const Mime::MessagePart &part : p.attachments)
            files.insert(part.fileName, part.data);
        QCOMPARE(files.value(QStringLiteral("données ✓.bin")), binary);
        QCOMPARE(files.value(QStringLiteral("Übersicht café.txt")), text);
        const Mime::MessagePart *image = findPart(p.root, "logo@example.test");
        QVERIFY(image);
        QCOMPARE(image->data, png);

        ImapReader bccReader;
        QVERIFY(bccReader.open(m_fx.caCertificates(), m_fx.port("imaps"), QStringLiteral("u7"),
                               m_fx.password(QStringLiteral("u7"))));
        QCOMPARE(bccReader.waitFor("INBOX", m.messageId).size(), 1);

        ImapReader sent;
        QVERIFY(sent.open(m_fx.caCertificates(), m_fx.port("imaps"), a.name,
                          m_fx.password(a.name)));
        const QByteArrayList copies = sent.waitFor("Sent", m.messageId);
        QCOMPARE(copies.size(), 1);
        QCOMPARE(sent.fetch(copies.first()), m.bytes);
    }
};

QTEST_GUILESS_MAIN(TestOutboxPostfix)
#include "tst_outboxpostfix.moc"
