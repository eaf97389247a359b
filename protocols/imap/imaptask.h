#pragma once

#include "capabilities.h"
#include "imapconnection.h"
#include "imapresponse.h"

#include <QObject>
#include <QPointer>

namespace Tern::Imap {

class CommandBuilder;

/// One IMAP operation queued on a Connection (RFC 9051 §2.2.1: the client tags each command,
/// the server completes it with a tagged status). A task sends one or more commands, looks at
/// the untagged data that arrives while it runs, and ends with finished() or failed().
class Task : public QObject
{
    Q_OBJECT
public:
    /// How a task may share the connection with others (RFC 9051 §5.5).
    enum class Concurrency {
        /// Needs the connection to itself: state changes, continuations, TLS, COMPRESS.
        Exclusive,
        /// Independent of other commands in flight, e.g. UID FETCH, STATUS, LIST.
        Pipelined,
    };

    explicit Task(QObject *parent = nullptr);

    virtual Concurrency concurrency() const { return Concurrency::Pipelined; }
    /// Which connection states the task may start in; others fail it at once.
    virtual bool needsAuthenticated() const { return true; }
    virtual bool needsSelected() const { return false; }

    /// The final status of the last command, for response codes and texts.
    const StatusResponse &status() const { return m_status; }
    QString errorString() const { return m_error; }
    bool isDone() const { return m_done; }
    /// When true (the default) the connection deletes the task after it ends; otherwise the
    /// caller owns it and may read its results at leisure.
    void setAutoDelete(bool on) { m_autoDelete = on; }
    bool autoDelete() const { return m_autoDelete; }
    /// Tag of the command in flight, e.g. "A7".
    QByteArray tag() const { return m_tag; }

Q_SIGNALS:
    void finished();
    void failed(const QString &message);

protected:
    friend class Connection;

    /// Sends the first command; called by the connection when the task's turn comes.
    virtual void perform() = 0;
    /// Untagged data while the task runs; return true when the task consumed it.
    virtual bool handleUntagged(const Response &response);
    /// A "+" request not consumed by the connection's literal sending (AUTHENTICATE, IDLE).
    virtual void handleContinuation(const ContinuationRequest &request);
    /// The tagged status of the task's command; the default finishes on OK, fails otherwise.
    virtual void handleTagged(const StatusResponse &response);
    /// The connection wants the line back (another task is waiting): IDLE sends DONE.
    virtual void interrupt() {}
    /// Whether interrupt() is meaningful, i.e. the task runs until told to stop.
    virtual bool isInterruptible() const { return false; }

    /// Sends a command with a fresh tag; literals wait for "+" unless LITERAL+ applies.
    void send(const CommandBuilder &command);
    /// Sends a raw continuation line (AUTHENTICATE data, DONE); logText replaces it in the log.
    void sendLine(const QByteArray &line, const QByteArray &logText);
    void finish();
    void fail(const QString &message);
    /// A NO/BAD text for the user, e.g. "SELECT failed: [NONEXISTENT] no such mailbox".
    static QString describe(const QByteArray &command, const StatusResponse &response);

    Connection *connection() const { return m_connection; }
    /// Capabilities of the connection, empty before it runs.
    const Capabilities &caps() const;
    /// Mailbox names as UTF-8 (RFC 6855) rather than modified UTF-7.
    bool utf8() const;

    // State changes only tasks know about (RFC 9051 §3).
    void changeState(Connection::State state);
    void setSelectedMailbox(const QString &name);
    /// After STARTTLS's OK: drop every buffered byte and start the handshake (RFC 9051 §6.2.1).
    void beginTls();
    /// After COMPRESS's OK: everything from the next byte on is deflated (RFC 4978 §3).
    void beginCompression();
    void markEnabled(const QByteArrayList &extensions);
    /// While such a task runs, input is parsed line by line so nothing after its tagged
    /// response is read with the old framing (STARTTLS, COMPRESS).
    virtual bool isBoundary() const { return false; }

private:
    QPointer<Connection> m_connection;
    QByteArray m_tag;
    QByteArray m_commandName;
    StatusResponse m_status;
    QString m_error;
    bool m_done = false;
    bool m_autoDelete = true;
};

} // namespace Tern::Imap
