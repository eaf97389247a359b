#pragma once

#include "common/linebuffer.h"
#include "common/protocollog.h"
#include "pop3parser.h"
#include "pop3types.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace Tern::Pop3 {

/// One POP3 session (RFC 1939) on a Transport: connects, secures (implicit TLS or STLS,
/// RFC 2595), authenticates, then runs the queued maildrop commands, pipelined when the
/// server offers PIPELINING (RFC 2449 §6.6). Commands may be queued right after
/// connectToServer(); they are sent once the TRANSACTION state is reached. Message bodies
/// are streamed through messageData() and never held whole.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(TransportFactory factory, QObject *parent = nullptr);
    ~Client() override;

    /// Connects and logs in; loggedIn() or failed() follows.
    void connectToServer(const Settings &settings);
    /// Drops the connection without QUIT: nothing queued is deleted (RFC 1939 §6).
    void abort();

    /// RFC 1939 §5 STAT: statReceived().
    void stat();
    /// RFC 1939 §5 LIST, all messages (msgNo 0) or one: listReceived().
    void list(int msgNo = 0);
    /// RFC 1939 §7 UIDL, all messages (msgNo 0) or one: uidlReceived().
    void uidl(int msgNo = 0);
    /// RFC 1939 §5 RETR: messageData() chunks, then messageComplete().
    void retrieve(int msgNo);
    /// RFC 1939 §7 TOP: the header, blank line and `lines` body lines, streamed like RETR.
    void top(int msgNo, int lines);
    /// RFC 1939 §5 DELE: marks a message; the server removes it only after QUIT succeeds.
    void remove(int msgNo);
    /// RFC 1939 §5 RSET: unmarks everything marked for deletion.
    void reset();
    /// RFC 1939 §5 NOOP.
    void noop();
    /// RFC 1939 §6: QUIT; in TRANSACTION this enters UPDATE and updateFinished() confirms.
    void quit();

    State state() const { return m_state; }
    /// RFC 2449 §5: the last CAPA answer (after STLS, the one sent over TLS).
    Capabilities capabilities() const { return m_caps; }
    /// RFC 1939 §7: the greeting's APOP timestamp, empty if the server sent none.
    QByteArray apopTimestamp() const { return m_timestamp; }
    /// The method actually used to log in.
    AuthMethod authMethod() const { return m_usedMethod; }
    bool isEncrypted() const;
    TlsInfo tlsInfo() const;
    /// Commands queued or awaiting a reply.
    int pendingCommands() const { return int(m_queue.size() + m_inFlight.size()); }

Q_SIGNALS:
    void stateChanged(Tern::Pop3::State state);
    /// TRANSACTION state reached (RFC 1939 §4).
    void loggedIn();
    void statReceived(int count, qint64 octets);
    void listReceived(const QList<Tern::Pop3::ListEntry> &entries);
    void uidlReceived(const QList<Tern::Pop3::UidlEntry> &entries);
    /// A piece of a RETR/TOP answer, unstuffed, CRLF line endings.
    void messageData(int msgNo, const QByteArray &chunk);
    /// The terminating "." arrived: everything of msgNo was delivered.
    void messageComplete(int msgNo);
    /// DELE accepted: marked for deletion, not yet deleted.
    void markedDeleted(int msgNo);
    void resetDone();
    void noopDone();
    /// -ERR to a TRANSACTION command; the session goes on.
    void commandFailed(Tern::Pop3::Command command, int msgNo, const QString &serverText);
    /// RFC 1939 §6: QUIT's +OK; the messages marked in this session are now removed.
    void updateFinished(const QList<int> &deleted);
    /// The session ended early; see Error for what that means for deletions.
    void failed(Tern::Pop3::Error error, const QString &message);
    /// One redacted line for the protocol log.
    void logLine(const Tern::ProtocolLogLine &line);

private:
    struct Pending {
        Command command;
        int msgNo = 0;
        int arg = 0;
    };

    void enqueue(Command command, int msgNo = 0, int arg = 0);
    void pump();
    QByteArray commandLine(const Pending &p) const;
    void send(const Pending &p);
    void setState(State state);
    void fail(Error error, const QString &message);
    void close();
    void log(ProtocolLogLine::Direction direction, const QByteArray &text);

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onDisconnected();
    void onTransportFailed(const QString &message);

    void handleLine(const QByteArray &line);
    void handleDataLine(const Pending &p, QByteArrayView line);
    void handleTransaction(const Pending &p, const Parser::Status &status);
    void finishMultiLine(const Pending &p);
    void flushChunk(int msgNo);

    // Authorization phase (pop3clientauth.cpp).
    void handleAuthorization(const Pending &p, const Parser::Status &status,
                             const QByteArray &line);
    void afterCapabilities();
    void authenticate();
    void failAuthentication(const Parser::Status &status);

    TransportFactory m_factory;
    QPointer<Transport> m_transport;
    Settings m_settings;
    State m_state = State::Disconnected;
    LineBuffer m_lines;
    QTimer m_timer;
    std::deque<Pending> m_queue;
    std::deque<Pending> m_inFlight;
    Capabilities m_caps;
    QByteArray m_timestamp;
    AuthMethod m_usedMethod = AuthMethod::Automatic;
    bool m_parsing = false;
    bool m_tlsStarting = false;
    bool m_tlsDone = false;
    bool m_inMultiLine = false;
    QByteArrayList m_multiLines;
    QByteArray m_chunk;
    qint64 m_messageBytes = 0;
    QList<ListEntry> m_listEntries;
    QList<UidlEntry> m_uidlEntries;
    QList<int> m_marked;
};

} // namespace Tern::Pop3
