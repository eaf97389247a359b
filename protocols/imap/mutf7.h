#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace Tern::Imap {

/// Encodes a mailbox name in modified UTF-7, RFC 3501 §5.1.3.
QByteArray encodeMailboxName(const QString &name);
/// Decodes a modified UTF-7 mailbox name, RFC 3501 §5.1.3. Lenient: a name that is not valid
/// mUTF-7 is returned as UTF-8 text (or Latin-1 when it is not valid UTF-8 either).
QString decodeMailboxName(QByteArrayView name);

} // namespace Tern::Imap
