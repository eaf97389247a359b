#include "imapparser.h"

#include "imaplexer.h"
#include "mutf7.h"

#include <cstring>

namespace Tern::Imap {

using Detail::equalsUpper;
using Detail::Lexer;
using Detail::ParseError;

namespace {

// Text responses (continuation, OK/NO/BAD/BYE/PREAUTH) carry resp-text, which never holds a
// literal, so a trailing "{5}" there is text. RFC 3501 §7.1.
bool isTextResponse(QByteArrayView line)
{
    if (line.startsWith('+'))
        return true;
    const qsizetype sp = line.indexOf(' ');
    if (sp < 0)
        return false;
    QByteArrayView word = line.sliced(sp + 1);
    if (const qsizetype end = word.indexOf(' '); end >= 0)
        word = word.first(end);
    return equalsUpper(word, "OK") || equalsUpper(word, "NO") || equalsUpper(word, "BAD")
        || equalsUpper(word, "BYE") || equalsUpper(word, "PREAUTH");
}

QByteArrayList upperAtoms(Lexer &lexer, char stop)
{
    QByteArrayList atoms;
    while (lexer.skipIf(' ')) {
        if (lexer.atEnd() || lexer.peek() == stop)
            break;
        atoms.append(lexer.atom().toByteArray().toUpper());
    }
    return atoms;
}

// resp-text-code, RFC 3501 §9 and the extensions listed in ResponseCode.
ResponseCode parseCode(Lexer &lexer)
{
    lexer.expect('[');
    ResponseCode code;
    code.name = lexer.atom().toByteArray().toUpper();
    const QByteArray &n = code.name;
    if (n == "CAPABILITY") {
        code.atoms = upperAtoms(lexer, ']');
    } else if (lexer.skipIf(' ')) {
        if (n == "UIDVALIDITY" || n == "UIDNEXT" || n == "UNSEEN" || n == "HIGHESTMODSEQ"
            || n == "APPENDLIMIT") {
            code.numbers.append(lexer.number64());
        } else if (n == "PERMANENTFLAGS") {
            code.atoms = lexer.flagList();
        } else if (n == "BADCHARSET") {
            lexer.open();
            while (!lexer.skipIf(')')) {
                lexer.skipIf(' ');
                code.atoms.append(lexer.astring());
            }
            lexer.close();
        } else if (n == "APPENDUID") {
            code.numbers.append(lexer.number64());
            lexer.space();
            code.text = lexer.sequenceSet().toByteArray();
        } else if (n == "COPYUID") {
            code.numbers.append(lexer.number64());
            lexer.space();
            code.atoms.append(lexer.sequenceSet().toByteArray());
            lexer.space();
            code.atoms.append(lexer.sequenceSet().toByteArray());
        } else if (n == "MODIFIED") {
            code.text = lexer.sequenceSet().toByteArray();
        } else {
            code.text = lexer.until(']').toByteArray();
        }
    }
    lexer.expect(']');
    return code;
}

StatusResponse parseStatus(Lexer &lexer, QByteArray tag, StatusResponse::Kind kind)
{
    StatusResponse status;
    status.tag = std::move(tag);
    status.kind = kind;
    if (lexer.skipIf(' ')) {
        if (lexer.peek() == '[') {
            status.code = parseCode(lexer);
            lexer.skipIf(' ');
        }
        status.text = QString::fromUtf8(lexer.restOfLine());
    }
    lexer.expectEnd();
    return status;
}

QList<quint32> numberList(Lexer &lexer, std::optional<quint64> *modseq)
{
    QList<quint32> ids;
    while (lexer.skipIf(' ')) {
        if (lexer.atEnd())
            break;
        if (modseq && lexer.peek() == '(') {
            lexer.open();
            if (!equalsUpper(lexer.atom(), "MODSEQ"))
                lexer.fail("expected MODSEQ");
            lexer.space();
            *modseq = lexer.number64();
            lexer.expect(')');
            lexer.close();
            continue;
        }
        ids.append(lexer.number32());
    }
    return ids;
}

ListData parseList(Lexer &lexer, bool lsub)
{
    ListData list;
    list.lsub = lsub;
    lexer.space();
    list.attributes = lexer.flagList();
    lexer.space();
    if (!lexer.skipNil())
        list.delimiter = lexer.string();
    lexer.space();
    list.mailbox = lexer.mailbox();
    // mbox-list-extended, RFC 5258 §9: (tag value ...)
    if (lexer.skipIf(' ') && !lexer.atEnd()) {
        lexer.open();
        while (!lexer.skipIf(')')) {
            lexer.skipIf(' ');
            const QByteArray tag = lexer.astring();
            lexer.space();
            if (equalsUpper(tag, "CHILDINFO") && lexer.peek() == '(') {
                lexer.open();
                while (!lexer.skipIf(')')) {
                    lexer.skipIf(' ');
                    list.childInfo.append(lexer.string().toUpper());
                }
                lexer.close();
            } else {
                lexer.skipValue();
            }
        }
        lexer.close();
    }
    return list;
}

StatusData parseStatusData(Lexer &lexer)
{
    StatusData status;
    lexer.space();
    status.mailbox = lexer.mailbox();
    lexer.space();
    lexer.open();
    while (!lexer.skipIf(')')) {
        lexer.skipIf(' ');
        if (lexer.peek() == ')')
            continue;
        QByteArray name = lexer.atom().toByteArray().toUpper();
        lexer.space();
        // Non-numeric values (APPENDLIMIT NIL, RFC 7889; MAILBOXID (id), RFC 8474): skipped.
        if (lexer.peek() < '0' || lexer.peek() > '9') {
            lexer.skipValue();
            continue;
        }
        status.items.append({std::move(name), lexer.number64()});
    }
    lexer.close();
    return status;
}

ESearchData parseESearch(Lexer &lexer)
{
    ESearchData result;
    while (lexer.skipIf(' ')) {
        if (lexer.atEnd())
            break;
        if (lexer.peek() == '(') {
            lexer.open();
            if (!equalsUpper(lexer.atom(), "TAG"))
                lexer.fail("expected TAG");
            lexer.space();
            result.tag = lexer.string();
            lexer.expect(')');
            lexer.close();
            continue;
        }
        const QByteArrayView name = lexer.atom();
        if (equalsUpper(name, "UID")) {
            result.uid = true;
            continue;
        }
        lexer.space();
        if (equalsUpper(name, "MIN"))
            result.min = lexer.number32();
        else if (equalsUpper(name, "MAX"))
            result.max = lexer.number32();
        else if (equalsUpper(name, "COUNT"))
            result.count = lexer.number64();
        else if (equalsUpper(name, "MODSEQ"))
            result.modseq = lexer.number64();
        else if (equalsUpper(name, "ALL"))
            result.all = lexer.sequenceSet().toByteArray();
        else
            lexer.skipValue();
    }
    return result;
}

QList<NamespaceData::Entry> parseNamespaces(Lexer &lexer, bool utf8)
{
    QList<NamespaceData::Entry> entries;
    if (lexer.skipNil())
        return entries;
    lexer.open();
    while (!lexer.skipIf(')')) {
        lexer.skipIf(' ');
        lexer.open();
        NamespaceData::Entry entry;
        const QByteArray prefix = lexer.string();
        entry.prefix = utf8 ? QString::fromUtf8(prefix) : decodeMailboxName(prefix);
        lexer.space();
        if (!lexer.skipNil())
            entry.delimiter = lexer.string();
        while (lexer.skipIf(' '))
            lexer.skipValue(); // namespace-response-extensions, RFC 2342 §5
        lexer.expect(')');
        lexer.close();
        entries.append(entry);
    }
    lexer.close();
    return entries;
}

IdData parseId(Lexer &lexer)
{
    IdData id;
    lexer.space();
    if (lexer.skipNil())
        return id;
    lexer.open();
    while (!lexer.skipIf(')')) {
        lexer.skipIf(' ');
        QByteArray name = lexer.string();
        lexer.space();
        id.fields.append({std::move(name), lexer.nstring()});
    }
    lexer.close();
    return id;
}

// The untagged data responses, RFC 3501 §7.2-7.4 and extensions. nullopt for unknown ones.
std::optional<Response> parseUntagged(Lexer &lexer, bool utf8)
{
    if (lexer.peek() >= '0' && lexer.peek() <= '9') {
        const quint32 number = lexer.number32();
        lexer.space();
        const QByteArrayView word = lexer.atom();
        if (equalsUpper(word, "FETCH")) {
            lexer.space();
            FetchData fetch = Detail::parseFetch(lexer, number);
            lexer.expectEnd();
            return fetch;
        }
        NumberData data;
        data.number = number;
        if (equalsUpper(word, "EXISTS"))
            data.kind = NumberData::Kind::Exists;
        else if (equalsUpper(word, "RECENT"))
            data.kind = NumberData::Kind::Recent;
        else if (equalsUpper(word, "EXPUNGE"))
            data.kind = NumberData::Kind::Expunge;
        else
            return std::nullopt;
        lexer.expectEnd();
        return data;
    }
    const QByteArrayView word = lexer.atom();
    using Kind = StatusResponse::Kind;
    if (equalsUpper(word, "OK"))
        return parseStatus(lexer, {}, Kind::Ok);
    if (equalsUpper(word, "NO"))
        return parseStatus(lexer, {}, Kind::No);
    if (equalsUpper(word, "BAD"))
        return parseStatus(lexer, {}, Kind::Bad);
    if (equalsUpper(word, "BYE"))
        return parseStatus(lexer, {}, Kind::Bye);
    if (equalsUpper(word, "PREAUTH"))
        return parseStatus(lexer, {}, Kind::Preauth);

    std::optional<Response> result;
    if (equalsUpper(word, "CAPABILITY")) {
        result = CapabilityData{upperAtoms(lexer, '\0')};
    } else if (equalsUpper(word, "LIST") || equalsUpper(word, "LSUB")) {
        result = parseList(lexer, equalsUpper(word, "LSUB"));
    } else if (equalsUpper(word, "STATUS")) {
        result = parseStatusData(lexer);
    } else if (equalsUpper(word, "FLAGS")) {
        lexer.space();
        result = FlagsData{lexer.flagList()};
    } else if (equalsUpper(word, "SEARCH")) {
        SearchData search;
        search.ids = numberList(lexer, &search.modseq);
        result = search;
    } else if (equalsUpper(word, "SORT")) {
        SortData sort;
        std::optional<quint64> ignored;
        sort.ids = numberList(lexer, &ignored);
        result = sort;
    } else if (equalsUpper(word, "ESEARCH")) {
        result = parseESearch(lexer);
    } else if (equalsUpper(word, "VANISHED")) {
        VanishedData vanished;
        lexer.space();
        if (lexer.peek() == '(') {
            lexer.open();
            if (!equalsUpper(lexer.atom(), "EARLIER"))
                lexer.fail("expected EARLIER");
            lexer.expect(')');
            lexer.close();
            lexer.space();
            vanished.earlier = true;
        }
        vanished.uids = lexer.sequenceSet().toByteArray();
        result = vanished;
    } else if (equalsUpper(word, "ENABLED")) {
        result = EnabledData{upperAtoms(lexer, '\0')};
    } else if (equalsUpper(word, "NAMESPACE")) {
        NamespaceData ns;
        lexer.space();
        ns.personal = parseNamespaces(lexer, utf8);
        lexer.space();
        ns.otherUsers = parseNamespaces(lexer, utf8);
        lexer.space();
        ns.shared = parseNamespaces(lexer, utf8);
        result = ns;
    } else if (equalsUpper(word, "ID")) {
        result = parseId(lexer);
    } else if (equalsUpper(word, "THREAD")) {
        lexer.skipIf(' ');
        result = ThreadData{lexer.restOfLine().toByteArray()};
    } else {
        return std::nullopt; // unknown untagged data (QUOTA, METADATA, ...): skipped
    }
    while (lexer.skipIf(' ')) { } // trailing spaces some servers send
    lexer.expectEnd();
    return result;
}

std::optional<Response> parseResponse(Lexer &lexer, bool utf8)
{
    if (lexer.skipIf('+')) {
        lexer.skipIf(' ');
        return ContinuationRequest{lexer.restOfLine().toByteArray()};
    }
    if (lexer.skipIf('*')) {
        lexer.space();
        return parseUntagged(lexer, utf8);
    }
    QByteArray tag = lexer.atom().toByteArray();
    lexer.space();
    const QByteArrayView word = lexer.atom();
    using Kind = StatusResponse::Kind;
    if (equalsUpper(word, "OK"))
        return parseStatus(lexer, std::move(tag), Kind::Ok);
    if (equalsUpper(word, "NO"))
        return parseStatus(lexer, std::move(tag), Kind::No);
    if (equalsUpper(word, "BAD"))
        return parseStatus(lexer, std::move(tag), Kind::Bad);
    lexer.fail("tagged response is not OK, NO or BAD");
}

} // namespace

Parser::Parser(Limits limits) : m_limits(limits), m_cache(Lexer::cacheSize) {}

void Parser::feed(QByteArrayView bytes)
{
    if (hasError())
        return; // nothing more is parsed: do not keep what a broken peer sends
    m_buffer.append(bytes);
}

void Parser::fail(const QString &message)
{
    m_error = message;
    m_buffer = QByteArray();
    m_start = m_scan = m_segment = 0;
}

bool Parser::startLiteral(qsizetype segmentEnd)
{
    // segmentEnd is the CR; a literal header "{n}", "{n+}" or "~{n}" ends the segment.
    const char *base = m_buffer.constData();
    if (segmentEnd == m_segment || base[segmentEnd - 1] != '}')
        return false;
    if (m_segment == m_start && isTextResponse({base + m_start, segmentEnd - m_start}))
        return false;
    qsizetype p = segmentEnd - 2;
    if (p >= m_segment && (base[p] == '+' || base[p] == '-'))
        --p;
    const qsizetype digitsEnd = p + 1;
    while (p >= m_segment && base[p] >= '0' && base[p] <= '9')
        --p;
    if (p < m_segment || base[p] != '{') {
        if (p >= m_segment + 1 && base[p] == '-' && base[p - 1] == '{')
            fail(QStringLiteral("IMAP protocol error: negative literal size"));
        return false;
    }
    const qsizetype digits = digitsEnd - (p + 1);
    if (digits == 0)
        return false;
    quint64 size = 0;
    for (qsizetype i = p + 1; i < digitsEnd && size <= quint64(m_limits.maxLiteralSize); ++i)
        size = size * 10 + quint64(base[i] - '0');
    if (size > quint64(m_limits.maxLiteralSize)
        || m_literalBytes + qsizetype(size) > m_limits.maxLiteralSize) {
        fail(QStringLiteral("IMAP protocol error: literal of %1 bytes exceeds the limit of %2")
                 .arg(QString::fromLatin1(QByteArrayView(base + p + 1, digits)))
                 .arg(m_limits.maxLiteralSize));
        return false;
    }
    m_literalBinary = p > m_segment && base[p - 1] == '~';
    m_literalLeft = qsizetype(size);
    m_literalBytes += qsizetype(size);
    return true;
}

Parser::Frame Parser::frame()
{
    for (;;) {
        if (m_literalLeft > 0) {
            const qsizetype take = qMin(m_buffer.size() - m_scan, m_literalLeft);
            // RFC 3501 §4.3: literals are CHAR8 (no NUL); only literal8 may carry NUL.
            if (!m_literalBinary && std::memchr(m_buffer.constData() + m_scan, 0, size_t(take))) {
                fail(QStringLiteral("IMAP protocol error: NUL byte in a literal"));
                return Frame::Error;
            }
            m_scan += take;
            m_literalLeft -= take;
            if (m_literalLeft > 0)
                return Frame::NeedMore;
            m_segment = m_scan;
        }
        const char *base = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        const void *hit = std::memchr(base + m_scan, '\n', size_t(size - m_scan));
        const qsizetype stop = hit ? static_cast<const char *>(hit) - base : size;
        if (std::memchr(base + m_scan, 0, size_t(stop - m_scan))) {
            fail(QStringLiteral("IMAP protocol error: NUL byte outside a literal8"));
            return Frame::Error;
        }
        if (m_lineBytes + (stop - m_segment) > m_limits.maxLineLength) {
            fail(QStringLiteral("IMAP protocol error: response longer than %1 bytes")
                     .arg(m_limits.maxLineLength));
            return Frame::Error;
        }
        if (!hit) {
            m_scan = size;
            return Frame::NeedMore;
        }
        if (stop == m_segment || base[stop - 1] != '\r') {
            fail(QStringLiteral("IMAP protocol error: line not terminated by CRLF"));
            return Frame::Error;
        }
        m_lineBytes += stop + 1 - m_segment;
        m_scan = stop + 1;
        const bool literal = startLiteral(stop - 1);
        if (hasError())
            return Frame::Error;
        if (!literal)
            return Frame::Complete;
        m_segment = m_scan;
    }
}

std::optional<Response> Parser::next()
{
    while (!hasError()) {
        const Frame state = frame();
        if (state == Frame::Error)
            return std::nullopt;
        if (state == Frame::NeedMore) {
            // Drop consumed bytes so memory follows the largest response, not the stream.
            if (m_start > 0) {
                m_buffer.remove(0, m_start);
                m_scan -= m_start;
                m_segment -= m_start;
                m_start = 0;
            }
            if (m_buffer.capacity() > 1024 * 1024 && m_buffer.size() < m_buffer.capacity() / 4)
                m_buffer.squeeze();
            return std::nullopt;
        }
        const qsizetype end = m_scan;
        const QByteArrayView bytes(m_buffer.constData() + m_start, end - m_start);
        std::optional<Response> response;
        try {
            Lexer lexer(bytes, m_limits.maxDepth, m_utf8, m_cache.data());
            response = parseResponse(lexer, m_utf8);
        } catch (const ParseError &error) {
            QByteArray excerpt = bytes.first(qMin<qsizetype>(bytes.size(), 80)).toByteArray();
            for (char &c : excerpt) {
                if (c < 0x20 || c > 0x7e)
                    c = '.';
            }
            fail(QStringLiteral("IMAP protocol error: %1 at byte %2 of \"%3\"")
                     .arg(QLatin1StringView(error.message))
                     .arg(error.position)
                     .arg(QString::fromLatin1(excerpt)));
            return std::nullopt;
        }
        m_start = m_segment = m_scan = end;
        m_lineBytes = m_literalBytes = 0;
        if (m_start == m_buffer.size()) {
            m_buffer.resize(0);
            m_start = m_segment = m_scan = 0;
        }
        if (response)
            return response;
    }
    return std::nullopt;
}

void Parser::reset()
{
    m_buffer = QByteArray();
    m_start = m_scan = m_segment = m_lineBytes = m_literalBytes = m_literalLeft = 0;
    m_literalBinary = false;
    m_error.clear();
}

void Parser::finish()
{
    if (!hasError() && bufferedBytes() > 0)
        fail(QStringLiteral("IMAP protocol error: connection closed inside a response"));
}

} // namespace Tern::Imap
