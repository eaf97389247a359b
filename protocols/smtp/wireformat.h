#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace Tern::Smtp::WireFormat {

/// Every bare CR, bare LF and CRLF becomes CRLF, and the result ends with CRLF unless empty.
/// RFC 5321 §2.3.8: lines end with CRLF only; a bare CR or LF could otherwise let a server
/// see an end of data the client never meant ("SMTP smuggling").
QByteArray normaliseLineEndings(QByteArrayView message);

/// Dot-stuffs CRLF-normalised text and appends the end-of-data ".\r\n", RFC 5321 §4.5.2.
QByteArray dotStuff(QByteArrayView normalised);

/// True when any byte has the high bit set: RFC 6152 BODY=8BITMIME is needed.
bool hasEightBit(QByteArrayView message);

} // namespace Tern::Smtp::WireFormat
