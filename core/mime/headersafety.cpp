#include "headersafety.h"

namespace Tern::Mime {

QString headerSafeText(const QString &text)
{
    QString out = text;
    for (QChar &c : out) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t') || u == 0x7f || u == 0x2028 || u == 0x2029 || u == 0x85)
            c = u' ';
    }
    return out;
}

QByteArray headerSafeBytes(const QByteArray &bytes)
{
    QByteArray out = bytes;
    for (char &c : out) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            c = ' ';
    }
    return out;
}

bool isSafeAddress(const QString &address)
{
    if (address.isEmpty() || address.size() > 320 || address.count(u'@') != 1)
        return false;
    if (address.startsWith(u'@') || address.endsWith(u'@'))
        return false;
    for (const QChar c : address) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029)
            return false;
        if (QStringView(u"<>(),;:\"\\[]").contains(c))
            return false;
    }
    return true;
}

QByteArray cleanMessageId(const QByteArray &id)
{
    QByteArray out;
    out.reserve(id.size());
    for (const char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (u > 0x20 && u < 0x7f && c != '<' && c != '>' && c != '"' && c != '\\')
            out.append(c);
    }
    if (!out.contains('@'))
        return {};
    return out;
}

} // namespace Tern::Mime
