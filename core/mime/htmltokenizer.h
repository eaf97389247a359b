#pragma once

#include <QList>
#include <QString>
#include <QStringView>

namespace Tern::Mime {

/// One attribute of a tag; the value has its character references decoded.
struct HtmlAttribute
{
    QString name; ///< lower case
    QString value;

    friend bool operator==(const HtmlAttribute &, const HtmlAttribute &) = default;
};

/// A token of the small, tolerant HTML tokenizer. It is not an HTML5 parser: it only splits
/// markup into text, tags and comments well enough to rebuild a whitelisted subset, and
/// treats anything it cannot read (an unterminated tag or quote) as the end of the input.
struct HtmlToken
{
    enum class Kind { Text, StartTag, EndTag, Comment, End };

    Kind kind = Kind::End;
    QString text;   ///< raw text (character references intact) or the lower-case tag name
    QList<HtmlAttribute> attributes;
    bool selfClosing = false;
};

/// Reads the token at pos and advances pos past it; Kind::End at the end of the input.
HtmlToken nextHtmlToken(QStringView html, qsizetype &pos);

/// Reads the raw content of element name (script, style, textarea ...) up to and past its end
/// tag, which is matched case-insensitively; without one, everything to the end.
QString readRawText(QStringView html, qsizetype &pos, QStringView name);

/// Decodes numeric and common named character references (HTML5 section 13.5), including the
/// forms without ';' that browsers accept; unknown names are left as they are.
QString decodeHtmlEntities(QStringView text);

} // namespace Tern::Mime
