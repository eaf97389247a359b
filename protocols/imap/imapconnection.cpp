#include "imapconnection.h"

#include "deflatestream.h"
#include "imapencoder.h"
#include "imapparser.h"
#include "imaptask.h"
#include "tasks/logouttask.h"
#include "tasks/simpletask.h"

namespace Tern::Imap {

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

Task *Connection::enqueue(Task *task)
{
    if (task->autoDelete())
        task->setParent(this);
    task->m_connection = this;
    if (m_state == State::Disconnected && m_transport) {
        // Opened once and gone: nothing will ever run this task.
        task->fail(tr("Not connected"));
        return task;
    }
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
    Q_EMIT capabilitiesChanged();
}

void Connection::setEnabled(const QByteArrayList &extensions)
{
    for (const QByteArray &e : extensions) {
        const QByteArray upper = e.toUpper();
        if (!m_enabled.contains(upper))
            m_enabled.append(upper);
        // RFC 6855 §3 and RFC 9051 §5.1: from now on mailbox names travel as UTF-8.
        if (upper == "UTF8=ACCEPT" || upper == "UTF8=ONLY" || upper == "IMAP4REV2") {
            m_utf8 = true;
            m_parser->setUtf8Mailboxes(true);
        }
    }
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

void Connection::onDisconnected()
{
    if (m_state == State::Logout) {
        failAll(tr("Logged out"));
        setState(State::Disconnected);
        Q_EMIT disconnected();
        return;
    }
    QString reason = tr("The server closed the connection");
    if (!m_byeText.isEmpty())
        reason += QStringLiteral(": ") + m_byeText;
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

void Connection::handleUntaggedStatus(const StatusResponse &status)
{
    if (status.code && status.code->name == "ALERT")
        Q_EMIT alert(status.text);
    if (status.kind == StatusResponse::Kind::Bye) {
        m_byeText = status.text;
        Q_EMIT byeReceived(status.text);
    }
}

} // namespace Tern::Imap
