// The AUTHORIZATION phase of Client: greeting, CAPA, STLS and the login (RFC 1939 §4,
// RFC 2449, RFC 2595, RFC 5034).
#include "pop3client.h"

namespace Tern::Pop3 {

void Client::handleAuthorization(const Pending &p, const Parser::Status &status,
                                 const QByteArray &line)
{
    switch (p.command) {
    case Command::Greeting:
        if (!status.ok) {
            fail(Error::Connection, tr("%1 refused the session: %2")
                                        .arg(m_settings.host, QString::fromUtf8(status.text)));
            return;
        }
        m_timestamp = Parser::apopTimestamp(line);
        setState(State::Authorization);
        send(Pending{Command::Capa});
        return;
    case Command::Capa:
        // -ERR: a server without RFC 2449; nothing is known about it.
        m_caps = Capabilities{};
        afterCapabilities();
        return;
    case Command::Stls:
        if (!status.ok) {
            fail(Error::TlsUnavailable, tr("%1 refused STLS: %2")
                                            .arg(m_settings.host, QString::fromUtf8(status.text)));
            return;
        }
        // RFC 2595 §3.1: whatever followed "+OK" in plaintext is an injection; drop it.
        m_lines.clear();
        m_tlsStarting = true;
        m_transport->startTls();
        return;
    case Command::User:
        if (!status.ok) {
            failAuthentication(status);
            return;
        }
        send(Pending{Command::Pass});
        return;
    case Command::Pass:
    case Command::Apop:
    case Command::Auth:
        if (!status.ok) {
            failAuthentication(status);
            return;
        }
        setState(State::Transaction);
        Q_EMIT loggedIn();
        pump();
        return;
    default:
        return;
    }
}

void Client::afterCapabilities()
{
    if (m_settings.tls.mode == TlsMode::StartTls && !m_tlsDone) {
        // A server without CAPA may still know STLS; one that lists capabilities without it
        // does not. Either way there is no fall-back to plaintext.
        if (m_caps.valid && !m_caps.stls) {
            fail(Error::TlsUnavailable,
                 tr("%1 does not offer STLS, but this account requires it")
                     .arg(m_settings.host));
            return;
        }
        send(Pending{Command::Stls});
        return;
    }
    authenticate();
}

void Client::authenticate()
{
    if (!m_transport->isEncrypted() && !m_settings.tls.allowPlaintextLogin) {
        fail(Error::PlaintextRefused,
             tr("Refusing to send the password to %1 over an unencrypted connection")
                 .arg(m_settings.host));
        return;
    }
    const bool plainOffered = m_caps.sasl.contains(QStringLiteral("PLAIN"));
    AuthMethod method = m_settings.method;
    if (method == AuthMethod::Automatic) {
        if (plainOffered)
            method = AuthMethod::SaslPlain;
        else if (m_settings.allowApop && !m_timestamp.isEmpty())
            method = AuthMethod::Apop;
        else
            method = AuthMethod::UserPass;
    }
    if (method == AuthMethod::SaslPlain && !plainOffered) {
        fail(Error::Authentication,
             tr("%1 does not offer SASL PLAIN (RFC 5034)").arg(m_settings.host));
        return;
    }
    if (method == AuthMethod::Apop && m_timestamp.isEmpty()) {
        fail(Error::Authentication,
             tr("%1 sent no APOP timestamp in its greeting").arg(m_settings.host));
        return;
    }
    m_usedMethod = method;
    switch (method) {
    case AuthMethod::SaslPlain: send(Pending{Command::Auth}); break;
    case AuthMethod::Apop: send(Pending{Command::Apop}); break;
    default: send(Pending{Command::User}); break;
    }
}

void Client::failAuthentication(const Parser::Status &status)
{
    const QString said = QString::fromUtf8(status.text);
    // RFC 2449 §8.1.2: the maildrop is open elsewhere; the password itself may be fine.
    if (status.code.toUpper().startsWith("IN-USE")) {
        fail(Error::MaildropLocked,
             tr("The mailbox of %1 on %2 is in use by another session (another mail program "
                "may be downloading it); try again later. Server said: %3")
                 .arg(m_settings.user, m_settings.host, said));
        return;
    }
    if (status.code.toUpper().startsWith("LOGIN-DELAY")) {
        fail(Error::Authentication,
             tr("%1 asks to wait longer between logins. Server said: %2")
                 .arg(m_settings.host, said));
        return;
    }
    fail(Error::Authentication,
         tr("%1 rejected the login of %2: %3").arg(m_settings.host, m_settings.user, said));
}

} // namespace Tern::Pop3
