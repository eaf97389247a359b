#pragma once

#include "capabilities.h"
#include "imapresponse.h"

#include "common/protocollog.h"
#include "common/transport.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>

namespace Tern::Imap {

class CommandBuilder;
class DeflateStream;
class Parser;
class Task;

/// Everything a connection needs to reach and log in to one server.
struct ConnectionSettings {
    QString host;
    quint16 port = 993;
    TlsPolicy tls;
    QString user;
    QString password;
    /// Negotiate COMPRESS=DEFLATE (RFC 4978) after login when offered.
    bool compress = false;
    /// Send NOOP after this many idle seconds (0: never), so NATs and servers keep us.
    int keepAliveSeconds = 300;
    /// Give up when a command gets no byte of answer for this long.
    int responseTimeoutSeconds = 120;
};

/// One IMAP connection (RFC 9051): transport, TLS, login, capability tracking and a queue of
/// tasks with tagged completion. Untagged mailbox data goes to the running task and is also
/// reported through the mailbox signals, whoever asked for it.
class Connection : public QObject
{
    Q_OBJECT
public:
    /// RFC 9051 §3: connection states, plus the transport's own.
    enum class State { Disconnected, Connecting, NotAuthenticated, Authenticated, Selected,
                       Logout };
    Q_ENUM(State)

    explicit Connection(TransportFactory factory = defaultTransportFactory(),
                        QObject *parent = nullptr);
    ~Connection() override;

    /// Connects, secures, logs in and learns capabilities; ready() or failed() follows.
    void open(const ConnectionSettings &settings);
    /// Queues a task (the connection takes ownership) and runs it when its turn comes.
    Task *enqueue(Task *task);
    /// Queues LOGOUT (RFC 9051 §6.1.3) and closes when the server confirms.
    void logout();
    /// Drops the connection at once; queued tasks fail.
    void abort(const QString &reason);

    State state() const { return m_state; }
    const Capabilities &capabilities() const { return m_caps; }
    bool isEncrypted() const;
    TlsInfo tlsInfo() const;
    bool isCompressed() const { return m_deflate != nullptr; }
    /// Mailbox names travel as UTF-8 after ENABLE UTF8=ACCEPT (RFC 6855 §3).
    bool utf8Enabled() const { return m_utf8; }
    QByteArrayList enabledExtensions() const { return m_enabled; }
    QString selectedMailbox() const { return m_selected; }
    void setKeepAliveSeconds(int seconds);
    /// Tasks waiting or running; zero when the connection is idle.
    qsizetype pendingTasks() const { return m_queue.size() + m_running.size(); }

Q_SIGNALS:
    void stateChanged(Tern::Imap::Connection::State state);
    /// Logged in (or PREAUTH) with fresh capabilities: tasks may run.
    void ready();
    /// Fatal: could not connect, TLS or login refused, the server went away.
    void failed(const QString &message);
    void disconnected();
    /// Every line sent and received, with secrets and message contents redacted.
    void protocolLog(const Tern::ProtocolLogLine &line);
    void capabilitiesChanged();
    /// RFC 9051 §7.1: ALERT texts must be shown to the user.
    void alert(const QString &text);
    void byeReceived(const QString &text);
    /// Selected-mailbox updates (RFC 9051 §7.4, RFC 7162 §3.2.10), solicited or not.
    void existsChanged(quint32 count);
    void recentChanged(quint32 count);
    void expunged(quint32 sequenceNumber);
    void vanished(const QByteArray &uidSet, bool earlier);
    void fetchReceived(const Tern::Imap::FetchData &data);
    void mailboxFlags(const QByteArrayList &flags);
    /// STATUS of another mailbox, e.g. pushed by NOTIFY (RFC 5465 §5.4).
    void mailboxStatus(const Tern::Imap::StatusData &status);

private:
    friend class Task;

    // For tasks (through Task).
    QByteArray sendCommand(Task *task, const CommandBuilder &command);
    void sendContinuationLine(const QByteArray &line, const QByteArray &logText);
    void taskDone(Task *task);
    void setState(State state);
    void setSelectedMailbox(const QString &name) { m_selected = name; }
    void setCapabilities(const QByteArrayList &list);
    void startTlsNow();
    void startCompressionNow();
    void setEnabled(const QByteArrayList &extensions);

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void processBytes(const QByteArray &bytes);
    void handleResponse(const Response &response);
    void handleGreeting(const StatusResponse &greeting);
    void handleUntaggedStatus(const StatusResponse &status);
    void continueOpening();
    void enqueueInternal(Task *task);
    void schedule();
    void writeBytes(const QByteArray &bytes);
    void log(ProtocolLogLine::Direction direction, const QByteArray &text);
    void logReceived(const QByteArray &bytes);
    void failAll(const QString &message);
    void onKeepAlive();
    void armTimers();

    TransportFactory m_factory;
    ConnectionSettings m_settings;
    Transport *m_transport = nullptr;
    std::unique_ptr<Parser> m_parser;
    std::unique_ptr<DeflateStream> m_deflate;
    State m_state = State::Disconnected;
    Capabilities m_caps;
    QList<QPointer<Task>> m_queue;
    QList<QPointer<Task>> m_running;
    QList<Task *> m_internal;
    QHash<QByteArray, QPointer<Task>> m_byTag;
    QList<QByteArray> m_pendingChunks;
    QByteArray m_pendingChunksTag;
    QByteArray m_rxLine;
    QByteArrayList m_enabled;
    QString m_selected;
    QString m_byeText;
    QTimer m_keepAlive;
    QTimer m_responseTimer;
    quint32 m_nextTag = 1;
    qint64 m_rxLiteralLeft = 0;
    bool m_greeted = false;
    bool m_opening = false;
    bool m_capsFresh = false;
    bool m_tlsDone = false;
    bool m_tlsPending = false;
    bool m_loginDone = false;
    bool m_compressTried = false;
    bool m_boundary = false;
    bool m_dropRest = false;
    bool m_scheduling = false;
    bool m_reschedule = false;
    bool m_failedEmitted = false;
    bool m_utf8 = false;
    bool m_compressStartPending = false;
};

} // namespace Tern::Imap
