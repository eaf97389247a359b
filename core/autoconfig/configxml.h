#pragma once

#include "serverconfig.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace Tern::Autoconfig {

/// The settings of one config-v1.1.xml document (Mozilla's autoconfig format).
struct ProviderConfig {
    QString id;
    QStringList domains;
    QString displayName;
    /// Best first (sortByPreference); servers that must not be used silently carry a problem.
    QList<ServerConfig> incoming;
    QList<ServerConfig> outgoing;
    /// What was skipped and why (unknown server types, bad ports, OAuth2, ...).
    QStringList notes;
};

/// Largest document accepted; real ones are a few kilobytes.
constexpr qsizetype MaxConfigXmlSize = 512 * 1024;

/// Parses a config-v1.1.xml document for the address email, substituting %EMAILADDRESS%,
/// %EMAILLOCALPART% and %EMAILDOMAIN% in host and user names. Returns nothing and sets error
/// for malformed XML, a document of another kind, or one without any server.
std::optional<ProviderConfig> parseConfigXml(const QByteArray &xml, const QString &email,
                                             QString *error = nullptr);

} // namespace Tern::Autoconfig
