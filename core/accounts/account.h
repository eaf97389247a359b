#pragma once

#include "serverurl.h"

#include <QList>
#include <QString>

namespace Tern {

/// An account's settings as stored in the cache. Never holds a password (see SecretStore).
struct Account {
    qint64 id = 0;
    QString name;
    QString email;
    QString displayName;
    ServerUrl incoming;
    std::optional<ServerUrl> smtp;
    /// A private CA this account trusts besides the system roots (PEM file).
    QString caFile;
    /// The user's explicit opt-in to send a password over an unencrypted connection.
    bool allowPlaintext = false;
    /// SHA-256 digests (hex) of certificates the user accepted and pinned.
    QStringList pinnedSha256;

    /// The TLS policy for connections of this account; reads caFile.
    TlsPolicy tlsPolicy(TlsMode mode) const;
    /// Keychain key of this account's password for one of its servers.
    QString secretKey(ServerUrl::Protocol protocol) const;
};

} // namespace Tern
