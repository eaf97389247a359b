#pragma once

#include "messagedraft.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace Tern::Mime {

/// The fields a mailto: URL may prefill (RFC 6068 section 2); anything else is dropped.
struct MailtoFields
{
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> bcc;
    QString subject;
    QString body;
    QByteArray inReplyTo; ///< msg-id without angle brackets

    friend bool operator==(const MailtoFields &, const MailtoFields &) = default;
};

/// Parses a mailto: URL (RFC 6068): percent-decoded as UTF-8 (section 2), several addresses
/// per field, "to" hfields appended to the path's addresses, only to/cc/bcc/subject/body/
/// in-reply-to honoured (section 3: other header fields are unsafe), CR/LF folded out of
/// header values while the body keeps its line breaks. nullopt when it is not a mailto: URL.
std::optional<MailtoFields> parseMailtoUrl(const QString &url);

} // namespace Tern::Mime
