#include "syncplanner.h"

#include <algorithm>

namespace Tern {
namespace {

SyncAction action(SyncAction::Type type, qint64 first = 0, qint64 last = 0,
                  const QList<qint64> &uids = {})
{
    SyncAction a;
    a.type = type;
    a.first = first;
    a.last = last;
    a.uids = uids;
    return a;
}

void fetchRange(QList<SyncAction> &plan, qint64 first, qint64 end, int batchSize)
{
    // end is exclusive; 0 = unknown (no UIDNEXT): one open range.
    if (end == 0) {
        plan.append(action(SyncAction::Type::FetchHeaders, first, 0));
        return;
    }
    for (qint64 a = first; a < end; a += batchSize) {
        plan.append(action(SyncAction::Type::FetchHeaders, a,
                           std::min(end - 1, a + batchSize - 1)));
    }
}

void fetchUids(QList<SyncAction> &plan, QList<qint64> uids, int batchSize)
{
    std::sort(uids.begin(), uids.end());
    for (qsizetype i = 0; i < uids.size(); i += batchSize)
        plan.append(action(SyncAction::Type::FetchHeaders, 0, 0, uids.mid(i, batchSize)));
}

SyncAction saveState(const ServerFolderState &s)
{
    SyncAction a = action(SyncAction::Type::SaveState);
    a.uidvalidity = s.uidvalidity;
    a.uidnext = s.uidnext;
    a.highestmodseq = s.highestmodseq;
    return a;
}

void addFlagUpdate(QList<FlagUpdate> &out, qint64 uid, const MessageFlags &flags)
{
    out.append({uid, flags, 0});
}

} // namespace

QList<SyncAction> planFolderSync(const CachedFolderState &cached,
                                 const ServerFolderState &server, int batchSize)
{
    batchSize = std::max(1, batchSize);
    QList<SyncAction> plan;
    const bool fresh = cached.uidvalidity == 0 && cached.messages.isEmpty();
    if (fresh || cached.uidvalidity != server.uidvalidity) {
        // RFC 9051 §2.3.1.1: a new UIDVALIDITY voids every cached uid.
        if (!fresh) {
            plan.append(action(SyncAction::Type::ResetFolder));
            plan.last().uidvalidity = server.uidvalidity;
        }
        if (server.exists > 0 || server.uidnext == 0)
            fetchRange(plan, 1, server.uidnext, batchSize);
        plan.append(saveState(server));
        return plan;
    }

    // Batches are committed in uid order, so rows above the saved UIDNEXT come from a sync
    // interrupted before SaveState: skip them rather than fetch them again.
    qint64 known = std::max<qint64>(cached.uidnext, 1);
    for (auto it = cached.messages.begin(); it != cached.messages.end(); ++it)
        known = std::max(known, it.key() + 1);

    QList<qint64> expunged;
    QList<FlagUpdate> flags;
    QList<qint64> missing;
    bool needFlags = false;
    const bool modseqKnown = server.qresync && cached.highestmodseq > 0
        && server.highestmodseq > 0;
    if (modseqKnown && server.highestmodseq == cached.highestmodseq) {
        // RFC 7162 §3.1.2.1: every flag change and expunge raises HIGHESTMODSEQ.
    } else if (modseqKnown && server.changes) {
        const auto &changed = server.changes->changed;
        for (auto it = changed.begin(); it != changed.end(); ++it) {
            if (it.key() >= known)
                continue;
            const auto mine = cached.messages.constFind(it.key());
            if (mine == cached.messages.end())
                missing.append(it.key());
            else if (*mine != it.value())
                addFlagUpdate(flags, it.key(), it.value());
        }
        for (qint64 uid : server.changes->vanished) {
            if (cached.messages.contains(uid))
                expunged.append(uid);
        }
    } else if (!modseqKnown && server.allFlags) {
        for (auto it = cached.messages.begin(); it != cached.messages.end(); ++it) {
            const auto theirs = server.allFlags->constFind(it.key());
            if (theirs == server.allFlags->end())
                expunged.append(it.key());
            else if (*theirs != it.value())
                addFlagUpdate(flags, it.key(), *theirs);
        }
        for (auto it = server.allFlags->begin(); it != server.allFlags->end(); ++it) {
            if (it.key() < known && !cached.messages.contains(it.key()))
                missing.append(it.key());
        }
    } else if (!cached.messages.isEmpty() || known > 1) {
        needFlags = true;
    }

    std::sort(expunged.begin(), expunged.end());
    std::sort(flags.begin(), flags.end(),
              [](const FlagUpdate &a, const FlagUpdate &b) { return a.uid < b.uid; });
    if (!expunged.isEmpty())
        plan.append(action(SyncAction::Type::Expunge, 0, 0, expunged));
    if (!flags.isEmpty()) {
        plan.append(action(SyncAction::Type::UpdateFlags));
        plan.last().flags = flags;
    }
    fetchUids(plan, missing, batchSize);
    if (server.uidnext == 0 || server.uidnext > known)
        fetchRange(plan, known, server.uidnext, batchSize);
    if (needFlags) {
        plan.append(action(SyncAction::Type::FetchFlags, 1, known - 1));
        plan.last().changedSince = modseqKnown ? cached.highestmodseq : 0;
        return plan;
    }
    plan.append(saveState(server));
    return plan;
}

QDebug operator<<(QDebug debug, const SyncAction &a)
{
    QDebugStateSaver saver(debug);
    static const char *const names[] = {"ResetFolder", "FetchHeaders", "FetchFlags",
                                        "UpdateFlags", "Expunge", "SaveState"};
    debug.nospace() << names[int(a.type)] << '(' << a.first << ':' << a.last << " uids="
                    << a.uids << " flags=" << a.flags.size() << " since=" << a.changedSince
                    << " state=" << a.uidvalidity << '/' << a.uidnext << '/'
                    << a.highestmodseq << ')';
    return debug;
}

} // namespace Tern
