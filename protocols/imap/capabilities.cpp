#include "capabilities.h"

namespace Tern::Imap {

Capabilities::Capabilities(const QByteArrayList &list)
{
    for (const QByteArray &c : list) {
        const QByteArray upper = c.toUpper();
        if (!m_set.contains(upper)) {
            m_set.insert(upper);
            m_list.append(upper);
        }
    }
}

bool Capabilities::has(QByteArrayView name) const
{
    return m_set.contains(name.toByteArray().toUpper());
}

QByteArrayList Capabilities::authMechanisms() const
{
    QByteArrayList out;
    for (const QByteArray &c : m_list) {
        if (c.startsWith("AUTH="))
            out.append(c.mid(5));
    }
    return out;
}

std::optional<quint64> Capabilities::appendLimit() const
{
    for (const QByteArray &c : m_list) {
        if (!c.startsWith("APPENDLIMIT="))
            continue;
        bool ok = false;
        const quint64 n = c.mid(12).toULongLong(&ok);
        if (ok)
            return n;
    }
    return std::nullopt;
}

} // namespace Tern::Imap
