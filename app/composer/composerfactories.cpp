// The ways a composer is opened: new, reply, forward, mailto: and restored drafts.
#include "composerwindow.h"

#include "composereditor.h"
#include "draftstore.h"
#include "mime/mailtourl.h"
#include "mime/replybuilder.h"

#include <QComboBox>
#include <QSqlQuery>
#include <QTextCursor>

namespace Tern {

namespace {

struct Identity
{
    Mime::MailAddress address;
    QString replyTo;
    QString signature;
};

Identity defaultIdentity(const QSqlDatabase &db, qint64 accountId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT name, email, reply_to, signature FROM identities "
                             "WHERE account_id = ? ORDER BY is_default DESC, id LIMIT 1"));
    q.addBindValue(accountId);
    if (q.exec() && q.next())
        return {{q.value(0).toString(), q.value(1).toString()}, q.value(2).toString(),
                q.value(3).toString()};
    // An account without an identity row still has its own address.
    QSqlQuery a(db);
    a.prepare(QStringLiteral("SELECT display_name, email FROM accounts WHERE id = ?"));
    a.addBindValue(accountId);
    if (a.exec() && a.next())
        return {{a.value(0).toString(), a.value(1).toString()}, QString(), QString()};
    return {};
}

// RFC 3676 section 4.3: "-- " on its own line starts the signature.
QString signatureBlock(const QString &signature)
{
    return signature.trimmed().isEmpty() ? QString()
                                         : QLatin1StringView("\n\n-- \n") + signature;
}

void placeCursorAtStart(ComposerWindow *w)
{
    QTextCursor c = w->editor()->textCursor();
    c.movePosition(QTextCursor::Start);
    w->editor()->setTextCursor(c);
}

} // namespace

ComposerWindow *ComposerWindow::newMessage(const QSqlDatabase &db, qint64 accountId,
                                           QWidget *parent)
{
    auto *w = new ComposerWindow(db, accountId, parent);
    const Identity id = defaultIdentity(db, accountId);
    Mime::MessageDraft d;
    d.from = id.address;
    d.plainBody = signatureBlock(id.signature);
    w->setDraft(d);
    placeCursorAtStart(w);
    return w;
}

ComposerWindow *ComposerWindow::reply(const QSqlDatabase &db, qint64 accountId,
                                      const QByteArray &originalBytes, bool replyAll,
                                      QWidget *parent)
{
    auto *w = new ComposerWindow(db, accountId, parent);
    const Identity id = defaultIdentity(db, accountId);
    Mime::MessageDraft d = Mime::replyDraft(originalBytes, replyAll, id.address);
    d.plainBody += signatureBlock(id.signature);
    w->setDraft(d);
    w->editor()->moveCursor(QTextCursor::End);
    return w;
}

ComposerWindow *ComposerWindow::forward(const QSqlDatabase &db, qint64 accountId,
                                        const QByteArray &originalBytes, ForwardMode mode,
                                        QWidget *parent)
{
    auto *w = new ComposerWindow(db, accountId, parent);
    const Identity id = defaultIdentity(db, accountId);
    Mime::MessageDraft d = mode == ForwardMode::Inline
        ? Mime::forwardInlineDraft(originalBytes, id.address)
        : Mime::forwardAsAttachmentDraft(originalBytes, id.address);
    d.plainBody = signatureBlock(id.signature) + d.plainBody;
    w->setDraft(d);
    placeCursorAtStart(w);
    return w;
}

ComposerWindow *ComposerWindow::fromMailto(const QSqlDatabase &db, qint64 accountId,
                                           const QString &url, QWidget *parent)
{
    const std::optional<Mime::MailtoFields> fields = Mime::parseMailtoUrl(url);
    if (!fields)
        return nullptr;
    auto *w = new ComposerWindow(db, accountId, parent);
    const Identity id = defaultIdentity(db, accountId);
    Mime::MessageDraft d;
    d.from = id.address;
    d.to = fields->to;
    d.cc = fields->cc;
    d.bcc = fields->bcc;
    d.subject = fields->subject;
    d.plainBody = fields->body + signatureBlock(id.signature);
    if (!fields->inReplyTo.isEmpty()) {
        d.inReplyTo = fields->inReplyTo;
        d.references = {fields->inReplyTo};
    }
    w->setDraft(d);
    placeCursorAtStart(w);
    return w;
}

QList<ComposerWindow *> ComposerWindow::restoreDrafts(const QSqlDatabase &db,
                                                      const QString &draftsDirectory,
                                                      QWidget *parent)
{
    QList<ComposerWindow *> windows;
    const QList<StoredDraft> stored = DraftStore(draftsDirectory).loadAll();
    for (const StoredDraft &s : stored) {
        auto *w = new ComposerWindow(db, s.accountId, parent);
        w->m_draftId = s.id; // keep writing the same file
        w->setDraft(s.draft);
        w->setRichText(s.richText);
        w->setDraftsDirectory(draftsDirectory);
        w->m_edited = true; // a restored draft is content even before the next keystroke
        w->m_dirty = false;
        windows.append(w);
    }
    return windows;
}

} // namespace Tern
