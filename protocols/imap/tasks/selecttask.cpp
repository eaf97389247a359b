#include "selecttask.h"

#include "imapencoder.h"

namespace Tern::Imap {

SelectTask::SelectTask(const QString &mailbox, bool readOnly, QObject *parent)
    : Task(parent), m_mailbox(mailbox), m_readOnly(readOnly)
{
}

void SelectTask::perform()
{
    CommandBuilder cmd(m_readOnly ? "EXAMINE" : "SELECT");
    cmd.mailbox(m_mailbox, utf8());
    const bool qresync = connection()->enabledExtensions().contains("QRESYNC");
    if (m_qresync && qresync && m_qresync->uidValidity != 0) {
        QByteArray params = "(QRESYNC (" + QByteArray::number(m_qresync->uidValidity) + ' '
            + QByteArray::number(m_qresync->modseq);
        if (!m_qresync->knownUids.isEmpty())
            params += ' ' + m_qresync->knownUids;
        cmd.raw(QByteArray(params + "))"));
    } else if ((m_condstore || m_qresync) && caps().has("CONDSTORE")) {
        cmd.raw("(CONDSTORE)");
    }
    send(cmd);
}

void SelectTask::applyCode(const ResponseCode &code)
{
    const quint64 n = code.numbers.value(0);
    if (code.name == "UIDVALIDITY")
        m_info.uidValidity = quint32(n);
    else if (code.name == "UIDNEXT")
        m_info.uidNext = quint32(n);
    else if (code.name == "UNSEEN")
        m_info.unseen = quint32(n);
    else if (code.name == "HIGHESTMODSEQ")
        m_info.highestModseq = n;
    else if (code.name == "NOMODSEQ")
        m_info.noModseq = true;
    else if (code.name == "PERMANENTFLAGS")
        m_info.permanentFlags = code.atoms;
    else if (code.name == "READ-ONLY")
        m_info.readOnly = true;
    else if (code.name == "READ-WRITE")
        m_info.readOnly = false;
    else if (code.name == "CLOSED")
        m_info = MailboxInfo(); // RFC 7162 §3.2.11: what came before was the old mailbox
}

bool SelectTask::handleUntagged(const Response &response)
{
    if (const auto *n = std::get_if<NumberData>(&response)) {
        if (n->kind == NumberData::Kind::Exists)
            m_info.exists = n->number;
        else if (n->kind == NumberData::Kind::Recent)
            m_info.recent = n->number;
        return n->kind != NumberData::Kind::Expunge;
    }
    if (const auto *f = std::get_if<FlagsData>(&response)) {
        m_info.flags = f->flags;
        return true;
    }
    if (const auto *s = std::get_if<StatusResponse>(&response)) {
        if (s->code && s->kind == StatusResponse::Kind::Ok)
            applyCode(*s->code);
        return false;
    }
    if (const auto *v = std::get_if<VanishedData>(&response)) {
        m_info.vanished += expandSequenceSet(v->uids);
        return true;
    }
    if (const auto *f = std::get_if<FetchData>(&response)) {
        m_info.changed.append(*f);
        return true;
    }
    return false;
}

void SelectTask::handleTagged(const StatusResponse &response)
{
    if (response.code)
        applyCode(*response.code);
    if (response.kind == StatusResponse::Kind::Ok) {
        changeState(Connection::State::Selected);
        setSelectedMailbox(m_mailbox);
    } else if (connection()->state() == Connection::State::Selected) {
        // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected.
        changeState(Connection::State::Authenticated);
    }
    Task::handleTagged(response);
}

} // namespace Tern::Imap
