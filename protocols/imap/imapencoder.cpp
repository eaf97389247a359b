#include "imapencoder.h"

namespace Tern::Imap {

CommandBuilder::CommandBuilder(QByteArrayView name) : m_name(name.toByteArray()) {}
CommandBuilder &CommandBuilder::atom(QByteArrayView) { return *this; }
CommandBuilder &CommandBuilder::string(QByteArrayView) { return *this; }
CommandBuilder &CommandBuilder::astring(QByteArrayView) { return *this; }
CommandBuilder &CommandBuilder::mailbox(const QString &, bool) { return *this; }
CommandBuilder &CommandBuilder::literal(QByteArrayView, bool) { return *this; }
CommandBuilder &CommandBuilder::sequenceSet(QList<quint32>) { return *this; }
CommandBuilder &CommandBuilder::list(const QByteArrayList &) { return *this; }
CommandBuilder &CommandBuilder::raw(QByteArrayView) { return *this; }
CommandBuilder &CommandBuilder::secret(QByteArrayView) { return *this; }
CommandBuilder &CommandBuilder::setBinaryAllowed(bool on) { m_binaryAllowed = on; return *this; }
QList<QByteArray> CommandBuilder::chunks(bool, bool) const { return {}; }
QByteArray CommandBuilder::logText() const { return {}; }
QByteArray compressSequenceSet(QList<quint32>) { return {}; }

} // namespace Tern::Imap
