#include "messagecomposer.h"

#include "headersafety.h"
#include "htmlsanitizer.h"

#include <KMime/Message>
#include <KMime/Util>

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>
#include <QRandomGenerator>
#include <QUrl>

#include <memory>

namespace Tern::Mime {

namespace {

using KMime::Headers::contentEncoding;

constexpr qsizetype MaxLineOctets = 998; // RFC 5322 section 2.1.1

const QByteArray Utf8 = QByteArrayLiteral("utf-8");

struct Context
{
    const MessageDraft &draft;
    bool allow8Bit;
    bool eightBitUsed = false;
    QString error;
};

QString normalizeNewlines(QString text)
{
    text.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    text.replace(u'\r', u'\n');
    return text;
}

// RFC 2045 section 2.7-2.8: 7bit needs ASCII without NUL and lines of at most 998 octets.
contentEncoding textEncoding(const QByteArray &data, bool allow8Bit, bool *eightBit)
{
    bool high = false;
    bool nul = false;
    qsizetype line = 0;
    qsizetype longest = 0;
    for (const char c : data) {
        const auto u = static_cast<unsigned char>(c);
        if (u == '\n') {
            longest = std::max(longest, line);
            line = 0;
            continue;
        }
        ++line;
        high |= u >= 0x80;
        nul |= u == 0;
    }
    longest = std::max(longest, line);
    if (nul)
        return KMime::Headers::CEbase64;
    if (longest > MaxLineOctets)
        return KMime::Headers::CEquPr;
    if (!high)
        return KMime::Headers::CE7Bit;
    if (allow8Bit) {
        *eightBit = true;
        return KMime::Headers::CE8Bit;
    }
    return KMime::Headers::CEquPr;
}

void makeMultipart(KMime::Content *target, const QByteArray &mimeType)
{
    auto *type = target->contentType();
    type->setMimeType(mimeType);
    type->setBoundary(KMime::multiPartBoundary());
}

void fillText(KMime::Content *target, Context &ctx, const QByteArray &mimeType,
              const QString &text, bool flowed)
{
    const QByteArray bytes = normalizeNewlines(text).toUtf8();
    auto *type = target->contentType();
    type->setMimeType(mimeType);
    type->setCharset(KMime::isUsAscii(text) ? QByteArrayLiteral("us-ascii") : Utf8);
    if (flowed)
        type->setParameter(QByteArrayLiteral("format"), QStringLiteral("flowed"));
    target->contentTransferEncoding()->setEncoding(
        textEncoding(bytes, ctx.allow8Bit, &ctx.eightBitUsed));
    target->setBody(bytes);
}

QString safeFileName(const QString &name)
{
    QString out = headerSafeText(name).trimmed();
    out.replace(u'/', u'_');
    out.replace(u'\\', u'_');
    // RFC 2231 percent-encoding triples non-ASCII bytes; KMime does not split the parameter.
    while (out.toUtf8().size() > 200)
        out.chop(out.back().isLowSurrogate() ? 2 : 1);
    return out.isEmpty() ? QStringLiteral("attachment") : out;
}

// RFC 2046 section 5.2.1: message/rfc822 allows only 7bit, 8bit or binary.
contentEncoding messageEncoding(const QByteArray &data, bool allow8Bit, bool *eightBit)
{
    bool unused = false;
    const contentEncoding e = textEncoding(data, true, &unused);
    if (e == KMime::Headers::CE7Bit)
        return e;
    if (e == KMime::Headers::CE8Bit && allow8Bit) {
        *eightBit = true;
        return e;
    }
    return KMime::Headers::CEbase64; // widely understood, and never a raw long line
}

KMime::Content *attachmentPart(Context &ctx, const DraftAttachment &att)
{
    QByteArray data = att.data;
    QString fileName = att.fileName;
    if (!att.filePath.isEmpty()) {
        QFile file(att.filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            ctx.error = QStringLiteral("Cannot read attachment %1: %2")
                            .arg(att.filePath, file.errorString());
            return nullptr;
        }
        data = file.readAll();
        if (fileName.isEmpty())
            fileName = QFileInfo(att.filePath).fileName();
    }
    fileName = safeFileName(fileName);
    QString mimeType = headerSafeText(att.mimeType).trimmed().toLower();
    if (mimeType.isEmpty() || !mimeType.contains(u'/') || mimeType.contains(u' ')) {
        QMimeDatabase db;
        mimeType = att.filePath.isEmpty()
            ? db.mimeTypeForFileNameAndData(fileName, data).name()
            : db.mimeTypeForFile(att.filePath).name();
    }

    auto part = std::make_unique<KMime::Content>();
    auto *type = part->contentType();
    type->setRFC2047Charset(Utf8);
    type->setMimeType(mimeType.toLatin1());
    type->setName(fileName);
    auto *disposition = part->contentDisposition();
    disposition->setRFC2047Charset(Utf8);
    disposition->setDisposition(KMime::Headers::CDattachment);
    disposition->setFilename(fileName);
    if (mimeType == QLatin1StringView("message/rfc822")) {
        data = KMime::CRLFtoLF(data);
        part->contentTransferEncoding()->setEncoding(
            messageEncoding(data, ctx.allow8Bit, &ctx.eightBitUsed));
    } else {
        part->contentTransferEncoding()->setEncoding(KMime::Headers::CEbase64);
    }
    part->setBody(data);
    return part.release();
}

KMime::Content *inlineImagePart(const InlineImage &image)
{
    auto part = std::make_unique<KMime::Content>();
    QString mimeType = headerSafeText(image.mimeType).trimmed().toLower();
    if (!mimeType.startsWith(QLatin1StringView("image/")) || mimeType.contains(u' '))
        mimeType = QMimeDatabase().mimeTypeForData(image.data).name();
    part->contentType()->setMimeType(mimeType.toLatin1());
    part->contentID()->setIdentifier(image.contentId);
    part->contentDisposition()->setDisposition(KMime::Headers::CDinline);
    part->contentTransferEncoding()->setEncoding(KMime::Headers::CEbase64);
    part->setBody(image.data);
    return part.release();
}

void fillHtml(KMime::Content *target, Context &ctx, const QList<InlineImage> &images)
{
    if (images.isEmpty()) {
        fillText(target, ctx, QByteArrayLiteral("text/html"), ctx.draft.htmlBody, false);
        return;
    }
    // RFC 2387: the HTML root first, its images after it.
    makeMultipart(target, QByteArrayLiteral("multipart/related"));
    target->contentType()->setParameter(QByteArrayLiteral("type"), QStringLiteral("text/html"));
    auto *html = new KMime::Content;
    fillText(html, ctx, QByteArrayLiteral("text/html"), ctx.draft.htmlBody, false);
    target->appendContent(html);
    for (const InlineImage &image : images)
        target->appendContent(inlineImagePart(image));
}

void fillBody(KMime::Content *target, Context &ctx, const QList<InlineImage> &images)
{
    const MessageDraft &d = ctx.draft;
    // A rich-text draft without its own plain version gets one made from the HTML.
    const QString source = d.plainBody.isEmpty() && !d.htmlBody.isEmpty()
        ? HtmlSanitizer::toPlainText(d.htmlBody) + u'\n'
        : d.plainBody;
    const QString plain = d.formatFlowed
        ? MessageComposer::formatFlowed(normalizeNewlines(source))
        : source;
    if (d.htmlBody.isEmpty()) {
        fillText(target, ctx, QByteArrayLiteral("text/plain"), plain, d.formatFlowed);
        return;
    }
    // RFC 2046 section 5.1.4: alternatives from plainest to richest.
    makeMultipart(target, QByteArrayLiteral("multipart/alternative"));
    auto *text = new KMime::Content;
    fillText(text, ctx, QByteArrayLiteral("text/plain"), plain, d.formatFlowed);
    target->appendContent(text);
    auto *html = new KMime::Content;
    fillHtml(html, ctx, images);
    target->appendContent(html);
}

// KMime writes non-ASCII text as one encoded word; keep that word under the line limit.
QString limitEncodedText(const QString &text)
{
    constexpr qsizetype MaxUtf8 = 600; // base64: 800 octets, plus the field name
    if (KMime::isUsAscii(text) || text.toUtf8().size() <= MaxUtf8)
        return text;
    QString out;
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const qsizetype width = text.at(i).isHighSurrogate() ? 2 : 1;
        const qsizetype utf8 = text.mid(i, width).toUtf8().size();
        if (bytes + utf8 > MaxUtf8 - 3)
            break;
        out += text.mid(i, width);
        bytes += utf8;
        i += width - 1;
    }
    return out + QChar(0x2026);
}

// The addr-spec as it goes on the wire: ASCII local part, IDNA (ACE) domain. KMime cannot
// write RFC 6532 UTF-8 addresses and silently drops or truncates them, so refuse those.
QByteArray wireAddress(const QString &raw, QString *error)
{
    const QString address = headerSafeText(raw).trimmed();
    if (!isSafeAddress(address)) {
        *error = QStringLiteral("Invalid address: %1").arg(address);
        return {};
    }
    const qsizetype at = address.lastIndexOf(u'@');
    const QString local = address.left(at);
    const QByteArray domain = QUrl::toAce(address.mid(at + 1));
    if (!KMime::isUsAscii(local) || domain.isEmpty()) {
        *error = QStringLiteral("Unsupported address (non-ASCII local part or bad domain): %1")
                     .arg(address);
        return {};
    }
    return local.toLatin1() + '@' + domain;
}

template<typename Header>
bool addMailboxes(Header *header, const QList<MailAddress> &list, QStringList *wire,
                  QString *error)
{
    header->setRFC2047Charset(Utf8);
    for (const MailAddress &a : list) {
        const QByteArray address = wireAddress(a.address, error);
        if (address.isEmpty())
            return false;
        header->addAddress(address, limitEncodedText(headerSafeText(a.name).simplified()));
        // KMime drops addresses it cannot parse; never let a recipient vanish silently.
        const auto mailboxes = header->mailboxes();
        if (mailboxes.isEmpty()
            || mailboxes.back().address().compare(address, Qt::CaseInsensitive) != 0) {
            *error = QStringLiteral("Unsupported address: %1").arg(a.address);
            return false;
        }
        const QString text = QString::fromLatin1(address);
        if (wire && !wire->contains(text, Qt::CaseInsensitive))
            wire->append(text);
    }
    return true;
}

bool isReservedHeader(const QByteArray &name)
{
    static const QList<QByteArray> reserved = {
        "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id",
        "in-reply-to", "references", "mime-version", "user-agent", "return-path", "received",
    };
    const QByteArray lower = name.toLower();
    return reserved.contains(lower) || lower.startsWith("content-") || lower.startsWith("resent-");
}

bool isFieldName(const QByteArray &name)
{
    if (name.isEmpty() || name.size() > 76)
        return false;
    for (const char c : name) {
        // RFC 5322 section 3.6.8 ftext, narrowed to the usual letters, digits and dashes.
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-';
        if (!ok)
            return false;
    }
    return true;
}

// KMime neither folds long header lines nor splits long encoded words (RFC 2047 section 2).
// Folding before existing white space is invisible to readers (RFC 5322 section 2.2.3);
// returns false when a line has no white space to fold at.
bool foldLongLines(QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    qsizetype start = 0;
    while (start < bytes.size()) {
        qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            end = bytes.size();
        QByteArrayView line(bytes.constData() + start, end - start);
        if (line.endsWith('\r'))
            line.chop(1);
        while (line.size() > MaxLineOctets) {
            qsizetype cut = MaxLineOctets;
            while (cut > 0 && line[cut] != ' ' && line[cut] != '\t')
                --cut;
            if (cut == 0)
                return false;
            out += line.first(cut);
            out += "\r\n";
            line = line.sliced(cut);
        }
        out += line;
        if (end < bytes.size())
            out += "\r\n";
        start = end + 1;
    }
    bytes = out;
    return true;
}

} // namespace

QByteArray MessageComposer::generateMessageId(const QString &fromAddress)
{
    const qsizetype at = fromAddress.lastIndexOf(u'@');
    QByteArray domain = at >= 0 ? QUrl::toAce(fromAddress.mid(at + 1).trimmed()) : QByteArray();
    for (const char c : std::as_const(domain)) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.';
        if (!ok) {
            domain.clear();
            break;
        }
    }
    if (domain.isEmpty())
        domain = QByteArrayLiteral("localhost.invalid");
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    const QByteArray local = QByteArray(reinterpret_cast<const char *>(random), sizeof(random));
    return local.toHex() + '@' + domain;
}

QString MessageComposer::formatFlowed(const QString &text, int width)
{
    QStringList out;
    const QStringList lines = text.split(u'\n');
    for (const QString &original : lines) {
        if (original == QLatin1StringView("-- ")) { // RFC 3676 section 4.3: signature separator
            out.append(original);
            continue;
        }
        qsizetype depth = 0;
        while (depth < original.size() && original.at(depth) == u'>')
            ++depth;
        QString rest = original.mid(depth);
        if (depth > 0 && rest.startsWith(u' '))
            rest.remove(0, 1); // the stuffing space after a quote marker
        while (rest.endsWith(u' '))
            rest.chop(1); // a hard break must not end with a space (section 4.2)
        const QString prefix = depth > 0 ? QString(depth, u'>') + u' ' : QString();
        const qsizetype room = std::max<qsizetype>(20, width - prefix.size());
        do {
            qsizetype cut = rest.size();
            if (rest.size() > room) {
                cut = rest.lastIndexOf(u' ', room);
                if (cut <= 0)
                    cut = rest.indexOf(u' ', room);
                cut = cut <= 0 ? rest.size() : cut + 1; // keep the space: it marks a soft break
            }
            QString chunk = rest.left(cut);
            rest.remove(0, cut);
            // Section 4.4: stuff lines a reader could take for a quote, stuffing or "From ".
            if (depth == 0 && (chunk.startsWith(u' ') || chunk.startsWith(u'>')
                               || chunk.startsWith(QLatin1StringView("From "))))
                chunk.prepend(u' ');
            out.append(prefix + chunk);
        } while (!rest.isEmpty());
    }
    return out.join(u'\n');
}

ComposedMessage MessageComposer::compose(const MessageDraft &draft) const
{
    ComposedMessage result;
    Context ctx{draft, m_allow8Bit, false, {}};
    auto msg = std::make_unique<KMime::Message>();

    QStringList recipients;
    const QString fromAddress = headerSafeText(draft.from.address).trimmed();
    if (!addMailboxes(msg->from(), {draft.from}, nullptr, &result.error)
        || !addMailboxes(msg->to(), draft.to, &recipients, &result.error)
        || !addMailboxes(msg->cc(), draft.cc, &recipients, &result.error)
        || !addMailboxes(msg->replyTo(), draft.replyTo, nullptr, &result.error)) {
        return result;
    }
    for (const MailAddress &a : draft.bcc) {
        const QByteArray address = wireAddress(a.address, &result.error);
        if (address.isEmpty())
            return result;
        result.bcc.append(QString::fromLatin1(address));
        if (!recipients.contains(result.bcc.back(), Qt::CaseInsensitive))
            recipients.append(result.bcc.back());
    }
    // Empty lists must not leave empty To:/Cc:/Reply-To: fields behind.
    for (const char *field : {"To", "Cc", "Reply-To"}) {
        if (const auto *h = msg->headerByType(field); h && h->isEmpty())
            msg->removeHeader(field);
    }

    msg->subject()->setRFC2047Charset(Utf8);
    msg->subject()->fromUnicodeString(limitEncodedText(headerSafeText(draft.subject).trimmed()));
    msg->date()->setDateTime(draft.date.isValid() ? draft.date : QDateTime::currentDateTime());
    QByteArray messageId = cleanMessageId(draft.messageId);
    if (messageId.isEmpty())
        messageId = generateMessageId(fromAddress);
    msg->messageID()->setIdentifier(messageId);
    if (const QByteArray id = cleanMessageId(draft.inReplyTo); !id.isEmpty())
        msg->inReplyTo()->appendIdentifier(id);
    for (const QByteArray &ref : draft.references) {
        if (const QByteArray id = cleanMessageId(ref); !id.isEmpty())
            msg->references()->appendIdentifier(id);
    }
    msg->userAgent()->fromUnicodeString(QStringLiteral("Tern/" TERN_VERSION));
    for (const ExtraHeader &extra : draft.extraHeaders) {
        if (!isFieldName(extra.name) || isReservedHeader(extra.name))
            continue;
        auto *h = new KMime::Headers::Generic(extra.name.constData(), extra.name.size());
        h->setRFC2047Charset(Utf8);
        h->fromUnicodeString(limitEncodedText(headerSafeText(extra.value).trimmed()));
        msg->appendHeader(h);
    }

    QList<InlineImage> images = draft.inlineImages;
    for (InlineImage &image : images) {
        image.contentId = cleanMessageId(image.contentId);
        if (image.contentId.isEmpty())
            image.contentId = generateMessageId(fromAddress);
    }
    if (draft.attachments.isEmpty()) {
        fillBody(msg.get(), ctx, images);
    } else {
        makeMultipart(msg.get(), QByteArrayLiteral("multipart/mixed"));
        auto *body = new KMime::Content;
        msg->appendContent(body);
        fillBody(body, ctx, images);
        for (const DraftAttachment &att : draft.attachments) {
            KMime::Content *part = attachmentPart(ctx, att);
            if (!part) {
                result.error = ctx.error;
                return result;
            }
            msg->appendContent(part);
        }
    }
    if (!msg->hasHeader("MIME-Version")) {
        auto *version = new KMime::Headers::MIMEVersion;
        version->from7BitString("1.0");
        msg->setHeader(version);
    }

    msg->assemble();
    QByteArray bytes = msg->encodedContent(true);
    if (!foldLongLines(bytes)) {
        result.error = QStringLiteral("A header has a word too long for one line (998 octets)");
        return result;
    }
    result.bytes = std::move(bytes);
    result.messageId = messageId;
    result.envelopeFrom = QString::fromLatin1(msg->from()->mailboxes().front().address());
    result.recipients = recipients;
    result.eightBit = ctx.eightBitUsed;
    return result;
}

} // namespace Tern::Mime
