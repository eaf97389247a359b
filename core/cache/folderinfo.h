#pragma once

#include <QString>
#include <QStringList>

namespace Tern {

/// One folder row of the cache (table folders).
struct FolderInfo {
    qint64 id = 0;
    qint64 accountId = 0;
    QString path;
    QString delimiter = QStringLiteral("/");
    /// inbox, sent, drafts, trash, junk, archive, all, flagged or empty.
    QString role;
    QStringList attributes;
    bool subscribed = true;
    bool isLocal = false;
    qint64 uidvalidity = 0;
    qint64 uidnext = 0;
    qint64 highestmodseq = 0;
    qint64 total = 0;
    qint64 unread = 0;

    friend bool operator==(const FolderInfo &, const FolderInfo &) = default;
};

/// A folder as the server lists it (LIST/LSUB, RFC 9051 §6.3.9, RFC 6154 special-use).
struct ServerFolder {
    QString path;
    QString delimiter = QStringLiteral("/");
    QStringList attributes;
    bool subscribed = true;
};

} // namespace Tern
