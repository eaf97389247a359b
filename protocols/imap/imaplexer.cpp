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
    if (first == '{' || first == '~')
        return literal(allowBinary).toByteArray();
    fail("expected a string");
}

QByteArrayView Lexer::literal(bool allowBinary)
{
    if (peek() == '~') {
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
    return m_data.sliced(start, qsizetype(size));
}

QByteArrayView Lexer::stringView(QByteArray &scratch, bool allowBinary)
{
    const char first = peek();
    if (first == '"') {
        const qsizetype start = m_pos + 1;
        qsizetype p = start;
        while (p < m_end && m_data[p] != '"' && m_data[p] != '\\')
            ++p;
        if (p < m_end && m_data[p] == '"') {
            m_pos = p + 1;
            return m_data.sliced(start, p - start);
        }
    } else if (first == '{' || first == '~') {
        return literal(allowBinary);
    }
    scratch = string(allowBinary);
    return scratch;
}

namespace {

bool equalsLower(QByteArrayView text, QByteArrayView lower)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (((c >= 'A' && c <= 'Z') ? char(c + 32) : c) != lower[i])
            return false;
    }
    return true;
}

// Tokens that fill every BODYSTRUCTURE: shared static data instead of one allocation each.
const QByteArray *findToken(QByteArrayView text, bool caseInsensitive)
{
    static const QByteArray tokens[] = {
        "text", "plain", "html", "multipart", "mixed", "alternative", "related", "signed",
        "encrypted", "report", "application", "image", "message", "rfc822", "global",
        "octet-stream", "pdf", "jpeg", "png", "7bit", "8bit", "binary", "base64",
        "quoted-printable", "charset", "boundary", "name", "filename", "format", "flowed",
        "delsp", "attachment", "inline", "utf-8", "UTF-8", "us-ascii", "US-ASCII",
        "iso-8859-1", "ISO-8859-1", "iso-8859-15", "ISO-8859-15", "windows-1252", "yes",
        "no", "size", "creation-date", "modification-date", "protocol", "micalg", "type",
        "calendar", "delivery-status", "rfc822-headers", "pgp-signature", "pkcs7-signature",
        "zip", "gif", "x-zip-compressed", "vnd.openxmlformats-officedocument.wordprocessingml.document",
        "msword", "ics",
    };
    for (const QByteArray &token : tokens) {
        if (token.size() != text.size())
            continue;
        if (caseInsensitive ? equalsLower(text, token) : token == text)
            return &token;
    }
    return nullptr;
}

} // namespace

QByteArray Lexer::lowerToken()
{
    if (skipNil())
        return {};
    QByteArray scratch;
    const QByteArrayView text = stringView(scratch);
    if (const QByteArray *token = findToken(text, true))
        return *token;
    return text.toByteArray().toLower();
}

QByteArray Lexer::valueToken()
{
    QByteArray scratch;
    const QByteArrayView text = stringView(scratch);
    if (const QByteArray *token = findToken(text, false))
        return *token;
    return text.size() <= 64 && m_cache ? cached(text)
                                        : scratch.isEmpty() ? text.toByteArray() : scratch;
}

QByteArray Lexer::cachedNstring()
{
    if (skipNil())
        return {};
    QByteArray scratch;
    const QByteArrayView text = stringView(scratch);
    if (!m_cache || text.size() > 64)
        return scratch.isEmpty() ? text.toByteArray() : scratch;
    return cached(text);
}

QByteArray Lexer::cached(QByteArrayView text)
{
    quint32 hash = 2166136261u; // FNV-1a
    for (char c : text)
        hash = (hash ^ uchar(c)) * 16777619u;
    QByteArray &slot = m_cache[hash % cacheSize];
    if (slot.size() != text.size() || slot != text)
        slot = text.toByteArray();
    return slot;
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
