#include "sendchecks.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace Tern {

bool mentionsAttachment(const QString &text)
{
    // Word boundaries for the alphabetic languages; CJK has no spaces, so a plain match.
    static const QRegularExpression words(
        QStringLiteral("\\b(attach(ed|ment|ments|ing)?|enclosed|anbei|anhang|anh\\x{e4}ngen|"
                       "angeh\\x{e4}ngt|beigef\\x{fc}gt|pi\\x{e8}ce jointe|pi\\x{e8}ces jointes|"
                       "adjunto|adjunta|allegato|bijlage)\\b|\\x{9644}\\x{4ef6}|"
                       "\\x{6dfb}\\x{4ed8}"),
        QRegularExpression::CaseInsensitiveOption
            | QRegularExpression::UseUnicodePropertiesOption);
    QStringList own;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (const QString &line : lines) {
        if (!line.trimmed().startsWith(QLatin1Char('>')))
            own.append(line);
    }
    return words.match(own.join(QLatin1Char('\n'))).hasMatch();
}

QStringList sendWarnings(const Mime::MessageDraft &draft)
{
    QStringList warnings;
    if (draft.to.isEmpty() && draft.cc.isEmpty() && draft.bcc.isEmpty())
        warnings.append(QCoreApplication::translate("Tern::Composer", "There is no recipient."));
    if (draft.subject.trimmed().isEmpty())
        warnings.append(QCoreApplication::translate("Tern::Composer", "The subject is empty."));
    if (draft.attachments.isEmpty() && mentionsAttachment(draft.plainBody)) {
        warnings.append(QCoreApplication::translate(
            "Tern::Composer", "The text mentions an attachment, but nothing is attached."));
    }
    return warnings;
}

} // namespace Tern
