#pragma once

#include "common/transport.h"

#include <optional>

#include <QString>

namespace Tern {

/// One server an account talks to, as written on the command line:
/// imaps://user@host:993, imap+starttls://user@host:143, imap://... (plaintext, opt-in only),
/// and the same for pop3 and smtp (smtps://host:465, smtp+starttls://host:587).
struct ServerUrl {
    enum class Protocol { Imap, Pop3, Smtp };
    Protocol protocol = Protocol::Imap;
    TlsMode tls = TlsMode::Implicit;
    QString host;
    quint16 port = 0;
    QString user;

    /// Parses text; on failure returns nothing and sets error.
    static std::optional<ServerUrl> parse(const QString &text, QString *error);
    QString toString() const;
    bool operator==(const ServerUrl &) const = default;
};

} // namespace Tern
