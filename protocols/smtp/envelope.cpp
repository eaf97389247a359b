#include "envelope.h"

#include <QRegularExpression>

namespace Tern::Smtp {

bool Envelope::isSafeAddress(const QString &address)
{
    // RFC 5321 §4.5.3.1.3: a path is at most 256 octets.
    if (address.toUtf8().size() > 256)
        return false;
    for (const QChar c : address) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || u == ' ' || u == '<' || u == '>' || c.isSpace())
            return false;
    }
    return true;
}

QString Envelope::validate() const
{
    if (recipients.isEmpty())
        return QStringLiteral("The message has no recipients");
    if (!isSafeAddress(from))
        return QStringLiteral("The sender address contains characters not allowed in SMTP");
    for (const QString &rcpt : recipients) {
        if (rcpt.isEmpty() || !isSafeAddress(rcpt))
            return QStringLiteral("The recipient address \"%1\" is not allowed in SMTP")
                .arg(QString(rcpt).replace(QRegularExpression(QStringLiteral("[\\x00-\\x1f]")),
                                           QStringLiteral("?")));
    }
    return QString();
}

bool Envelope::needsSmtpUtf8() const
{
    auto nonAscii = [](const QString &s) {
        for (const QChar c : s) {
            if (c.unicode() > 0x7f)
                return true;
        }
        return false;
    };
    if (nonAscii(from))
        return true;
    for (const QString &rcpt : recipients) {
        if (nonAscii(rcpt))
            return true;
    }
    return false;
}

} // namespace Tern::Smtp
