#include "serverconfig.h"

#include <algorithm>

namespace Tern::Autoconfig {

QString protocolName(Protocol protocol)
{
    switch (protocol) {
    case Protocol::Imap: return QStringLiteral("IMAP");
    case Protocol::Pop3: return QStringLiteral("POP3");
    case Protocol::Smtp: return QStringLiteral("SMTP");
    }
    return QString();
}

QString tlsName(TlsMode mode)
{
    switch (mode) {
    case TlsMode::Implicit: return QStringLiteral("SSL/TLS");
    case TlsMode::StartTls: return QStringLiteral("STARTTLS");
    case TlsMode::None: return QStringLiteral("plain (no encryption)");
    }
    return QString();
}

QString authName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::PasswordCleartext: return QStringLiteral("password-cleartext");
    case AuthMethod::PasswordEncrypted: return QStringLiteral("password-encrypted");
    case AuthMethod::OAuth2: return QStringLiteral("OAuth2");
    case AuthMethod::None: return QStringLiteral("none");
    case AuthMethod::Other: return QStringLiteral("other");
    }
    return QString();
}

quint16 standardPort(Protocol protocol, TlsMode mode)
{
    const bool implicit = mode == TlsMode::Implicit;
    switch (protocol) {
    case Protocol::Imap: return implicit ? 993 : 143;
    case Protocol::Pop3: return implicit ? 995 : 110;
    case Protocol::Smtp: return implicit ? 465 : 587;
    }
    return 0;
}

QString ServerConfig::toString() const
{
    QString text = protocolName(protocol) + QLatin1Char(' ') + host + QLatin1Char(':')
        + QString::number(port) + QLatin1Char(' ') + tlsName(tls);
    if (!username.isEmpty())
        text += QStringLiteral(", user ") + username;
    text += QStringLiteral(", auth ") + authName(auth);
    if (!problem.isEmpty())
        text += QStringLiteral(" [not used: ") + problem + QLatin1Char(']');
    return text;
}

ServerUrl ServerConfig::toServerUrl() const
{
    ServerUrl url;
    switch (protocol) {
    case Protocol::Imap: url.protocol = ServerUrl::Protocol::Imap; break;
    case Protocol::Pop3: url.protocol = ServerUrl::Protocol::Pop3; break;
    case Protocol::Smtp: url.protocol = ServerUrl::Protocol::Smtp; break;
    }
    url.tls = tls;
    url.host = host;
    url.port = port;
    url.user = username;
    return url;
}

void sortByPreference(QList<ServerConfig> &servers)
{
    auto tlsRank = [](TlsMode mode) {
        return mode == TlsMode::Implicit ? 0 : mode == TlsMode::StartTls ? 1 : 2;
    };
    std::stable_sort(servers.begin(), servers.end(),
                     [&](const ServerConfig &a, const ServerConfig &b) {
        if (a.isUsable() != b.isUsable())
            return a.isUsable();
        const bool aImap = a.protocol == Protocol::Imap;
        const bool bImap = b.protocol == Protocol::Imap;
        if (aImap != bImap)
            return aImap;
        return tlsRank(a.tls) < tlsRank(b.tls);
    });
}

} // namespace Tern::Autoconfig
