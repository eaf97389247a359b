#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace Tern {

/// Instant search over the cache's full-text index (subject, addresses, body text).
/// User text is never passed to FTS5 as syntax: every word becomes a quoted phrase.
class LocalSearch
{
public:
    explicit LocalSearch(QSqlDatabase &db) : m_db(db) {}

    /// Turns what a user typed into a safe FTS5 MATCH expression: words become quoted
    /// strings joined by AND; with prefix the last word matches as a prefix (as-you-type).
    /// Returns an empty string when the text holds no searchable word.
    static QString toFtsQuery(const QString &text, bool prefix = true);

    /// Matching message row ids, newest first; folderId 0 searches every folder of every
    /// account. Empty on no match or a database error (see lastError()).
    QList<qint64> search(const QString &text, qint64 folderId = 0, int limit = 500,
                         bool prefix = true);

    QString lastError() const { return m_error; }

private:
    QSqlDatabase &m_db;
    QString m_error;
};

} // namespace Tern
