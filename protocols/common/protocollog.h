#pragma once

#include <QByteArray>
#include <QDateTime>

namespace Tern {

/// One line of a protocol log. Engines redact credentials and message contents before
/// they emit it, so nothing secret ever leaves an engine through its log signal.
struct ProtocolLogLine {
    enum class Direction { Sent, Received, Info };
    Direction direction = Direction::Info;
    QByteArray text;
    QDateTime when = QDateTime::currentDateTimeUtc();
};

} // namespace Tern
