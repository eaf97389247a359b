#include "replybuilder.h"

#include "filenames.h"
#include "htmlsanitizer.h"
#include "messageparser.h"

#include <QRegularExpression>

namespace Tern::Mime {

namespace {

// RFC 5322 section 3.6.4 leaves trimming to the client; keep the root and the newest ones.
constexpr qsizetype MaxReferences = 20;

bool sameAddress(const MailAddress &a, const MailAddress &b)
{
    return a.address.trimmed().compare(b.address.trimmed(), Qt::CaseInsensitive) == 0;
}

void appendUnique(QList<MailAddress> &list, const MailAddress &a, const MailAddress &identity,
                  const QList<MailAddress> &exclude = {})
{
    if (a.address.isEmpty() || sameAddress(a, identity))
        return;
    for (const MailAddress &existing : list + exclude) {
        if (sameAddress(existing, a))
            return;
    }
    list.append(a);
}

QString displayText(const ParsedMessage &m)
{
    return m.bodyIsHtml ? HtmlSanitizer::toPlainText(m.bodyText) : m.bodyText;
}

QString formatAddresses(const QList<MailAddress> &list)
{
    QStringList out;
    for (const MailAddress &a : list)
        out.append(a.name.isEmpty() ? a.address : a.name + QLatin1StringView(" <") + a.address
                                   + u'>');
    return out.join(QLatin1StringView(", "));
}

ParsedMessage parseForReply(const QByteArray &bytes)
{
    ParseOptions options;
    options.preferHtml = false; // quote the plain alternative when there is one
    return parseMessage(bytes, options);
}

} // namespace

QString replySubject(const QString &subject)
{
    static const QRegularExpression prefix(
        QStringLiteral("^\\s*(re|aw|sv|antw)(\\[\\d+\\])?\\s*:"),
        QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = subject.trimmed();
    return prefix.match(trimmed).hasMatch() ? trimmed : QLatin1StringView("Re: ") + trimmed;
}

QString forwardSubject(const QString &subject)
{
    static const QRegularExpression prefix(QStringLiteral("^\\s*(fwd?|wg)\\s*:"),
                                           QRegularExpression::CaseInsensitiveOption);
    const QString trimmed = subject.trimmed();
    return prefix.match(trimmed).hasMatch() ? trimmed : QLatin1StringView("Fwd: ") + trimmed;
}

QString quoteText(const QString &text)
{
    QString normalized = text;
    normalized.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    while (normalized.endsWith(u'\n'))
        normalized.chop(1);
    QStringList lines = normalized.split(u'\n');
    for (QString &line : lines)
        line.prepend(line.isEmpty() || line.startsWith(u'>') ? QStringLiteral(">")
                                                             : QStringLiteral("> "));
    return lines.join(u'\n');
}

MessageDraft replyDraft(const QByteArray &originalBytes, bool replyAll,
                        const MailAddress &identity)
{
    const ParsedMessage m = parseForReply(originalBytes);
    MessageDraft d;
    d.from = identity;
    const bool fromMe = !m.from.isEmpty() && sameAddress(m.from.front(), identity);

    if (replyAll && !m.mailFollowupTo.isEmpty()) {
        for (const MailAddress &a : m.mailFollowupTo)
            appendUnique(d.to, a, identity);
    } else {
        const QList<MailAddress> &primary = fromMe ? m.to
            : !m.replyTo.isEmpty()                 ? m.replyTo
                                                   : m.from;
        for (const MailAddress &a : primary)
            appendUnique(d.to, a, identity);
        if (replyAll) {
            for (const MailAddress &a : fromMe ? m.cc : m.to + m.cc)
                appendUnique(d.cc, a, identity, d.to);
        }
    }
    if (d.to.isEmpty() && d.cc.isEmpty() && !m.from.isEmpty())
        d.to = {m.from.front()}; // writing to oneself

    d.subject = replySubject(m.subject);
    d.inReplyTo = m.messageId;
    d.references = m.references;
    if (d.references.isEmpty() && !m.inReplyTo.isEmpty())
        d.references = {m.inReplyTo.front()};
    if (!m.messageId.isEmpty())
        d.references.append(m.messageId);
    if (d.references.size() > MaxReferences)
        d.references = QList<QByteArray>{d.references.front()}
            + d.references.mid(d.references.size() - MaxReferences + 1);

    const QString who = m.from.isEmpty() ? QStringLiteral("someone")
        : m.from.front().name.isEmpty()  ? m.from.front().address
                                         : m.from.front().name;
    const QString attribution = m.date.isValid()
        ? QStringLiteral("On %1, %2 wrote:").arg(m.date.toString(Qt::RFC2822Date), who)
        : QStringLiteral("%1 wrote:").arg(who);
    d.plainBody = attribution + u'\n' + quoteText(displayText(m)) + u'\n';
    return d;
}

MessageDraft forwardInlineDraft(const QByteArray &originalBytes, const MailAddress &identity)
{
    const ParsedMessage m = parseForReply(originalBytes);
    MessageDraft d;
    d.from = identity;
    d.subject = forwardSubject(m.subject);
    QString header = QStringLiteral("-------- Forwarded Message --------\n");
    header += QLatin1StringView("Subject: ") + m.subject + u'\n';
    if (m.date.isValid())
        header += QLatin1StringView("Date: ") + m.date.toString(Qt::RFC2822Date) + u'\n';
    header += QLatin1StringView("From: ") + formatAddresses(m.from) + u'\n';
    if (!m.to.isEmpty())
        header += QLatin1StringView("To: ") + formatAddresses(m.to) + u'\n';
    if (!m.cc.isEmpty())
        header += QLatin1StringView("Cc: ") + formatAddresses(m.cc) + u'\n';
    d.plainBody = header + u'\n' + displayText(m) + u'\n';
    for (const MessagePart &part : m.attachments)
        d.attachments.append({QString(), part.data, part.fileName, part.mimeType});
    return d;
}

MessageDraft forwardAsAttachmentDraft(const QByteArray &originalBytes,
                                      const MailAddress &identity)
{
    const ParsedMessage m = parseForReply(originalBytes);
    MessageDraft d;
    d.from = identity;
    d.subject = forwardSubject(m.subject);
    d.attachments = {{QString(), originalBytes,
                      sanitizeFileName((m.subject.trimmed().isEmpty() ? QStringLiteral("message")
                                                                      : m.subject)
                                       + QLatin1StringView(".eml")),
                      QStringLiteral("message/rfc822")}};
    return d;
}

} // namespace Tern::Mime
