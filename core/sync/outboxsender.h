#pragma once

#include "accounts/account.h"
#include "outbox.h"

#include "common/protocollog.h"
#include "common/transport.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace Tern {

namespace Imap { class Connection; }
namespace Smtp { class Client; }

/// Sends an account's due outbox messages over ONE SMTP connection (pipelined when the server
/// offers RFC 2920), records each result in the outbox, then appends a copy of what was
/// accepted to the Sent folder (RFC 6154 \Sent) over IMAP unless the server files it itself.
/// The cache's message list learns about the copy at the next sync.
class OutboxSender : public QObject
{
    Q_OBJECT
public:
    struct Report {
        int sent = 0;
        int failed = 0;
        int retry = 0;
        int deliveryUnknown = 0;
        int appended = 0;
        QString sessionError;   ///< why the SMTP session failed, if it did
        QString sentCopyError;  ///< why the Sent copy could not be made, if it could not
        QList<qint64> ids;      ///< the rows this run handled
    };

    OutboxSender(QSqlDatabase &db, const Account &account, const QString &smtpPassword,
                 QObject *parent = nullptr);
    ~OutboxSender() override;

    void setSmtpTransportFactory(TransportFactory factory) { m_smtpFactory = std::move(factory); }
    void setImapTransportFactory(TransportFactory factory) { m_imapFactory = std::move(factory); }
    /// The IMAP password for the Sent copy; defaults to the SMTP password.
    void setImapPassword(const QString &password) { m_imapPassword = password; }
    /// Also send retry rows whose back-off is not over (the user asked to flush).
    void setForce(bool force) { m_force = force; }

    /// Starts; finished() follows exactly once.
    void start();

    /// The one call for command-line callers such as `tern sync`: recovers rows a crashed run
    /// left in sending (so call it when no other sender runs on this profile), sends every
    /// queued message of the account (retry rows too when force) and waits for the end.
    static Report flush(QSqlDatabase &db, const Account &account, const QString &password,
                        bool force = true);

    /// Account option: the server files sent mail itself, so no APPEND (default: append).
    static bool serverFilesSent(QSqlDatabase &db, qint64 accountId);
    static bool setServerFilesSent(QSqlDatabase &db, qint64 accountId, bool on);

Q_SIGNALS:
    /// One row's send is over; entry is the row as now stored.
    void messageFinished(const Tern::OutboxEntry &entry);
    void progress(const QString &line);
    void finished(const Tern::OutboxSender::Report &report);

private:
    void onSmtpFinished(quint64 clientId, const Smtp::SendResult &result);
    void onSmtpLog(const ProtocolLogLine &line);
    void smtpDone();
    void startSentCopies();
    void appendWithFolder(const QString &folder);
    void appendAll();
    void appendDone();
    void finish();

    QSqlDatabase &m_db;
    Outbox m_outbox;
    Account m_account;
    QString m_smtpPassword;
    QString m_imapPassword;
    TransportFactory m_smtpFactory;
    TransportFactory m_imapFactory;
    bool m_force = false;
    bool m_smtpDone = false;
    bool m_finished = false;
    QPointer<Smtp::Client> m_smtp;
    Imap::Connection *m_imap = nullptr;
    QHash<quint64, qint64> m_rowOfClientId;
    QList<quint64> m_awaitingData;     // client ids in send order whose DATA is not yet written
    QList<qint64> m_toCopy;            // rows accepted by the server, waiting for APPEND
    QString m_sentFolder;
    int m_appendsPending = 0;
    Report m_report;
};

} // namespace Tern
