#include "imapencoder.h"

#include <algorithm>

namespace Tern::Imap {

namespace {

// Strings longer than this go as literals: keeps command lines short for picky servers.
constexpr qsizetype maxQuotedLength = 1024;
// RFC 7888 §5: LITERAL- allows non-synchronising literals up to 4096 bytes.
constexpr qsizetype literalMinusMax = 4096;

// ASTRING-CHAR, RFC 3501 §9: ATOM-CHAR or "]".
bool isAstringChar(char c)
{
    if (uchar(c) <= 0x20 || uchar(c) >= 0x7f)
        return false;
    switch (c) {
    case '(': case ')': case '{': case '%': case '*': case '"': case '\\':
        return false;
    default:
        return true;
    }
}

bool quotable(QByteArrayView s)
{
    if (s.size() > maxQuotedLength)
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return uchar(c) >= 0x01 && uchar(c) <= 0x7f && c != '\r' && c != '\n';
    });
}

QByteArray quote(QByteArrayView s)
{
    QByteArray out;
    out.reserve(s.size() + 2);
    out.append('"');
    for (char c : s) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    out.append('"');
    return out;
}

} // namespace

CommandBuilder::CommandBuilder(QByteArrayView name) : m_name(name.toByteArray()) {}

CommandBuilder &CommandBuilder::atom(QByteArrayView a)
{
    m_parts.append({a.toByteArray()});
    return *this;
}

CommandBuilder &CommandBuilder::addString(QByteArrayView s, bool secret)
{
    if (quotable(s)) {
        m_parts.append({quote(s), false, false, secret});
        return *this;
    }
    const bool hasNul = s.contains('\0');
    if (hasNul && !m_binaryAllowed)
        m_valid = false; // RFC 3501 §4.3: NUL is only allowed in literal8 (RFC 3516)
    m_parts.append({s.toByteArray(), true, hasNul, secret});
    return *this;
}

CommandBuilder &CommandBuilder::string(QByteArrayView s)
{
    return addString(s, false);
}

CommandBuilder &CommandBuilder::astring(QByteArrayView s)
{
    if (!s.isEmpty() && std::all_of(s.begin(), s.end(), isAstringChar)) {
        m_parts.append({s.toByteArray()});
        return *this;
    }
    return addString(s, false);
}

CommandBuilder &CommandBuilder::secret(QByteArrayView s)
{
    if (!s.isEmpty() && std::all_of(s.begin(), s.end(), isAstringChar)) {
        m_parts.append({s.toByteArray(), false, false, true});
        return *this;
    }
    return addString(s, true);
}

CommandBuilder &CommandBuilder::mailbox(const QString &name, bool utf8)
{
    if (name.compare(QLatin1StringView("INBOX"), Qt::CaseInsensitive) == 0)
        return atom("INBOX");
    return astring(utf8 ? name.toUtf8() : encodeMailboxName(name));
}

CommandBuilder &CommandBuilder::literal(QByteArrayView data, bool binary)
{
    if (!binary && data.contains('\0'))
        m_valid = false;
    m_parts.append({data.toByteArray(), true, binary, false});
    return *this;
}

CommandBuilder &CommandBuilder::sequenceSet(QList<quint32> ids)
{
    return atom(compressSequenceSet(std::move(ids)));
}

CommandBuilder &CommandBuilder::list(const QByteArrayList &items)
{
    return atom(QByteArray('(' + items.join(' ') + ')'));
}

CommandBuilder &CommandBuilder::raw(QByteArrayView text)
{
    return atom(text);
}

CommandBuilder &CommandBuilder::setBinaryAllowed(bool on)
{
    m_binaryAllowed = on;
    return *this;
}

QList<QByteArray> CommandBuilder::chunks(bool literalPlus, bool literalMinus) const
{
    QList<QByteArray> out;
    QByteArray current = m_name;
    for (const Part &part : m_parts) {
        current.append(' ');
        if (!part.literal) {
            current.append(part.text);
            continue;
        }
        const bool plus = literalPlus || (literalMinus && part.text.size() <= literalMinusMax);
        if (part.binary)
            current.append('~');
        current.append('{' + QByteArray::number(part.text.size()) + (plus ? "+}\r\n" : "}\r\n"));
        if (!plus) {
            out.append(current);
            current.clear();
        }
        current.append(part.text);
    }
    current.append("\r\n");
    out.append(current);
    return out;
}

QByteArray CommandBuilder::logText() const
{
    QByteArray out = m_name;
    for (const Part &part : m_parts) {
        out.append(' ');
        if (part.secret)
            out.append("***");
        else if (part.literal)
            out.append((part.binary ? "~{" : "{") + QByteArray::number(part.text.size())
                       + "} <" + QByteArray::number(part.text.size()) + " bytes>");
        else
            out.append(part.text);
    }
    return out;
}

QByteArray compressSequenceSet(QList<quint32> ids)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    QByteArray out;
    for (qsizetype i = 0; i < ids.size();) {
        qsizetype j = i;
        while (j + 1 < ids.size() && ids[j + 1] == ids[j] + 1)
            ++j;
        if (!out.isEmpty())
            out.append(',');
        out.append(QByteArray::number(ids[i]));
        if (j > i)
            out.append(':' + QByteArray::number(ids[j]));
        i = j + 1;
    }
    return out;
}

} // namespace Tern::Imap
