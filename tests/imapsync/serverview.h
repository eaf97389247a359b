#pragma once

#include "cache/messageflags.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

namespace TernTest {

class MailFixture;

/// What the server holds for one user, read over a second IMAP connection, and the same
/// facts read from the cache, so a test can compare them exactly.
struct MailboxSnapshot {
    struct Message {
        Tern::MessageFlags flags;
        qint64 size = 0;
        QString subject;
        QString from;
        friend bool operator==(const Message &, const Message &) = default;
    };
    /// folder path → uid → message
    QHash<QString, QHash<qint64, Message>> folders;
    QString firstDifference(const MailboxSnapshot &other) const;
};

MailboxSnapshot serverSnapshot(const MailFixture &fixture, const QString &user, QString *error);
MailboxSnapshot cacheSnapshot(QSqlDatabase &db, qint64 accountId);

} // namespace TernTest
