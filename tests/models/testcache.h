#pragma once

#include "cache/database.h"

#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace Tern {

/// One message row for tests; fields left at their defaults stay empty.
struct SyntheticMessage {
    qint64 uid = 0;
    int flags = 0;
    qint64 date = 0;
    QString subject;
    QString fromName;
    QString fromAddr;
    QString toText;
    QString messageId;
    QString inReplyTo;
    QString references;
    qint64 threadId = 0;
    qint64 size = 0;
    bool attachments = false;
};

/// Builds a SyntheticMessage field by field: Msg().date(10).subject(u"x"_s).
class Msg
{
public:
    Msg &uid(qint64 v) { m.uid = v; return *this; }
    Msg &flags(int v) { m.flags = v; return *this; }
    Msg &date(qint64 v) { m.date = v; return *this; }
    Msg &subject(const QString &v) { m.subject = v; return *this; }
    Msg &fromName(const QString &v) { m.fromName = v; return *this; }
    Msg &fromAddr(const QString &v) { m.fromAddr = v; return *this; }
    Msg &toText(const QString &v) { m.toText = v; return *this; }
    Msg &messageId(const QString &v) { m.messageId = v; return *this; }
    Msg &inReplyTo(const QString &v) { m.inReplyTo = v; return *this; }
    Msg &references(const QString &v) { m.references = v; return *this; }
    Msg &threadId(qint64 v) { m.threadId = v; return *this; }
    Msg &size(qint64 v) { m.size = v; return *this; }
    Msg &attachments(bool v) { m.attachments = v; return *this; }
    operator SyntheticMessage() const { return m; }

private:
    SyntheticMessage m;
};

/// A migrated cache in a temporary folder, filled with plain SQL (no store classes).
class TestCache
{
public:
    TestCache();
    Database &db() { return *m_db; }
    /// A second connection to the same file, as another thread would have.
    std::unique_ptr<Database> openAnother();

    qint64 addAccount(const QString &name);
    qint64 addFolder(qint64 accountId, const QString &path, const QString &role = {},
                     const QString &delimiter = QStringLiteral("/"));
    /// Inserts the messages in one transaction; uid 0 means "next free uid". Returns the ids.
    QList<qint64> addMessages(qint64 folderId, const QList<SyntheticMessage> &messages);
    /// Inserts n generated messages in one transaction: uid i + 1, one minute apart, every
    /// third unread, every tenth flagged, subjects and senders cycling.
    QList<qint64> fillSynthetic(qint64 folderId, int n);
    void addBody(qint64 messageId, const QByteArray &raw);
    void exec(const QString &sql);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Database> m_db;
    int m_connections = 0;
};

} // namespace Tern
