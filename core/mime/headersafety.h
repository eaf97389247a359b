#pragma once

#include <QByteArray>
#include <QString>

namespace Tern::Mime {

/// Replaces CR, LF, NUL and other C0 controls (but TAB) by a space so a user-supplied value
/// can never start a new header line (RFC 5322 section 2.2: fields end at CRLF).
QString headerSafeText(const QString &text);

/// Same for bytes, used for msg-ids and header names.
QByteArray headerSafeBytes(const QByteArray &bytes);

/// True for a plausible addr-spec (RFC 5322 section 3.4.1): one '@', no space, control,
/// angle bracket, comma, semicolon or quote that could split or rewrite an address list.
bool isSafeAddress(const QString &address);

/// A msg-id without angle brackets or whitespace, or empty when nothing usable remains.
QByteArray cleanMessageId(const QByteArray &id);

} // namespace Tern::Mime
