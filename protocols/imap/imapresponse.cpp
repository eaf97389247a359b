#include "imapresponse.h"

#include <QDebug>

namespace Tern::Imap {

bool BodyStructure::operator==(const BodyStructure &o) const
{
    auto samePointee = [](const auto &a, const auto &b) {
        return a == b || (a && b && *a == *b);
    };
    return type == o.type && subtype == o.subtype && params == o.params && id == o.id
        && description == o.description && encoding == o.encoding && size == o.size
        && lines == o.lines && md5 == o.md5 && disposition == o.disposition
        && dispositionParams == o.dispositionParams && language == o.language
        && location == o.location && children == o.children
        && samePointee(embeddedEnvelope, o.embeddedEnvelope)
        && samePointee(embeddedBody, o.embeddedBody);
}

QList<quint32> expandSequenceSet(QByteArrayView, quint32)
{
    return {};
}

} // namespace Tern::Imap
