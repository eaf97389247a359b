#include "reply.h"

namespace Tern::Smtp {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// 1 to 3 digits starting at pos; returns the position after them or -1.
qsizetype digits(QByteArrayView text, qsizetype pos)
{
    qsizetype end = pos;
    while (end < text.size() && end - pos < 4 && isDigit(text[end]))
        ++end;
    const qsizetype count = end - pos;
    return count >= 1 && count <= 3 ? end : -1;
}

} // namespace

QString Reply::text() const
{
    QByteArray joined = QByteArray::number(code);
    if (!enhanced.isEmpty())
        joined += ' ' + enhanced;
    for (const QByteArray &line : lines)
        joined += ' ' + line;
    return QString::fromUtf8(joined).trimmed();
}

std::optional<ReplyLine> parseReplyLine(QByteArrayView line)
{
    if (line.size() < 3 || !isDigit(line[0]) || !isDigit(line[1]) || !isDigit(line[2]))
        return std::nullopt;
    // RFC 5321 §4.2: the first digit is 2 to 5, the second 0 to 5.
    if (line[0] < '2' || line[0] > '5' || line[1] > '5')
        return std::nullopt;
    ReplyLine parsed;
    parsed.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
    if (line.size() == 3)
        return parsed;
    if (line[3] != ' ' && line[3] != '-')
        return std::nullopt;
    parsed.last = line[3] == ' ';
    parsed.text = line.mid(4).toByteArray();
    return parsed;
}

QByteArray parseEnhancedCode(QByteArrayView text, int replyCode, qsizetype *length)
{
    if (length)
        *length = 0;
    const char cls = char('0' + replyCode / 100);
    if (text.size() < 5 || text[0] != cls || (cls != '2' && cls != '4' && cls != '5')
        || text[1] != '.')
        return {};
    const qsizetype subjectEnd = digits(text, 2);
    if (subjectEnd < 0 || subjectEnd >= text.size() || text[subjectEnd] != '.')
        return {};
    const qsizetype detailEnd = digits(text, subjectEnd + 1);
    if (detailEnd < 0 || (detailEnd < text.size() && text[detailEnd] != ' '))
        return {};
    if (length)
        *length = detailEnd;
    return text.left(detailEnd).toByteArray();
}

QDebug operator<<(QDebug debug, const Reply &reply)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Reply(" << reply.code << ' ' << reply.enhanced << ' ' << reply.lines
                    << ')';
    return debug;
}

} // namespace Tern::Smtp
