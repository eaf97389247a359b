#include "storetask.h"

#include "imapencoder.h"

namespace Tern::Imap {

StoreTask::StoreTask(const QList<quint32> &ids, Mode mode, const QByteArrayList &flags, bool uid,
                     QObject *parent)
    : Task(parent), m_ids(ids), m_flags(flags), m_mode(mode), m_uid(uid)
{
}

void StoreTask::perform()
{
    CommandBuilder cmd(m_uid ? "UID STORE" : "STORE");
    cmd.sequenceSet(m_ids);
    if (m_unchangedSince > 0)
        cmd.raw(QByteArray("(UNCHANGEDSINCE " + QByteArray::number(m_unchangedSince) + ')'));
    QByteArray item = m_mode == Mode::Add ? "+FLAGS" : m_mode == Mode::Remove ? "-FLAGS" : "FLAGS";
    if (m_silent)
        item += ".SILENT";
    cmd.atom(item);
    cmd.list(m_flags);
    send(cmd);
}

bool StoreTask::handleUntagged(const Response &response)
{
    if (const auto *f = std::get_if<FetchData>(&response)) {
        m_results.append(*f);
        return true;
    }
    return false;
}

void StoreTask::handleTagged(const StatusResponse &response)
{
    if (response.code && response.code->name == "MODIFIED")
        m_modified = expandSequenceSet(response.code->text);
    Task::handleTagged(response);
}

} // namespace Tern::Imap
