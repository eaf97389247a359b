#include "mailtourl.h"

#include "addresslist.h"

#include <QRegularExpression>

namespace Tern::Mime {

namespace {

// RFC 6068 section 2: octets are percent-encoded UTF-8; '+' is a literal plus, not a space.
QString decode(QStringView text)
{
    return QString::fromUtf8(QByteArray::fromPercentEncoding(text.toUtf8()));
}

// A header value is one line: CR, LF and NUL (which could start a smuggled header) become
// spaces.
QString oneLine(QString value)
{
    static const QRegularExpression breaks(QStringLiteral("[\\r\\n\\x{0}]+"));
    value.replace(breaks, QStringLiteral(" "));
    return value.trimmed();
}

// Section 5: the body is text; %0D%0A is a line break, stray CR or LF is taken as one too.
QString bodyText(QString value)
{
    value.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    value.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    value.remove(QChar(0));
    return value;
}

void appendAddresses(QList<MailAddress> &list, const QString &decoded)
{
    for (const MailAddress &a : parseAddressList(oneLine(decoded))) {
        // An addr-spec has no spaces; anything else is not an address we send to.
        if (!a.address.contains(QLatin1Char(' ')) && !a.address.isEmpty())
            list.append(a);
    }
}

QByteArray messageId(const QString &decoded)
{
    QString id = oneLine(decoded);
    if (id.startsWith(QLatin1Char('<')) && id.endsWith(QLatin1Char('>')))
        id = id.mid(1, id.size() - 2);
    static const QRegularExpression valid(QStringLiteral("^[!-=?-~]+@[!-=?-~]+$"));
    return valid.match(id).hasMatch() ? id.toUtf8() : QByteArray();
}

} // namespace

std::optional<MailtoFields> parseMailtoUrl(const QString &url)
{
    const QString trimmed = url.trimmed();
    static const QLatin1StringView scheme("mailto:");
    if (!trimmed.startsWith(scheme, Qt::CaseInsensitive))
        return std::nullopt;
    QStringView rest = QStringView(trimmed).mid(scheme.size());
    // A fragment is not part of mailto: (section 2); drop it rather than mail it.
    if (const qsizetype hash = rest.indexOf(QLatin1Char('#')); hash >= 0)
        rest = rest.left(hash);

    MailtoFields fields;
    const qsizetype question = rest.indexOf(QLatin1Char('?'));
    appendAddresses(fields.to, decode(question < 0 ? rest : rest.left(question)));
    if (question < 0)
        return fields;

    bool haveSubject = false;
    bool haveBody = false;
    const auto pairs = rest.mid(question + 1).split(QLatin1Char('&'));
    for (QStringView pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        if (eq <= 0)
            continue;
        const QString name = decode(pair.left(eq)).trimmed().toLower();
        const QString value = decode(pair.mid(eq + 1));
        if (name == QLatin1StringView("to")) {
            appendAddresses(fields.to, value);
        } else if (name == QLatin1StringView("cc")) {
            appendAddresses(fields.cc, value);
        } else if (name == QLatin1StringView("bcc")) {
            appendAddresses(fields.bcc, value);
        } else if (name == QLatin1StringView("subject") && !haveSubject) {
            fields.subject = oneLine(value);
            haveSubject = true;
        } else if (name == QLatin1StringView("body") && !haveBody) {
            fields.body = bodyText(value);
            haveBody = true;
        } else if (name == QLatin1StringView("in-reply-to") && fields.inReplyTo.isEmpty()) {
            fields.inReplyTo = messageId(value);
        }
        // Everything else (from, attach, sender, x-..., a second subject) is ignored.
    }
    return fields;
}

} // namespace Tern::Mime
