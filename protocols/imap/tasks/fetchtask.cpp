#include "fetchtask.h"

#include "imapencoder.h"

namespace Tern::Imap {

FetchTask::FetchTask(const QByteArray &set, const QByteArrayList &items, bool uid,
                     QObject *parent)
    : Task(parent), m_set(set), m_items(items), m_uid(uid)
{
}

FetchTask::FetchTask(const QList<quint32> &ids, const QByteArrayList &items, bool uid,
                     QObject *parent)
    : FetchTask(compressSequenceSet(ids), items, uid, parent)
{
}

void FetchTask::setChangedSince(quint64 modseq, bool vanished)
{
    m_changedSince = modseq;
    m_withVanished = vanished;
}

QByteArrayList FetchTask::summaryItems(const Capabilities &caps)
{
    QByteArrayList items{"UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE",
                         "BODYSTRUCTURE"};
    if (caps.has("CONDSTORE"))
        items << "MODSEQ";
    if (caps.has("PREVIEW"))
        items << "PREVIEW";
    if (caps.has("SAVEDATE"))
        items << "SAVEDATE";
    if (caps.has("OBJECTID"))
        items << "EMAILID" << "THREADID";
    return items;
}

QByteArray FetchTask::partItem(const Capabilities &caps, const QByteArray &section, bool decode)
{
    // BINARY has no HEADER/TEXT sections (RFC 3516 §4.2): those stay BODY.PEEK.
    const bool numeric = !section.isEmpty() && (section.at(0) >= '0' && section.at(0) <= '9')
        && !section.contains("HEADER") && !section.contains("TEXT") && !section.contains("MIME");
    if (decode && numeric && caps.hasBinary())
        return "BINARY.PEEK[" + section + ']';
    return "BODY.PEEK[" + section + ']';
}

void FetchTask::perform()
{
    CommandBuilder cmd(m_uid ? "UID FETCH" : "FETCH");
    cmd.raw(m_set);
    cmd.list(m_items);
    if (m_changedSince > 0) {
        QByteArray modifiers = "(CHANGEDSINCE " + QByteArray::number(m_changedSince);
        // VANISHED needs QRESYNC enabled and a UID FETCH (RFC 7162 §3.2.6).
        if (m_withVanished && m_uid && connection()->enabledExtensions().contains("QRESYNC"))
            modifiers += " VANISHED";
        cmd.raw(QByteArray(modifiers + ')'));
    }
    send(cmd);
}

bool FetchTask::handleUntagged(const Response &response)
{
    if (const auto *f = std::get_if<FetchData>(&response)) {
        m_results.append(*f);
        return true;
    }
    if (const auto *v = std::get_if<VanishedData>(&response); v && v->earlier) {
        m_vanished += expandSequenceSet(v->uids);
        return true;
    }
    return false;
}

} // namespace Tern::Imap
