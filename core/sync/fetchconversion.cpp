#include "fetchconversion.h"

#include "mime/headerdecoding.h"

#include <QDataStream>
#include <QIODevice>
#include <QRegularExpression>

namespace Tern {
namespace {

QString decode(const QByteArray &raw)
{
    return raw.isEmpty() ? QString() : Mime::decodeUnstructured(raw);
}

QString addressOf(const Imap::Address &a)
{
    if (a.host.isEmpty())
        return QString::fromUtf8(a.mailbox);
    return QString::fromUtf8(a.mailbox + '@' + a.host);
}

QString addressList(const QList<Imap::Address> &list)
{
    QStringList out;
    for (const Imap::Address &a : list) {
        if (a.mailbox.isEmpty() || a.host.isEmpty())
            continue; // group markers (RFC 3501 §7.4.2)
        const QString name = decode(a.name);
        out << (name.isEmpty() ? addressOf(a) : name + QStringLiteral(" <") + addressOf(a)
                                                     + QLatin1Char('>'));
    }
    return out.join(QStringLiteral(", "));
}

bool hasAttachment(const Imap::BodyStructure &b, int depth = 0)
{
    if (depth > 50)
        return false;
    if (!b.children.isEmpty()) {
        for (const auto &child : b.children) {
            if (hasAttachment(child, depth + 1))
                return true;
        }
        return false;
    }
    if (b.disposition.compare("attachment", Qt::CaseInsensitive) == 0)
        return true;
    if (b.type == "application" || b.type == "audio" || b.type == "video")
        return true;
    if (b.type == "message" && b.subtype == "rfc822")
        return true;
    return false;
}

void write(QDataStream &out, const Imap::BodyStructure &b, int depth)
{
    out << b.type << b.subtype << qint32(b.params.size());
    for (const auto &p : b.params)
        out << p.first << p.second;
    out << b.id << b.encoding << quint64(b.size) << b.disposition
        << qint32(b.dispositionParams.size());
    for (const auto &p : b.dispositionParams)
        out << p.first << p.second;
    const bool recurse = depth < 50;
    out << qint32(recurse ? b.children.size() : 0);
    if (recurse) {
        for (const auto &child : b.children)
            write(out, child, depth + 1);
    }
}

bool read(QDataStream &in, Imap::BodyStructure &b, int depth)
{
    if (depth > 60)
        return false;
    qint32 n = 0;
    in >> b.type >> b.subtype >> n;
    if (n < 0 || n > 1000)
        return false;
    for (qint32 i = 0; i < n; ++i) {
        QPair<QByteArray, QByteArray> p;
        in >> p.first >> p.second;
        b.params << p;
    }
    quint64 size = 0;
    in >> b.id >> b.encoding >> size >> b.disposition >> n;
    b.size = size;
    if (n < 0 || n > 1000)
        return false;
    for (qint32 i = 0; i < n; ++i) {
        QPair<QByteArray, QByteArray> p;
        in >> p.first >> p.second;
        b.dispositionParams << p;
    }
    in >> n;
    if (n < 0 || n > 10000)
        return false;
    for (qint32 i = 0; i < n; ++i) {
        Imap::BodyStructure child;
        if (!read(in, child, depth + 1))
            return false;
        b.children << child;
    }
    return in.status() == QDataStream::Ok;
}

QStringList messageIds(const QByteArray &text)
{
    static const QRegularExpression id(QStringLiteral("<[^<>\\s]+>"));
    QStringList out;
    auto it = id.globalMatch(QString::fromUtf8(text));
    while (it.hasNext())
        out << it.next().captured();
    return out;
}

} // namespace

QByteArray referencesFetchItem()
{
    return QByteArrayLiteral("BODY.PEEK[HEADER.FIELDS (REFERENCES)]");
}

MessageHeader headerFromFetch(const Imap::FetchData &fetch)
{
    MessageHeader h;
    h.uid = fetch.uid.value_or(0);
    if (fetch.flags)
        h.flags = MessageFlags::fromImap(*fetch.flags);
    h.modseq = qint64(fetch.modseq.value_or(0));
    h.size = qint64(fetch.size.value_or(0));
    if (fetch.internalDate)
        h.internalDate = fetch.internalDate->toSecsSinceEpoch();
    h.date = h.internalDate;
    h.preview = QString::fromUtf8(fetch.preview);
    if (fetch.envelope) {
        const Imap::Envelope &e = *fetch.envelope;
        h.subject = decode(e.subject);
        if (!e.from.isEmpty()) {
            h.fromName = decode(e.from.first().name);
            h.fromAddr = addressOf(e.from.first());
        }
        h.toText = addressList(e.to);
        h.ccText = addressList(e.cc);
        h.messageId = QString::fromUtf8(e.messageId).trimmed();
        const QStringList parents = messageIds(e.inReplyTo);
        h.inReplyTo = parents.isEmpty() ? QString() : parents.first();
        const QDateTime date = QDateTime::fromString(QString::fromUtf8(e.date).simplified(),
                                                     Qt::RFC2822Date);
        if (date.isValid())
            h.date = date.toSecsSinceEpoch();
    }
    for (const Imap::BodySection &s : fetch.sections) {
        if (s.section.toUpper().contains("REFERENCES"))
            h.references = messageIds(s.data);
    }
    if (fetch.bodyStructure) {
        h.hasAttachments = hasAttachment(*fetch.bodyStructure);
        h.bodyStructure = serializeBodyStructure(*fetch.bodyStructure);
    }
    return h;
}

QByteArray serializeBodyStructure(const Imap::BodyStructure &structure)
{
    QByteArray blob;
    QDataStream out(&blob, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_5);
    out << quint8(1); // format version
    write(out, structure, 0);
    return blob;
}

std::optional<Imap::BodyStructure> deserializeBodyStructure(const QByteArray &blob)
{
    QDataStream in(blob);
    in.setVersion(QDataStream::Qt_6_5);
    quint8 version = 0;
    in >> version;
    Imap::BodyStructure b;
    if (version != 1 || !read(in, b, 0))
        return std::nullopt;
    return b;
}

} // namespace Tern
