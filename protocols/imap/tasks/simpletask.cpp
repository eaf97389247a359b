#include "simpletask.h"

namespace Tern::Imap {

SimpleTask::SimpleTask(const CommandBuilder &command, Concurrency concurrency, QObject *parent)
    : Task(parent), m_command(command), m_concurrency(concurrency)
{
}

SimpleTask *SimpleTask::noop()
{
    return new SimpleTask(CommandBuilder("NOOP"));
}

SimpleTask *SimpleTask::create(const QString &mailbox, bool utf8)
{
    return new SimpleTask(CommandBuilder("CREATE").mailbox(mailbox, utf8));
}

SimpleTask *SimpleTask::remove(const QString &mailbox, bool utf8)
{
    return new SimpleTask(CommandBuilder("DELETE").mailbox(mailbox, utf8));
}

SimpleTask *SimpleTask::rename(const QString &from, const QString &to, bool utf8)
{
    return new SimpleTask(CommandBuilder("RENAME").mailbox(from, utf8).mailbox(to, utf8));
}

SimpleTask *SimpleTask::subscribe(const QString &mailbox, bool on, bool utf8)
{
    return new SimpleTask(CommandBuilder(on ? "SUBSCRIBE" : "UNSUBSCRIBE").mailbox(mailbox, utf8));
}

SimpleTask *SimpleTask::close(bool expunge)
{
    auto *task = new SimpleTask(CommandBuilder(expunge ? "CLOSE" : "UNSELECT"),
                                Concurrency::Exclusive);
    task->m_needsSelected = true;
    task->m_stateAfterOk = Connection::State::Authenticated;
    return task;
}

SimpleTask *SimpleTask::expunge(const QList<quint32> &uids)
{
    // Expunges renumber messages: nothing may run beside them (RFC 9051 §5.5).
    SimpleTask *task = uids.isEmpty()
        ? new SimpleTask(CommandBuilder("EXPUNGE"), Concurrency::Exclusive)
        : new SimpleTask(CommandBuilder("UID EXPUNGE").sequenceSet(uids),
                         Concurrency::Exclusive);
    task->m_needsSelected = true;
    return task;
}

SimpleTask *SimpleTask::notify(const QByteArray &eventGroups)
{
    if (eventGroups.isEmpty())
        return new SimpleTask(CommandBuilder("NOTIFY").atom("NONE"), Concurrency::Exclusive);
    return new SimpleTask(CommandBuilder("NOTIFY").atom("SET").raw(eventGroups),
                          Concurrency::Exclusive);
}

QList<quint32> SimpleTask::expungedSequenceNumbers() const
{
    QList<quint32> out;
    for (const Response &r : m_responses) {
        if (const auto *n = std::get_if<NumberData>(&r); n && n->kind == NumberData::Kind::Expunge)
            out.append(n->number);
    }
    return out;
}

QList<quint32> SimpleTask::vanishedUids() const
{
    QList<quint32> out;
    for (const Response &r : m_responses) {
        if (const auto *v = std::get_if<VanishedData>(&r))
            out += expandSequenceSet(v->uids);
    }
    return out;
}

void SimpleTask::perform()
{
    send(m_command);
}

bool SimpleTask::handleUntagged(const Response &response)
{
    m_responses.append(response);
    return false; // observed, not consumed: later tasks may want it too
}

void SimpleTask::handleTagged(const StatusResponse &response)
{
    if (response.kind == StatusResponse::Kind::Ok && m_stateAfterOk)
        changeState(*m_stateAfterOk);
    Task::handleTagged(response);
}

} // namespace Tern::Imap
