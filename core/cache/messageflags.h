#pragma once

#include <QByteArrayList>
#include <QString>
#include <QStringList>

namespace Tern {

/// A message's flags as the cache stores them: system flags as a bitmask (messages.flags) and
/// every other keyword as sorted, space-separated text (messages.keywords). RFC 9051 §2.3.2.
class MessageFlags
{
public:
    enum Bit : quint32 {
        Seen = 1,
        Answered = 2,
        Flagged = 4,
        Deleted = 8,
        Draft = 16,
    };

    MessageFlags() = default;
    MessageFlags(quint32 bits, const QStringList &keywords);

    /// Parses an IMAP flag list; system flags are case-insensitive, \Recent is dropped
    /// (it is session state, RFC 9051 §2.3.2).
    static MessageFlags fromImap(const QByteArrayList &flags);
    static MessageFlags fromImap(const QStringList &flags);
    /// Reads the cache's columns.
    static MessageFlags fromColumns(quint32 bits, const QString &keywords);

    /// The IMAP flag list, system flags first (\Seen \Answered \Flagged \Deleted \Draft).
    QStringList toImap() const;
    /// The text stored in messages.keywords: sorted, unique, space-separated.
    QString keywordsText() const { return m_keywords.join(QLatin1Char(' ')); }

    quint32 bits() const { return m_bits; }
    const QStringList &keywords() const { return m_keywords; }
    bool has(Bit bit) const { return (m_bits & bit) != 0; }
    bool hasKeyword(const QString &keyword) const;

    /// Adds everything in other (flags and keywords).
    void add(const MessageFlags &other);
    /// Removes everything in other.
    void remove(const MessageFlags &other);
    bool isEmpty() const { return m_bits == 0 && m_keywords.isEmpty(); }

    /// Short letters for listings: S(een) A(nswered) F(lagged) D(eleted) T (draft), or '-'.
    QString letters() const;

    friend bool operator==(const MessageFlags &, const MessageFlags &) = default;

private:
    void normalize();
    quint32 m_bits = 0;
    QStringList m_keywords;
};

} // namespace Tern
