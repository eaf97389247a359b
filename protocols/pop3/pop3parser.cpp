#include "pop3parser.h"

#include <QCryptographicHash>

namespace Tern::Pop3::Parser {
namespace {

std::optional<qint64> number(QByteArrayView digits)
{
    if (digits.isEmpty() || digits.size() > 18)
        return std::nullopt;
    qint64 n = 0;
    for (const char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// Splits "a b" at the first run of spaces; the rest keeps inner spaces.
std::pair<QByteArrayView, QByteArrayView> firstWord(QByteArrayView line)
{
    line = line.trimmed();
    const qsizetype sp = line.indexOf(' ');
    if (sp < 0)
        return {line, {}};
    return {line.first(sp), line.sliced(sp + 1).trimmed()};
}

} // namespace

std::optional<Status> status(QByteArrayView line)
{
    Status s;
    QByteArrayView rest;
    if (line.startsWith("+OK")) {
        s.ok = true;
        rest = line.sliced(3);
    } else if (line.startsWith("-ERR")) {
        rest = line.sliced(4);
    } else {
        return std::nullopt;
    }
    if (!rest.isEmpty() && rest.front() != ' ')
        return std::nullopt;
    rest = rest.trimmed();
    // RFC 2449 §8: "[CODE/SUB] text".
    if (rest.startsWith('[')) {
        const qsizetype close = rest.indexOf(']');
        if (close > 1) {
            s.code = rest.sliced(1, close - 1).toByteArray();
            rest = rest.sliced(close + 1).trimmed();
        }
    }
    s.text = rest.toByteArray();
    return s;
}

QByteArray apopTimestamp(QByteArrayView greeting)
{
    const qsizetype open = greeting.indexOf('<');
    if (open < 0)
        return {};
    const qsizetype close = greeting.indexOf('>', open);
    if (close < 0)
        return {};
    const QByteArrayView stamp = greeting.sliced(open, close - open + 1);
    // A msg-id (RFC 822): no nested brackets or spaces, and an '@'.
    if (stamp.sliced(1).contains('<') || stamp.contains(' ') || !stamp.contains('@'))
        return {};
    return stamp.toByteArray();
}

QByteArray apopDigest(QByteArrayView timestamp, const QString &secret)
{
    QCryptographicHash md5(QCryptographicHash::Md5);
    md5.addData(timestamp);
    md5.addData(secret.toUtf8());
    return md5.result().toHex();
}

Capabilities capabilities(const QByteArrayList &lines)
{
    Capabilities caps;
    caps.valid = true;
    caps.lines = lines;
    for (const QByteArray &line : lines) {
        const auto [word, args] = firstWord(line);
        const QByteArray name = word.toByteArray().toUpper();
        if (name == "TOP")
            caps.top = true;
        else if (name == "USER")
            caps.user = true;
        else if (name == "UIDL")
            caps.uidl = true;
        else if (name == "PIPELINING")
            caps.pipelining = true;
        else if (name == "STLS")
            caps.stls = true;
        else if (name == "RESP-CODES")
            caps.respCodes = true;
        else if (name == "SASL") {
            for (const QByteArray &m : args.toByteArray().split(' ')) {
                if (!m.isEmpty())
                    caps.sasl << QString::fromLatin1(m).toUpper();
            }
        }
    }
    return caps;
}

std::optional<std::pair<int, qint64>> stat(QByteArrayView text)
{
    const auto [first, rest] = firstWord(text);
    const auto count = number(first);
    const auto octets = number(firstWord(rest).first);
    if (!count || !octets || *count > INT_MAX)
        return std::nullopt;
    return std::pair<int, qint64>(int(*count), *octets);
}

std::optional<ListEntry> listEntry(QByteArrayView line)
{
    const auto [first, rest] = firstWord(line);
    const auto msg = number(first);
    const auto size = number(firstWord(rest).first);
    if (!msg || !size || *msg < 1 || *msg > INT_MAX)
        return std::nullopt;
    return ListEntry{int(*msg), *size};
}

std::optional<UidlEntry> uidlEntry(QByteArrayView line)
{
    const auto [first, rest] = firstWord(line);
    const auto msg = number(first);
    const QByteArrayView uid = firstWord(rest).first;
    if (!msg || *msg < 1 || *msg > INT_MAX || uid.isEmpty() || uid.size() > 70)
        return std::nullopt;
    for (const char c : uid) {
        if (c < 0x21 || c > 0x7e)
            return std::nullopt;
    }
    return UidlEntry{int(*msg), uid.toByteArray()};
}

std::optional<QByteArrayView> unstuff(QByteArrayView line)
{
    if (line.startsWith('.')) {
        if (line.size() == 1)
            return std::nullopt;
        return line.sliced(1);
    }
    return line;
}

} // namespace Tern::Pop3::Parser
