#include "serverprobe.h"

#include "common/ssltransport.h"

#include <algorithm>

namespace Tern::Autoconfig {
namespace {

QString printable(const QByteArray &line)
{
    return QString::fromUtf8(line.left(120)).simplified();
}

/// The three-digit SMTP reply code, or -1.
int smtpCode(const QByteArray &line)
{
    if (line.size() < 3)
        return -1;
    bool ok = false;
    const int code = line.left(3).toInt(&ok);
    return ok ? code : -1;
}

bool smtpIsLast(const QByteArray &line)
{
    return line.size() == 3 || line.at(3) != '-';
}

} // namespace

ServerProbe::ServerProbe(Protocol protocol, const QString &host, quint16 port, TlsMode mode,
                         const ProbeSettings &settings, QObject *parent)
    : QObject(parent), m_protocol(protocol), m_host(host), m_port(port), m_mode(mode),
      m_settings(settings)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_step == Step::Done) {
            closeTransport(); // the server did not answer our goodbye
            return;
        }
        finish(Outcome::Failed,
               tr("no answer within %1 s").arg(m_settings.timeoutMs / 1000.0), false);
    });
}

void ServerProbe::start()
{
    TlsPolicy policy = m_settings.tls;
    policy.mode = m_mode;
    policy.allowPlaintextLogin = false;
    m_transport = m_settings.transportFactory ? m_settings.transportFactory(policy, this)
                                              : new SslTransport(policy, this);
    if (auto *ssl = qobject_cast<SslTransport *>(m_transport))
        ssl->setTimeout(m_settings.timeoutMs);
    connect(m_transport, &Transport::connected, this, &ServerProbe::onConnected);
    connect(m_transport, &Transport::encrypted, this, &ServerProbe::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &ServerProbe::onReadyRead);
    connect(m_transport, &Transport::failed, this, &ServerProbe::onFailed);
    connect(m_transport, &Transport::disconnected, this, [this] {
        finish(Outcome::Failed, tr("the server closed the connection"), false);
    });
    m_step = Step::Connecting;
    m_timer.start(m_settings.timeoutMs);
    m_transport->connectToHost(m_settings.dialHost(m_host), m_settings.dialPort(m_port),
                               m_mode == TlsMode::Implicit);
}

void ServerProbe::abort()
{
    m_step = Step::Done;
    closeTransport();
}

void ServerProbe::closeTransport()
{
    m_timer.stop();
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
    }
}

void ServerProbe::onConnected()
{
    m_step = Step::Greeting;
    onReadyRead();
}

void ServerProbe::onEncrypted()
{
    // Nothing said before the handshake counts (STARTTLS command injection).
    m_lines.clear();
    m_capabilities.clear();
    m_step = Step::CapabilityAfterTls;
    m_multiline = false;
    switch (m_protocol) {
    case Protocol::Imap: sendCommand("CAPABILITY"); break;
    case Protocol::Pop3: sendCommand("CAPA"); break;
    case Protocol::Smtp: sendCommand("EHLO " + m_settings.ehloName.toLatin1()); break;
    }
}

void ServerProbe::onReadyRead()
{
    if (!m_transport || m_step == Step::Done || m_step == Step::Connecting)
        return;
    m_lines.feed(m_transport->readAll());
    while (m_step != Step::Done && m_step != Step::Handshake) {
        const std::optional<QByteArray> line = m_lines.takeLine();
        if (!line)
            break;
        handleLine(*line);
    }
    if (m_lines.overflowed())
        finish(Outcome::Failed, tr("the server sent an endless line"), false);
}

void ServerProbe::onFailed(const QString &message)
{
    const bool inHandshake = m_step == Step::Handshake
        || (m_step == Step::Connecting && m_mode == TlsMode::Implicit);
    auto *ssl = qobject_cast<SslTransport *>(m_transport);
    if (inHandshake && ssl && !ssl->lastPeerChain().isEmpty())
        finish(Outcome::CertificateProblem, message, false);
    else
        finish(Outcome::Failed, message, false);
}

void ServerProbe::handleLine(const QByteArray &line)
{
    switch (m_step) {
    case Step::Greeting: handleGreeting(line); break;
    case Step::Capability:
    case Step::CapabilityAfterTls: handleCapability(line); break;
    case Step::StartTls: handleStartTlsReply(line); break;
    default: break;
    }
}

void ServerProbe::handleGreeting(const QByteArray &line)
{
    bool ok = false;
    switch (m_protocol) {
    case Protocol::Imap:
        ok = line.startsWith("* OK");
        // RFC 9051 §7.1.4: after PREAUTH there is no STARTTLS; only acceptable when TLS is on.
        if (line.startsWith("* PREAUTH")) {
            if (m_mode != TlsMode::Implicit) {
                finish(Outcome::Insecure, tr("pre-authenticated without TLS"), true);
                return;
            }
            ok = true;
        }
        break;
    case Protocol::Pop3:
        ok = line.startsWith("+OK");
        break;
    case Protocol::Smtp: {
        const int code = smtpCode(line);
        if (code == 220 && !smtpIsLast(line))
            return; // multi-line greeting continues
        ok = code == 220;
        break;
    }
    }
    if (!ok) {
        finish(Outcome::Failed, tr("unexpected greeting for %1: %2")
                                    .arg(protocolName(m_protocol), printable(line)), false);
        return;
    }
    m_step = Step::Capability;
    m_multiline = false;
    switch (m_protocol) {
    case Protocol::Imap: sendCommand("CAPABILITY"); break;
    case Protocol::Pop3: sendCommand("CAPA"); break;
    case Protocol::Smtp: sendCommand("EHLO " + m_settings.ehloName.toLatin1()); break;
    }
}

void ServerProbe::handleCapability(const QByteArray &line)
{
    switch (m_protocol) {
    case Protocol::Imap:
        if (line.startsWith("* CAPABILITY ")) {
            for (const QByteArray &c : line.mid(13).split(' '))
                if (!c.isEmpty())
                    m_capabilities << QString::fromLatin1(c).toUpper();
        } else if (line.startsWith(QByteArray(m_tag + ' '))) {
            capabilitiesDone();
        }
        return;
    case Protocol::Pop3:
        // RFC 2449 §5: "+OK" then one capability per line up to ".".
        if (!m_multiline) {
            if (line.startsWith("+OK")) {
                m_multiline = true;
                return;
            }
            capabilitiesDone(); // -ERR: CAPA not supported, so STLS is not known either
            return;
        }
        if (line == ".") {
            capabilitiesDone();
            return;
        }
        m_capabilities << QString::fromLatin1(line.startsWith("..") ? line.mid(1) : line)
                              .toUpper();
        return;
    case Protocol::Smtp: {
        // RFC 5321 §4.1.1.1: the first line greets, the others list extensions.
        const int code = smtpCode(line);
        if (code != 250) {
            if (smtpIsLast(line))
                capabilitiesDone();
            return;
        }
        if (m_multiline)
            m_capabilities << QString::fromLatin1(line.mid(4)).toUpper();
        m_multiline = true;
        if (smtpIsLast(line))
            capabilitiesDone();
        return;
    }
    }
}

void ServerProbe::capabilitiesDone()
{
    m_multiline = false;
    if (m_step == Step::CapabilityAfterTls || m_mode == TlsMode::Implicit) {
        finish(Outcome::Secure, tr("%1 server answered over %2")
                                    .arg(protocolName(m_protocol), tlsName(m_mode)), true);
        return;
    }
    const QString word = m_protocol == Protocol::Pop3 ? QStringLiteral("STLS")
                                                       : QStringLiteral("STARTTLS");
    const bool offered = std::any_of(m_capabilities.cbegin(), m_capabilities.cend(),
                                     [&](const QString &c) {
        return c == word || c.startsWith(word + QLatin1Char(' '));
    });
    if (m_mode != TlsMode::StartTls || !offered) {
        finish(Outcome::Insecure, tr("%1 server answered, but offers no %2")
                                      .arg(protocolName(m_protocol), word), true);
        return;
    }
    m_step = Step::StartTls;
    sendCommand(word.toLatin1());
}

void ServerProbe::handleStartTlsReply(const QByteArray &line)
{
    bool ok = false;
    switch (m_protocol) {
    case Protocol::Imap:
        if (!line.startsWith(QByteArray(m_tag + ' ')))
            return; // untagged noise
        ok = line.startsWith(QByteArray(m_tag + " OK"));
        break;
    case Protocol::Pop3: ok = line.startsWith("+OK"); break;
    case Protocol::Smtp: ok = smtpCode(line) == 220; break;
    }
    if (!ok) {
        finish(Outcome::Insecure, tr("STARTTLS offered but refused: %1").arg(printable(line)),
               true);
        return;
    }
    m_step = Step::Handshake;
    m_transport->startTls();
}

void ServerProbe::sendCommand(const QByteArray &command)
{
    if (m_protocol == Protocol::Imap) {
        m_tag = "A" + QByteArray::number(++m_tagCounter);
        m_transport->write(m_tag + ' ' + command + "\r\n");
    } else {
        m_transport->write(command + "\r\n");
    }
}

void ServerProbe::finish(Outcome outcome, const QString &detail, bool polite)
{
    if (m_step == Step::Done)
        return;
    m_timer.stop();
    m_step = Step::Done;
    m_outcome = outcome;
    m_detail = detail;
    if (m_transport) {
        m_transport->disconnect(this);
        if (polite) {
            // Say goodbye and let the server close, so the bytes are not dropped by an abort.
            sendCommand(m_protocol == Protocol::Imap ? QByteArray("LOGOUT") : "QUIT");
            connect(m_transport, &Transport::disconnected, this, &ServerProbe::closeTransport);
            connect(m_transport, &Transport::failed, this, &ServerProbe::closeTransport);
            connect(m_transport, &Transport::readyRead, this, [this] {
                m_transport->readAll();
            });
            m_timer.start(LingerMs);
        } else {
            closeTransport();
        }
    }
    Q_EMIT finished();
}

} // namespace Tern::Autoconfig
