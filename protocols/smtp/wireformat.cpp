#include "wireformat.h"

namespace Tern::Smtp::WireFormat {

QByteArray normaliseLineEndings(QByteArrayView message)
{
    QByteArray out;
    out.reserve(message.size() + message.size() / 32 + 2);
    const char *p = message.data();
    const char *end = p + message.size();
    while (p < end) {
        // Copy runs without CR or LF in one go; messages are mostly such runs.
        const char *run = p;
        while (p < end && *p != '\r' && *p != '\n')
            ++p;
        out.append(run, p - run);
        if (p == end)
            break;
        if (*p == '\r' && p + 1 < end && p[1] == '\n')
            ++p;
        ++p;
        out.append("\r\n", 2);
    }
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out.append("\r\n", 2);
    return out;
}

QByteArray dotStuff(QByteArrayView normalised)
{
    QByteArray out;
    out.reserve(normalised.size() + 64);
    qsizetype pos = 0;
    while (pos < normalised.size()) {
        if (normalised[pos] == '.')
            out.append('.');
        qsizetype eol = normalised.indexOf(QByteArrayView("\r\n"), pos);
        eol = eol < 0 ? normalised.size() : eol + 2;
        out.append(normalised.mid(pos, eol - pos));
        pos = eol;
    }
    if (!out.isEmpty() && !out.endsWith("\r\n"))
        out.append("\r\n", 2);
    out.append(".\r\n", 3);
    return out;
}

bool hasEightBit(QByteArrayView message)
{
    for (const char c : message) {
        if (static_cast<unsigned char>(c) & 0x80)
            return true;
    }
    return false;
}

} // namespace Tern::Smtp::WireFormat
