#include "pop3client.h"

#include "common/sasl.h"

namespace Tern::Pop3 {
namespace {

// Deliver message data in pieces of about this size, whatever the read size.
constexpr qsizetype ChunkSize = 64 * 1024;
// A hostile server must not grow CAPA without bound.
constexpr qsizetype MaxCapaLines = 256;

bool isMultiLine(Command c, int msgNo)
{
    switch (c) {
    case Command::Capa:
    case Command::Retr:
    case Command::Top:
        return true;
    case Command::List:
    case Command::Uidl:
        return msgNo == 0;
    default:
        return false;
    }
}

} // namespace

Client::Client(TransportFactory factory, QObject *parent)
    : QObject(parent), m_factory(std::move(factory))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        fail(Error::Timeout, tr("%1 did not answer in time").arg(m_settings.host));
    });
}

Client::~Client()
{
    if (m_transport)
        m_transport->close();
}

void Client::connectToServer(const Settings &settings)
{
    if (m_state != State::Disconnected)
        return;
    m_settings = settings;
    m_lines = LineBuffer(settings.maxLineLength);
    setState(State::Connecting);
    // A CR or LF in a name or password would smuggle in a second command.
    for (const QString &s : {settings.user, settings.password}) {
        if (s.contains(QLatin1Char('\r')) || s.contains(QLatin1Char('\n'))) {
            fail(Error::Authentication, tr("The user name or password contains a line break"));
            return;
        }
    }
    m_transport = m_factory(settings.tls, this);
    connect(m_transport, &Transport::connected, this, &Client::onConnected);
    connect(m_transport, &Transport::encrypted, this, &Client::onEncrypted);
    connect(m_transport, &Transport::readyRead, this, &Client::onReadyRead);
    connect(m_transport, &Transport::disconnected, this, &Client::onDisconnected);
    connect(m_transport, &Transport::failed, this, &Client::onTransportFailed);
    m_inFlight.push_back(Pending{Command::Greeting});
    m_timer.start(settings.timeoutMs);
    m_transport->connectToHost(settings.host, settings.port,
                               settings.tls.mode == TlsMode::Implicit);
}

void Client::abort()
{
    if (m_state == State::Closed)
        return;
    fail(m_state == State::Update ? Error::QuitUnconfirmed : Error::ConnectionLost,
         tr("Connection closed by the user"));
}

void Client::stat() { enqueue(Command::Stat); }
void Client::list(int msgNo) { enqueue(Command::List, msgNo); }
void Client::uidl(int msgNo) { enqueue(Command::Uidl, msgNo); }
void Client::retrieve(int msgNo) { enqueue(Command::Retr, msgNo); }
void Client::top(int msgNo, int lines) { enqueue(Command::Top, msgNo, lines); }
void Client::remove(int msgNo) { enqueue(Command::Dele, msgNo); }
void Client::reset() { enqueue(Command::Rset); }
void Client::noop() { enqueue(Command::Noop); }
void Client::quit() { enqueue(Command::Quit); }

bool Client::isEncrypted() const
{
    return m_transport && m_transport->isEncrypted();
}

TlsInfo Client::tlsInfo() const
{
    return m_transport ? m_transport->tlsInfo() : TlsInfo{};
}

void Client::enqueue(Command command, int msgNo, int arg)
{
    if (m_state == State::Closed || m_state == State::Update)
        return;
    // Nothing may follow QUIT.
    if (!m_queue.empty() && m_queue.back().command == Command::Quit)
        return;
    m_queue.push_back(Pending{command, msgNo, arg});
    pump();
}

void Client::pump()
{
    // While a read is being parsed, commands collect and leave in one write at its end.
    if (m_state != State::Transaction || !m_transport || m_parsing)
        return;
    // RFC 2449 §6.6: with PIPELINING many commands may be on the wire, replies come in order.
    // Refill only once half the window has drained: fewer, larger writes.
    const qsizetype window = m_caps.pipelining ? qMax(1, m_settings.pipelineWindow) : 1;
    if (qsizetype(m_inFlight.size()) > window / 2)
        return;
    QByteArray out;
    while (!m_queue.empty() && qsizetype(m_inFlight.size()) < window) {
        const Pending p = m_queue.front();
        m_queue.pop_front();
        const QByteArray line = commandLine(p);
        log(ProtocolLogLine::Direction::Sent, line);
        out += line + "\r\n";
        m_inFlight.push_back(p);
        if (p.command == Command::Quit) {
            setState(State::Update);
            break;
        }
    }
    if (!out.isEmpty()) {
        m_transport->write(out);
        m_timer.start(m_settings.timeoutMs);
    }
}

QByteArray Client::commandLine(const Pending &p) const
{
    const QByteArray n = QByteArray::number(p.msgNo);
    switch (p.command) {
    case Command::Greeting: return {};
    case Command::Capa: return "CAPA";
    case Command::Stls: return "STLS";
    case Command::User: return "USER " + m_settings.user.toUtf8();
    case Command::Pass: return "PASS " + m_settings.password.toUtf8();
    case Command::Apop:
        return "APOP " + m_settings.user.toUtf8() + ' '
            + Parser::apopDigest(m_timestamp, m_settings.password);
    case Command::Auth:
        return "AUTH PLAIN " + Sasl::plainResponse(m_settings.user, m_settings.password);
    case Command::Stat: return "STAT";
    case Command::List: return p.msgNo ? "LIST " + n : QByteArray("LIST");
    case Command::Uidl: return p.msgNo ? "UIDL " + n : QByteArray("UIDL");
    case Command::Retr: return "RETR " + n;
    case Command::Top: return "TOP " + n + ' ' + QByteArray::number(p.arg);
    case Command::Dele: return "DELE " + n;
    case Command::Rset: return "RSET";
    case Command::Noop: return "NOOP";
    case Command::Quit: return "QUIT";
    }
    return {};
}

void Client::send(const Pending &p)
{
    const QByteArray line = commandLine(p);
    switch (p.command) {
    case Command::Pass: log(ProtocolLogLine::Direction::Sent, "PASS <redacted>"); break;
    case Command::Apop:
        log(ProtocolLogLine::Direction::Sent, "APOP " + m_settings.user.toUtf8() + " <redacted>");
        break;
    case Command::Auth: log(ProtocolLogLine::Direction::Sent, "AUTH PLAIN <redacted>"); break;
    default: log(ProtocolLogLine::Direction::Sent, line); break;
    }
    m_inFlight.push_back(p);
    m_transport->write(line + "\r\n");
    m_timer.start(m_settings.timeoutMs);
}

void Client::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Client::fail(Error error, const QString &message)
{
    if (m_state == State::Closed)
        return;
    close();
    log(ProtocolLogLine::Direction::Info, message.toUtf8());
    Q_EMIT failed(error, message);
}

void Client::close()
{
    setState(State::Closed);
    m_timer.stop();
    m_queue.clear();
    m_inFlight.clear();
    m_inMultiLine = false;
    m_chunk.clear();
    if (m_transport) {
        m_transport->close();
        m_transport->deleteLater();
        m_transport = nullptr;
    }
}

void Client::log(ProtocolLogLine::Direction direction, const QByteArray &text)
{
    Q_EMIT logLine(ProtocolLogLine{direction, text, QDateTime::currentDateTimeUtc()});
}

void Client::onConnected()
{
    log(ProtocolLogLine::Direction::Info,
        m_transport->isEncrypted() ? "connected with TLS" : "connected without TLS");
}

void Client::onEncrypted()
{
    m_tlsStarting = false;
    m_tlsDone = true;
    log(ProtocolLogLine::Direction::Info, "TLS established");
    // RFC 2595 §4: capabilities learned before TLS are forgotten; ask again.
    m_caps = Capabilities{};
    send(Pending{Command::Capa});
}

void Client::onReadyRead()
{
    if (!m_transport)
        return;
    if (m_tlsStarting) {
        m_transport->readAll();
        return;
    }
    m_lines.feed(m_transport->readAll());
    const QPointer<Client> guard(this);
    m_parsing = true;
    while (m_state != State::Closed && !m_tlsStarting) {
        const std::optional<QByteArray> line = m_lines.takeLine();
        if (!line)
            break;
        handleLine(*line);
        if (!guard)
            return;
    }
    m_parsing = false;
    if (m_state == State::Closed || m_tlsStarting)
        return;
    if (m_lines.overflowed()) {
        fail(Error::Protocol, tr("%1 sent a line longer than %2 bytes")
                                  .arg(m_settings.host).arg(m_settings.maxLineLength));
        return;
    }
    // Hand over what this read brought; the rest of the message comes with later reads.
    if (m_inMultiLine && !m_inFlight.empty())
        flushChunk(m_inFlight.front().msgNo);
    if (!guard || m_state == State::Closed)
        return;
    pump();
    if (m_inFlight.empty())
        m_timer.stop();
    else
        m_timer.start(m_settings.timeoutMs);
}

void Client::onDisconnected()
{
    if (m_state == State::Closed)
        return;
    onReadyRead(); // the last reply may have come with the close
    if (m_state == State::Closed)
        return;
    if (m_state == State::Update) {
        fail(Error::QuitUnconfirmed,
             tr("The connection to %1 was lost before the server confirmed QUIT: no message "
                "can be assumed deleted").arg(m_settings.host));
    } else if (m_state == State::Connecting) {
        fail(Error::Connection, tr("%1 closed the connection").arg(m_settings.host));
    } else {
        fail(Error::ConnectionLost,
             tr("The connection to %1 was lost: no message was deleted").arg(m_settings.host));
    }
}

void Client::onTransportFailed(const QString &message)
{
    if (m_state == State::Closed)
        return;
    if (m_state == State::Connecting || m_tlsStarting)
        fail(Error::Connection, message);
    else if (m_state == State::Update)
        fail(Error::QuitUnconfirmed, message + tr(" (before QUIT was confirmed: no message can "
                                                  "be assumed deleted)"));
    else
        fail(Error::ConnectionLost, message + tr(" (no message was deleted)"));
}

void Client::handleLine(const QByteArray &line)
{
    if (m_inFlight.empty()) {
        fail(Error::Protocol, tr("%1 sent an unexpected line").arg(m_settings.host));
        return;
    }
    const Pending p = m_inFlight.front();
    if (m_inMultiLine) {
        handleDataLine(p, line);
        return;
    }
    const std::optional<Parser::Status> status = Parser::status(line);
    if (!status) {
        fail(Error::Protocol, tr("%1 sent an invalid reply: %2")
                                  .arg(m_settings.host, QString::fromUtf8(line.left(200))));
        return;
    }
    log(ProtocolLogLine::Direction::Received, line);
    if (status->ok && isMultiLine(p.command, p.msgNo)) {
        m_inMultiLine = true;
        m_multiLines.clear();
        m_listEntries.clear();
        m_uidlEntries.clear();
        m_messageBytes = 0;
        return;
    }
    m_inFlight.pop_front();
    switch (p.command) {
    case Command::Greeting:
    case Command::Capa:
    case Command::Stls:
    case Command::User:
    case Command::Pass:
    case Command::Apop:
    case Command::Auth:
        handleAuthorization(p, *status, line);
        break;
    default:
        handleTransaction(p, *status);
        break;
    }
}

void Client::handleDataLine(const Pending &p, QByteArrayView line)
{
    const std::optional<QByteArrayView> content = Parser::unstuff(line);
    if (!content) {
        m_inMultiLine = false;
        m_inFlight.pop_front();
        finishMultiLine(p);
        return;
    }
    switch (p.command) {
    case Command::Retr:
    case Command::Top:
        // A bare LF from the server becomes CRLF: lenient reading, one line ending out.
        m_chunk.append(*content).append("\r\n");
        m_messageBytes += content->size() + 2;
        if (m_chunk.size() >= ChunkSize)
            flushChunk(p.msgNo);
        break;
    case Command::List:
        if (const auto e = Parser::listEntry(*content))
            m_listEntries.append(*e);
        else
            fail(Error::Protocol, tr("%1 sent an invalid LIST line").arg(m_settings.host));
        break;
    case Command::Uidl:
        if (const auto e = Parser::uidlEntry(*content))
            m_uidlEntries.append(*e);
        else
            fail(Error::Protocol, tr("%1 sent an invalid UIDL line").arg(m_settings.host));
        break;
    case Command::Capa:
        if (m_multiLines.size() < MaxCapaLines) {
            m_multiLines.append(content->toByteArray());
            log(ProtocolLogLine::Direction::Received, m_multiLines.constLast());
        }
        break;
    default:
        break;
    }
}

void Client::finishMultiLine(const Pending &p)
{
    switch (p.command) {
    case Command::Retr:
    case Command::Top:
        flushChunk(p.msgNo);
        log(ProtocolLogLine::Direction::Received,
            "[message " + QByteArray::number(p.msgNo) + ": "
                + QByteArray::number(m_messageBytes) + " octets]");
        Q_EMIT messageComplete(p.msgNo);
        break;
    case Command::List:
        log(ProtocolLogLine::Direction::Received,
            "[" + QByteArray::number(m_listEntries.size()) + " LIST entries]");
        Q_EMIT listReceived(m_listEntries);
        break;
    case Command::Uidl:
        log(ProtocolLogLine::Direction::Received,
            "[" + QByteArray::number(m_uidlEntries.size()) + " UIDL entries]");
        Q_EMIT uidlReceived(m_uidlEntries);
        break;
    case Command::Capa:
        m_caps = Parser::capabilities(m_multiLines);
        afterCapabilities();
        return;
    default:
        break;
    }
    pump();
}

void Client::flushChunk(int msgNo)
{
    if (m_chunk.isEmpty())
        return;
    const QByteArray chunk = std::exchange(m_chunk, QByteArray());
    Q_EMIT messageData(msgNo, chunk);
}

void Client::handleTransaction(const Pending &p, const Parser::Status &status)
{
    if (!status.ok) {
        if (p.command == Command::Quit) {
            fail(Error::UpdateFailed,
                 tr("%1 could not remove all deleted messages: %2")
                     .arg(m_settings.host, QString::fromUtf8(status.text)));
            return;
        }
        Q_EMIT commandFailed(p.command, p.msgNo, QString::fromUtf8(status.text));
        pump();
        return;
    }
    switch (p.command) {
    case Command::Stat:
        if (const auto s = Parser::stat(status.text)) {
            Q_EMIT statReceived(s->first, s->second);
        } else {
            fail(Error::Protocol, tr("%1 sent an invalid STAT reply").arg(m_settings.host));
            return;
        }
        break;
    case Command::List:
    case Command::Uidl: {
        const auto list = p.command == Command::List ? Parser::listEntry(status.text)
                                                     : std::optional<ListEntry>();
        const auto uid = p.command == Command::Uidl ? Parser::uidlEntry(status.text)
                                                    : std::optional<UidlEntry>();
        if (list) {
            Q_EMIT listReceived({*list});
        } else if (uid) {
            Q_EMIT uidlReceived({*uid});
        } else {
            fail(Error::Protocol, tr("%1 sent an invalid reply").arg(m_settings.host));
            return;
        }
        break;
    }
    case Command::Dele:
        m_marked.append(p.msgNo);
        Q_EMIT markedDeleted(p.msgNo);
        break;
    case Command::Rset:
        m_marked.clear();
        Q_EMIT resetDone();
        break;
    case Command::Noop:
        Q_EMIT noopDone();
        break;
    case Command::Quit: {
        // RFC 1939 §6: this +OK is the server's word that the marked messages are gone.
        const QList<int> deleted = std::exchange(m_marked, {});
        close();
        Q_EMIT updateFinished(deleted);
        return;
    }
    default:
        break;
    }
    pump();
}

} // namespace Tern::Pop3
