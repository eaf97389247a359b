#include "imapconnection.h"

#include "deflatestream.h"
#include "imapencoder.h"
#include "imapparser.h"
#include "imaptask.h"
#include "tasks/capabilitytask.h"
#include "tasks/compresstask.h"
#include "tasks/logintask.h"
#include "tasks/logouttask.h"
#include "tasks/simpletask.h"
#include "tasks/starttlstask.h"

namespace Tern::Imap {

namespace {
constexpr qsizetype MaxLoggedLine = 2000;
}

Connection::Connection(TransportFactory factory, QObject *parent)
    : QObject(parent), m_factory(std::move(factory)), m_parser(std::make_unique<Parser>())
{
    m_keepAlive.setSingleShot(true);
    connect(&m_keepAlive, &QTimer::timeout, this, &Connection::onKeepAlive);
    m_responseTimer.setSingleShot(true);
    connect(&m_responseTimer, &QTimer::timeout, this,
            [this] { abort(tr("The server stopped responding")); });
}

Connection::~Connection()
{
    m_failedEmitted = true;
    if (m_transport)
        m_transport->close();
}

void Connection::open(const ConnectionSettings &settings)
{
    m_settings = settings;
    m_failedEmitted = false;
    m_greeted = m_capsFresh = m_tlsDone = m_compressTried = false;
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

Task *Connection::enqueue(Task *task)
{
    if (task->autoDelete())
        task->setParent(this);
    task->m_connection = this;
    m_queue.append(task);
    schedule();
    return task;
}

void Connection::enqueueInternal(Task *task)
{
    task->setParent(this);
    task->m_connection = this;
    m_internal.append(task);
    m_queue.prepend(task);
    connect(task, &Task::finished, this, &Connection::continueOpening);
    connect(task, &Task::failed, this, [this](const QString &m) { abort(m); });
    schedule();
}

void Connection::logout()
{
    if (m_state == State::Disconnected || m_state == State::Logout)
        return;
    auto *task = new LogoutTask;
    connect(task, &Task::finished, this, [this] {
        if (m_transport)
            m_transport->close();
        failAll(tr("Logged out"));
        setState(State::Disconnected);
        Q_EMIT disconnected();
    });
    m_opening = false; // a logout during login ends the attempt
    enqueue(task);
}

void Connection::abort(const QString &reason)
{
    const bool wasUp = m_state != State::Disconnected;
    log(ProtocolLogLine::Direction::Info, "connection closed: " + reason.toUtf8());
    if (m_transport)
        m_transport->close();
    m_keepAlive.stop();
    m_responseTimer.stop();
    m_opening = false;
    failAll(reason);
    setState(State::Disconnected);
    if (!m_failedEmitted) {
        m_failedEmitted = true;
        Q_EMIT failed(reason);
    }
    if (wasUp)
        Q_EMIT disconnected();
}

void Connection::failAll(const QString &message)
{
    const auto tasks = m_running + m_queue;
    m_running.clear();
    m_queue.clear();
    m_byTag.clear();
    m_pendingChunks.clear();
    for (const QPointer<Task> &t : tasks) {
        if (t && !t->isDone()) {
            t->m_connection = nullptr;
            t->fail(message);
            if (t && t->autoDelete())
                t->deleteLater();
        }
    }
}

bool Connection::isEncrypted() const
{
    return m_transport && m_transport->isEncrypted();
}

TlsInfo Connection::tlsInfo() const
{
    return m_transport ? m_transport->tlsInfo() : TlsInfo();
}

void Connection::setKeepAliveSeconds(int seconds)
{
    m_settings.keepAliveSeconds = seconds;
    armTimers();
}

void Connection::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    if (state != State::Selected)
        m_selected.clear();
    Q_EMIT stateChanged(state);
}

void Connection::setCapabilities(const QByteArrayList &list)
{
    m_caps = Capabilities(list);
    m_capsFresh = true;
    // IMAP4rev2 servers send UTF-8 mailbox names (RFC 9051 §5.1).
    if (m_caps.isRev2() && m_enabled.contains("IMAP4REV2")) {
        m_utf8 = true;
        m_parser->setUtf8Mailboxes(true);
    }
    Q_EMIT capabilitiesChanged();
}

void Connection::setEnabled(const QByteArrayList &extensions)
{
    for (const QByteArray &e : extensions) {
        const QByteArray upper = e.toUpper();
        if (!m_enabled.contains(upper))
            m_enabled.append(upper);
        if (upper == "UTF8=ACCEPT" || upper == "UTF8=ONLY" || upper == "IMAP4REV2") {
            m_utf8 = true;
            m_parser->setUtf8Mailboxes(true);
        }
    }
}

void Connection::startTlsNow()
{
    // RFC 9051 §6.2.1: anything after the tagged OK and before the handshake is discarded.
    m_dropRest = true;
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

QByteArray Connection::sendCommand(Task *task, const CommandBuilder &command)
{
    const QByteArray tag = 'A' + QByteArray::number(m_nextTag++);
    QList<QByteArray> chunks = command.chunks(m_caps.hasLiteralPlus(), m_caps.hasLiteralMinus());
    if (chunks.isEmpty())
        return tag;
    m_byTag.insert(tag, task);
    log(ProtocolLogLine::Direction::Sent, tag + ' ' + command.logText());
    writeBytes(tag + ' ' + chunks.takeFirst());
    m_pendingChunks = chunks;
    m_pendingChunksTag = chunks.isEmpty() ? QByteArray() : tag;
    return tag;
}

void Connection::sendContinuationLine(const QByteArray &line, const QByteArray &logText)
{
    log(ProtocolLogLine::Direction::Sent, logText);
    writeBytes(line + "\r\n");
}

void Connection::writeBytes(const QByteArray &bytes)
{
    if (!m_transport)
        return;
    m_transport->write(m_deflate ? m_deflate->deflate(bytes) : bytes);
    armTimers();
}

void Connection::armTimers()
{
    if (m_settings.keepAliveSeconds > 0
        && (m_state == State::Authenticated || m_state == State::Selected))
        m_keepAlive.start(m_settings.keepAliveSeconds * 1000);
    else
        m_keepAlive.stop();
    bool waiting = false;
    for (const QPointer<Task> &t : std::as_const(m_running))
        waiting = waiting || (t && !t->isInterruptible());
    if (waiting && m_settings.responseTimeoutSeconds > 0)
        m_responseTimer.start(m_settings.responseTimeoutSeconds * 1000);
    else
        m_responseTimer.stop();
}

void Connection::onKeepAlive()
{
    if ((m_state == State::Authenticated || m_state == State::Selected) && !m_opening
        && m_queue.isEmpty() && m_running.isEmpty())
        enqueue(new SimpleTask(CommandBuilder("NOOP")));
    else
        armTimers();
}

void Connection::taskDone(Task *task)
{
    m_running.removeAll(task);
    m_queue.removeAll(task);
    m_internal.removeAll(task);
    for (auto it = m_byTag.begin(); it != m_byTag.end();) {
        if (it.value() == task || !it.value())
            it = m_byTag.erase(it);
        else
            ++it;
    }
    if (task->autoDelete())
        task->deleteLater();
    armTimers();
    schedule();
}

void Connection::schedule()
{
    if (m_scheduling) {
        m_reschedule = true;
        return;
    }
    m_scheduling = true;
    do {
        m_reschedule = false;
        while (!m_queue.isEmpty() && m_transport && m_state != State::Disconnected
               && m_state != State::Connecting && m_greeted) {
            QPointer<Task> next = m_queue.first();
            if (!next) {
                m_queue.removeFirst();
                continue;
            }
            if (!m_pendingChunks.isEmpty())
                break; // a literal waits for "+": nothing may interleave
            if (m_opening && !m_internal.contains(next.data()))
                break;
            bool exclusiveRunning = false;
            for (const QPointer<Task> &t : std::as_const(m_running)) {
                if (t && t->isInterruptible())
                    t->interrupt(); // IDLE: send DONE, the queued task follows its OK
                exclusiveRunning = exclusiveRunning
                    || (t && t->concurrency() == Task::Concurrency::Exclusive);
            }
            if (exclusiveRunning)
                break;
            if (next->concurrency() == Task::Concurrency::Exclusive && !m_running.isEmpty())
                break;
            m_queue.removeFirst();
            const bool authed = m_state == State::Authenticated || m_state == State::Selected;
            if ((next->needsAuthenticated() && !authed)
                || (next->needsSelected() && m_state != State::Selected)) {
                next->m_connection = nullptr;
                next->fail(tr("The connection is not in the right state for this command"));
                if (next->autoDelete())
                    next->deleteLater();
                continue;
            }
            m_running.append(next);
            next->perform();
        }
    } while (m_reschedule);
    m_scheduling = false;
    armTimers();
}

void Connection::onConnected()
{
    setState(State::NotAuthenticated);
    log(ProtocolLogLine::Direction::Info, isEncrypted() ? "connected (TLS)" : "connected");
}

void Connection::onEncrypted()
{
    m_tlsDone = true;
    const TlsInfo info = tlsInfo();
    log(ProtocolLogLine::Direction::Info,
        "TLS established: " + info.protocol.toUtf8() + ' ' + info.cipher.toUtf8());
    continueOpening();
}

void Connection::onDisconnected()
{
    if (m_state == State::Logout) {
        failAll(tr("Logged out"));
        setState(State::Disconnected);
        Q_EMIT disconnected();
        return;
    }
    QString reason = m_byeText.isEmpty() ? tr("The server closed the connection")
                                         : tr("The server closed the connection: %1").arg(m_byeText);
    if (!m_parser->atResponseBoundary())
        reason += tr(" (in the middle of a response)");
    abort(reason);
}

void Connection::onReadyRead()
{
    if (!m_transport)
        return;
    QByteArray bytes = m_transport->readAll();
    if (m_deflate) {
        bytes = m_deflate->inflate(bytes);
        if (m_deflate->hasError()) {
            abort(tr("Compressed stream error: %1").arg(m_deflate->errorString()));
            return;
        }
    }
    processBytes(bytes);
}

void Connection::processBytes(const QByteArray &bytes)
{
    QPointer<Connection> self(this);
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        bool boundary = false;
        for (const QPointer<Task> &t : std::as_const(m_running))
            boundary = boundary || (t && t->isBoundary());
        qsizetype end = bytes.size();
        if (boundary) {
            const qsizetype nl = bytes.indexOf('\n', pos);
            end = nl < 0 ? bytes.size() : nl + 1;
        }
        const QByteArray chunk = bytes.mid(pos, end - pos);
        pos = end;
        logReceived(chunk);
        m_parser->feed(chunk);
        while (auto response = m_parser->next()) {
            handleResponse(*response);
            if (!self || !m_transport || m_dropRest || m_compressStartPending)
                break;
        }
        if (!self || !m_transport)
            return;
        if (m_parser->hasError()) {
            abort(tr("Protocol error: %1").arg(m_parser->errorString()));
            return;
        }
        if (m_dropRest) {
            m_dropRest = false;
            if (pos < bytes.size())
                log(ProtocolLogLine::Direction::Info,
                    "discarded " + QByteArray::number(bytes.size() - pos)
                        + " bytes received before the TLS handshake");
            return;
        }
        if (m_compressStartPending) {
            m_compressStartPending = false;
            const QByteArray rest = m_deflate->inflate(bytes.mid(pos));
            if (m_deflate->hasError()) {
                abort(tr("Compressed stream error: %1").arg(m_deflate->errorString()));
                return;
            }
            processBytes(rest);
            return;
        }
    }
    armTimers();
}

void Connection::handleResponse(const Response &response)
{
    if (const auto *status = std::get_if<StatusResponse>(&response)) {
        if (status->code && status->code->name == "CAPABILITY")
            setCapabilities(status->code->atoms);
        if (!m_greeted && status->tag.isEmpty()) {
            handleGreeting(*status);
            return;
        }
        if (!status->tag.isEmpty()) {
            if (status->tag == m_pendingChunksTag) {
                m_pendingChunks.clear(); // the server refused the literal
                m_pendingChunksTag.clear();
            }
            const QPointer<Task> task = m_byTag.take(status->tag);
            if (task && !task->isDone())
                task->handleTagged(*status);
            else
                log(ProtocolLogLine::Direction::Info, "tagged response for unknown command");
            return;
        }
        handleUntaggedStatus(*status);
    } else if (const auto *cont = std::get_if<ContinuationRequest>(&response)) {
        if (!m_pendingChunks.isEmpty()) {
            const QByteArray chunk = m_pendingChunks.takeFirst();
            if (m_pendingChunks.isEmpty())
                m_pendingChunksTag.clear();
            writeBytes(chunk);
            schedule();
            return;
        }
        for (const QPointer<Task> &t : std::as_const(m_running)) {
            if (t && t->concurrency() == Task::Concurrency::Exclusive) {
                t->handleContinuation(*cont);
                return;
            }
        }
        log(ProtocolLogLine::Direction::Info, "unexpected continuation request ignored");
        return;
    } else if (const auto *caps = std::get_if<CapabilityData>(&response)) {
        setCapabilities(caps->capabilities);
    } else if (const auto *number = std::get_if<NumberData>(&response)) {
        switch (number->kind) {
        case NumberData::Kind::Exists: Q_EMIT existsChanged(number->number); break;
        case NumberData::Kind::Recent: Q_EMIT recentChanged(number->number); break;
        case NumberData::Kind::Expunge: Q_EMIT expunged(number->number); break;
        }
    } else if (const auto *fetch = std::get_if<FetchData>(&response)) {
        Q_EMIT fetchReceived(*fetch);
    } else if (const auto *gone = std::get_if<VanishedData>(&response)) {
        Q_EMIT vanished(gone->uids, gone->earlier);
    } else if (const auto *flags = std::get_if<FlagsData>(&response)) {
        Q_EMIT mailboxFlags(flags->flags);
    } else if (const auto *st = std::get_if<StatusData>(&response)) {
        Q_EMIT mailboxStatus(*st);
    } else if (const auto *enabled = std::get_if<EnabledData>(&response)) {
        setEnabled(enabled->capabilities);
    }
    // Oldest task first: servers answer pipelined commands in order.
    const auto running = m_running;
    for (const QPointer<Task> &t : running) {
        if (t && !t->isDone() && t->handleUntagged(response))
            break;
    }
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

void Connection::handleUntaggedStatus(const StatusResponse &status)
{
    if (status.code && status.code->name == "ALERT")
        Q_EMIT alert(status.text);
    if (status.kind == StatusResponse::Kind::Bye) {
        m_byeText = status.text;
        Q_EMIT byeReceived(status.text);
    }
}

void Connection::continueOpening()
{
    if (!m_opening || !m_greeted || !m_transport)
        return;
    for (Task *t : std::as_const(m_internal)) {
        if (t && !t->isDone())
            return; // one opening step at a time
    }
    if (m_settings.tls.mode == TlsMode::StartTls && m_transport->isEncrypted() == false
        && m_tlsDone == false && m_state == State::NotAuthenticated) {
        if (!m_capsFresh) {
            enqueueInternal(new CapabilityTask);
            return;
        }
        // RFC 8314 §4.1 / RFC 3207-style stripping: never fall back to plaintext.
        if (!m_caps.has("STARTTLS")) {
            abort(tr("The server does not offer STARTTLS, but this account requires it"));
            return;
        }
        enqueueInternal(new StartTlsTask);
        return;
    }
    if (m_tlsDone == false && m_settings.tls.mode == TlsMode::StartTls && !isEncrypted())
        return; // handshake still running: onEncrypted() continues
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
