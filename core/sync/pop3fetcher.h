#pragma once

#include "pop3options.h"
#include "pop3store.h"

#include "accounts/account.h"

#include "pop3/pop3client.h"

#include <QHash>
#include <QObject>
#include <QSet>

#include <memory>

namespace Tern {

/// Downloads a POP3 account's mail into its local Inbox (RFC 1939). The rule it keeps: a
/// message is deleted on the server only after it and its UIDL are committed to the cache in
/// one transaction, and deleted_on_server is set only after QUIT's +OK (RFC 1939 §6), so a
/// crash or cut connection at any point loses nothing and downloads nothing twice.
class Pop3Fetcher : public QObject
{
    Q_OBJECT
public:
    /// What one session did.
    struct Report {
        int onServer = 0;
        int downloaded = 0;
        int headersOnly = 0;
        int deletedOnServer = 0;
        int failedMessages = 0;
        qint64 inboxTotal = 0;
        qint64 inboxId = 0;
    };

    /// Options are read from the account's options column.
    Pop3Fetcher(QSqlDatabase &db, const Account &account, const QString &password,
                TransportFactory factory = defaultTransportFactory(), QObject *parent = nullptr);
    ~Pop3Fetcher() override;

    void setOptions(const Pop3Options &options) { m_options = options; }
    Pop3Options options() const { return m_options; }

    /// One session: UIDL + LIST, pipelined RETR (or TOP n 0 over the size limit) of every
    /// new UIDL, DELE of committed ones the mode says to remove, QUIT. finished() follows.
    void sync();
    /// Downloads the whole of a headers-only message, finding its UIDL on the server again
    /// (RFC 1939 §7); deletes it afterwards in delete mode. finished() follows.
    void fetchFull(qint64 messageId);
    /// Drops the connection without QUIT: nothing is deleted on the server.
    void abort();

    Report report() const { return m_report; }

Q_SIGNALS:
    void progress(const QString &line);
    void finished(bool ok, const QString &error);

private:
    enum class Job { Sync, FetchFull };

    void start(Job job);
    void onListing();
    void planSync();
    void planFetchFull();
    bool shouldDelete(const Pop3Seen &seen, qint64 now) const;
    void onMessageData(int msgNo, const QByteArray &chunk);
    void onMessageComplete(int msgNo);
    void onCommandFailed(Pop3::Command command, int msgNo, const QString &text);
    void onUpdateFinished(const QList<int> &deleted);
    void onFailed(Pop3::Error error, const QString &message);
    void commandDone();
    void finish(bool ok, const QString &error = {});

    QSqlDatabase &m_db;
    Account m_account;
    QString m_password;
    TransportFactory m_factory;
    Pop3Options m_options;
    Pop3Store m_store;
    std::unique_ptr<Pop3::Client> m_client;
    Job m_job = Job::Sync;
    qint64 m_inbox = 0;
    qint64 m_fullMessageId = 0;
    bool m_haveList = false;
    bool m_haveUidl = false;
    bool m_quitting = false;
    bool m_running = false;
    int m_outstanding = 0;
    QHash<int, qint64> m_sizes;
    QHash<int, QByteArray> m_uidls;
    QSet<int> m_headersOnly;
    QByteArray m_buffer;
    Report m_report;
};

} // namespace Tern
