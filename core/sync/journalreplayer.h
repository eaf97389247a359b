#pragma once

#include "journalop.h"
#include "mailserverops.h"

#include <functional>

namespace Tern {

class Journal;

/// Replays an account's journal to a server, oldest entry first, exactly once.
///
/// State machine of an entry (column journal.state):
///   pending --markSent (committed before the command is sent)--> sent
///   sent --server OK / gone--> (row deleted by markDone, with the uid mapping, atomically)
///   sent --permanent refusal--> failed (cache reverted, reason kept for the user)
///   sent --transient error--> sent (replay stops; next run verifies)
/// A crash can leave an entry in 'sent' with unknown outcome. Such an entry is never blindly
/// resent: flag stores, expunges and folder deletes are idempotent and are sent again; a
/// move first asks which source uids still exist and moves only those; a copy or append
/// looks for its Message-IDs in the target; a folder create or rename checks the folder
/// list. So a crash between 'sent' and 'done' never applies an operation twice.
class JournalReplayer
{
public:
    struct Summary {
        int done = 0;     ///< applied by the server
        int resolved = 0; ///< conflicts resolved as done (message or folder gone)
        int failed = 0;   ///< refused for good, reverted
        bool stopped = false; ///< a transient error stopped the run
        QString error;
    };

    JournalReplayer(Journal &journal, MailServerOps &server);

    /// Replays every pending or sent entry of the account; finished is called once.
    void run(qint64 accountId, std::function<void(const Summary &)> finished);

private:
    void next();
    void send(const JournalOp &op, const QList<qint64> &uids);
    void verify(const JournalOp &op, const QList<qint64> &uids);
    void handle(const JournalOp &op, const ServerResult &result);
    void finish();
    MailServerOps::Callback resultFor(const JournalOp &op);

    Journal &m_journal;
    MailServerOps &m_server;
    qint64 m_accountId = 0;
    std::function<void(const Summary &)> m_finished;
    Summary m_summary;
    bool m_running = false;
    bool m_waiting = false;
    bool m_inDispatch = false;
};

} // namespace Tern
