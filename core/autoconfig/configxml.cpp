#include "configxml.h"

#include <QRegularExpression>
#include <QXmlStreamReader>

namespace Tern::Autoconfig {
namespace {

struct RawServer {
    bool outgoing = false;
    QString type;
    QString hostname;
    QString port;
    QString socketType;
    QString username;
    QStringList authentication;
};

QString elementText(QXmlStreamReader &xml)
{
    return xml.readElementText(QXmlStreamReader::SkipChildElements).trimmed();
}

RawServer readServer(QXmlStreamReader &xml, bool outgoing)
{
    RawServer raw;
    raw.outgoing = outgoing;
    raw.type = xml.attributes().value(QLatin1StringView("type")).toString().trimmed().toLower();
    while (xml.readNextStartElement()) {
        const auto name = xml.name();
        if (name == QLatin1StringView("hostname"))
            raw.hostname = elementText(xml);
        else if (name == QLatin1StringView("port"))
            raw.port = elementText(xml);
        else if (name == QLatin1StringView("socketType"))
            raw.socketType = elementText(xml);
        else if (name == QLatin1StringView("username"))
            raw.username = elementText(xml);
        else if (name == QLatin1StringView("authentication"))
            raw.authentication << elementText(xml);
        else
            xml.skipCurrentElement();
    }
    return raw;
}

AuthMethod authFromText(const QString &text)
{
    const QString t = text.toLower();
    if (t == QLatin1StringView("password-cleartext") || t == QLatin1StringView("plain"))
        return AuthMethod::PasswordCleartext;
    if (t == QLatin1StringView("password-encrypted") || t == QLatin1StringView("secure"))
        return AuthMethod::PasswordEncrypted;
    if (t == QLatin1StringView("oauth2"))
        return AuthMethod::OAuth2;
    if (t == QLatin1StringView("none"))
        return AuthMethod::None;
    return AuthMethod::Other;
}

class Builder
{
public:
    explicit Builder(const QString &email)
    {
        const qsizetype at = email.lastIndexOf(QLatin1Char('@'));
        m_address = email;
        m_local = at < 0 ? email : email.left(at);
        m_domain = at < 0 ? QString() : email.mid(at + 1);
    }

    QString substitute(QString text) const
    {
        return text.replace(QLatin1StringView("%EMAILADDRESS%"), m_address)
            .replace(QLatin1StringView("%EMAILLOCALPART%"), m_local)
            .replace(QLatin1StringView("%EMAILDOMAIN%"), m_domain);
    }

    /// Turns a raw entry into a server, or nothing with a note saying why it was skipped.
    std::optional<ServerConfig> build(const RawServer &raw, QStringList &notes) const;

private:
    QString m_address;
    QString m_local;
    QString m_domain;
};

std::optional<ServerConfig> Builder::build(const RawServer &raw, QStringList &notes) const
{
    static const QRegularExpression hostPattern(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$"));
    const QString kind = raw.outgoing ? QStringLiteral("outgoing") : QStringLiteral("incoming");
    ServerConfig s;
    if (!raw.outgoing && raw.type == QLatin1StringView("imap")) {
        s.protocol = Protocol::Imap;
    } else if (!raw.outgoing && raw.type == QLatin1StringView("pop3")) {
        s.protocol = Protocol::Pop3;
    } else if (raw.outgoing && raw.type == QLatin1StringView("smtp")) {
        s.protocol = Protocol::Smtp;
    } else {
        notes << QStringLiteral("skipped an %1 server of type \"%2\": not supported")
                     .arg(kind, raw.type);
        return std::nullopt;
    }
    s.host = substitute(raw.hostname).toLower();
    if (!hostPattern.match(s.host).hasMatch()) {
        notes << QStringLiteral("skipped an %1 %2 server: missing or invalid hostname \"%3\"")
                     .arg(kind, protocolName(s.protocol), raw.hostname);
        return std::nullopt;
    }
    const QString socket = raw.socketType.toUpper();
    if (socket == QLatin1StringView("SSL")) {
        s.tls = TlsMode::Implicit;
    } else if (socket == QLatin1StringView("STARTTLS")) {
        s.tls = TlsMode::StartTls;
    } else if (socket.isEmpty() || socket == QLatin1StringView("PLAIN")) {
        s.tls = TlsMode::None; // the format's default
    } else {
        notes << QStringLiteral("skipped %1: unknown socketType \"%2\"")
                     .arg(s.host, raw.socketType);
        return std::nullopt;
    }
    if (raw.port.isEmpty()) {
        s.port = standardPort(s.protocol, s.tls);
    } else {
        bool ok = false;
        const uint port = raw.port.toUInt(&ok);
        if (!ok || port == 0 || port > 65535) {
            notes << QStringLiteral("skipped %1: invalid port \"%2\"").arg(s.host, raw.port);
            return std::nullopt;
        }
        s.port = quint16(port);
    }
    s.username = substitute(raw.username.isEmpty() ? QStringLiteral("%EMAILADDRESS%")
                                                    : raw.username);
    // The first method we can do wins; OAuth2 alone is reported, not silently replaced.
    QList<AuthMethod> methods;
    for (const QString &a : raw.authentication)
        methods << authFromText(a);
    if (methods.isEmpty())
        methods << AuthMethod::PasswordCleartext;
    s.auth = methods.first();
    for (AuthMethod m : methods) {
        if (m == AuthMethod::PasswordCleartext || m == AuthMethod::PasswordEncrypted
            || m == AuthMethod::None) {
            s.auth = m;
            break;
        }
    }
    if (s.auth == AuthMethod::OAuth2)
        s.problem = QStringLiteral("OAuth2 is not supported yet");
    else if (s.auth == AuthMethod::Other)
        s.problem = QStringLiteral("authentication \"%1\" is not supported")
                        .arg(raw.authentication.join(QStringLiteral(", ")));
    else if (s.tls == TlsMode::None)
        s.problem = QStringLiteral("no encryption: ask before sending a password");
    return s;
}

} // namespace

std::optional<ProviderConfig> parseConfigXml(const QByteArray &bytes, const QString &email,
                                             QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<ProviderConfig> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (bytes.size() > MaxConfigXmlSize)
        return fail(QStringLiteral("document too large (%1 bytes)").arg(bytes.size()));

    if (bytes.trimmed().isEmpty())
        return fail(QStringLiteral("empty document"));
    QXmlStreamReader xml(bytes);
    if (!xml.readNextStartElement()) {
        return fail(xml.hasError() ? QStringLiteral("malformed XML: ") + xml.errorString()
                                   : QStringLiteral("empty document"));
    }
    if (xml.name() != QLatin1StringView("clientConfig"))
        return fail(QStringLiteral("not an autoconfig document (root element <%1>)")
                        .arg(xml.name().toString()));

    const Builder builder(email);
    ProviderConfig config;
    bool haveProvider = false;
    while (xml.readNextStartElement()) {
        if (xml.name() != QLatin1StringView("emailProvider") || haveProvider) {
            xml.skipCurrentElement();
            continue;
        }
        haveProvider = true;
        config.id = xml.attributes().value(QLatin1StringView("id")).toString();
        while (xml.readNextStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1StringView("domain")) {
                config.domains << elementText(xml).toLower();
            } else if (name == QLatin1StringView("displayName")) {
                config.displayName = elementText(xml);
            } else if (name == QLatin1StringView("incomingServer")
                       || name == QLatin1StringView("outgoingServer")) {
                const bool outgoing = name == QLatin1StringView("outgoingServer");
                const RawServer raw = readServer(xml, outgoing);
                if (auto server = builder.build(raw, config.notes))
                    (outgoing ? config.outgoing : config.incoming) << *server;
            } else {
                xml.skipCurrentElement();
            }
        }
    }
    if (xml.hasError())
        return fail(QStringLiteral("malformed XML at line %1: %2")
                        .arg(xml.lineNumber())
                        .arg(xml.errorString()));
    if (!haveProvider)
        return fail(QStringLiteral("no <emailProvider> element"));
    if (config.incoming.isEmpty() && config.outgoing.isEmpty())
        return fail(QStringLiteral("no usable server in the document")
                    + (config.notes.isEmpty() ? QString()
                                              : QStringLiteral(": ") + config.notes.join(
                                                    QStringLiteral("; "))));
    sortByPreference(config.incoming);
    sortByPreference(config.outgoing);
    for (const ServerConfig &s : std::as_const(config.incoming) + config.outgoing) {
        if (s.auth == AuthMethod::OAuth2)
            config.notes << QStringLiteral("%1 needs OAuth2, which is not supported yet")
                                .arg(s.host);
    }
    config.notes.removeDuplicates();
    return config;
}

} // namespace Tern::Autoconfig
