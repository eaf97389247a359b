#include "client.h"

#include "common/sasl.h"

#include <QMetaMethod>

namespace Tern::Smtp {

Client::Client(const ClientSettings &settings, TransportFactory factory, QObject *parent)
    : QObject(parent), m_settings(settings), m_factory(std::move(factory))
{
    m_replyTimer.setSingleShot(true);
    connect(&m_replyTimer, &QTimer::timeout, this, [this] {
        fail(tr("%1 did not answer in time").arg(m_settings.host));
    });
}

Client::~Client()
{
    if (m_transport)
        m_transport->close();
}

TlsInfo Client::tlsInfo() const
{
    return m_transport ? m_transport->tlsInfo() : TlsInfo();
}

void Client::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Client::connectNow()
{
    if (m_transport)
        m_transport->deleteLater();
    m_parser.clear();
    m_caps = Capabilities();
    m_sessionDirty = false;
    m_quitRequested = false;
    m_transport = m_factory(m_settings.tls, this);
    connect(m_transport, &Transport::connected, this, [this] {
        log(ProtocolLogLine::Direction::Info,
            "connected to " + m_settings.host.toUtf8() + ':'
                + QByteArray::number(m_settings.port));
        setState(State::Greeting);
        armTimer();
    });
    connect(m_transport, &Transport::encrypted, this, [this] {
        log(ProtocolLogLine::Direction::Info, "TLS established");
        setState(State::Ehlo);
        writeCommand("EHLO " + m_settings.heloName);
    });
    connect(m_transport, &Transport::readyRead, this, &Client::onReadyRead);
    connect(m_transport, &Transport::disconnected, this, &Client::onDisconnected);
    connect(m_transport, &Transport::failed, this, [this](const QString &error) { fail(error); });
    setState(State::Connecting);
    m_transport->connectToHost(m_settings.host, m_settings.port,
                               m_settings.tls.mode == TlsMode::Implicit);
}

void Client::abort()
{
    if (m_state != State::Disconnected && m_state != State::Closed)
        fail(tr("Sending was cancelled"));
}

void Client::quit()
{
    m_quitRequested = true;
    if (m_state == State::Ready)
        pump();
    else if (m_state == State::Disconnected && m_queue.isEmpty())
        setState(State::Closed);
}

void Client::onReadyRead()
{
    if (!m_transport)
        return;
    m_parser.feed(m_transport->readAll());
    while (std::optional<Reply> reply = m_parser.next()) {
        if (isSignalConnected(QMetaMethod::fromSignal(&Client::logLine))) {
            for (qsizetype i = 0; i < reply->lines.size(); ++i) {
                QByteArray text = QByteArray::number(reply->code)
                    + (i + 1 == reply->lines.size() ? ' ' : '-');
                if (!reply->enhanced.isEmpty())
                    text += reply->enhanced + ' ';
                log(ProtocolLogLine::Direction::Received, text + reply->lines.at(i));
            }
        }
        handleReply(*reply);
        // After "220 Ready to start TLS" anything still buffered came in plaintext: it is
        // dropped unread (RFC 3207 §4.2), as is anything after a failure.
        if (m_state == State::TlsHandshake || m_state == State::Closed || !m_transport)
            return;
    }
    if (m_parser.hasError()) {
        fail(m_parser.errorString());
        return;
    }
    pump();
}

void Client::onDisconnected()
{
    if (m_state == State::Quitting) {
        log(ProtocolLogLine::Direction::Info, "connection closed");
        m_transport->deleteLater();
        m_transport = nullptr;
        m_replyTimer.stop();
        setState(State::Closed);
        Q_EMIT closed();
        if (!m_queue.isEmpty())
            connectNow();
        return;
    }
    fail(tr("The connection to %1 was lost").arg(m_settings.host));
}

void Client::handleReply(const Reply &reply)
{
    if ((m_state == State::Ready || m_state == State::Quitting) && !m_inFlight.isEmpty()) {
        const Step step = m_inFlight.takeFirst();
        handleStepReply(step, reply);
        // RFC 5321 §3.8: 421 means the server is closing the channel; nothing more to say.
        if (reply.code == 421)
            fail(tr("%1 closed the connection: %2").arg(m_settings.host, reply.text()));
    } else {
        handleSessionReply(reply);
    }
    armTimer();
}

void Client::handleSessionReply(const Reply &reply)
{
    switch (m_state) {
    case State::Greeting:
        if (reply.code != 220)
            return fail(tr("%1 refused the connection: %2").arg(m_settings.host, reply.text()),
                        reply.isPermanent() ? Outcome::PermanentFailure
                                            : Outcome::TemporaryFailure, reply);
        setState(State::Ehlo);
        return writeCommand("EHLO " + m_settings.heloName);
    case State::Ehlo:
        if (reply.code == 250) {
            m_caps = Capabilities::fromEhlo(reply);
            return afterEhlo();
        }
        if (!reply.isPermanent())
            return fail(tr("%1 refused EHLO: %2").arg(m_settings.host, reply.text()),
                        Outcome::TemporaryFailure, reply);
        // RFC 5321 §3.2: a server that does not know EHLO gets HELO, unless STARTTLS is
        // required, which needs EHLO: never fall back to plaintext.
        if (m_settings.tls.mode == TlsMode::StartTls && !m_transport->isEncrypted())
            return fail(tr("%1 does not support STARTTLS, which this account requires")
                            .arg(m_settings.host), Outcome::PermanentFailure, reply);
        setState(State::Helo);
        return writeCommand("HELO " + m_settings.heloName);
    case State::Helo:
        if (reply.code != 250)
            return fail(tr("%1 refused HELO: %2").arg(m_settings.host, reply.text()),
                        reply.isPermanent() ? Outcome::PermanentFailure
                                            : Outcome::TemporaryFailure, reply);
        m_caps = Capabilities();
        return afterEhlo();
    case State::StartTls:
        if (reply.code != 220)
            return fail(tr("%1 refused STARTTLS: %2").arg(m_settings.host, reply.text()),
                        Outcome::PermanentFailure, reply);
        setState(State::TlsHandshake);
        m_parser.clear();
        m_caps = Capabilities();   // RFC 3207 §4.2: forget what was learnt in plaintext
        m_transport->startTls();
        return;
    case State::Auth:
        if (reply.code == 334 && !m_authStage.isEmpty()) {
            const bool user = m_authStage == QLatin1StringView("user");
            m_authStage = user ? QStringLiteral("password") : QString();
            return writeCommand(
                (user ? m_settings.user : m_settings.password).toUtf8().toBase64(), "<redacted>");
        }
        if (reply.code == 235) {
            setState(State::Ready);
            return;
        }
        if (reply.code == 334)   // a challenge we cannot answer: cancel (RFC 4954 §4)
            return writeCommand("*");
        return fail(tr("Authentication as %1 failed: %2").arg(m_settings.user, reply.text()),
                    reply.isTransient() ? Outcome::TemporaryFailure : Outcome::PermanentFailure,
                    reply);
    case State::Quitting:
        if (m_transport)
            m_transport->close();
        onDisconnected();
        return;
    default:
        // Unsolicited, e.g. "421 shutting down" while idle.
        if (reply.code == 421)
            return fail(tr("%1 closed the connection: %2").arg(m_settings.host, reply.text()));
        return fail(tr("Unexpected reply from %1: %2").arg(m_settings.host, reply.text()));
    }
}

void Client::afterEhlo()
{
    const bool secure = m_transport->isEncrypted();
    if (!secure && m_settings.tls.mode == TlsMode::StartTls) {
        if (!m_caps.startTls)
            return fail(tr("%1 does not offer STARTTLS, which this account requires")
                            .arg(m_settings.host), Outcome::PermanentFailure);
        setState(State::StartTls);
        return writeCommand("STARTTLS");
    }
    if (m_settings.user.isEmpty()) {
        setState(State::Ready);
        return;
    }
    // RFC 8314 §4.1: no password over an unencrypted connection unless the user said so.
    if (!secure && !m_settings.tls.allowPlaintextLogin)
        return fail(tr("Refusing to send the password for %1 over an unencrypted connection")
                        .arg(m_settings.user), Outcome::PermanentFailure);
    startAuth();
}

void Client::startAuth()
{
    setState(State::Auth);
    switch (Sasl::choose(m_caps.authMechanisms)) {
    case Sasl::Mechanism::Plain:
        // RFC 4954 §4 initial response saves a round trip.
        return writeCommand("AUTH PLAIN "
                                + Sasl::plainResponse(m_settings.user, m_settings.password),
                            "AUTH PLAIN <redacted>");
    case Sasl::Mechanism::Login:
        m_authStage = QStringLiteral("user");
        return writeCommand("AUTH LOGIN");
    case Sasl::Mechanism::None:
        break;
    }
    fail(tr("%1 offers no supported way to log in (offered: %2)")
             .arg(m_settings.host, m_caps.authMechanisms.join(QLatin1Char(' '))),
         Outcome::PermanentFailure);
}

void Client::fail(const QString &error, Outcome outcome, const Reply &reply)
{
    if (m_state == State::Closed || m_state == State::Disconnected)
        return;
    log(ProtocolLogLine::Direction::Info, "error: " + error.toUtf8());
    m_replyTimer.stop();
    if (m_transport) {
        m_transport->disconnect(this);
        m_transport->close();
        m_transport->deleteLater();
        m_transport = nullptr;
    }
    setState(State::Closed);
    m_todo.clear();
    m_inFlight.clear();
    m_dataInFlight = 0;
    Q_EMIT sessionFailed(error);
    // Every message still here fails with the session's reason; one whose final dot was
    // written may have been delivered.
    QList<quint64> ids = m_transactions.keys();
    std::sort(ids.begin(), ids.end());
    m_queue.clear();
    for (const quint64 id : std::as_const(ids)) {
        const auto it = m_transactions.constFind(id);
        if (it == m_transactions.cend())
            continue;
        if (it->contentWritten)
            finishTransaction(id, Outcome::DeliveryUnknown, Reply(),
                              tr("The connection was lost after the message was sent; it may "
                                 "or may not have been delivered: %1").arg(error));
        else
            finishTransaction(id, outcome, reply, error);
    }
    Q_EMIT closed();
}

void Client::writeCommand(const QByteArray &line, const QByteArray &logText)
{
    log(ProtocolLogLine::Direction::Sent, logText.isEmpty() ? line : logText);
    m_transport->write(line + "\r\n");
    armTimer();
}

void Client::log(ProtocolLogLine::Direction direction, const QByteArray &text)
{
    if (!isSignalConnected(QMetaMethod::fromSignal(&Client::logLine)))
        return;
    ProtocolLogLine line;
    line.direction = direction;
    line.text = text;
    Q_EMIT logLine(line);
}

void Client::armTimer()
{
    const bool waiting = m_state != State::Ready || !m_inFlight.isEmpty();
    if (waiting && m_state != State::Closed && m_state != State::Disconnected)
        m_replyTimer.start(m_settings.replyTimeoutMs);
    else
        m_replyTimer.stop();
}

} // namespace Tern::Smtp
