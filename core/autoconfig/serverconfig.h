#pragma once

#include "accounts/serverurl.h"
#include "common/transport.h"

#include <QList>
#include <QString>

namespace Tern::Autoconfig {

/// The protocol of a discovered server.
enum class Protocol { Imap, Pop3, Smtp };

/// How the client proves who it is (config-v1.1 <authentication> values).
enum class AuthMethod {
    PasswordCleartext, ///< "password-cleartext": LOGIN, AUTH PLAIN/LOGIN (inside TLS).
    PasswordEncrypted, ///< "password-encrypted": CRAM-MD5 and friends.
    OAuth2,            ///< Not supported yet: reported, never chosen.
    None,              ///< No authentication (rare; some SMTP relays).
    Other,             ///< NTLM, GSSAPI, client certificates, ...: not supported.
};

/// One server as discovery found it, ready for the wizard to show and edit.
struct ServerConfig {
    Protocol protocol = Protocol::Imap;
    QString host;
    quint16 port = 0;
    TlsMode tls = TlsMode::Implicit;
    /// The user name with the address placeholders already substituted.
    QString username;
    AuthMethod auth = AuthMethod::PasswordCleartext;
    /// Why this server must not be used without asking; empty when it is fine to use.
    QString problem;

    bool isUsable() const { return problem.isEmpty(); }
    /// One line for people: "IMAP imap.example.com:993 SSL/TLS, user alice@example.com, ...".
    QString toString() const;
    /// The same server as an account's URL (imaps://user@host:993), for `account add`.
    ServerUrl toServerUrl() const;
    bool operator==(const ServerConfig &) const = default;
};

/// "IMAP", "POP3", "SMTP".
QString protocolName(Protocol protocol);
/// "SSL/TLS", "STARTTLS", "plain (no encryption)".
QString tlsName(TlsMode mode);
/// The config-v1.1 spelling, e.g. "password-cleartext".
QString authName(AuthMethod method);
/// The standard port (RFC 8314 §7: 993/995/465 implicit TLS, 143/110/587 otherwise).
quint16 standardPort(Protocol protocol, TlsMode mode);

/// Sorts servers best first: usable before problematic, IMAP before POP3, implicit TLS before
/// STARTTLS before plain (RFC 8314 §5.1), otherwise keeping the given order.
void sortByPreference(QList<ServerConfig> &servers);

} // namespace Tern::Autoconfig
