#include "htmlsanitizer.h"

#include "htmltokenizer.h"

#include <QSet>

namespace Tern::Mime {

namespace {

using Kind = HtmlToken::Kind;

const QSet<QString> &allowedElements()
{
    static const QSet<QString> set = [] {
        QSet<QString> s;
        for (const char *name :
             {"a", "abbr", "address", "article", "b", "big", "blockquote", "body", "br",
              "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn", "div",
              "dl", "dt", "em", "figcaption", "figure", "font", "footer", "h1", "h2", "h3", "h4",
              "h5", "h6", "header", "hr", "html", "i", "img", "ins", "kbd", "li", "main", "mark",
              "nav", "nobr", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
              "strike", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
              "tr", "tt", "u", "ul", "var", "wbr"})
            s.insert(QLatin1StringView(name));
        return s;
    }();
    return set;
}

// Elements whose content is script, markup for another engine, or otherwise never shown.
// Void ones (embed, frame, meta, link, base, input ...) are simply not whitelisted.
const QSet<QString> &droppedWithContent()
{
    static const QSet<QString> set = [] {
        QSet<QString> s;
        for (const char *name :
             {"script", "iframe", "object", "applet", "frameset", "noframes",
              "noscript", "noembed", "template", "svg", "math", "title", "textarea", "select",
              "xml", "xmp", "plaintext", "audio", "video", "canvas", "portal"})
            s.insert(QLatin1StringView(name));
        return s;
    }();
    return set;
}

// Elements the tokenizer must read as raw text, since "<" inside them is not markup.
bool isRawText(const QString &name)
{
    for (const char *raw : {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                            "noframes", "noscript", "plaintext"}) {
        if (name == QLatin1StringView(raw))
            return true;
    }
    return false;
}

const QSet<QString> &allowedAttributes()
{
    static const QSet<QString> set = [] {
        QSet<QString> s;
        for (const char *name :
             {"align", "alt", "bgcolor", "border", "cellpadding", "cellspacing", "class", "color",
              "cols", "colspan", "dir", "face", "height", "hspace", "lang", "name", "nowrap",
              "rows", "rowspan", "size", "span", "start", "style", "summary", "title", "type",
              "valign", "value", "vspace", "width"})
            s.insert(QLatin1StringView(name));
        return s;
    }();
    return set;
}

enum class UrlKind { Remote, Cid, DataImage, Navigation, Fragment, Dangerous };

UrlKind classifyUrl(const QString &url)
{
    // Browsers ignore whitespace and controls inside a scheme ("java\tscript:").
    QString clean;
    for (const QChar c : url) {
        if (c.unicode() > 0x20 && c.unicode() != 0x7f && !c.isSpace())
            clean.append(c.toLower());
    }
    if (clean.startsWith(u'#'))
        return UrlKind::Fragment;
    if (clean.startsWith(QLatin1StringView("//")))
        return UrlKind::Remote; // protocol-relative
    const qsizetype colon = clean.indexOf(u':');
    if (colon <= 0)
        return UrlKind::Dangerous; // relative: QTextBrowser would resolve it as a local file
    const QString scheme = clean.left(colon);
    for (const QChar c : scheme) {
        if (!(c.isLetterOrNumber() && c.unicode() < 0x80) && c != u'+' && c != u'-' && c != u'.')
            return UrlKind::Dangerous;
    }
    if (scheme == QLatin1StringView("http") || scheme == QLatin1StringView("https")
        || scheme == QLatin1StringView("ftp"))
        return clean.mid(colon).startsWith(QLatin1StringView("://")) ? UrlKind::Remote
                                                                      : UrlKind::Dangerous;
    if (scheme == QLatin1StringView("cid"))
        return UrlKind::Cid;
    if (scheme == QLatin1StringView("mailto") || scheme == QLatin1StringView("tel")
        || scheme == QLatin1StringView("news"))
        return UrlKind::Navigation;
    if (scheme == QLatin1StringView("data") && clean.startsWith(QLatin1StringView("data:image/"))
        && !clean.startsWith(QLatin1StringView("data:image/svg")))
        return UrlKind::DataImage;
    return UrlKind::Dangerous; // javascript:, vbscript:, file:, data:text/html, ...
}

QString escapeAttribute(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case u'&': out += QLatin1StringView("&amp;"); break;
        case u'"': out += QLatin1StringView("&quot;"); break;
        case u'<': out += QLatin1StringView("&lt;"); break;
        case u'>': out += QLatin1StringView("&gt;"); break;
        default:
            if (c.unicode() >= 0x20 || c == u'\t')
                out += c;
        }
    }
    return out;
}

bool isBlock(const QString &name)
{
    for (const char *block : {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                              "blockquote", "pre", "table", "ul", "ol", "hr", "dt", "dd"}) {
        if (name == QLatin1StringView(block))
            return true;
    }
    return false;
}

// HTML rendering: every run of white space outside <pre> shows as one space.
QString collapseWhitespace(const QString &text)
{
    QString out;
    out.reserve(text.size());
    bool space = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            space = true;
            continue;
        }
        if (space)
            out += u' ';
        space = false;
        out += c;
    }
    if (space)
        out += u' ';
    return out;
}

// Skips past the end tag matching an element dropped with its content, counting nesting.
void skipElement(QStringView html, qsizetype &pos, const QString &name)
{
    int depth = 1;
    while (depth > 0) {
        const HtmlToken t = nextHtmlToken(html, pos);
        if (t.kind == Kind::End)
            return;
        if (t.text != name)
            continue;
        if (t.kind == Kind::StartTag && !t.selfClosing)
            ++depth;
        else if (t.kind == Kind::EndTag)
            --depth;
    }
}

} // namespace

QString HtmlSanitizer::sanitizeCss(const QString &css, bool *hasRemote) const
{
    QString text = css;
    // CSS escapes ("u\rl(", "\65xpression") could hide everything below: refuse them.
    if (text.contains(u'\\') || text.contains(u'<'))
        return {};
    for (qsizetype start; (start = text.indexOf(QLatin1StringView("/*"))) >= 0;) {
        const qsizetype end = text.indexOf(QLatin1StringView("*/"), start + 2);
        text.remove(start, end < 0 ? text.size() - start : end + 2 - start);
    }
    const QString lower = text.toLower();
    for (const char *bad : {"expression", "behavior", "-moz-binding", "javascript:",
                            "vbscript:", "image-set", "image(", "cross-fade", "element("}) {
        if (lower.contains(QLatin1StringView(bad)))
            return {};
    }
    // @import always goes: QTextBrowser cannot use it and it is a remote fetch.
    for (qsizetype at; (at = text.indexOf(QLatin1StringView("@import"), 0,
                                          Qt::CaseInsensitive)) >= 0;) {
        *hasRemote = true;
        const qsizetype semicolon = text.indexOf(u';', at);
        text.remove(at, semicolon < 0 ? text.size() - at : semicolon + 1 - at);
    }
    qsizetype from = 0;
    for (qsizetype at; (at = text.indexOf(QLatin1StringView("url("), from,
                                          Qt::CaseInsensitive)) >= 0;) {
        const qsizetype close = text.indexOf(u')', at + 4);
        if (close < 0) {
            text.truncate(at);
            break;
        }
        QString target = text.mid(at + 4, close - at - 4).trimmed();
        if (target.size() >= 2 && (target.front() == u'"' || target.front() == u'\'')
            && target.back() == target.front())
            target = target.mid(1, target.size() - 2);
        const UrlKind kind = classifyUrl(target);
        bool keep = kind == UrlKind::Cid || kind == UrlKind::DataImage;
        if (kind == UrlKind::Remote) {
            *hasRemote = true;
            keep = m_allowRemote;
        }
        if (keep) {
            from = close + 1;
        } else {
            text.replace(at, close + 1 - at, QStringLiteral("none"));
            from = at + 4;
        }
    }
    return text;
}

SanitizedHtml HtmlSanitizer::sanitize(const QString &html) const
{
    SanitizedHtml result;
    bool remote = false;
    QString &out = result.html;
    out.reserve(html.size());
    qsizetype pos = 0;
    for (;;) {
        const HtmlToken t = nextHtmlToken(html, pos);
        if (t.kind == Kind::End)
            break;
        if (t.kind == Kind::Text) {
            out += t.text;
            continue;
        }
        if (t.kind == Kind::Comment)
            continue;
        if (t.kind == Kind::EndTag) {
            if (allowedElements().contains(t.text))
                out += QLatin1StringView("</") + t.text + u'>';
            continue;
        }
        if (t.text == QLatin1StringView("style")) {
            const QString css = readRawText(html, pos, t.text);
            out += QLatin1StringView("<style>") + sanitizeCss(css, &remote)
                + QLatin1StringView("</style>");
            continue;
        }
        if (droppedWithContent().contains(t.text)) {
            if (t.selfClosing)
                continue;
            if (t.text == QLatin1StringView("plaintext"))
                break;
            if (isRawText(t.text))
                readRawText(html, pos, t.text);
            else
                skipElement(html, pos, t.text);
            continue;
        }
        if (!allowedElements().contains(t.text))
            continue; // unknown or unsafe tag (form, input, meta, link, base ...): text stays
        out += u'<' + t.text;
        for (const HtmlAttribute &a : t.attributes) {
            QString value = a.value;
            if (a.name == QLatin1StringView("href")) {
                if (t.text != QLatin1StringView("a"))
                    continue;
                const UrlKind kind = classifyUrl(value);
                if (kind == UrlKind::Dangerous || kind == UrlKind::DataImage)
                    continue;
            } else if (a.name == QLatin1StringView("src")
                       || a.name == QLatin1StringView("background")) {
                if (a.name == QLatin1StringView("src") && t.text != QLatin1StringView("img"))
                    continue;
                const UrlKind kind = classifyUrl(value);
                if (kind == UrlKind::Remote) {
                    remote = true;
                    if (!m_allowRemote)
                        continue;
                } else if (kind != UrlKind::Cid && kind != UrlKind::DataImage) {
                    continue;
                }
            } else if (a.name == QLatin1StringView("style")) {
                value = sanitizeCss(value, &remote);
            } else if (!allowedAttributes().contains(a.name)) {
                continue; // on* handlers and everything else unknown
            }
            out += u' ' + a.name + QLatin1StringView("=\"") + escapeAttribute(value) + u'"';
        }
        out += t.selfClosing ? QLatin1StringView(" />") : QLatin1StringView(">");
    }
    result.hasRemoteContent = remote;
    result.remoteBlocked = remote && !m_allowRemote;
    return result;
}

QString HtmlSanitizer::toPlainText(const QString &html)
{
    QString out;
    qsizetype pos = 0;
    int pre = 0;
    for (;;) {
        const HtmlToken t = nextHtmlToken(html, pos);
        if (t.kind == Kind::End)
            break;
        if (t.kind == Kind::Text) {
            QString text = decodeHtmlEntities(t.text);
            text.replace(QChar(0xa0), u' ');
            out += pre > 0 ? text : collapseWhitespace(text);
            continue;
        }
        if (t.kind == Kind::StartTag && (t.text == QLatin1StringView("style")
                                         || droppedWithContent().contains(t.text))) {
            if (t.selfClosing)
                continue;
            if (isRawText(t.text))
                readRawText(html, pos, t.text);
            else
                skipElement(html, pos, t.text);
            continue;
        }
        if (t.text == QLatin1StringView("pre"))
            pre += t.kind == Kind::StartTag ? 1 : (pre > 0 ? -1 : 0);
        if ((t.kind == Kind::StartTag || t.kind == Kind::EndTag) && isBlock(t.text))
            out += u'\n';
    }
    // Trim each line and keep at most one empty line between paragraphs.
    QStringList lines;
    for (const QString &line : out.split(u'\n')) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() && (lines.isEmpty() || lines.back().isEmpty()))
            continue;
        lines.append(trimmed);
    }
    while (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    return lines.join(u'\n');
}

} // namespace Tern::Mime
