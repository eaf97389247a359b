#include "mutf7.h"

#include <optional>

namespace Tern::Imap {

namespace {

// RFC 3501 §5.1.3: the base64 alphabet with "," instead of "/".
constexpr char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int sextet(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

std::optional<QString> strictDecode(QByteArrayView name)
{
    QString out;
    out.reserve(name.size());
    qsizetype i = 0;
    while (i < name.size()) {
        const char c = name[i];
        if (uchar(c) < 0x20 || uchar(c) > 0x7e)
            return std::nullopt;
        if (c != '&') {
            out.append(QLatin1Char(c));
            ++i;
            continue;
        }
        const qsizetype end = name.indexOf('-', i + 1);
        if (end < 0)
            return std::nullopt;
        if (end == i + 1) {
            out.append(QLatin1Char('&'));
            i = end + 1;
            continue;
        }
        // Base64 of UTF-16BE; leftover bits must be zero and fewer than 16.
        quint32 bits = 0;
        int count = 0;
        QString chunk;
        for (qsizetype k = i + 1; k < end; ++k) {
            const int v = sextet(name[k]);
            if (v < 0)
                return std::nullopt;
            bits = (bits << 6) | quint32(v);
            count += 6;
            if (count >= 16) {
                count -= 16;
                chunk.append(QChar(char16_t((bits >> count) & 0xffff)));
            }
        }
        if (count >= 6 || (bits & ((1u << count) - 1)) != 0 || chunk.isEmpty())
            return std::nullopt;
        // Printable ASCII must not be base64-encoded, and surrogates must pair up.
        for (qsizetype k = 0; k < chunk.size(); ++k) {
            const QChar ch = chunk.at(k);
            if (ch.unicode() >= 0x20 && ch.unicode() <= 0x7e)
                return std::nullopt;
            if (ch.isHighSurrogate()) {
                if (k + 1 >= chunk.size() || !chunk.at(k + 1).isLowSurrogate())
                    return std::nullopt;
                ++k;
            } else if (ch.isLowSurrogate()) {
                return std::nullopt;
            }
        }
        out.append(chunk);
        i = end + 1;
    }
    return out;
}

} // namespace

QByteArray encodeMailboxName(const QString &name)
{
    QByteArray out;
    out.reserve(name.size());
    qsizetype i = 0;
    while (i < name.size()) {
        const char16_t u = name.at(i).unicode();
        if (u >= 0x20 && u <= 0x7e) {
            out.append(char(u));
            if (u == '&')
                out.append('-');
            ++i;
            continue;
        }
        out.append('&');
        quint32 bits = 0;
        int count = 0;
        while (i < name.size() && (name.at(i).unicode() < 0x20 || name.at(i).unicode() > 0x7e)) {
            bits = (bits << 16) | name.at(i).unicode();
            count += 16;
            while (count >= 6) {
                count -= 6;
                out.append(alphabet[(bits >> count) & 0x3f]);
            }
            ++i;
        }
        if (count > 0)
            out.append(alphabet[(bits << (6 - count)) & 0x3f]);
        out.append('-');
    }
    return out;
}

QString decodeMailboxName(QByteArrayView name)
{
    if (auto decoded = strictDecode(name))
        return *decoded;
    // Not mUTF-7: servers and other clients sometimes write raw UTF-8 (or Latin-1).
    if (QString utf8 = QString::fromUtf8(name); !utf8.contains(QChar::ReplacementCharacter))
        return utf8;
    return QString::fromLatin1(name);
}

} // namespace Tern::Imap
