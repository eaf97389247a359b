#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSqlDatabase>

namespace Tern::Imap {
class Connection;
}

namespace Tern {

/// Server-side search for folders whose bodies are not cached: UID SEARCH (RFC 9051
/// §6.4.4) with CHARSET UTF-8 when needed, every word required in the chosen field; the
/// matching UIDs are mapped to cached message rows (UIDs not yet cached are dropped).
class ServerSearch : public QObject
{
    Q_OBJECT
public:
    /// Which search key each word is matched with (RFC 9051 §6.4.4: TEXT, SUBJECT, FROM).
    enum class Field { Text, Subject, From };
    Q_ENUM(Field)

    ServerSearch(QSqlDatabase &db, Imap::Connection *connection, QObject *parent = nullptr);

    /// Searches folderId (a cached folder of the connection's account); selects it read-only
    /// (EXAMINE) first unless it already is the selected mailbox. finished() or failed() follows.
    void start(qint64 folderId, const QString &text, Field field = Field::Text);

    /// UIDs the server returned, ascending.
    QList<quint32> uids() const { return m_uids; }
    /// Cached row ids of the matches, newest first.
    QList<qint64> rowIds() const { return m_rows; }

Q_SIGNALS:
    void finished(const QList<qint64> &rowIds);
    void failed(const QString &message);

private:
    void runSearch();
    void mapUids();

    QSqlDatabase &m_db;
    QPointer<Imap::Connection> m_connection;
    qint64 m_folderId = 0;
    QString m_text;
    Field m_field = Field::Text;
    QList<quint32> m_uids;
    QList<qint64> m_rows;
};

} // namespace Tern
