#include "listtask.h"

#include "imapencoder.h"
#include "tasks/statustask.h"

#include <algorithm>

namespace Tern::Imap {

ListTask::ListTask(const QString &reference, const QString &pattern, QObject *parent)
    : Task(parent), m_reference(reference), m_pattern(pattern)
{
}

void ListTask::perform()
{
    CommandBuilder cmd(m_lsub ? "LSUB" : "LIST");
    cmd.mailbox(m_reference, utf8());
    // The pattern's wildcards must stay atoms: quote only when needed.
    const QByteArray pattern = utf8() ? m_pattern.toUtf8() : encodeMailboxName(m_pattern);
    // list-mailbox (RFC 9051 §9) lets the wildcards * and % stand unquoted.
    const auto listChar = [](char c) {
        return c == '*' || c == '%'
            || (uchar(c) > 0x20 && uchar(c) < 0x7f && c != '(' && c != ')' && c != '{'
                && c != '"' && c != '\\');
    };
    const bool plain = !pattern.isEmpty() && std::all_of(pattern.begin(), pattern.end(), listChar);
    if (plain)
        cmd.atom(pattern);
    else
        cmd.astring(pattern);
    if (!m_lsub) {
        QByteArrayList returns;
        if (caps().hasSpecialUse())
            returns << "SPECIAL-USE";
        if (m_withStatus && caps().hasListStatus())
            returns << "STATUS (" + StatusTask::defaultItems(caps()).join(' ') + ')';
        if (!returns.isEmpty())
            cmd.atom("RETURN").list(returns);
    }
    send(cmd);
}

bool ListTask::handleUntagged(const Response &response)
{
    if (const auto *l = std::get_if<ListData>(&response); l && l->lsub == m_lsub) {
        m_mailboxes.append(*l);
        return true;
    }
    if (const auto *s = std::get_if<StatusData>(&response); s && m_withStatus) {
        m_statuses.insert(s->mailbox, *s);
        return true;
    }
    return false;
}

} // namespace Tern::Imap
