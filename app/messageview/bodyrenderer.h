#pragma once

#include "mime/parsedmessage.h"

#include <QByteArray>
#include <QHash>
#include <QString>

namespace Tern {

/// One message body as safe HTML for MessageBrowser, with the cid: parts it may show.
struct RenderedBody
{
    QString html;
    QHash<QString, QByteArray> cidParts; ///< Content-ID (RFC 2392) → decoded bytes
    bool hasRemoteContent = false;       ///< the sanitiser saw remote images or CSS urls
    bool hasAlternative = false;         ///< a multipart/alternative offers HTML and plain text
};

/// Turns a parsed message into HTML: the chosen body (sanitised HTML or quoted plain text),
/// inline text and image parts, embedded message/rfc822 with their headers, explanations of
/// message/partial and external-body (RFC 2046 section 5.2), and the raw source on fallback.
class BodyRenderer
{
public:
    /// Keep remote images (the user allowed them for this message or sender).
    void setAllowRemote(bool allow) { m_allowRemote = allow; }

    RenderedBody render(const Mime::ParsedMessage &message, const QByteArray &raw);

private:
    QString messageHtml(const Mime::ParsedMessage &message, int depth);
    QString bodyHtml(const QString &text, bool isHtml);
    QString extrasHtml(const Mime::MessagePart &part, const QString &bodyPath, bool inAlternative,
                       int depth);
    QString embeddedHtml(const Mime::ParsedMessage &message, int depth);
    void collectCids(const Mime::MessagePart &part, int depth);

    RenderedBody m_out;
    bool m_allowRemote = false;
    int m_imageCounter = 0;
};

} // namespace Tern
