#pragma once

#include "capabilities.h"
#include "envelope.h"
#include "replyparser.h"
#include "sendresult.h"

#include "common/protocollog.h"
#include "common/transport.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Tern::Smtp {

/// Where and how to submit (RFC 6409).
struct ClientSettings {
    QString host;
    quint16 port = 465;
    TlsPolicy tls;            ///< Implicit on 465 (RFC 8314 §3.3), StartTls on 587
    QString user;             ///< empty: no AUTH
    QString password;
    QByteArray heloName = "[127.0.0.1]";  ///< RFC 5321 §4.1.4: an address literal will do
    bool preferData = false;  ///< use DATA even when CHUNKING/BDAT is offered
    int replyTimeoutMs = 10 * 60 * 1000;  ///< RFC 5321 §4.5.3.2.6: 10 minutes after the dot
};

/// One SMTP submission connection. send() queues messages; the client connects, secures and
/// authenticates once, then sends the queue over the same connection, pipelined when offered.
class Client : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Disconnected, Connecting, Greeting, Ehlo, Helo, StartTls, TlsHandshake, Auth,
        Ready, Quitting, Closed
    };
    Q_ENUM(State)

    Client(const ClientSettings &settings, TransportFactory factory, QObject *parent = nullptr);
    ~Client() override;

    /// Queues a message (RFC 5322 bytes, any line endings) and returns its id for
    /// messageFinished(). Connects on first use.
    quint64 send(const Envelope &envelope, const QByteArray &message);
    /// Sends QUIT once every queued message is finished (RFC 5321 §4.1.1.10).
    void quit();
    /// Drops the connection now; unfinished messages fail.
    void abort();

    State state() const { return m_state; }
    Capabilities capabilities() const { return m_caps; }
    TlsInfo tlsInfo() const;
    /// Messages queued or on the way.
    qsizetype pendingCount() const { return m_transactions.size(); }

Q_SIGNALS:
    void stateChanged(Tern::Smtp::Client::State state);
    /// One message is done, one way or another.
    void messageFinished(quint64 id, const Tern::Smtp::SendResult &result);
    /// The session failed (greeting, TLS, STARTTLS policy, AUTH, connection, protocol).
    void sessionFailed(const QString &error);
    /// The connection is over (after QUIT, abort() or a failure).
    void closed();
    /// The protocol conversation with AUTH payloads and message contents redacted.
    void logLine(const Tern::ProtocolLogLine &line);

private:
    struct Step {
        enum Kind { Rset, Mail, Rcpt, Data, Content, Bdat } kind;
        quint64 id = 0;
        int index = -1;
    };
    struct Transaction {
        Envelope envelope;
        QByteArray message;    // CRLF-normalised
        SendResult result;
        int replied = 0;       // RCPT replies seen
        int accepted = 0;
        bool mailOk = false;
        bool contentWritten = false;
    };

    void setState(State state);
    void connectNow();
    void onReadyRead();
    void onDisconnected();
    void handleReply(const Reply &reply);
    void handleSessionReply(const Reply &reply);
    void afterEhlo();
    void startAuth();
    void fail(const QString &error, Outcome outcome = Outcome::TemporaryFailure,
              const Reply &reply = Reply());
    void writeCommand(const QByteArray &line, const QByteArray &logText = QByteArray());
    void log(ProtocolLogLine::Direction direction, const QByteArray &text);
    void armTimer();

    // Transactions (clienttransaction.cpp).
    void pump();
    bool startTransaction(quint64 id);
    QString refusal(const Transaction &t) const;
    void appendStep(QByteArray &out, const Step &step);
    void handleStepReply(const Step &step, const Reply &reply);
    void onMailReply(Transaction &t, const Step &step, const Reply &reply);
    void onRcptReply(Transaction &t, const Step &step, const Reply &reply);
    void onDataReply(Transaction &t, const Step &step, const Reply &reply);
    void finishTransaction(quint64 id, Outcome outcome, Reply reply, QString error);
    void dropSteps(quint64 id);
    void failAllTransactions(const QString &error);
    bool useBdat() const { return m_caps.chunking && !m_settings.preferData; }

    ClientSettings m_settings;
    TransportFactory m_factory;
    QPointer<Transport> m_transport;
    ReplyParser m_parser;
    QTimer m_replyTimer;
    Capabilities m_caps;
    State m_state = State::Disconnected;
    QString m_authStage;            // AUTH LOGIN: "user", "password", or empty
    bool m_quitRequested = false;
    bool m_sessionDirty = false;    // a failed transaction may have left MAIL state behind
    quint64 m_nextId = 1;
    QList<quint64> m_queue;         // not yet started
    QHash<quint64, Transaction> m_transactions;
    QList<Step> m_todo;             // steps not yet written
    QList<Step> m_inFlight;         // written, replies expected in this order
    int m_dataInFlight = 0;
    qsizetype m_bytesInFlight = 0;  // message bytes written whose final reply is pending
};

} // namespace Tern::Smtp
