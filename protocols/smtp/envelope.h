#pragma once

#include <QString>
#include <QStringList>

namespace Tern::Smtp {

/// Who a message is from and to at the SMTP level (RFC 5321 §3.3), independent of its headers:
/// Bcc recipients are here and nowhere in the message.
struct Envelope {
    QString from;           ///< empty for the null reverse-path "<>"
    QStringList recipients;

    /// Why the envelope cannot be sent as is, or an empty string. CR, LF, NUL, other controls,
    /// angle brackets and spaces are refused so an address can never add a command.
    QString validate() const;
    /// True when an address needs RFC 6531 SMTPUTF8.
    bool needsSmtpUtf8() const;

    /// Whether one address is safe to put between "<" and ">".
    static bool isSafeAddress(const QString &address);

    friend bool operator==(const Envelope &, const Envelope &) = default;
};

} // namespace Tern::Smtp
