#pragma once

#include "cache/database.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace Tern::Test {

/// A fresh migrated cache with one account (id 1) in a temporary folder.
struct TempCache {
    QTemporaryDir dir;
    std::unique_ptr<Database> db;

    explicit TempCache(const QString &name)
    {
        db = std::make_unique<Database>(dir.filePath(QStringLiteral("c.sqlite")), name);
        QSqlQuery(db->db()).exec(QStringLiteral(
            "INSERT INTO accounts (id, name, email, incoming_url) "
            "VALUES (1, 'a', 'a@example.org', 'imaps://a@example.org')"));
    }

    qint64 scalar(const QString &sql) const
    {
        QSqlQuery q(db->db());
        if (!q.exec(sql) || !q.next())
            return -1;
        return q.value(0).toLongLong();
    }
};

} // namespace Tern::Test
