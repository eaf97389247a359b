#pragma once

#include "messagedraft.h"

#include <QByteArray>

namespace Tern::Mime {

/// A reply to originalBytes written as identity: Reply-To (or From) as recipient; with
/// replyAll, Mail-Followup-To when present, else also the other To/Cc recipients (never
/// identity itself); "Re: " unless already there; In-Reply-To and References chained
/// (RFC 5322 section 3.6.4); the original text quoted with "> ".
MessageDraft replyDraft(const QByteArray &originalBytes, bool replyAll,
                        const MailAddress &identity);

/// A forward with the original's headers and text in the body and its attachments attached.
MessageDraft forwardInlineDraft(const QByteArray &originalBytes, const MailAddress &identity);

/// A forward carrying the original unchanged as a message/rfc822 attachment (RFC 2046 5.2.1).
MessageDraft forwardAsAttachmentDraft(const QByteArray &originalBytes,
                                      const MailAddress &identity);

/// "Re: subject" unless subject already starts with a reply prefix (Re:, RE:, Aw:, Sv:).
QString replySubject(const QString &subject);

/// "Fwd: subject" unless subject already starts with Fwd: or Fw:.
QString forwardSubject(const QString &subject);

/// Prefixes each line with "> " (">" before an already quoted or empty line).
QString quoteText(const QString &text);

} // namespace Tern::Mime
