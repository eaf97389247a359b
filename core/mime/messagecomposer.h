#pragma once

#include "messagedraft.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Tern::Mime {

/// The outcome of composing: the message bytes plus what the SMTP envelope needs.
struct ComposedMessage
{
    QByteArray bytes;              ///< CRLF line endings, no Bcc header
    QByteArray messageId;          ///< without angle brackets
    QString envelopeFrom;
    QStringList recipients;        ///< To + Cc + Bcc addresses
    QStringList bcc;               ///< the Bcc addresses alone
    bool eightBit = false;         ///< true when a part uses 8bit (needs 8BITMIME)
    QString error;                 ///< non-empty when composing failed; bytes is then empty

    bool ok() const { return error.isEmpty(); }
};

/// Builds RFC 5322 / MIME (RFC 2045-2049) messages from drafts with KMime.
class MessageComposer
{
public:
    /// Whether the server announced 8BITMIME (RFC 6152); otherwise 8-bit text is encoded.
    void setAllow8Bit(bool allow) { m_allow8Bit = allow; }
    bool allow8Bit() const { return m_allow8Bit; }

    /// Composes the draft; user text can never add header lines (CR, LF, NUL are removed).
    ComposedMessage compose(const MessageDraft &draft) const;

    /// Wraps text as format=flowed (RFC 3676 section 4.2): soft breaks, space-stuffing.
    static QString formatFlowed(const QString &text, int width = 72);

    /// A new msg-id (RFC 5322 section 3.6.4) "random@domain", domain taken from the address.
    static QByteArray generateMessageId(const QString &fromAddress);

private:
    bool m_allow8Bit = false;
};

} // namespace Tern::Mime
