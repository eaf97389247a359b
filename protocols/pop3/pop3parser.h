#pragma once

#include "pop3types.h"

#include <QByteArrayView>

#include <optional>

/// Pure functions over POP3 response lines (no socket): each takes one line without its CRLF.
namespace Tern::Pop3::Parser {

/// RFC 1939 §3 status indicator with its text; RFC 2449 §8 response code ("IN-USE") if any.
struct Status {
    bool ok = false;
    QByteArray text;
    QByteArray code;
    bool operator==(const Status &) const = default;
};

/// RFC 1939 §3: "+OK text" or "-ERR text"; nothing for any other line.
std::optional<Status> status(QByteArrayView line);

/// RFC 1939 §7: the "<...>" timestamp in the greeting used by APOP, or empty.
QByteArray apopTimestamp(QByteArrayView greeting);

/// RFC 1939 §7: lowercase hex MD5 of the timestamp followed by the shared secret.
QByteArray apopDigest(QByteArrayView timestamp, const QString &secret);

/// RFC 2449 §5: the capability lines between CAPA's "+OK" and ".".
Capabilities capabilities(const QByteArrayList &lines);

/// RFC 1939 §5 STAT: "+OK nn mm" text part "nn mm".
std::optional<std::pair<int, qint64>> stat(QByteArrayView text);

/// RFC 1939 §5 LIST scan listing "msg size" (a multi-line entry or a single-line answer).
std::optional<ListEntry> listEntry(QByteArrayView line);

/// RFC 1939 §7 UIDL "msg unique-id", unique-id 1 to 70 characters in 0x21..0x7E.
std::optional<UidlEntry> uidlEntry(QByteArrayView line);

/// RFC 1939 §3: one line of a multi-line response; nothing for the terminating ".",
/// else the line with a leading byte-stuffed "." removed.
std::optional<QByteArrayView> unstuff(QByteArrayView line);

} // namespace Tern::Pop3::Parser
