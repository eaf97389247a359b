#pragma once

#include "cache/messageflags.h"
#include "cache/messageheader.h"

#include <QDebug>
#include <QHash>
#include <QList>

#include <optional>

namespace Tern {

/// What the cache knows of a folder: its saved status and its messages' flags (uid > 0).
struct CachedFolderState {
    qint64 uidvalidity = 0;
    qint64 uidnext = 0;
    qint64 highestmodseq = 0;
    QHash<qint64, MessageFlags> messages;
};

/// Flag changes and expunges since a mod-sequence (RFC 7162 §3.2.5.2 and §3.2.10).
struct ServerChanges {
    QHash<qint64, MessageFlags> changed;
    QList<qint64> vanished;
};

/// What the server said on SELECT (RFC 9051 §7.3.1, RFC 7162 §3.1.2.1), plus any flag
/// listing already fetched because an earlier plan asked for it.
struct ServerFolderState {
    qint64 uidvalidity = 0;
    /// 0 when the server did not send UIDNEXT.
    qint64 uidnext = 0;
    qint64 highestmodseq = 0;
    qint64 exists = 0;
    bool qresync = false;
    /// UID FETCH 1:n FLAGS: every message below the cached UIDNEXT.
    std::optional<QHash<qint64, MessageFlags>> allFlags;
    /// UID FETCH 1:n FLAGS (CHANGEDSINCE m VANISHED), or the SELECT (QRESYNC ...) answer.
    std::optional<ServerChanges> changes;
};

/// One step of a folder sync. Uid ranges are inclusive; last == 0 means '*'.
struct SyncAction {
    enum class Type {
        ResetFolder,  ///< UIDVALIDITY changed: drop the folder's messages
        FetchHeaders, ///< UID FETCH range or uids (UID FLAGS INTERNALDATE ... BODYSTRUCTURE)
        FetchFlags,   ///< UID FETCH range FLAGS [CHANGEDSINCE changedSince VANISHED]; plan again
        UpdateFlags,  ///< write flags to the cache
        Expunge,      ///< remove uids from the cache
        SaveState,    ///< store UIDVALIDITY/UIDNEXT/HIGHESTMODSEQ: the sync is complete
    };
    Type type = Type::FetchHeaders;
    qint64 first = 0;
    qint64 last = 0;
    QList<qint64> uids;
    QList<FlagUpdate> flags;
    qint64 changedSince = 0;
    qint64 uidvalidity = 0;
    qint64 uidnext = 0;
    qint64 highestmodseq = 0;

    friend bool operator==(const SyncAction &, const SyncAction &) = default;
};

QDebug operator<<(QDebug debug, const SyncAction &action);

/// Plans one folder's sync in the way of mbsync: a pure function of the cached and the
/// server state. New messages are fetched in uid batches of batchSize; old ones are
/// compared by QRESYNC changes when the server offers them (RFC 7162 §3.2.5), else by a full
/// UID/flags listing. When the plan needs flags it has not been given, it ends with a
/// FetchFlags action: fetch them, fill ServerFolderState and plan again.
QList<SyncAction> planFolderSync(const CachedFolderState &cached,
                                 const ServerFolderState &server, int batchSize = 500);

} // namespace Tern
