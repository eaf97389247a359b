#pragma once

#include <QList>
#include <QString>

namespace Tern {

class Database;

// TEMPORARY: the operation journal (RFC 4549 style offline changes) replaces this; until it
// lands, flag changes made in the GUI are written to the cache only and never reach a server.

/// Sets the flags in `set` and clears those in `clear` (MessageFlag bits) on the messages, in
/// one transaction. False with a message on failure.
bool writeFlags(Database &db, const QList<qint64> &messageIds, int set, int clear,
                QString *error);

} // namespace Tern
