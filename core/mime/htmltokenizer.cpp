#include "htmltokenizer.h"

#include <QHash>

namespace Tern::Mime {

namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

bool isAsciiLetter(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}

void skipSpace(QStringView s, qsizetype &pos)
{
    while (pos < s.size() && isSpace(s[pos]))
        ++pos;
}

QString readName(QStringView s, qsizetype &pos)
{
    const qsizetype start = pos;
    while (pos < s.size() && !isSpace(s[pos]) && s[pos] != u'/' && s[pos] != u'>')
        ++pos;
    return s.mid(start, pos - start).toString().toLower();
}

int digitValue(QChar c, bool hex)
{
    if (c >= u'0' && c <= u'9')
        return c.unicode() - u'0';
    const char16_t lower = c.toLower().unicode();
    if (hex && lower >= u'a' && lower <= u'f')
        return lower - u'a' + 10;
    return -1;
}

HtmlToken endOfInput(QStringView html, qsizetype &pos)
{
    pos = html.size();
    return {};
}

} // namespace

HtmlToken nextHtmlToken(QStringView html, qsizetype &pos)
{
    if (pos >= html.size())
        return endOfInput(html, pos);
    HtmlToken token;
    if (html[pos] != u'<' || pos + 1 >= html.size()) {
        const qsizetype next = html.indexOf(u'<', pos + 1);
        const qsizetype end = next < 0 ? html.size() : next;
        token.kind = HtmlToken::Kind::Text;
        token.text = html.mid(pos, end - pos).toString();
        if (token.text == QLatin1StringView("<"))
            token.text = QStringLiteral("&lt;");
        pos = end;
        return token;
    }
    const QChar next = html[pos + 1];
    if (html.mid(pos).startsWith(QLatin1StringView("<!--"))) {
        const qsizetype end = html.indexOf(QLatin1StringView("-->"), pos + 4);
        token.kind = HtmlToken::Kind::Comment;
        token.text = html.mid(pos + 4, end < 0 ? -1 : end - pos - 4).toString();
        pos = end < 0 ? html.size() : end + 3;
        return token;
    }
    if (next == u'!' || next == u'?') { // doctype, CDATA, processing instruction
        const qsizetype end = html.indexOf(u'>', pos);
        token.kind = HtmlToken::Kind::Comment;
        pos = end < 0 ? html.size() : end + 1;
        return token;
    }
    const bool endTag = next == u'/';
    qsizetype p = pos + (endTag ? 2 : 1);
    if (p >= html.size() || !isAsciiLetter(html[p])) {
        token.kind = HtmlToken::Kind::Text; // a lone '<' is text
        token.text = QStringLiteral("&lt;");
        ++pos;
        return token;
    }
    token.kind = endTag ? HtmlToken::Kind::EndTag : HtmlToken::Kind::StartTag;
    token.text = readName(html, p);
    for (;;) {
        skipSpace(html, p);
        if (p >= html.size())
            return endOfInput(html, pos); // unterminated tag: drop the rest
        if (html[p] == u'>') {
            pos = p + 1;
            return token;
        }
        if (html[p] == u'/') {
            ++p;
            if (p < html.size() && html[p] == u'>')
                token.selfClosing = true;
            continue;
        }
        HtmlAttribute attribute;
        const qsizetype nameStart = p++; // a leading '=' belongs to the name (HTML5 13.2.5.32)
        while (p < html.size() && !isSpace(html[p]) && html[p] != u'/' && html[p] != u'>'
               && html[p] != u'=')
            ++p;
        attribute.name = html.mid(nameStart, p - nameStart).toString().toLower();
        skipSpace(html, p);
        if (p < html.size() && html[p] == u'=') {
            ++p;
            skipSpace(html, p);
            if (p >= html.size())
                return endOfInput(html, pos);
            if (html[p] == u'"' || html[p] == u'\'') {
                const qsizetype close = html.indexOf(html[p], p + 1);
                if (close < 0)
                    return endOfInput(html, pos); // unterminated quote
                attribute.value = decodeHtmlEntities(html.mid(p + 1, close - p - 1));
                p = close + 1;
            } else {
                const qsizetype start = p;
                while (p < html.size() && !isSpace(html[p]) && html[p] != u'>')
                    ++p;
                attribute.value = decodeHtmlEntities(html.mid(start, p - start));
            }
        }
        if (!endTag)
            token.attributes.append(attribute);
    }
}

QString readRawText(QStringView html, qsizetype &pos, QStringView name)
{
    const QString closing = QStringLiteral("</") + name;
    qsizetype from = pos;
    for (;;) {
        const qsizetype at = html.indexOf(closing, from, Qt::CaseInsensitive);
        if (at < 0) {
            const QString rest = html.mid(pos).toString();
            pos = html.size();
            return rest;
        }
        const qsizetype after = at + closing.size();
        // "</scriptx" does not close <script>.
        if (after < html.size() && !isSpace(html[after]) && html[after] != u'>'
            && html[after] != u'/') {
            from = after;
            continue;
        }
        const QString content = html.mid(pos, at - pos).toString();
        const qsizetype gt = html.indexOf(u'>', after);
        pos = gt < 0 ? html.size() : gt + 1;
        return content;
    }
}

QString decodeHtmlEntities(QStringView text)
{
    static const QHash<QString, char16_t> named = {
        {QStringLiteral("amp"), u'&'},     {QStringLiteral("lt"), u'<'},
        {QStringLiteral("gt"), u'>'},      {QStringLiteral("quot"), u'"'},
        {QStringLiteral("apos"), u'\''},   {QStringLiteral("nbsp"), 0xa0},
        {QStringLiteral("colon"), u':'},   {QStringLiteral("tab"), u'\t'},
        {QStringLiteral("newline"), u'\n'}, {QStringLiteral("sol"), u'/'},
        {QStringLiteral("lpar"), u'('},    {QStringLiteral("rpar"), u')'},
        {QStringLiteral("period"), u'.'},  {QStringLiteral("comma"), u','},
        {QStringLiteral("excl"), u'!'},    {QStringLiteral("num"), u'#'},
        {QStringLiteral("bsol"), u'\\'},   {QStringLiteral("copy"), 0xa9},
    };
    if (!text.contains(u'&'))
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    while (i < text.size()) {
        if (text[i] != u'&') {
            out.append(text[i++]);
            continue;
        }
        qsizetype p = i + 1;
        if (p < text.size() && text[p] == u'#') {
            ++p;
            const bool hex = p < text.size() && (text[p] == u'x' || text[p] == u'X');
            if (hex)
                ++p;
            const qsizetype digitsStart = p;
            char32_t value = 0;
            while (p < text.size() && p - digitsStart < 8) {
                const int digit = digitValue(text[p], hex);
                if (digit < 0)
                    break;
                value = value * (hex ? 16 : 10) + char32_t(digit);
                ++p;
            }
            while (p < text.size() && digitValue(text[p], hex) >= 0) // absurdly long numbers
                ++p;
            if (p == digitsStart) {
                out.append(text[i++]);
                continue;
            }
            if (p < text.size() && text[p] == u';')
                ++p;
            if (value == 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff))
                value = 0xfffd;
            out.append(QString::fromUcs4(&value, 1));
            i = p;
            continue;
        }
        while (p < text.size() && p - i <= 10 && text[p].isLetterOrNumber())
            ++p;
        const auto it = named.constFind(text.mid(i + 1, p - i - 1).toString().toLower());
        if (it == named.constEnd()) {
            out.append(text[i++]);
            continue;
        }
        out.append(QChar(*it));
        i = (p < text.size() && text[p] == u';') ? p + 1 : p;
    }
    return out;
}

} // namespace Tern::Mime
