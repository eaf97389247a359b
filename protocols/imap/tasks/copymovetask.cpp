#include "copymovetask.h"

#include "imapencoder.h"

namespace Tern::Imap {

CopyMoveTask::CopyMoveTask(Mode mode, const QList<quint32> &uids, const QString &destination,
                           QObject *parent)
    : Task(parent), m_uids(uids), m_destination(destination), m_mode(mode)
{
}

void CopyMoveTask::perform()
{
    const bool move = m_mode == Mode::Move && caps().hasMove();
    m_method = move ? "MOVE" : "COPY";
    send(CommandBuilder(move ? "UID MOVE" : "UID COPY")
             .sequenceSet(m_uids)
             .mailbox(m_destination, utf8()));
}

void CopyMoveTask::takeCopyUid(const ResponseCode &code)
{
    if (code.name != "COPYUID" || code.atoms.size() < 2)
        return;
    m_uidValidity = quint32(code.numbers.value(0));
    const QList<quint32> from = expandSequenceSet(code.atoms.at(0));
    const QList<quint32> to = expandSequenceSet(code.atoms.at(1));
    m_map.clear();
    for (qsizetype i = 0; i < qMin(from.size(), to.size()); ++i)
        m_map.append({from.at(i), to.at(i)});
}

bool CopyMoveTask::handleUntagged(const Response &response)
{
    // RFC 6851 §4.3: MOVE sends COPYUID in an untagged OK before the expunges.
    if (const auto *s = std::get_if<StatusResponse>(&response); s && s->code)
        takeCopyUid(*s->code);
    return false;
}

void CopyMoveTask::handleTagged(const StatusResponse &response)
{
    if (response.code)
        takeCopyUid(*response.code);
    if (response.kind != StatusResponse::Kind::Ok || m_mode == Mode::Copy || m_method == "MOVE") {
        Task::handleTagged(response);
        return;
    }
    switch (m_step) {
    case Step::Copy:
        m_step = Step::Store;
        send(CommandBuilder("UID STORE").sequenceSet(m_uids).atom("+FLAGS.SILENT")
                 .list({"\\Deleted"}));
        return;
    case Step::Store:
        m_step = Step::Expunge;
        if (caps().hasUidPlus()) {
            m_method = "COPY+UID EXPUNGE";
            send(CommandBuilder("UID EXPUNGE").sequenceSet(m_uids));
        } else {
            // Without UIDPLUS this also expunges other \Deleted messages: the only way left.
            m_method = "COPY+EXPUNGE";
            send(CommandBuilder("EXPUNGE"));
        }
        return;
    case Step::Expunge:
        Task::handleTagged(response);
        return;
    }
}

} // namespace Tern::Imap
