#pragma once

#include <QJsonObject>
#include <QString>

namespace Tern {

/// One entry of the operation journal (table journal), as the replayer sees it.
struct JournalOp {
    /// The kinds of offline change (RFC 4549 §4 lists the IMAP side of each).
    enum class Kind {
        Flags,        // STORE +FLAGS/-FLAGS: read, flagged, keywords
        Move,         // MOVE (RFC 6851), also "delete to Trash"
        Copy,         // COPY
        Expunge,      // STORE +FLAGS \Deleted + UID EXPUNGE (RFC 4315 §2.1)
        CreateFolder, // CREATE
        RenameFolder, // RENAME
        DeleteFolder, // DELETE
        Append,       // APPEND (drafts, sent copies)
    };
    /// pending: not sent yet. sent: may have reached the server (verify before resending).
    /// failed: permanently refused, cache reverted, kept to tell the user.
    enum class State { Pending, Sent, Failed };

    qint64 id = 0;
    qint64 accountId = 0;
    Kind kind = Kind::Flags;
    State state = State::Pending;
    QJsonObject payload;
    int attempts = 0;
    QString lastError;

    static QString kindName(Kind kind);
    static Kind kindFromName(const QString &name, bool *ok);
    static QString stateName(State state);
    static State stateFromName(const QString &name);
};

} // namespace Tern
