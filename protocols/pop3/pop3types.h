#pragma once

#include "common/transport.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace Tern::Pop3 {

/// RFC 1939 §3: the session phases, plus the socket states around them.
enum class State {
    Disconnected, ///< Nothing started yet.
    Connecting,   ///< TCP/TLS up or coming up, greeting not yet received.
    Authorization,///< RFC 1939 §4: greeting received, not logged in (CAPA, STLS, auth).
    Transaction,  ///< RFC 1939 §5: logged in, maildrop locked.
    Update,       ///< RFC 1939 §6: QUIT sent from TRANSACTION, awaiting its reply.
    Closed,       ///< Finished or failed; the client is not reusable.
};

/// The commands the engine sends, used to say which one a reply or failure belongs to.
enum class Command {
    Greeting, Capa, Stls, User, Pass, Apop, Auth,
    Stat, List, Uidl, Retr, Top, Dele, Rset, Noop, Quit,
};

/// How the client proves who it is. Automatic: AUTH PLAIN if CAPA lists it, else APOP when
/// allowApop and the greeting has a timestamp, else USER/PASS. The others force one method.
enum class AuthMethod { Automatic, SaslPlain, Apop, UserPass };

/// Why a session ended early. Every kind but QuitUnconfirmed and UpdateFailed means the
/// server removed nothing (RFC 1939 §6: deletions happen only in the UPDATE phase).
enum class Error {
    None,
    Connection,       ///< Could not connect, TLS or certificate failure.
    TlsUnavailable,   ///< STLS required but not offered or refused (never a fall-back).
    PlaintextRefused, ///< A password would have crossed an unencrypted connection.
    Authentication,   ///< Credentials rejected, or the chosen method is not offered.
    MaildropLocked,   ///< RFC 2449 §8.1.2 [IN-USE]: another session holds the maildrop.
    Protocol,         ///< The server broke the protocol (bad status line, line too long).
    Timeout,          ///< The server stopped answering.
    ConnectionLost,   ///< Lost in AUTHORIZATION or TRANSACTION: nothing was deleted.
    QuitUnconfirmed,  ///< Lost after QUIT, before its reply: assume no deletion happened.
    UpdateFailed,     ///< RFC 1939 §6: -ERR to QUIT, some deletions may not have happened.
};

/// RFC 2449 §5: what CAPA announced. Empty (valid == false) when the server has no CAPA.
struct Capabilities {
    bool valid = false;
    bool top = false;
    bool user = false;
    bool uidl = false;
    bool pipelining = false;
    bool stls = false;
    bool respCodes = false;
    QStringList sasl;
    QByteArrayList lines;
    bool operator==(const Capabilities &) const = default;
};

/// One line of a LIST answer: RFC 1939 §5 "msg size".
struct ListEntry {
    int msgNo = 0;
    qint64 size = 0;
    bool operator==(const ListEntry &) const = default;
};

/// One line of a UIDL answer: RFC 1939 §7 "msg unique-id".
struct UidlEntry {
    int msgNo = 0;
    QByteArray uid;
    bool operator==(const UidlEntry &) const = default;
};

/// Where and how to log in. The password is only held in memory for the session.
struct Settings {
    QString host;
    quint16 port = 995;
    TlsPolicy tls;
    QString user;
    QString password;
    AuthMethod method = AuthMethod::Automatic;
    /// APOP is MD5-based and weak: only used automatically when the user allowed it.
    bool allowApop = false;
    /// RFC 2449 §4: lines are at most 512 octets, but real messages have longer ones.
    qsizetype maxLineLength = 64 * 1024;
    /// Commands in flight at once when the server offers PIPELINING (RFC 2449 §6.6).
    int pipelineWindow = 128;
    /// The server must answer within this time while a command is pending.
    int timeoutMs = 60000;
};

} // namespace Tern::Pop3

Q_DECLARE_METATYPE(Tern::Pop3::State)
Q_DECLARE_METATYPE(Tern::Pop3::Command)
Q_DECLARE_METATYPE(Tern::Pop3::Error)
