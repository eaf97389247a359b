#pragma once

#include "messagedraft.h"

#include <QList>
#include <QString>

namespace Tern::Mime {

/// Splits user-typed text such as `Ann <a@x>, "Doe, J" <j@y>; b@z` into mailboxes
/// (RFC 5322 section 3.4: commas inside quotes or angle brackets do not separate).
/// CR, LF and NUL are dropped; entries without an address are skipped.
QList<MailAddress> parseAddressList(const QString &text);

/// The inverse for display in an address field: `Name <addr>` joined by ", ", names with
/// specials quoted (RFC 5322 section 3.2.4).
QString formatAddressList(const QList<MailAddress> &addresses);

/// One mailbox as `Name <addr>` or `addr`.
QString formatAddress(const MailAddress &address);

} // namespace Tern::Mime
