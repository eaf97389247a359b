#include "serverurl.h"

#include <QUrl>

namespace Tern {
namespace {

struct Scheme {
    const char *name;
    ServerUrl::Protocol protocol;
    TlsMode tls;
    quint16 defaultPort;
};

// RFC 8314 ports: implicit TLS 993/995/465; STARTTLS 143/110/587.
constexpr Scheme schemes[] = {
    {"imaps", ServerUrl::Protocol::Imap, TlsMode::Implicit, 993},
    {"imap+starttls", ServerUrl::Protocol::Imap, TlsMode::StartTls, 143},
    {"imap", ServerUrl::Protocol::Imap, TlsMode::None, 143},
    {"pop3s", ServerUrl::Protocol::Pop3, TlsMode::Implicit, 995},
    {"pop3+starttls", ServerUrl::Protocol::Pop3, TlsMode::StartTls, 110},
    {"pop3", ServerUrl::Protocol::Pop3, TlsMode::None, 110},
    {"smtps", ServerUrl::Protocol::Smtp, TlsMode::Implicit, 465},
    {"smtp+starttls", ServerUrl::Protocol::Smtp, TlsMode::StartTls, 587},
    {"smtp", ServerUrl::Protocol::Smtp, TlsMode::None, 587},
};

} // namespace

std::optional<ServerUrl> ServerUrl::parse(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *error = QStringLiteral("not a server address: %1 (expected e.g. imaps://user@host:993)")
                     .arg(text);
        return std::nullopt;
    }
    for (const Scheme &s : schemes) {
        if (url.scheme() != QLatin1StringView(s.name))
            continue;
        ServerUrl result;
        result.protocol = s.protocol;
        result.tls = s.tls;
        result.host = url.host();
        result.port = quint16(url.port(s.defaultPort));
        result.user = url.userName();
        return result;
    }
    *error = QStringLiteral("unknown scheme %1 in %2").arg(url.scheme(), text);
    return std::nullopt;
}

QString ServerUrl::toString() const
{
    for (const Scheme &s : schemes) {
        if (s.protocol != protocol || s.tls != tls)
            continue;
        QUrl url;
        url.setScheme(QLatin1StringView(s.name));
        url.setHost(host);
        url.setPort(port);
        url.setUserName(user);
        return url.toString();
    }
    return {};
}

} // namespace Tern
