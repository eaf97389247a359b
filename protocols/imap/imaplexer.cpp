#include "imaplexer.h"

#include "mutf7.h"

#include <array>
#include <cstring>

namespace Tern::Imap::Detail {

namespace {

// ATOM-CHAR, RFC 3501 §9: any CHAR except atom-specials. 8-bit bytes are accepted so that
// UTF-8 atoms from broken servers do not end the session.
constexpr std::array<bool, 256> makeAtomTable()
{
    std::array<bool, 256> table{};
    for (int c = 0x21; c < 256; ++c)
        table[c] = c != 0x7f;
    for (char c : {'(', ')', '{', '%', '*', '"', '\\', ']'})
        table[static_cast<unsigned char>(c)] = false;
    return table;
}
constexpr std::array<bool, 256> atomTable = makeAtomTable();

bool isAtomChar(char c) { return atomTable[static_cast<unsigned char>(c)]; }

char upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 32) : c; }

} // namespace

bool equalsUpper(QByteArrayView text, QByteArrayView upperText)
{
    if (text.size() != upperText.size())
        return false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (upper(text[i]) != upperText[i])
            return false;
    }
    return true;
}

void Lexer::fail(const char *message) const
{
    throw ParseError{message, m_pos};
}

void Lexer::expect(char c)
{
    if (peek() != c || atEnd()) {
        switch (c) {
        case ' ': fail("expected a space");
        case '(': fail("expected \"(\"");
        case ')': fail("expected \")\"");
        default: fail("unexpected byte");
        }
    }
    ++m_pos;
}

bool Lexer::skipIf(char c)
{
    if (atEnd() || m_data[m_pos] != c)
        return false;
    ++m_pos;
    return true;
}

void Lexer::expectEnd()
{
    if (!atEnd())
        fail("unexpected data at the end of the response");
}

QByteArrayView Lexer::atom()
{
    const qsizetype start = m_pos;
    if (peek() == '\\') {
        ++m_pos;
        if (peek() == '*') {
            ++m_pos;
            return m_data.sliced(start, 2);
        }
    }
    while (m_pos < m_end && isAtomChar(m_data[m_pos]))
        ++m_pos;
    if (m_pos == start || (m_pos == start + 1 && m_data[start] == '\\'))
        fail("expected an atom");
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Lexer::astringAtom()
{
    const qsizetype start = m_pos;
    while (m_pos < m_end && (isAtomChar(m_data[m_pos]) || m_data[m_pos] == ']'))
        ++m_pos;
    if (m_pos == start)
        fail("expected an atom");
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Lexer::itemName()
{
    const qsizetype start = m_pos;
    while (m_pos < m_end) {
        const char c = m_data[m_pos];
        if (c == ' ' || c == '[' || c == '(' || c == ')')
            break;
        ++m_pos;
    }
    if (m_pos == start)
        fail("expected a FETCH item");
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Lexer::until(char stop)
{
    const qsizetype start = m_pos;
    const void *hit = std::memchr(m_data.data() + m_pos, stop, size_t(m_end - m_pos));
    m_pos = hit ? static_cast<const char *>(hit) - m_data.data() : m_end;
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Lexer::restOfLine()
{
    const qsizetype start = m_pos;
    m_pos = m_end;
    return m_data.sliced(start, m_end - start);
}

QByteArrayView Lexer::sequenceSet()
{
    const qsizetype start = m_pos;
    while (m_pos < m_end) {
        const char c = m_data[m_pos];
        if (!((c >= '0' && c <= '9') || c == ':' || c == ',' || c == '*'))
            break;
        ++m_pos;
    }
    if (m_pos == start)
        fail("expected a sequence set");
    return m_data.sliced(start, m_pos - start);
}

quint64 Lexer::number64()
{
    const qsizetype start = m_pos;
    quint64 value = 0;
    while (m_pos < m_end && m_data[m_pos] >= '0' && m_data[m_pos] <= '9') {
        const quint64 digit = quint64(m_data[m_pos] - '0');
        if (value > (std::numeric_limits<quint64>::max() - digit) / 10)
            fail("number too large");
        value = value * 10 + digit;
        ++m_pos;
    }
    if (m_pos == start)
        fail("expected a number");
    return value;
}

quint32 Lexer::number32()
{
    const quint64 value = number64();
    if (value > std::numeric_limits<quint32>::max())
        fail("number too large");
    return quint32(value);
}

bool Lexer::skipNil()
{
    if (m_end - m_pos < 3 || !equalsUpper(m_data.sliced(m_pos, 3), "NIL"))
        return false;
    if (m_pos + 3 < m_end && isAtomChar(m_data[m_pos + 3]))
        return false;
    m_pos += 3;
    return true;
}

QByteArray Lexer::string(bool allowBinary)
{
    const char first = peek();
    if (first == '"') {
        const qsizetype start = ++m_pos;
        while (m_pos < m_end && m_data[m_pos] != '"' && m_data[m_pos] != '\\')
            ++m_pos;
        if (m_pos < m_end && m_data[m_pos] == '"')
            return QByteArray(m_data.data() + start, m_pos++ - start);
        // Escapes: only now build the value byte by byte.
        QByteArray value(m_data.data() + start, m_pos - start);
        while (m_pos < m_end) {
            char c = m_data[m_pos++];
            if (c == '"')
                return value;
            if (c == '\\') {
                if (m_pos >= m_end)
                    break;
                c = m_data[m_pos++];
            }
            value.append(c);
        }
        fail("unterminated quoted string");
    }
    if (first == '{' || first == '~') {
        if (first == '~') {
            if (!allowBinary)
                fail("literal8 outside BINARY");
            ++m_pos;
        }
        expect('{');
        const quint64 size = number64();
        skipIf('+');
        expect('}');
        if (m_pos + 2 > m_end || m_data[m_pos] != '\r' || m_data[m_pos + 1] != '\n')
            fail("literal header not followed by CRLF");
        m_pos += 2;
        if (size > quint64(m_end - m_pos))
            fail("literal larger than the response");
        const qsizetype start = m_pos;
        m_pos += qsizetype(size);
        return QByteArray(m_data.data() + start, qsizetype(size));
    }
    fail("expected a string");
}

QByteArray Lexer::nstring(bool *isNil, bool allowBinary)
{
    const bool nil = skipNil();
    if (isNil)
        *isNil = nil;
    return nil ? QByteArray() : string(allowBinary);
}

QByteArray Lexer::astring()
{
    const char first = peek();
    if (first == '"' || first == '{')
        return string();
    return astringAtom().toByteArray();
}

QString Lexer::mailbox()
{
    const QByteArray raw = astring();
    if (equalsUpper(raw, "INBOX"))
        return QStringLiteral("INBOX");
    return m_utf8 ? QString::fromUtf8(raw) : decodeMailboxName(raw);
}

QByteArrayList Lexer::flagList()
{
    QByteArrayList flags;
    open();
    while (!skipIf(')')) {
        if (!flags.isEmpty())
            space();
        flags.append(canonicalFlag(atom()));
    }
    close();
    return flags;
}

void Lexer::skipValue()
{
    const char c = peek();
    if (c == '(') {
        open();
        bool first = true;
        while (!skipIf(')')) {
            if (!first)
                space();
            first = false;
            skipValue();
        }
        close();
    } else if (c == '"' || c == '{' || c == '~') {
        string(true);
    } else {
        const qsizetype start = m_pos;
        int brackets = 0;
        while (m_pos < m_end) {
            const char b = m_data[m_pos];
            if (b == '[')
                ++brackets;
            else if (b == ']')
                --brackets;
            else if (brackets <= 0 && (b == ' ' || b == ')' || b == '(' || b == '"'))
                break;
            ++m_pos;
        }
        if (m_pos == start)
            fail("expected a value");
    }
}

void Lexer::open()
{
    if (++m_depth > m_maxDepth)
        fail("nesting too deep");
    expect('(');
}

void Lexer::close()
{
    --m_depth;
}

QByteArray canonicalFlag(QByteArrayView flag)
{
    if (flag.isEmpty() || flag[0] != '\\')
        return flag.toByteArray();
    static const QByteArray known[] = {
        QByteArrayLiteral("\\Seen"), QByteArrayLiteral("\\Answered"),
        QByteArrayLiteral("\\Flagged"), QByteArrayLiteral("\\Deleted"),
        QByteArrayLiteral("\\Draft"), QByteArrayLiteral("\\Recent"), QByteArrayLiteral("\\*"),
        QByteArrayLiteral("\\Noinferiors"), QByteArrayLiteral("\\Noselect"),
        QByteArrayLiteral("\\Marked"), QByteArrayLiteral("\\Unmarked"),
        QByteArrayLiteral("\\NonExistent"), QByteArrayLiteral("\\Subscribed"),
        QByteArrayLiteral("\\Remote"), QByteArrayLiteral("\\HasChildren"),
        QByteArrayLiteral("\\HasNoChildren"), QByteArrayLiteral("\\All"),
        QByteArrayLiteral("\\Archive"), QByteArrayLiteral("\\Drafts"),
        QByteArrayLiteral("\\Junk"), QByteArrayLiteral("\\Sent"), QByteArrayLiteral("\\Trash"),
        QByteArrayLiteral("\\Important"),
    };
    for (const QByteArray &k : known) {
        if (k.size() == flag.size() && qstrnicmp(k.constData(), flag.data(), size_t(k.size())) == 0)
            return k;
    }
    return flag.toByteArray();
}

} // namespace Tern::Imap::Detail
