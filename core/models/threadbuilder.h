#pragma once

#include <QString>

#include <utility>
#include <vector>

namespace Tern {

/// One message of a thread as the thread builder needs it.
struct ThreadMember {
    qint64 id = 0;
    qint64 date = 0;
    QString messageId;  // Message-ID with angle brackets
    QString inReplyTo;  // In-Reply-To
    QString references; // References, ids separated by white space
};

/// Arranges the messages of one thread (RFC 5322 section 3.6.4): sorted by date, each message
/// goes under the message its In-Reply-To names, else under the nearest ancestor its References
/// list names, else under the oldest message. Returns (id, parent id) pairs in date order,
/// parent 0 for the root; a parent always comes before its children, so there are no cycles.
std::vector<std::pair<qint64, qint64>> arrangeThread(std::vector<ThreadMember> members);

} // namespace Tern
