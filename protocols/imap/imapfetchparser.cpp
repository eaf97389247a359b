// FETCH data, ENVELOPE and BODYSTRUCTURE, RFC 3501 §7.4.2 and §9, RFC 9051 §7.5.2.
#include "imaplexer.h"

#include <QTimeZone>

namespace Tern::Imap::Detail {

namespace {

int twoDigits(QByteArrayView v, qsizetype at, Lexer &lexer)
{
    if (at + 2 > v.size() || v[at] < '0' || v[at] > '9' || v[at + 1] < '0' || v[at + 1] > '9')
        lexer.fail("malformed date-time");
    return (v[at] - '0') * 10 + (v[at + 1] - '0');
}

QList<QPair<QByteArray, QByteArray>> parseParams(Lexer &lexer)
{
    QList<QPair<QByteArray, QByteArray>> params;
    if (lexer.skipNil())
        return params;
    lexer.open();
    while (!lexer.skipIf(')')) {
        if (!params.isEmpty())
            lexer.space();
        QByteArray name = lexer.lowerToken();
        lexer.space();
        params.append({std::move(name), lexer.valueToken()});
    }
    lexer.close();
    return params;
}

QList<Address> parseAddresses(Lexer &lexer)
{
    QList<Address> addresses;
    if (lexer.skipNil())
        return addresses;
    lexer.open();
    while (!lexer.skipIf(')')) {
        lexer.skipIf(' '); // some servers separate addresses with a space
        lexer.open();
        Address a;
        a.name = lexer.cachedNstring();
        lexer.space();
        a.adl = lexer.cachedNstring();
        lexer.space();
        a.mailbox = lexer.cachedNstring();
        lexer.space();
        a.host = lexer.cachedNstring();
        lexer.expect(')');
        lexer.close();
        addresses.append(std::move(a));
    }
    lexer.close();
    return addresses;
}

// body-ext-1part / body-ext-mpart after the MD5 or parameters, RFC 3501 §9.
void parseBodyExtensions(Lexer &lexer, BodyStructure &body)
{
    if (!lexer.skipIf(' ') || lexer.peek() == ')')
        return;
    if (!lexer.skipNil()) {
        lexer.open();
        body.disposition = lexer.lowerToken();
        lexer.space();
        body.dispositionParams = parseParams(lexer);
        lexer.expect(')');
        lexer.close();
    }
    if (!lexer.skipIf(' ') || lexer.peek() == ')')
        return;
    if (lexer.peek() == '(') {
        lexer.open();
        while (!lexer.skipIf(')')) {
            if (!body.language.isEmpty())
                lexer.space();
            body.language.append(lexer.string());
        }
        lexer.close();
    } else {
        bool nil = false;
        QByteArray language = lexer.nstring(&nil);
        if (!nil)
            body.language.append(std::move(language));
    }
    if (!lexer.skipIf(' ') || lexer.peek() == ')')
        return;
    body.location = lexer.nstring();
    while (lexer.skipIf(' '))
        lexer.skipValue(); // body-extension: future data, skipped
}

QByteArray lowerString(Lexer &lexer)
{
    return lexer.lowerToken();
}

} // namespace

QDateTime parseDateTime(Lexer &lexer)
{
    lexer.expect('"');
    QByteArrayView v = lexer.until('"');
    lexer.expect('"');
    // date-day-fixed may be " 1", "01" or, from lenient servers, "1".
    while (v.startsWith(' '))
        v = v.sliced(1);
    const qsizetype dash = v.indexOf('-');
    if (dash < 1 || dash > 2 || v.size() != dash + 24)
        lexer.fail("malformed date-time");
    int day = v[0] - '0';
    if (dash == 2)
        day = twoDigits(v, 0, lexer);
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    int month = 0;
    const QByteArrayView mon = v.sliced(dash + 1, 3);
    for (int m = 0; m < 12 && month == 0; ++m) {
        if (equalsUpper(mon, QByteArrayView(months + m * 3, 3)))
            month = m + 1;
    }
    const qsizetype y = dash + 5; // "-Mon-" then yyyy
    if (month == 0 || v[dash + 4] != '-' || v[y + 4] != ' ' || v[y + 7] != ':'
        || v[y + 10] != ':' || v[y + 13] != ' ' || (v[y + 14] != '+' && v[y + 14] != '-'))
        lexer.fail("malformed date-time");
    const int year = twoDigits(v, y, lexer) * 100 + twoDigits(v, y + 2, lexer);
    const QTime time(twoDigits(v, y + 5, lexer), twoDigits(v, y + 8, lexer),
                     twoDigits(v, y + 11, lexer));
    const int offset = (twoDigits(v, y + 15, lexer) * 60 + twoDigits(v, y + 17, lexer)) * 60;
    const QDate date(year, month, day);
    if (!date.isValid() || !time.isValid())
        lexer.fail("malformed date-time");
    return QDateTime(date, time,
                     QTimeZone::fromSecondsAheadOfUtc(v[y + 14] == '-' ? -offset : offset));
}

Envelope parseEnvelope(Lexer &lexer)
{
    Envelope e;
    lexer.open();
    e.date = lexer.nstring();
    lexer.space();
    e.subject = lexer.nstring();
    for (QList<Address> *list : {&e.from, &e.sender, &e.replyTo, &e.to, &e.cc, &e.bcc}) {
        lexer.space();
        *list = parseAddresses(lexer);
    }
    lexer.space();
    e.inReplyTo = lexer.nstring();
    lexer.space();
    e.messageId = lexer.nstring();
    lexer.expect(')');
    lexer.close();
    return e;
}

BodyStructure parseBody(Lexer &lexer)
{
    BodyStructure body;
    lexer.open();
    if (lexer.peek() == '(') {
        // body-type-mpart: 1*body SP media-subtype [SP body-ext-mpart]
        body.type = QByteArrayLiteral("multipart");
        while (lexer.peek() == '(') {
            body.children.append(parseBody(lexer));
            lexer.skipIf(' ');
        }
        body.subtype = lowerString(lexer);
        if (lexer.skipIf(' ') && lexer.peek() != ')') {
            body.params = parseParams(lexer);
            parseBodyExtensions(lexer, body);
        }
    } else {
        body.type = lowerString(lexer);
        lexer.space();
        body.subtype = lowerString(lexer);
        lexer.space();
        body.params = parseParams(lexer);
        lexer.space();
        body.id = lexer.nstring();
        lexer.space();
        body.description = lexer.nstring();
        lexer.space();
        body.encoding = lowerString(lexer);
        lexer.space();
        body.size = lexer.number64();
        if (body.type == "text") {
            lexer.space();
            body.lines = lexer.number64();
        } else if (body.type == "message"
                   && (body.subtype == "rfc822" || body.subtype == "global")
                   && lexer.peek() == ' ') {
            // Some servers leave out envelope and body of a broken message: tolerated.
            lexer.space();
            if (lexer.peek() == '(') {
                body.embeddedEnvelope = std::make_shared<Envelope>(parseEnvelope(lexer));
                lexer.space();
                body.embeddedBody = std::make_shared<BodyStructure>(parseBody(lexer));
                lexer.space();
                body.lines = lexer.number64();
            } else {
                body.md5 = lexer.nstring();
                parseBodyExtensions(lexer, body);
            }
        }
        if (lexer.skipIf(' ') && lexer.peek() != ')') {
            body.md5 = lexer.nstring();
            parseBodyExtensions(lexer, body);
        }
    }
    lexer.expect(')');
    lexer.close();
    return body;
}

FetchData parseFetch(Lexer &lexer, quint32 seq)
{
    FetchData f;
    f.seq = seq;
    lexer.open();
    bool first = true;
    while (!lexer.skipIf(')')) {
        if (!first)
            lexer.space();
        first = false;
        const QByteArrayView name = lexer.itemName();
        if (lexer.skipIf('[')) {
            // BODY[section]<origin>, BINARY[section]<origin>, BINARY.SIZE[section]
            const QByteArrayView item = name;
            BodySection section;
            section.section = lexer.until(']').toByteArray();
            lexer.expect(']');
            if (lexer.skipIf('<')) {
                section.origin = lexer.number32();
                lexer.expect('>');
            }
            lexer.space();
            if (equalsUpper(item, "BINARY.SIZE")) {
                f.binarySize = lexer.number64();
                continue;
            }
            section.binary = equalsUpper(item, "BINARY");
            if (!section.binary && !equalsUpper(item, "BODY"))
                lexer.fail("unknown FETCH section item");
            section.data = lexer.nstring(&section.isNil, section.binary);
            f.sections.append(std::move(section));
            continue;
        }
        lexer.space();
        if (equalsUpper(name, "UID")) {
            f.uid = lexer.number32();
        } else if (equalsUpper(name, "FLAGS")) {
            f.flags = lexer.flagList();
        } else if (equalsUpper(name, "INTERNALDATE")) {
            f.internalDate = parseDateTime(lexer);
        } else if (equalsUpper(name, "RFC822.SIZE")) {
            f.size = lexer.number64();
        } else if (equalsUpper(name, "ENVELOPE")) {
            f.envelope = parseEnvelope(lexer);
        } else if (equalsUpper(name, "BODYSTRUCTURE") || equalsUpper(name, "BODY")) {
            f.bodyStructure = parseBody(lexer);
        } else if (equalsUpper(name, "MODSEQ")) {
            lexer.open();
            f.modseq = lexer.number64();
            lexer.expect(')');
            lexer.close();
        } else if (equalsUpper(name, "EMAILID") || equalsUpper(name, "THREADID")) {
            QByteArray id;
            if (!lexer.skipNil()) {
                lexer.open();
                id = lexer.atom().toByteArray();
                lexer.expect(')');
                lexer.close();
            }
            (equalsUpper(name, "EMAILID") ? f.emailId : f.threadId) = id;
        } else if (equalsUpper(name, "PREVIEW")) {
            if (lexer.peek() == '(') { // draft form: (FUZZY "text")
                lexer.open();
                lexer.atom();
                lexer.space();
                f.preview = lexer.nstring();
                lexer.expect(')');
                lexer.close();
            } else {
                f.preview = lexer.nstring();
            }
        } else if (equalsUpper(name, "SAVEDATE")) {
            if (!lexer.skipNil())
                f.saveDate = parseDateTime(lexer);
        } else if (equalsUpper(name, "RFC822") || equalsUpper(name, "RFC822.HEADER")
                   || equalsUpper(name, "RFC822.TEXT")) {
            BodySection section;
            section.section = name.size() > 7 ? name.sliced(7).toByteArray().toUpper()
                                              : QByteArray();
            section.data = lexer.nstring(&section.isNil);
            f.sections.append(std::move(section));
        } else {
            lexer.skipValue(); // unknown item (X-GM-MSGID, SNIPPET, ...)
        }
    }
    lexer.close();
    return f;
}

} // namespace Tern::Imap::Detail
