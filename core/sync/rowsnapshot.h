#pragma once

#include <QJsonArray>
#include <QSqlDatabase>
#include <QVariantList>

namespace Tern {

/// Copies whole rows into JSON and back, so a journal entry can undo a delete. Blobs are
/// kept as base64. `where` is an SQL condition with ? placeholders bound from values.
QJsonArray snapshotRows(QSqlDatabase &db, const QString &table, const QString &where,
                        const QVariantList &values);
/// Re-inserts rows taken by snapshotRows; overrides replaces columns (e.g. counters) first.
bool restoreRows(QSqlDatabase &db, const QString &table, const QJsonArray &rows,
                 const QJsonObject &overrides, QString *error);

} // namespace Tern
