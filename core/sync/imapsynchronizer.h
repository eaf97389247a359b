#pragma once

#include "accounts/account.h"
#include "cache/folderinfo.h"
#include "syncplanner.h"

#include "common/transport.h"

#include <QObject>
#include <QSqlDatabase>

#include <memory>

namespace Tern::Imap {
class Connection;
class FetchTask;
}

namespace Tern {

class ImapServerOps;

/// One synchronisation run of an IMAP account against the cache (RFC 4549 §4): connect,
/// replay the operation journal, mirror the folder list, then bring each folder up to date
/// with the pure planner (QRESYNC when enabled, else a UID/flags diff), optionally fetching
/// bodies. Runs on the thread that owns db; every batch is one transaction.
class ImapSynchronizer : public QObject
{
    Q_OBJECT
public:
    struct Options {
        /// Also download every message body not cached yet.
        bool bodies = false;
        /// UIDs per header FETCH; each batch is one transaction.
        int batchSize = 500;
    };
    /// What one folder's sync did, for progress lines.
    struct FolderReport {
        QString path;
        qint64 total = 0;
        qint64 added = 0;
        qint64 flagChanges = 0;
        qint64 expunged = 0;
        bool reset = false;
    };

    ImapSynchronizer(QSqlDatabase &db, const Account &account, const QString &password,
                     TransportFactory factory = defaultTransportFactory(),
                     QObject *parent = nullptr);
    ~ImapSynchronizer() override;

    void start(const Options &options);
    Imap::Connection &connection() { return *m_connection; }

Q_SIGNALS:
    void progress(const QString &line);
    void folderSynced(const Tern::ImapSynchronizer::FolderReport &report);
    /// Emitted once; ok false with a user-facing reason.
    void finished(bool ok, const QString &error);

private:
    struct FolderRun;

    void onReady();
    void replayJournal();
    void listFolders();
    void nextFolder();
    void selectFolder();
    void runPlan();
    void launchHeaderFetches();
    void fetchFlags(const SyncAction &action);
    void finishFolder();
    void nextBodyFolder();
    void fetchBodyBatch();
    void fail(const QString &error);
    void complete();
    CachedFolderState cachedState(qint64 folderId) const;

    QSqlDatabase &m_db;
    Account m_account;
    std::unique_ptr<Imap::Connection> m_connection;
    std::unique_ptr<ImapServerOps> m_ops;
    QString m_password;
    Options m_options;
    QList<FolderInfo> m_folders;
    qsizetype m_folderIndex = -1;
    std::unique_ptr<FolderRun> m_run;
    QList<qint64> m_bodyUids;
    bool m_qresync = false;
    bool m_done = false;
};

} // namespace Tern
