#include "threadbuilder.h"

#include <QHash>
#include <QRegularExpression>

#include <algorithm>

namespace Tern {

std::vector<std::pair<qint64, qint64>> arrangeThread(std::vector<ThreadMember> members)
{
    std::sort(members.begin(), members.end(), [](const ThreadMember &a, const ThreadMember &b) {
        return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    std::vector<std::pair<qint64, qint64>> out;
    out.reserve(members.size());
    QHash<QString, qint64> placed; // Message-ID -> id, only for messages already placed
    for (const ThreadMember &m : members) {
        qint64 parent = 0;
        if (!out.empty()) {
            parent = placed.value(m.inReplyTo.trimmed(), 0);
            if (!parent) {
                static const QRegularExpression space(QStringLiteral("\\s+"));
                const QStringList refs = m.references.split(space, Qt::SkipEmptyParts);
                for (auto it = refs.crbegin(); it != refs.crend() && !parent; ++it)
                    parent = placed.value(*it, 0);
            }
            if (!parent)
                parent = out.front().first;
        }
        out.emplace_back(m.id, parent);
        if (!m.messageId.isEmpty() && !placed.contains(m.messageId))
            placed.insert(m.messageId, m.id);
    }
    return out;
}

} // namespace Tern
