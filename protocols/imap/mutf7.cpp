#include "mutf7.h"

namespace Tern::Imap {

QByteArray encodeMailboxName(const QString &name) { return name.toUtf8(); }
QString decodeMailboxName(QByteArrayView name) { return QString::fromUtf8(name); }

} // namespace Tern::Imap
