#pragma once

#include "imapresponse.h"

#include <QByteArray>
#include <QByteArrayView>

// Internal to the parser: a cursor over one complete, framed response (its literals inline,
// its final CRLF included). Errors throw ParseError, caught once per response by Parser.

namespace Tern::Imap::Detail {

/// Why a framed response could not be parsed.
struct ParseError {
    const char *message;
    qsizetype position;
};

/// True for ASCII case-insensitive equality with an upper-case literal.
bool equalsUpper(QByteArrayView text, QByteArrayView upper);

/// Tokenizer over one response, RFC 3501 §9 (formal syntax) with the usual leniencies.
class Lexer
{
public:
    /// cache: cacheSize recently seen short strings, shared instead of allocated again.
    Lexer(QByteArrayView data, int maxDepth, bool utf8, QByteArray *cache = nullptr) :
        m_data(data), m_end(data.size() - 2), m_maxDepth(maxDepth), m_utf8(utf8),
        m_cache(cache) {}

    static constexpr int cacheSize = 512;

    /// Throws a ParseError at the current position.
    [[noreturn]] void fail(const char *message) const;
    /// True at the final CRLF.
    bool atEnd() const { return m_pos >= m_end; }
    /// The current byte, 0 at the end.
    char peek() const { return m_pos < m_end ? m_data[m_pos] : '\0'; }
    qsizetype position() const { return m_pos; }
    void expect(char c);
    void space() { expect(' '); }
    bool skipIf(char c);
    /// Throws unless at the final CRLF.
    void expectEnd();

    /// 1*ATOM-CHAR; flags may start with "\" and "\*" is allowed.
    QByteArrayView atom();
    /// An atom that may contain "]" (ASTRING-CHAR).
    QByteArrayView astringAtom();
    /// A FETCH item name: bytes up to a space, "[", "(" or ")".
    QByteArrayView itemName();
    /// Bytes up to (not including) the stop byte or the end.
    QByteArrayView until(char stop);
    /// A sequence set as text: digits, ":", "," and "*".
    QByteArrayView sequenceSet();
    QByteArrayView restOfLine();
    quint64 number64();
    quint32 number32();
    /// True and skipped when the next token is NIL.
    bool skipNil();
    /// quoted or literal, RFC 3501 §4.3; literal8 only when allowBinary.
    QByteArray string(bool allowBinary = false);
    /// A string's bytes without copying: a view into the response, or into scratch when the
    /// quoted string had escapes.
    QByteArrayView stringView(QByteArray &scratch, bool allowBinary = false);
    /// A string or NIL, lower-cased; common MIME tokens come from a table without allocating.
    QByteArray lowerToken();
    /// A string; common MIME parameter values come from a table without allocating.
    QByteArray valueToken();
    /// nstring for short, repetitive values (address parts): served from the cache.
    QByteArray cachedNstring();
    /// string or NIL (empty, isNil set).
    QByteArray nstring(bool *isNil = nullptr, bool allowBinary = false);
    /// atom (incl. "]") or string.
    QByteArray astring();
    /// A mailbox name: astring, INBOX normalised, decoded as mUTF-7 or UTF-8.
    QString mailbox();
    /// "(" flag *(SP flag) ")", each flag canonicalised.
    QByteArrayList flagList();
    /// Skips one value: atom, number, string, NIL or nested list.
    void skipValue();
    /// Enter / leave a parenthesised level, bounded by maxDepth.
    void open();
    void close();

private:
    /// {n}, {n+} or ~{n} and its bytes, RFC 3501 §4.3, RFC 3516 §4.2.
    QByteArrayView literal(bool allowBinary);
    QByteArray cached(QByteArrayView text);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    qsizetype m_end;
    int m_depth = 0;
    int m_maxDepth;
    bool m_utf8;
    QByteArray *m_cache;
};

/// The canonical spelling of a system flag or list attribute ("\SEEN" -> "\Seen").
QByteArray canonicalFlag(QByteArrayView flag);
/// date-time, RFC 3501 §9: "17-Jul-1996 02:44:25 -0700".
QDateTime parseDateTime(Lexer &lexer);
/// The FETCH data after "* n FETCH ", RFC 3501 §7.4.2.
FetchData parseFetch(Lexer &lexer, quint32 seq);
/// envelope, RFC 3501 §9.
Envelope parseEnvelope(Lexer &lexer);
/// body, RFC 3501 §9; extension data is read when present.
BodyStructure parseBody(Lexer &lexer);

} // namespace Tern::Imap::Detail
