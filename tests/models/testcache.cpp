#include "testcache.h"

#include "cache/transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace Tern {
namespace {

int s_instances = 0;

QString text(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

void check(QSqlQuery &q, bool ok)
{
    if (!ok)
        qFatal("test cache: %s", qPrintable(q.lastError().text()));
}

} // namespace

TestCache::TestCache()
{
    ++s_instances;
    m_db = std::make_unique<Database>(m_dir.filePath(QStringLiteral("cache.sqlite")),
                                      QStringLiteral("test%1-0").arg(s_instances));
    if (!m_db->isOpen())
        qFatal("test cache: %s", qPrintable(m_db->errorString()));
}

std::unique_ptr<Database> TestCache::openAnother()
{
    return std::make_unique<Database>(m_db->path(), QStringLiteral("test%1-%2")
                                                        .arg(s_instances).arg(++m_connections));
}

qint64 TestCache::addAccount(const QString &name)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("INSERT INTO accounts (name, email, incoming_url) "
                             "VALUES (?, ?, 'imaps://localhost')"));
    q.addBindValue(name);
    q.addBindValue(QString(name.toLower() + QStringLiteral("@example.test")));
    check(q, q.exec());
    return q.lastInsertId().toLongLong();
}

qint64 TestCache::addFolder(qint64 accountId, const QString &path, const QString &role,
                            const QString &delimiter)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("INSERT INTO folders (account_id, path, role, delimiter) "
                             "VALUES (?, ?, ?, ?)"));
    q.addBindValue(accountId);
    q.addBindValue(path);
    q.addBindValue(text(role));
    q.addBindValue(text(delimiter));
    check(q, q.exec());
    return q.lastInsertId().toLongLong();
}

QList<qint64> TestCache::addMessages(qint64 folderId, const QList<SyntheticMessage> &messages)
{
    QList<qint64> ids;
    Transaction tx(m_db->db());
    QSqlQuery q(m_db->db());
    check(q, q.exec(QStringLiteral("SELECT coalesce(max(uid), 0) FROM messages WHERE "
                                   "folder_id = %1").arg(folderId)) && q.next());
    qint64 nextUid = q.value(0).toLongLong() + 1;
    check(q, q.prepare(QStringLiteral(
        "INSERT INTO messages (folder_id, uid, flags, date, internaldate, subject, from_name, "
        "from_addr, to_text, message_id, in_reply_to, refs, thread_id, size, has_attachments) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")));
    for (const SyntheticMessage &m : messages) {
        const qint64 uid = m.uid ? m.uid : nextUid;
        nextUid = std::max(nextUid, uid + 1);
        for (const QVariant &v : {QVariant(folderId), QVariant(uid), QVariant(m.flags),
                                  QVariant(m.date), QVariant(m.date), QVariant(text(m.subject)),
                                  QVariant(text(m.fromName)), QVariant(text(m.fromAddr)),
                                  QVariant(text(m.toText)), QVariant(text(m.messageId)),
                                  QVariant(text(m.inReplyTo)), QVariant(text(m.references)),
                                  QVariant(m.threadId), QVariant(m.size),
                                  QVariant(m.attachments ? 1 : 0)})
            q.addBindValue(v);
        check(q, q.exec());
        ids << q.lastInsertId().toLongLong();
    }
    if (!tx.commit())
        qFatal("test cache: commit failed");
    return ids;
}

QList<qint64> TestCache::fillSynthetic(qint64 folderId, int n)
{
    static const char *const names[] = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret"};
    QList<SyntheticMessage> messages;
    messages.reserve(n);
    for (int i = 0; i < n; ++i) {
        SyntheticMessage m;
        m.flags = (i % 3 == 0 ? 0 : 1) | (i % 10 == 0 ? 4 : 0);
        m.date = 1'700'000'000 + qint64(i) * 60;
        m.subject = QStringLiteral("Synthetic message %1").arg(i);
        const QString name = QLatin1StringView(names[i % 6]);
        m.fromName = name;
        m.fromAddr = name.toLower() + QStringLiteral("@example.test");
        m.messageId = QStringLiteral("<m%1@example.test>").arg(i);
        m.size = 1000 + (i * 37) % 50000;
        m.attachments = i % 7 == 0;
        messages << m;
    }
    return addMessages(folderId, messages);
}

void TestCache::addBody(qint64 messageId, const QByteArray &raw)
{
    QSqlQuery q(m_db->db());
    q.prepare(QStringLiteral("INSERT INTO bodies (message_id, raw) VALUES (?, ?)"));
    q.addBindValue(messageId);
    q.addBindValue(raw);
    check(q, q.exec());
}

void TestCache::exec(const QString &sql)
{
    QSqlQuery q(m_db->db());
    check(q, q.exec(sql));
}

} // namespace Tern
