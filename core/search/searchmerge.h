#pragma once

#include <QList>
#include <QSqlDatabase>

namespace Tern {

/// Merges local and server results into one list of row ids without duplicates, newest
/// first (by the messages' Date as cached; ties by id, newest row first).
QList<qint64> mergeSearchResults(QSqlDatabase &db, const QList<qint64> &local,
                                 const QList<qint64> &server);

} // namespace Tern
