#include "searchtask.h"

#include "imapencoder.h"

namespace Tern::Imap {

SearchTask::SearchTask(const QList<SearchKey> &criteria, bool uid, QObject *parent)
    : Task(parent), m_criteria(criteria), m_uid(uid)
{
}

SearchTask *SearchTask::sort(const QByteArrayList &order, const QList<SearchKey> &criteria,
                             bool uid)
{
    auto *task = new SearchTask(criteria, uid);
    task->m_kind = Kind::Sort;
    task->m_order = order;
    return task;
}

SearchTask *SearchTask::thread(const QList<SearchKey> &criteria, bool uid)
{
    auto *task = new SearchTask(criteria, uid);
    task->m_kind = Kind::Thread;
    return task;
}

void SearchTask::perform()
{
    bool ascii = true;
    for (const SearchKey &k : std::as_const(m_criteria)) {
        for (const char c : k.argument)
            ascii = ascii && uchar(c) < 0x80;
    }
    const QByteArray prefix = m_uid ? "UID " : "";
    const QByteArray name = prefix
        + (m_kind == Kind::Sort ? "SORT" : m_kind == Kind::Thread ? "THREAD" : "SEARCH");
    CommandBuilder cmd(name);
    if (m_kind == Kind::Sort) {
        cmd.list(m_order);
        cmd.atom("UTF-8"); // RFC 5256 §3: SORT and THREAD always name a charset
    } else if (m_kind == Kind::Thread) {
        cmd.atom("REFERENCES").atom("UTF-8");
    } else {
        m_esearch = caps().hasESearch();
        if (m_esearch)
            cmd.atom("RETURN").list(m_return);
        if (!ascii)
            cmd.atom("CHARSET").atom("UTF-8");
    }
    if (m_criteria.isEmpty())
        cmd.atom("ALL");
    for (const SearchKey &k : std::as_const(m_criteria)) {
        cmd.atom(k.key);
        if (k.isString)
            cmd.string(k.argument);
        else if (!k.argument.isEmpty())
            cmd.atom(k.argument);
    }
    send(cmd);
}

bool SearchTask::handleUntagged(const Response &response)
{
    if (const auto *s = std::get_if<SearchData>(&response); s && m_kind == Kind::Search) {
        m_ids += s->ids;
        m_modseq = s->modseq;
        return true;
    }
    if (const auto *e = std::get_if<ESearchData>(&response); e && m_kind == Kind::Search) {
        if (!e->tag.isEmpty() && e->tag != tag())
            return false; // another command's result (RFC 4731 §3.1)
        m_ids = expandSequenceSet(e->all);
        m_count = e->count;
        m_min = e->min;
        m_max = e->max;
        m_modseq = e->modseq;
        return true;
    }
    if (const auto *s = std::get_if<SortData>(&response); s && m_kind == Kind::Sort) {
        m_ids += s->ids;
        return true;
    }
    if (const auto *t = std::get_if<ThreadData>(&response); t && m_kind == Kind::Thread) {
        m_threads = t->raw;
        return true;
    }
    return false;
}

} // namespace Tern::Imap
