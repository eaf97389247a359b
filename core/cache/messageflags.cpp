#include "messageflags.h"

namespace Tern {
namespace {

struct SystemFlag {
    MessageFlags::Bit bit;
    QLatin1StringView name;
    QChar letter;
};

const SystemFlag systemFlags[] = {
    {MessageFlags::Seen, QLatin1StringView("\\Seen"), QLatin1Char('S')},
    {MessageFlags::Answered, QLatin1StringView("\\Answered"), QLatin1Char('A')},
    {MessageFlags::Flagged, QLatin1StringView("\\Flagged"), QLatin1Char('F')},
    {MessageFlags::Deleted, QLatin1StringView("\\Deleted"), QLatin1Char('D')},
    {MessageFlags::Draft, QLatin1StringView("\\Draft"), QLatin1Char('T')},
};

} // namespace

MessageFlags::MessageFlags(quint32 bits, const QStringList &keywords)
    : m_bits(bits), m_keywords(keywords)
{
    normalize();
}

MessageFlags MessageFlags::fromImap(const QStringList &flags)
{
    MessageFlags f;
    for (const QString &flag : flags) {
        if (flag.isEmpty())
            continue;
        bool system = false;
        for (const SystemFlag &s : systemFlags) {
            if (flag.compare(s.name, Qt::CaseInsensitive) == 0) {
                f.m_bits |= s.bit;
                system = true;
                break;
            }
        }
        if (!system && flag.compare(QLatin1StringView("\\Recent"), Qt::CaseInsensitive) != 0)
            f.m_keywords.append(flag);
    }
    f.normalize();
    return f;
}

MessageFlags MessageFlags::fromImap(const QByteArrayList &flags)
{
    QStringList list;
    list.reserve(flags.size());
    for (const QByteArray &flag : flags)
        list.append(QString::fromUtf8(flag));
    return fromImap(list);
}

MessageFlags MessageFlags::fromColumns(quint32 bits, const QString &keywords)
{
    MessageFlags f;
    f.m_bits = bits;
    f.m_keywords = keywords.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return f;
}

QStringList MessageFlags::toImap() const
{
    QStringList out;
    for (const SystemFlag &s : systemFlags) {
        if (m_bits & s.bit)
            out.append(s.name);
    }
    out.append(m_keywords);
    return out;
}

bool MessageFlags::hasKeyword(const QString &keyword) const
{
    return m_keywords.contains(keyword);
}

void MessageFlags::add(const MessageFlags &other)
{
    m_bits |= other.m_bits;
    m_keywords.append(other.m_keywords);
    normalize();
}

void MessageFlags::remove(const MessageFlags &other)
{
    m_bits &= ~other.m_bits;
    for (const QString &k : other.m_keywords)
        m_keywords.removeAll(k);
}

QString MessageFlags::letters() const
{
    QString out;
    for (const SystemFlag &s : systemFlags) {
        if (m_bits & s.bit)
            out.append(s.letter);
    }
    return out.isEmpty() ? QStringLiteral("-") : out;
}

void MessageFlags::normalize()
{
    // Keywords are atoms: no spaces can occur, so space-separated text round-trips.
    m_keywords.removeIf(
        [](const QString &k) { return k.isEmpty() || k.contains(QLatin1Char(' ')); });
    m_keywords.sort();
    m_keywords.removeDuplicates();
}

} // namespace Tern
