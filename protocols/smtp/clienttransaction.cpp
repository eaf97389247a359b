// The mail transactions of Smtp::Client: MAIL, RCPT, DATA or BDAT, RSET; RFC 5321 §3.3,
// pipelined as RFC 2920 allows.
#include "client.h"
#include "wireformat.h"

namespace Tern::Smtp {
namespace {

// Transactions written ahead of their replies; bounds memory, not correctness.
constexpr qsizetype MaxTransactionsInFlight = 64;
constexpr qsizetype MaxBytesInFlight = 8 * 1024 * 1024;

Outcome outcomeFor(const Reply &reply)
{
    if (reply.isPositive())
        return Outcome::Sent;
    return reply.isPermanent() ? Outcome::PermanentFailure : Outcome::TemporaryFailure;
}

} // namespace

quint64 Client::send(const Envelope &envelope, const QByteArray &message)
{
    const quint64 id = m_nextId++;
    Transaction t;
    t.envelope = envelope;
    t.message = WireFormat::normaliseLineEndings(message);
    t.result.error = envelope.validate();
    const bool refused = !t.result.error.isEmpty();
    m_transactions.insert(id, std::move(t));
    if (refused) {
        // Refused before anything is sent; reported after send() returned the id.
        QMetaObject::invokeMethod(this, [this, id] {
            if (m_transactions.contains(id))
                finishTransaction(id, Outcome::PermanentFailure, Reply(),
                                  m_transactions.value(id).result.error);
        }, Qt::QueuedConnection);
        return id;
    }
    m_queue.append(id);
    if (m_state == State::Disconnected || m_state == State::Closed)
        connectNow();
    else if (m_state == State::Ready)
        pump();
    return id;
}

QString Client::refusal(const Transaction &t) const
{
    if (t.envelope.needsSmtpUtf8() && !m_caps.smtpUtf8)
        return tr("%1 does not support SMTPUTF8, which the non-ASCII addresses need")
            .arg(m_settings.host);
    // Re-encoding to 7 bit is the composer's job, not ours (RFC 6152 §3).
    if (WireFormat::hasEightBit(t.message) && !m_caps.eightBitMime)
        return tr("The message contains 8-bit data and %1 does not accept 8BITMIME; it has to "
                  "be encoded as 7-bit first").arg(m_settings.host);
    // RFC 1870 §6: do not send what the server already said it will refuse.
    if (m_caps.sizeLimit > 0 && t.message.size() > m_caps.sizeLimit)
        return tr("The message is %1 bytes, more than the %2 bytes %3 accepts")
            .arg(t.message.size()).arg(m_caps.sizeLimit).arg(m_settings.host);
    return QString();
}

bool Client::startTransaction(quint64 id)
{
    const QString why = refusal(m_transactions.value(id));
    if (!why.isEmpty()) {
        finishTransaction(id, Outcome::PermanentFailure, Reply(), why);
        return false;
    }
    const Transaction &t = m_transactions[id];
    const qsizetype started = m_transactions.size() - m_queue.size();
    // Another transaction still in flight may fail and leave its MAIL open on the server.
    if (m_sessionDirty || started > 1)
        m_todo.append(Step{Step::Rset, id});
    m_todo.append(Step{Step::Mail, id});
    for (int i = 0; i < t.envelope.recipients.size(); ++i)
        m_todo.append(Step{Step::Rcpt, id, i});
    if (useBdat()) {
        m_todo.append(Step{Step::Bdat, id});
    } else {
        m_todo.append(Step{Step::Data, id});
        m_todo.append(Step{Step::Content, id});
    }
    return true;
}

void Client::pump()
{
    if (m_state != State::Ready || !m_transport)
        return;
    while (!m_queue.isEmpty()) {
        const bool idle = m_todo.isEmpty() && m_inFlight.isEmpty();
        const qsizetype started = m_transactions.size() - m_queue.size();
        if (!idle && !(m_caps.pipelining && started < MaxTransactionsInFlight
                       && m_bytesInFlight < MaxBytesInFlight))
            break;
        startTransaction(m_queue.takeFirst());
        if (!m_transport)
            return;   // a slot connected to messageFinished aborted us
    }
    // RFC 2920 §3.1: everything up to DATA goes in one write; the message content may start
    // the next group. Without PIPELINING, one command at a time.
    QByteArray out;
    while (!m_todo.isEmpty()) {
        if (!m_inFlight.isEmpty() && (!m_caps.pipelining || m_dataInFlight > 0))
            break;
        const Step step = m_todo.takeFirst();
        appendStep(out, step);
        m_inFlight.append(step);
        if (step.kind == Step::Data)
            ++m_dataInFlight;
    }
    if (!out.isEmpty())
        m_transport->write(out);
    if (m_queue.isEmpty() && m_todo.isEmpty() && m_inFlight.isEmpty() && m_quitRequested) {
        setState(State::Quitting);
        writeCommand("QUIT");
    }
    armTimer();
}

void Client::appendStep(QByteArray &out, const Step &step)
{
    if (step.kind == Step::Rset) {
        // Its transaction may be over already (all recipients refused).
        log(ProtocolLogLine::Direction::Sent, "RSET");
        out += "RSET\r\n";
        return;
    }
    Transaction &t = m_transactions[step.id];
    QByteArray line;
    switch (step.kind) {
    case Step::Rset:
        break;
    case Step::Mail:
        line = "MAIL FROM:<" + t.envelope.from.toUtf8() + '>';
        if (m_caps.hasSize)
            line += " SIZE=" + QByteArray::number(t.message.size());
        if (m_caps.eightBitMime && WireFormat::hasEightBit(t.message))
            line += " BODY=8BITMIME";
        if (t.envelope.needsSmtpUtf8())
            line += " SMTPUTF8";
        break;
    case Step::Rcpt:
        line = "RCPT TO:<" + t.envelope.recipients.at(step.index).toUtf8() + '>';
        break;
    case Step::Data:
        line = "DATA";
        break;
    case Step::Content:
        t.contentWritten = true;
        m_bytesInFlight += t.message.size();
        // RFC 2920 §3.1: with no recipient accepted, a lone dot ends the accepted DATA.
        if (t.accepted == 0) {
            log(ProtocolLogLine::Direction::Sent, ".");
            out += ".\r\n";
        } else {
            log(ProtocolLogLine::Direction::Sent,
                '<' + QByteArray::number(t.message.size()) + " bytes of message data>");
            log(ProtocolLogLine::Direction::Sent, ".");
            out += WireFormat::dotStuff(t.message);
        }
        return;
    case Step::Bdat:
        // RFC 3030 §2: the chunk is sent as is, without dot-stuffing, in the same write.
        t.contentWritten = true;
        m_bytesInFlight += t.message.size();
        line = "BDAT " + QByteArray::number(t.message.size()) + " LAST";
        log(ProtocolLogLine::Direction::Sent, line);
        log(ProtocolLogLine::Direction::Sent,
            '<' + QByteArray::number(t.message.size()) + " bytes of message data>");
        out += line + "\r\n" + t.message;
        return;
    }
    log(ProtocolLogLine::Direction::Sent, line);
    out += line + "\r\n";
}

void Client::handleStepReply(const Step &step, const Reply &reply)
{
    if (step.kind == Step::Data)
        --m_dataInFlight;
    if (step.kind == Step::Rset) {
        if (reply.code == 250)
            m_sessionDirty = false;
        return;
    }
    const auto it = m_transactions.find(step.id);
    if (it == m_transactions.end())
        return;
    Transaction &t = *it;
    switch (step.kind) {
    case Step::Mail:
        return onMailReply(t, step, reply);
    case Step::Rcpt:
        return onRcptReply(t, step, reply);
    case Step::Data:
    case Step::Content:
    case Step::Bdat:
        return onDataReply(t, step, reply);
    case Step::Rset:
        break;
    }
}

void Client::onMailReply(Transaction &t, const Step &step, const Reply &reply)
{
    t.mailOk = reply.code == 250;
    t.result.reply = reply;
    if (!t.mailOk && !m_caps.pipelining) {
        dropSteps(step.id);
        finishTransaction(step.id, outcomeFor(reply), reply,
                          tr("The server refused the sender %1: %2")
                              .arg(t.envelope.from, reply.text()));
    }
}

void Client::onRcptReply(Transaction &t, const Step &step, const Reply &reply)
{
    RecipientResult r;
    r.address = t.envelope.recipients.at(step.index);
    r.reply = reply;
    r.accepted = reply.code == 250 || reply.code == 251;
    r.permanent = reply.isPermanent();
    t.result.recipients.append(r);
    if (r.accepted)
        ++t.accepted;
    if (t.result.recipients.size() == t.envelope.recipients.size() && t.accepted == 0
        && !m_caps.pipelining) {
        // Nothing to send to: close the open transaction instead of sending DATA.
        dropSteps(step.id);
        m_todo.prepend(Step{Step::Rset, step.id});
        onDataReply(t, step, Reply());
    }
}

void Client::onDataReply(Transaction &t, const Step &step, const Reply &reply)
{
    if (step.kind == Step::Data && reply.code == 354)
        return;   // the Content step is next in m_todo
    if (step.kind == Step::Data)
        dropSteps(step.id);
    const quint64 id = step.id;
    if (!t.mailOk)
        return finishTransaction(id, outcomeFor(t.result.reply), t.result.reply,
                                 tr("The server refused the sender %1: %2")
                                     .arg(t.envelope.from, t.result.reply.text()));
    if (t.accepted == 0) {
        bool anyTemporary = false;
        for (const RecipientResult &r : std::as_const(t.result.recipients))
            anyTemporary = anyTemporary || !r.permanent;
        const Reply last = t.result.recipients.isEmpty() ? Reply()
                                                         : t.result.recipients.last().reply;
        return finishTransaction(id, anyTemporary ? Outcome::TemporaryFailure
                                                  : Outcome::PermanentFailure, last,
                                 tr("The server accepted none of the recipients: %1")
                                     .arg(last.text()));
    }
    const Outcome outcome = reply.code == 250 ? Outcome::Sent : outcomeFor(reply);
    QString error;
    if (outcome != Outcome::Sent) {
        error = tr("The server refused the message: %1").arg(reply.text());
    } else if (t.accepted < t.envelope.recipients.size()) {
        QStringList refused;
        for (const RecipientResult &r : std::as_const(t.result.recipients)) {
            if (!r.accepted)
                refused << r.address + QStringLiteral(" (") + r.reply.text() + u')';
        }
        error = tr("Not sent to: %1").arg(refused.join(QStringLiteral(", ")));
    }
    finishTransaction(id, outcome, reply, error);
}

void Client::dropSteps(quint64 id)
{
    m_todo.removeIf([id](const Step &s) { return s.id == id; });
}

void Client::finishTransaction(quint64 id, Outcome outcome, Reply reply, QString error)
{
    Transaction t = m_transactions.take(id);
    m_queue.removeOne(id);
    if (t.contentWritten)
        m_bytesInFlight -= t.message.size();
    t.result.outcome = outcome;
    t.result.reply = std::move(reply);
    t.result.error = std::move(error);
    m_sessionDirty = outcome != Outcome::Sent;
    Q_EMIT messageFinished(id, t.result);
}

} // namespace Tern::Smtp
