#pragma once

#include "cache/database.h"
#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "cache/transaction.h"

#include <QSqlQuery>
#include <QTemporaryDir>

#include <memory>

namespace Tern::Test {

/// A cache with account 1 and folders INBOX (messages 1..5, UIDVALIDITY 100), Archive,
/// Trash (role trash) and Drafts, all UIDVALIDITY 100 except Archive (200).
struct SyncFixture {
    QTemporaryDir dir;
    QString path;
    std::unique_ptr<Database> db;
    qint64 inbox = 0;
    qint64 archive = 0;
    qint64 trash = 0;
    qint64 drafts = 0;

    explicit SyncFixture(const QString &name)
    {
        path = dir.filePath(QStringLiteral("c.sqlite"));
        db = std::make_unique<Database>(path, name);
        QSqlQuery(db->db()).exec(QStringLiteral(
            "INSERT INTO accounts (id, name, email, incoming_url) "
            "VALUES (1, 'a', 'a@example.org', 'imaps://a@example.org')"));
        FolderStore folders(db->db());
        folders.syncFolderList(1, {{QStringLiteral("INBOX"), QStringLiteral("/"), {}, true},
                                   {QStringLiteral("Archive"), QStringLiteral("/"), {}, true},
                                   {QStringLiteral("Trash"), QStringLiteral("/"),
                                    {QStringLiteral("\\Trash")}, true},
                                   {QStringLiteral("Drafts"), QStringLiteral("/"),
                                    {QStringLiteral("\\Drafts")}, true}});
        inbox = folders.find(1, QStringLiteral("INBOX"))->id;
        archive = folders.find(1, QStringLiteral("Archive"))->id;
        trash = folders.find(1, QStringLiteral("Trash"))->id;
        drafts = folders.find(1, QStringLiteral("Drafts"))->id;
        folders.setSyncState(inbox, 100, 6, 0);
        folders.setSyncState(archive, 200, 1, 0);
        folders.setSyncState(trash, 100, 1, 0);
        folders.setSyncState(drafts, 100, 1, 0);
        QList<MessageHeader> headers;
        for (int uid = 1; uid <= 5; ++uid) {
            MessageHeader h;
            h.uid = uid;
            h.subject = QStringLiteral("message %1").arg(uid);
            h.messageId = QStringLiteral("<m%1@example.org>").arg(uid);
            h.date = 1700000000 + uid;
            headers.append(h);
        }
        MessageStore(db->db()).upsertHeaders(inbox, headers);
    }

    /// Every folder path and message (folder, uid, flags, keywords, subject), sorted.
    QStringList snapshot() const
    {
        QStringList out;
        QSqlQuery q(db->db());
        q.exec(QStringLiteral("SELECT path, total, unread FROM folders ORDER BY path"));
        while (q.next()) {
            out.append(QStringLiteral("folder %1 %2/%3").arg(q.value(0).toString())
                           .arg(q.value(2).toLongLong()).arg(q.value(1).toLongLong()));
        }
        q.exec(QStringLiteral("SELECT f.path, m.uid, m.flags, m.keywords, m.subject "
                              "FROM messages m JOIN folders f ON f.id = m.folder_id "
                              "ORDER BY f.path, m.uid"));
        while (q.next()) {
            out.append(QStringLiteral("%1 %2 %3 [%4] %5").arg(q.value(0).toString())
                           .arg(q.value(1).toLongLong()).arg(q.value(2).toLongLong())
                           .arg(q.value(3).toString(), q.value(4).toString()));
        }
        return out;
    }

    qint64 scalar(const QString &sql) const
    {
        QSqlQuery q(db->db());
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }
};

} // namespace Tern::Test
