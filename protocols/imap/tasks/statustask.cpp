#include "statustask.h"

#include "imapencoder.h"

namespace Tern::Imap {

StatusTask::StatusTask(const QString &mailbox, const QByteArrayList &items, QObject *parent)
    : Task(parent), m_mailbox(mailbox), m_items(items)
{
}

QByteArrayList StatusTask::defaultItems(const Capabilities &caps)
{
    QByteArrayList items{"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN"};
    if (caps.has("CONDSTORE"))
        items << "HIGHESTMODSEQ";
    if (caps.has("STATUS=SIZE"))
        items << "SIZE";
    return items;
}

std::optional<quint64> StatusTask::value(const QByteArray &item) const
{
    for (const auto &pair : m_result.items) {
        if (pair.first == item)
            return pair.second;
    }
    return std::nullopt;
}

void StatusTask::perform()
{
    if (m_items.isEmpty())
        m_items = defaultItems(caps());
    send(CommandBuilder("STATUS").mailbox(m_mailbox, utf8()).list(m_items));
}

bool StatusTask::handleUntagged(const Response &response)
{
    const auto *s = std::get_if<StatusData>(&response);
    const auto same = [this](const QString &name) {
        return name == m_mailbox
            || (name.compare(QLatin1StringView("INBOX"), Qt::CaseInsensitive) == 0
                && m_mailbox.compare(QLatin1StringView("INBOX"), Qt::CaseInsensitive) == 0);
    };
    if (!s || !same(s->mailbox))
        return false;
    m_result = *s;
    return true;
}

} // namespace Tern::Imap
