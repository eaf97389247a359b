// Connection: opening (greeting, STARTTLS, login, COMPRESS) and the protocol log.
#include "imapconnection.h"

#include "deflatestream.h"
#include "imapparser.h"
#include "imaptask.h"
#include "tasks/capabilitytask.h"
#include "tasks/compresstask.h"
#include "tasks/logintask.h"
#include "tasks/starttlstask.h"

namespace Tern::Imap {

namespace {
constexpr qsizetype MaxLoggedLine = 2000;
}

void Connection::open(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_failedEmitted = false;
    m_greeted = m_capsFresh = m_tlsDone = m_tlsPending = m_compressTried = false;
    m_opening = true;
    m_caps = Capabilities();
    m_parser->reset();
    m_deflate.reset();
    if (m_transport)
        m_transport->deleteLater();
    m_transport = m_factory(settings.tls, this);
    connect(m_transport, &Transport::connected, this, &Connection::onConnected);
    connect(m_transport, &Transport::encrypted, this, &Connection::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &Connection::onReadyRead);
    connect(m_transport, &Transport::disconnected, this, &Connection::onDisconnected);
    connect(m_transport, &Transport::failed, this, [this](const QString &m) { abort(m); });
    setState(State::Connecting);
    log(ProtocolLogLine::Direction::Info,
        "connecting to " + settings.host.toUtf8() + ':' + QByteArray::number(settings.port)
            + (settings.tls.mode == TlsMode::Implicit ? " (TLS)" : ""));
    m_transport->connectToHost(settings.host, settings.port,
                               settings.tls.mode == TlsMode::Implicit);
}

void Connection::onConnected()
{
    setState(State::NotAuthenticated);
    log(ProtocolLogLine::Direction::Info, isEncrypted() ? "connected (TLS)" : "connected");
}

void Connection::onEncrypted()
{
    m_tlsDone = true;
    m_tlsPending = false;
    const TlsInfo info = tlsInfo();
    log(ProtocolLogLine::Direction::Info,
        "TLS established: " + info.protocol.toUtf8() + ' ' + info.cipher.toUtf8());
    continueOpening();
}

void Connection::handleGreeting(const StatusResponse &greeting)
{
    m_greeted = true;
    switch (greeting.kind) {
    case StatusResponse::Kind::Bye:
        abort(tr("The server refused the connection: %1").arg(greeting.text));
        return;
    case StatusResponse::Kind::Preauth:
        // RFC 9051 §7.1.4: PREAUTH skips STARTTLS, so on a plain link TLS can never start.
        if (m_settings.tls.mode != TlsMode::None && !isEncrypted()) {
            abort(tr("The server pre-authenticated an unencrypted connection, "
                     "but this account requires TLS"));
            return;
        }
        setState(State::Authenticated);
        break;
    case StatusResponse::Kind::Ok:
        break;
    default:
        abort(tr("Unexpected greeting from the server: %1").arg(greeting.text));
        return;
    }
    continueOpening();
}

void Connection::continueOpening()
{
    if (!m_opening || !m_greeted || !m_transport)
        return;
    for (Task *t : std::as_const(m_internal)) {
        if (t && !t->isDone())
            return; // one opening step at a time
    }
    if (m_settings.tls.mode == TlsMode::StartTls && !isEncrypted()) {
        if (m_tlsPending)
            return; // handshake running: onEncrypted() continues
        if (!m_capsFresh) {
            enqueueInternal(new CapabilityTask);
            return;
        }
        // Never fall back to plaintext when the server does not offer STARTTLS (RFC 8314 §4.1).
        if (!m_caps.has("STARTTLS")) {
            abort(tr("The server does not offer STARTTLS, but this account requires it"));
            return;
        }
        enqueueInternal(new StartTlsTask);
        return;
    }
    if (!m_capsFresh) {
        enqueueInternal(new CapabilityTask);
        return;
    }
    if (m_state == State::NotAuthenticated) {
        if (!isEncrypted() && !m_settings.tls.allowPlaintextLogin) {
            abort(tr("Refusing to send the password over an unencrypted connection"));
            return;
        }
        auto *login = new LoginTask(m_settings.user, m_settings.password);
        if (!login->canLogIn(m_caps)) {
            const QString why = login->unavailableReason(m_caps);
            delete login;
            abort(why);
            return;
        }
        m_capsFresh = false; // RFC 9051 §6.2.3: capabilities may change after login
        enqueueInternal(login);
        return;
    }
    if (m_settings.compress && !m_compressTried && !m_deflate
        && m_caps.has("COMPRESS=DEFLATE")) {
        m_compressTried = true;
        enqueueInternal(new CompressTask);
        return;
    }
    m_opening = false;
    log(ProtocolLogLine::Direction::Info, "ready");
    Q_EMIT ready();
    schedule();
}

void Connection::startTlsNow()
{
    // RFC 9051 §6.2.1: anything after the tagged OK and before the handshake is discarded.
    m_dropRest = true;
    m_tlsPending = true;
    m_parser->reset();
    m_rxLine.clear();
    m_rxLiteralLeft = 0;
    m_capsFresh = false;
    log(ProtocolLogLine::Direction::Info, "starting TLS");
    m_transport->startTls();
}

void Connection::startCompressionNow()
{
    m_deflate = std::make_unique<DeflateStream>();
    m_compressStartPending = true;
    log(ProtocolLogLine::Direction::Info, "COMPRESS=DEFLATE active");
}

void Connection::log(ProtocolLogLine::Direction direction, const QByteArray &text)
{
    ProtocolLogLine line;
    line.direction = direction;
    line.text = text;
    Q_EMIT protocolLog(line);
}

void Connection::logReceived(const QByteArray &bytes)
{
    // Lines as received, message literals summarised as "{N bytes}".
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        if (m_rxLiteralLeft > 0) {
            const qsizetype n = qMin<qint64>(m_rxLiteralLeft, bytes.size() - pos);
            m_rxLiteralLeft -= n;
            pos += n;
            continue;
        }
        const qsizetype nl = bytes.indexOf('\n', pos);
        const qsizetype end = nl < 0 ? bytes.size() : nl;
        if (m_rxLine.size() < MaxLoggedLine + 64)
            m_rxLine += bytes.mid(pos, end - pos);
        pos = nl < 0 ? bytes.size() : nl + 1;
        if (nl < 0)
            break;
        if (m_rxLine.endsWith('\r'))
            m_rxLine.chop(1);
        const qsizetype open = m_rxLine.lastIndexOf('{');
        if (m_rxLine.endsWith('}') && open >= 0) {
            QByteArray digits = m_rxLine.mid(open + 1, m_rxLine.size() - open - 2);
            if (digits.endsWith('+'))
                digits.chop(1);
            bool ok = false;
            const qint64 n = digits.toLongLong(&ok);
            if (ok && n >= 0) {
                m_rxLiteralLeft = n;
                m_rxLine.truncate(open);
                m_rxLine += '{' + QByteArray::number(n) + " bytes}";
                log(ProtocolLogLine::Direction::Received, m_rxLine.left(MaxLoggedLine));
                m_rxLine.clear();
                continue;
            }
        }
        QByteArray text = m_rxLine;
        if (text.size() > MaxLoggedLine)
            text = text.left(MaxLoggedLine) + "...";
        m_rxLine.clear();
        log(ProtocolLogLine::Direction::Received, text);
    }
}

} // namespace Tern::Imap
