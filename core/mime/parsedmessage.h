#pragma once

#include "messagedraft.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>

namespace Tern::Mime {

struct ParsedMessage;

/// One MIME entity of a message (RFC 2045 section 2.4), ready for display.
struct MessagePart
{
    enum class Disposition { None, Inline, Attachment };

    QString path;          ///< position in the tree, "1.2.1" style (IMAP BODY section numbers)
    QString mimeType;      ///< lower case, e.g. "text/plain"; "multipart/mixed" for containers
    QString charset;       ///< the declared charset of a text part
    QString text;          ///< charset-decoded text of text/* parts
    QByteArray data;       ///< transfer-decoded bytes of leaf parts
    qint64 size = 0;       ///< decoded size in bytes of a leaf part
    QString fileName;      ///< sanitised: no path separators, "..", or control characters
    QByteArray contentId;  ///< without angle brackets
    QString description;   ///< Content-Description
    Disposition disposition = Disposition::None;
    bool generated = false; ///< explanatory text made by Tern (message/partial, external-body)
    QList<MessagePart> children;
    std::shared_ptr<const ParsedMessage> embedded; ///< for message/rfc822 parts

    bool isMultipart() const { return mimeType.startsWith(QLatin1StringView("multipart/")); }
    bool isText() const { return mimeType.startsWith(QLatin1StringView("text/")); }
};

/// One raw header field for the "full headers" view; value is RFC 2047-decoded and unfolded.
struct HeaderField
{
    QByteArray name;
    QString value;
};

/// A message parsed for display: decoded headers, the part tree and the chosen body.
struct ParsedMessage
{
    QList<MailAddress> from;
    QList<MailAddress> to;
    QList<MailAddress> cc;
    QList<MailAddress> replyTo;
    QList<MailAddress> mailFollowupTo;
    QDateTime date;
    QString subject;
    QByteArray messageId;
    QList<QByteArray> inReplyTo;
    QList<QByteArray> references;
    QByteArray rawHeaders;     ///< the header block as received
    QList<HeaderField> headers; ///< every field, in order

    MessagePart root;
    QString bodyText;          ///< the chosen alternative (HTML not sanitised: see HtmlSanitizer)
    bool bodyIsHtml = false;
    QString bodyPartPath;      ///< path of the chosen part, so others can be offered
    QList<MessagePart> attachments; ///< parts to list for saving or opening

    bool rawFallback = false;  ///< KMime could not parse all of it: show the raw source as well
    bool depthLimited = false; ///< nesting went past the cap and was cut
};

} // namespace Tern::Mime
