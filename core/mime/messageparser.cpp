#include "messageparser.h"

#include "filenames.h"
#include "flowedtext.h"
#include "headerdecoding.h"

#include <KMime/Message>
#include <KMime/Util>

#include <QStringDecoder>

namespace Tern::Mime {

namespace {

// KMime parses the whole tree recursively before we can apply maxDepth, so a message that
// declares more containers than this is not handed to it beyond its header block.
constexpr qsizetype MaxContainerMentions = 400;

struct Walker
{
    const ParseOptions &options;
    bool depthLimited = false;
    bool broken = false;
};

ParsedMessage convertMessage(KMime::Message *msg, const QByteArray &head, Walker &walker,
                             int depth);

QByteArray headBlock(const QByteArray &lfBytes)
{
    if (lfBytes.startsWith('\n'))
        return {};
    const qsizetype end = lfBytes.indexOf("\n\n");
    return end < 0 ? lfBytes : lfBytes.left(end + 1);
}

QList<HeaderField> headerFields(const QByteArray &head)
{
    QList<HeaderField> fields;
    QByteArray name;
    QByteArray value;
    auto flush = [&] {
        if (!name.isEmpty())
            fields.append({name, decodeUnstructured(value.trimmed())});
        name.clear();
        value.clear();
    };
    for (const QByteArray &line : head.split('\n')) {
        if (line.startsWith(' ') || line.startsWith('\t')) {
            value += ' ' + line.trimmed(); // RFC 5322 section 2.2.3: unfolding
            continue;
        }
        flush();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0) {
            name = line.left(colon).trimmed();
            value = line.mid(colon + 1);
        }
    }
    flush();
    return fields;
}

QString decodeText(const QByteArray &bytes, const QByteArray &charset)
{
    const QByteArray cs = charset.trimmed().toLower();
    if (!cs.isEmpty() && cs != "us-ascii" && cs != "ascii") {
        QStringDecoder decoder(cs.constData());
        if (decoder.isValid())
            return decoder.decode(bytes); // invalid sequences become U+FFFD
    }
    // No, ASCII or an unknown charset: UTF-8 when it decodes cleanly, else Latin-1.
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString text = utf8.decode(bytes);
    return utf8.hasError() ? QString::fromLatin1(bytes) : text;
}

QList<MailAddress> toAddresses(const KMime::Types::Mailbox::List &list)
{
    QList<MailAddress> out;
    for (const KMime::Types::Mailbox &m : list)
        out.append({m.name(), QString::fromUtf8(m.address())});
    return out;
}

QString generatedExplanation(const KMime::Content *c, const QByteArray &mime)
{
    const auto *ct = c->contentType();
    if (mime == "message/partial") {
        // RFC 2046 section 5.2.2.
        return QStringLiteral("This part is fragment %1 of %2 of a message that was split for "
                              "transport (message/partial, id \"%3\"). Tern does not reassemble "
                              "fragments; the raw source shows this fragment.")
            .arg(ct->partialNumber())
            .arg(ct->partialCount() > 0 ? QString::number(ct->partialCount())
                                        : QStringLiteral("an unknown number"))
            .arg(QString::fromLatin1(ct->id()));
    }
    // RFC 2046 section 5.2.3: the body lives elsewhere and is not fetched automatically.
    QString where = ct->parameter("url");
    if (where.isEmpty()) {
        const QString site = ct->parameter("site");
        const QString name = ct->parameter("name");
        where = site.isEmpty() ? name : site + u'/' + ct->parameter("directory") + u'/' + name;
    }
    return QStringLiteral("The content of this part is stored outside the message "
                          "(message/external-body, access type \"%1\"%2) and was not fetched.")
        .arg(ct->parameter("access-type"),
             where.isEmpty() ? QString() : QStringLiteral(", location \"%1\"").arg(where));
}

// The type the part's own header block declares; KMime reports text/plain for a part
// without one and for a multipart it could not split.
QByteArray declaredType(const KMime::Content *c)
{
    for (const HeaderField &field : headerFields(c->head())) {
        if (field.name.compare("Content-Type", Qt::CaseInsensitive) == 0) {
            KMime::Headers::ContentType type;
            type.from7BitString(field.value.toUtf8());
            return type.mimeType().toLower();
        }
    }
    return {};
}

qsizetype containerMentions(const QByteArray &bytes)
{
    qsizetype count = 0;
    for (const QByteArrayView word : {QByteArrayView("multipart"), QByteArrayView("rfc822"),
                                      QByteArrayView("message/global")}) {
        qsizetype from = 0;
        while ((from = bytes.indexOf(word, from)) >= 0) {
            ++count;
            from += word.size();
        }
    }
    return count;
}

// Parses lf into msg unless it declares too many containers, in which case only the header
// block is parsed and false is returned.
bool parseBounded(KMime::Message &msg, const QByteArray &lf)
{
    if (containerMentions(lf.toLower()) > MaxContainerMentions) {
        msg.setHead(headBlock(lf));
        msg.parse();
        msg.contentType()->setMimeType(QByteArrayLiteral("text/plain"));
        return false;
    }
    msg.setContent(lf);
    msg.parse();
    return true;
}

// RFC 2046 forbids base64/QP on message/rfc822, but senders use them; KMime then takes the
// encoded text for the message, so decode it through a scratch leaf part.
QByteArray transferDecoded(KMime::Content *c)
{
    KMime::Content leaf;
    leaf.contentType()->setMimeType(QByteArrayLiteral("application/octet-stream"));
    leaf.contentTransferEncoding()->setEncoding(c->contentTransferEncoding()->encoding());
    leaf.setEncodedBody(c->encodedBody());
    return leaf.decodedContent();
}

MessagePart convertPart(KMime::Content *c, const QString &path, Walker &walker, int depth,
                        const QByteArray &defaultType)
{
    MessagePart p;
    p.path = path;
    const QByteArray declared = declaredType(c);
    const bool hasType = !declared.isEmpty();
    QByteArray mime = hasType ? c->contentType()->mimeType().toLower() : defaultType;
    if (declared.startsWith("multipart/") && !mime.startsWith("multipart/"))
        walker.broken = true; // no usable boundary: KMime fell back to text
    if (!mime.contains('/'))
        mime = QByteArrayLiteral("text/plain"); // RFC 2045 section 5.2
    p.mimeType = QString::fromLatin1(mime);
    if (const auto *id = c->contentID(false))
        p.contentId = id->identifier();
    if (const auto *description = c->contentDescription(false))
        p.description = description->asUnicodeString();
    QString rawName;
    if (const auto *disposition = c->contentDisposition(false)) {
        if (disposition->disposition() == KMime::Headers::CDattachment)
            p.disposition = MessagePart::Disposition::Attachment;
        else if (disposition->disposition() == KMime::Headers::CDinline)
            p.disposition = MessagePart::Disposition::Inline;
        rawName = disposition->filename();
    }
    if (rawName.isEmpty() && hasType)
        rawName = c->contentType()->name();

    if (depth > walker.options.maxDepth) {
        walker.depthLimited = true;
        p.mimeType = QStringLiteral("text/plain");
        p.generated = true;
        p.text = QStringLiteral("This part is nested too deeply to be shown.");
        return p;
    }
    if (mime.startsWith("multipart/")) {
        const QByteArray childDefault = mime == "multipart/digest"
            ? QByteArrayLiteral("message/rfc822") // RFC 2046 section 5.1.5
            : QByteArrayLiteral("text/plain");
        const auto children = c->contents();
        if (children.empty()) { // no boundary found: show what is there as text
            walker.broken = true;
            p.children.append(MessagePart());
            MessagePart &raw = p.children.back();
            raw.path = path.isEmpty() ? QStringLiteral("1") : path + QStringLiteral(".1");
            raw.mimeType = QStringLiteral("text/plain");
            raw.generated = true;
            raw.text = decodeText(c->body(), QByteArray());
            return p;
        }
        for (qsizetype i = 0; i < qsizetype(children.size()); ++i) {
            const QString childPath = path.isEmpty() ? QString::number(i + 1)
                                                     : path + u'.' + QString::number(i + 1);
            p.children.append(convertPart(children[i], childPath, walker, depth + 1,
                                          childDefault));
        }
        return p;
    }
    if (mime == "message/partial" || mime == "message/external-body") {
        p.generated = true;
        p.text = generatedExplanation(c, mime);
        return p;
    }
    if (mime == "message/rfc822" || mime == "message/global") {
        QSharedPointer<KMime::Message> inner;
        const auto *cte = c->contentTransferEncoding(false);
        const bool encoded = cte
            && (cte->encoding() == KMime::Headers::CEbase64
                || cte->encoding() == KMime::Headers::CEquPr);
        if (c->bodyIsMessage() && !encoded) {
            inner = c->bodyAsMessage();
        } else {
            inner.reset(new KMime::Message);
            // The decoded bytes were hidden from the top-level scan: bound them again.
            if (!parseBounded(*inner,
                              KMime::CRLFtoLF(encoded ? transferDecoded(c) : c->decodedContent())))
                walker.depthLimited = true;
        }
        p.data = inner->encodedContent(false);
        p.size = p.data.size();
        p.embedded = std::make_shared<const ParsedMessage>(
            convertMessage(inner.data(), headBlock(p.data), walker, depth + 1));
        if (rawName.isEmpty()) {
            const QString subject = p.embedded->subject.trimmed();
            rawName = (subject.isEmpty() ? QStringLiteral("message") : subject)
                + QLatin1StringView(".eml");
        }
        p.fileName = sanitizeFileName(rawName, p.mimeType);
        return p;
    }
    p.data = c->decodedContent();
    p.size = p.data.size();
    p.fileName = sanitizeFileName(rawName, p.mimeType);
    if (mime.startsWith("text/")) {
        p.charset = hasType ? QString::fromLatin1(c->contentType()->charset()) : QString();
        p.text = decodeText(p.data, p.charset.toLatin1());
        const auto *type = c->contentType();
        if (mime == "text/plain" && hasType
            && type->parameter("format").compare(QLatin1StringView("flowed"),
                                                 Qt::CaseInsensitive) == 0) {
            const bool delSp = type->parameter("delsp").compare(QLatin1StringView("yes"),
                                                                Qt::CaseInsensitive) == 0;
            p.text = unflowText(p.text, delSp);
        }
    }
    return p;
}

bool isBodyText(const MessagePart &p)
{
    return p.generated
        || ((p.mimeType == QLatin1StringView("text/plain")
             || p.mimeType == QLatin1StringView("text/html"))
            && p.disposition != MessagePart::Disposition::Attachment);
}

// RFC 2046 section 5.1.4: the last alternative the reader can show is the best one.
const MessagePart *chooseBody(const MessagePart &p, bool preferHtml)
{
    if (!p.isMultipart())
        return isBodyText(p) ? &p : nullptr;
    if (p.children.isEmpty())
        return nullptr;
    if (p.mimeType == QLatin1StringView("multipart/alternative")) {
        const MessagePart *fallback = nullptr;
        for (auto it = p.children.crbegin(); it != p.children.crend(); ++it) {
            const MessagePart *body = chooseBody(*it, preferHtml);
            if (!body)
                continue;
            if (preferHtml || body->mimeType != QLatin1StringView("text/html"))
                return body;
            fallback = body;
        }
        return fallback;
    }
    if (p.mimeType == QLatin1StringView("multipart/related"))
        return chooseBody(p.children.front(), preferHtml); // RFC 2387: the root comes first
    for (const MessagePart &child : p.children) {
        if (const MessagePart *body = chooseBody(child, preferHtml))
            return body;
    }
    return nullptr;
}

void collectAttachments(const MessagePart &p, const QString &bodyPath, bool inAlternative,
                        QList<MessagePart> &out)
{
    if (p.isMultipart()) {
        const bool alternative = inAlternative
            || p.mimeType == QLatin1StringView("multipart/alternative")
            || p.mimeType == QLatin1StringView("multipart/related");
        for (const MessagePart &child : p.children)
            collectAttachments(child, bodyPath, alternative, out);
        return;
    }
    if (p.path == bodyPath || p.generated)
        return;
    if (inAlternative && p.disposition != MessagePart::Disposition::Attachment)
        return; // another rendering of the body, or an image the HTML refers to by cid:
    MessagePart copy = p;
    copy.children.clear();
    out.append(copy);
}

ParsedMessage convertMessage(KMime::Message *msg, const QByteArray &head, Walker &walker,
                             int depth)
{
    ParsedMessage m;
    m.rawHeaders = head;
    m.headers = headerFields(head);
    if (const auto *h = msg->from(false))
        m.from = toAddresses(h->mailboxes());
    if (const auto *h = msg->to(false))
        m.to = toAddresses(h->mailboxes());
    if (const auto *h = msg->cc(false))
        m.cc = toAddresses(h->mailboxes());
    if (const auto *h = msg->replyTo(false))
        m.replyTo = toAddresses(h->mailboxes());
    if (const auto *h = msg->headerByType("Mail-Followup-To")) {
        KMime::Headers::To list;
        list.from7BitString(h->as7BitString(false));
        m.mailFollowupTo = toAddresses(list.mailboxes());
    }
    if (const auto *h = msg->date(false))
        m.date = h->dateTime();
    if (const auto *h = msg->subject(false))
        m.subject = h->asUnicodeString();
    if (const auto *h = msg->messageID(false))
        m.messageId = h->identifier();
    if (const auto *h = msg->inReplyTo(false))
        m.inReplyTo = h->identifiers();
    if (const auto *h = msg->references(false))
        m.references = h->identifiers();

    m.root = convertPart(msg, QString(), walker, depth, QByteArrayLiteral("text/plain"));
    if (!m.root.isMultipart() && m.root.path.isEmpty())
        m.root.path = QStringLiteral("1"); // IMAP numbers a single-part body 1
    if (const MessagePart *body = chooseBody(m.root, walker.options.preferHtml)) {
        m.bodyText = body->text;
        m.bodyIsHtml = body->mimeType == QLatin1StringView("text/html");
        m.bodyPartPath = body->path;
    }
    collectAttachments(m.root, m.bodyPartPath, false, m.attachments);
    m.depthLimited = walker.depthLimited;
    m.rawFallback = walker.broken || walker.depthLimited
        || (m.headers.isEmpty() && m.from.isEmpty());
    return m;
}

} // namespace

ParsedMessage parseMessage(const QByteArray &raw, const ParseOptions &options)
{
    Walker walker{options, false, false};
    const QByteArray lf = KMime::CRLFtoLF(raw);
    const QByteArray head = headBlock(lf);
    KMime::Message msg;
    const bool tooManyContainers = !parseBounded(msg, lf); // then the raw view shows the body
    ParsedMessage parsed = convertMessage(&msg, head, walker, 0);
    if (tooManyContainers) {
        parsed.rawFallback = true;
        parsed.depthLimited = true;
        parsed.root.generated = true;
        parsed.root.text = QStringLiteral("This message nests too many MIME parts to be shown; "
                                          "see its raw source.");
        parsed.bodyText = parsed.root.text;
        parsed.bodyIsHtml = false;
        parsed.attachments.clear();
    }
    return parsed;
}

} // namespace Tern::Mime
