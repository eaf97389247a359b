#include "localsearch.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {

QString LocalSearch::toFtsQuery(const QString &text, bool prefix)
{
    // Split on whitespace and drop FTS5 operators' punctuation by quoting: inside a quoted
    // string only '"' is special and is escaped by doubling (sqlite.org/fts5.html §3.1).
    QStringList words;
    QString current;
    auto flush = [&] {
        // A word made only of punctuation would tokenize to nothing and match nothing.
        bool hasToken = false;
        for (const QChar c : std::as_const(current))
            hasToken = hasToken || c.isLetterOrNumber();
        if (hasToken)
            words.append(current);
        current.clear();
    };
    for (const QChar c : text) {
        if (c.isSpace())
            flush();
        else
            current.append(c);
    }
    flush();
    if (words.isEmpty())
        return {};
    QStringList parts;
    for (qsizetype i = 0; i < words.size(); ++i) {
        QString quoted = QLatin1Char('"') + QString(words.at(i)).replace(QLatin1Char('"'),
                                                                        QStringLiteral("\"\""))
            + QLatin1Char('"');
        if (prefix && i == words.size() - 1)
            quoted += QLatin1Char('*');
        parts.append(quoted);
    }
    return parts.join(QStringLiteral(" AND "));
}

QList<qint64> LocalSearch::search(const QString &text, qint64 folderId, int limit, bool prefix)
{
    m_error.clear();
    const QString match = toFtsQuery(text, prefix);
    if (match.isEmpty())
        return {};
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    QString sql = QStringLiteral(
        "SELECT m.id FROM messages_fts f JOIN messages m ON m.id = f.rowid "
        "WHERE messages_fts MATCH ?");
    if (folderId > 0)
        sql += QStringLiteral(" AND m.folder_id = ?");
    sql += QStringLiteral(" ORDER BY m.date DESC, m.id DESC LIMIT ?");
    q.prepare(sql);
    q.addBindValue(match);
    if (folderId > 0)
        q.addBindValue(folderId);
    q.addBindValue(limit);
    if (!q.exec()) {
        m_error = q.lastError().text();
        return {};
    }
    QList<qint64> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    return ids;
}

} // namespace Tern
