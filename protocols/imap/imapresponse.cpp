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

QList<quint32> expandSequenceSet(QByteArrayView set, quint32 maxCount)
{
    QList<quint32> ids;
    quint64 total = 0;
    for (QByteArrayView range : set.toByteArray().split(',')) {
        const qsizetype colon = range.indexOf(':');
        bool ok1 = true;
        bool ok2 = true;
        const quint32 first = colon < 0 ? range.toUInt(&ok1) : range.first(colon).toUInt(&ok1);
        const quint32 last = colon < 0 ? first : range.sliced(colon + 1).toUInt(&ok2);
        // toUInt accepts signs and spaces; the grammar allows digits only.
        for (char c : range) {
            if (!(c >= '0' && c <= '9') && c != ':')
                return {};
        }
        if (!ok1 || !ok2 || first == 0 || last == 0)
            return {};
        const quint32 lo = qMin(first, last);
        const quint32 hi = qMax(first, last);
        total += quint64(hi - lo) + 1;
        if (total > maxCount)
            return {};
        ids.reserve(qsizetype(total));
        for (quint64 id = lo; id <= hi; ++id)
            ids.append(quint32(id));
    }
    return ids;
}

namespace {

QDebug list(QDebug debug, const char *name, const auto &values)
{
    if (!values.isEmpty())
        debug << ' ' << name << '=' << values;
    return debug;
}

const char *kindName(StatusResponse::Kind kind)
{
    switch (kind) {
    case StatusResponse::Kind::Ok: return "OK";
    case StatusResponse::Kind::No: return "NO";
    case StatusResponse::Kind::Bad: return "BAD";
    case StatusResponse::Kind::Bye: return "BYE";
    case StatusResponse::Kind::Preauth: return "PREAUTH";
    }
    return "?";
}

} // namespace

QDebug operator<<(QDebug debug, const Address &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Address(" << v.name << ", " << v.adl << ", " << v.mailbox << ", "
                    << v.host << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const Envelope &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Envelope(date=" << v.date << " subject=" << v.subject;
    list(debug, "from", v.from);
    list(debug, "sender", v.sender);
    list(debug, "replyTo", v.replyTo);
    list(debug, "to", v.to);
    list(debug, "cc", v.cc);
    list(debug, "bcc", v.bcc);
    debug << " inReplyTo=" << v.inReplyTo << " messageId=" << v.messageId << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const BodyStructure &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Body(" << v.type << '/' << v.subtype;
    list(debug, "params", v.params);
    if (!v.id.isEmpty())
        debug << " id=" << v.id;
    if (!v.description.isEmpty())
        debug << " description=" << v.description;
    if (!v.encoding.isEmpty())
        debug << " encoding=" << v.encoding;
    debug << " size=" << v.size << " lines=" << v.lines;
    if (!v.md5.isEmpty())
        debug << " md5=" << v.md5;
    if (!v.disposition.isEmpty())
        debug << " disposition=" << v.disposition;
    list(debug, "dispositionParams", v.dispositionParams);
    list(debug, "language", v.language);
    if (!v.location.isEmpty())
        debug << " location=" << v.location;
    list(debug, "children", v.children);
    if (v.embeddedEnvelope)
        debug << ' ' << *v.embeddedEnvelope;
    if (v.embeddedBody)
        debug << ' ' << *v.embeddedBody;
    debug << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const BodySection &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << (v.binary ? "BINARY[" : "BODY[") << v.section << ']';
    if (v.origin)
        debug << '<' << *v.origin << '>';
    if (v.isNil)
        debug << " NIL";
    else
        debug << ' ' << v.data.size() << " bytes " << v.data.left(60);
    return debug;
}

QDebug operator<<(QDebug debug, const ResponseCode &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << '[' << v.name;
    if (!v.text.isEmpty())
        debug << " text=" << v.text;
    list(debug, "numbers", v.numbers);
    list(debug, "atoms", v.atoms);
    debug << ']';
    return debug;
}

QDebug operator<<(QDebug debug, const StatusResponse &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Status(" << (v.tag.isEmpty() ? QByteArray("*") : v.tag) << ' '
                    << kindName(v.kind);
    if (v.code)
        debug << ' ' << *v.code;
    debug << ' ' << v.text << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const ContinuationRequest &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Continuation(" << v.text << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const CapabilityData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Capability" << v.capabilities;
    return debug;
}

QDebug operator<<(QDebug debug, const ListData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << (v.lsub ? "Lsub(" : "List(") << v.attributes << ' ' << v.delimiter << ' '
                    << v.mailbox;
    list(debug, "childInfo", v.childInfo);
    debug << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const StatusData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "StatusData(" << v.mailbox << ' ' << v.items << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const FlagsData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Flags" << v.flags;
    return debug;
}

QDebug operator<<(QDebug debug, const NumberData &v)
{
    QDebugStateSaver saver(debug);
    static const char *names[] = {"EXISTS", "RECENT", "EXPUNGE"};
    debug.nospace() << "Number(" << v.number << ' ' << names[int(v.kind)] << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const FetchData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Fetch(" << v.seq;
    if (v.uid)
        debug << " uid=" << *v.uid;
    if (v.flags)
        debug << " flags=" << *v.flags;
    if (v.internalDate)
        debug << " internalDate=" << *v.internalDate;
    if (v.size)
        debug << " size=" << *v.size;
    if (v.envelope)
        debug << ' ' << *v.envelope;
    if (v.bodyStructure)
        debug << ' ' << *v.bodyStructure;
    if (v.modseq)
        debug << " modseq=" << *v.modseq;
    if (!v.emailId.isEmpty())
        debug << " emailId=" << v.emailId;
    if (!v.threadId.isEmpty())
        debug << " threadId=" << v.threadId;
    if (!v.preview.isEmpty())
        debug << " preview=" << v.preview;
    if (v.saveDate)
        debug << " saveDate=" << *v.saveDate;
    list(debug, "sections", v.sections);
    if (v.binarySize)
        debug << " binarySize=" << *v.binarySize;
    debug << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const SearchData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Search" << v.ids;
    if (v.modseq)
        debug << " modseq=" << *v.modseq;
    return debug;
}

QDebug operator<<(QDebug debug, const ESearchData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "ESearch(tag=" << v.tag << " uid=" << v.uid;
    if (v.min)
        debug << " min=" << *v.min;
    if (v.max)
        debug << " max=" << *v.max;
    if (v.count)
        debug << " count=" << *v.count;
    if (v.modseq)
        debug << " modseq=" << *v.modseq;
    debug << " all=" << v.all << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const VanishedData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Vanished(" << (v.earlier ? "EARLIER " : "") << v.uids << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const EnabledData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Enabled" << v.capabilities;
    return debug;
}

QDebug operator<<(QDebug debug, const NamespaceData::Entry &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << '(' << v.prefix << ' ' << v.delimiter << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const NamespaceData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Namespace(" << v.personal << ' ' << v.otherUsers << ' ' << v.shared
                    << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const IdData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Id" << v.fields;
    return debug;
}

QDebug operator<<(QDebug debug, const SortData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Sort" << v.ids;
    return debug;
}

QDebug operator<<(QDebug debug, const ThreadData &v)
{
    QDebugStateSaver saver(debug);
    debug.nospace() << "Thread(" << v.raw << ')';
    return debug;
}

QDebug operator<<(QDebug debug, const Response &v)
{
    std::visit([&debug](const auto &alternative) { debug << alternative; }, v);
    return debug;
}

} // namespace Tern::Imap
