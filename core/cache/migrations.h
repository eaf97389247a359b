#pragma once

#include <QSqlDatabase>
#include <QString>

namespace Tern {

/// The schema version a fully migrated database has (PRAGMA user_version).
int latestSchemaVersion();

/// Applies every migration above the database's user_version in order, each in its own
/// transaction together with the user_version bump. Returns false with a message on failure.
bool migrate(QSqlDatabase &db, QString *error);

/// Migrates only up to version `target`; for migration tests.
bool migrateTo(QSqlDatabase &db, int target, QString *error);

} // namespace Tern
