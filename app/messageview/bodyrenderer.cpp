#include "bodyrenderer.h"

#include "headerblock.h"
#include "mime/htmlsanitizer.h"
#include "plaintexthtml.h"
#include "sourcedialog.h"

#include <QLocale>
#include <QUrl>

namespace Tern {

namespace {

constexpr int maxEmbeddedDepth = 20;    // deeper forwarded messages stay attachments
constexpr qsizetype maxFallbackSource = 256 * 1024;

bool isShownText(const Mime::MessagePart &p)
{
    return (p.mimeType == QLatin1StringView("text/plain")
            || p.mimeType == QLatin1StringView("text/html"))
        && p.disposition != Mime::MessagePart::Disposition::Attachment;
}

bool contains(const Mime::MessagePart &p, QLatin1StringView type)
{
    if (p.mimeType == type && p.disposition != Mime::MessagePart::Disposition::Attachment)
        return true;
    for (const Mime::MessagePart &child : p.children) {
        if (contains(child, type))
            return true;
    }
    return false;
}

bool hasAlternative(const Mime::MessagePart &p)
{
    if (p.mimeType == QLatin1StringView("multipart/alternative")
        && contains(p, QLatin1StringView("text/html"))
        && contains(p, QLatin1StringView("text/plain")))
        return true;
    for (const Mime::MessagePart &child : p.children) {
        if (hasAlternative(child))
            return true;
    }
    return false;
}

QString noticeHtml(const QString &text)
{
    return QLatin1StringView("<table width=\"100%\" cellpadding=\"6\" bgcolor=\"#fff4d6\">"
                             "<tr><td><i>")
        + text.toHtmlEscaped() + QLatin1StringView("</i></td></tr></table>");
}

} // namespace

RenderedBody BodyRenderer::render(const Mime::ParsedMessage &message, const QByteArray &raw)
{
    m_out = RenderedBody();
    m_imageCounter = 0;
    collectCids(message.root, 0);
    m_out.hasAlternative = hasAlternative(message.root);
    QString html = QStringLiteral("<html><body>") + messageHtml(message, 0);
    if (message.rawFallback) {
        html += noticeHtml(QObject::tr("Parts of this message could not be read. Its raw "
                                       "source follows."))
            + QLatin1StringView("<pre>")
            + SourceDialog::displayText(raw, maxFallbackSource).toHtmlEscaped()
            + QLatin1StringView("</pre>");
    }
    m_out.html = html + QLatin1StringView("</body></html>");
    return m_out;
}

QString BodyRenderer::messageHtml(const Mime::ParsedMessage &message, int depth)
{
    QString html = bodyHtml(message.bodyText, message.bodyIsHtml);
    html += extrasHtml(message.root, message.bodyPartPath, false, depth);
    return html;
}

QString BodyRenderer::bodyHtml(const QString &text, bool isHtml)
{
    if (!isHtml)
        return plainTextToHtml(text);
    Mime::HtmlSanitizer sanitizer;
    sanitizer.setAllowRemote(m_allowRemote);
    const Mime::SanitizedHtml safe = sanitizer.sanitize(text);
    m_out.hasRemoteContent = m_out.hasRemoteContent || safe.hasRemoteContent;
    return QLatin1StringView("<div>") + safe.html + QLatin1StringView("</div>");
}

QString BodyRenderer::extrasHtml(const Mime::MessagePart &part, const QString &bodyPath,
                                 bool inAlternative, int depth)
{
    if (part.isMultipart()) {
        // Other alternatives are one click away; related parts are referenced by the root.
        const bool alternative = inAlternative
            || part.mimeType == QLatin1StringView("multipart/alternative")
            || part.mimeType == QLatin1StringView("multipart/related");
        QString html;
        for (const Mime::MessagePart &child : part.children)
            html += extrasHtml(child, bodyPath, alternative, depth);
        return html;
    }
    if (part.path == bodyPath)
        return QString();
    if (part.generated)
        return noticeHtml(part.text);
    if (part.embedded) {
        if (depth >= maxEmbeddedDepth)
            return noticeHtml(QObject::tr("A further embedded message is listed as an "
                                          "attachment."));
        return embeddedHtml(*part.embedded, depth + 1);
    }
    if (inAlternative && part.disposition != Mime::MessagePart::Disposition::Attachment)
        return QString();
    if (isShownText(part))
        return QLatin1StringView("<hr>")
            + bodyHtml(part.text, part.mimeType == QLatin1StringView("text/html"));
    if (part.mimeType.startsWith(QLatin1StringView("image/"))) {
        const QString key = m_out.cidParts.key(part.data);
        if (!key.isEmpty())
            return QLatin1StringView("<p><img src=\"cid:")
                + QString::fromLatin1(QUrl::toPercentEncoding(key)) + QLatin1StringView("\"></p>");
    }
    return QString(); // audio, video, application: in the attachment list
}

QString BodyRenderer::embeddedHtml(const Mime::ParsedMessage &message, int depth)
{
    QString head;
    const auto row = [&head](const QString &name, const QString &value) {
        if (!value.isEmpty())
            head += QLatin1StringView("<b>") + name.toHtmlEscaped() + QLatin1StringView(":</b> ")
                + value.toHtmlEscaped() + QLatin1StringView("<br>");
    };
    row(QObject::tr("Subject"), message.subject);
    row(QObject::tr("From"), HeaderBlock::formatAddresses(message.from));
    row(QObject::tr("To"), HeaderBlock::formatAddresses(message.to));
    row(QObject::tr("Cc"), HeaderBlock::formatAddresses(message.cc));
    if (message.date.isValid())
        row(QObject::tr("Date"), QLocale().toString(message.date.toLocalTime(),
                                                    QLocale::LongFormat));
    return QLatin1StringView("<table width=\"100%\" border=\"1\" cellpadding=\"6\" "
                             "cellspacing=\"0\"><tr><td bgcolor=\"#f2f2f2\">")
        + head + QLatin1StringView("</td></tr><tr><td>") + messageHtml(message, depth)
        + QLatin1StringView("</td></tr></table>");
}

void BodyRenderer::collectCids(const Mime::MessagePart &part, int depth)
{
    for (const Mime::MessagePart &child : part.children)
        collectCids(child, depth);
    if (part.embedded && depth < maxEmbeddedDepth)
        collectCids(part.embedded->root, depth + 1);
    if (!part.mimeType.startsWith(QLatin1StringView("image/")) || part.data.isEmpty())
        return;
    // Images without a Content-ID get a private one so they can be shown inline too.
    const QString id = part.contentId.isEmpty()
        ? QStringLiteral("tern-image-%1@local").arg(++m_imageCounter)
        : QString::fromUtf8(part.contentId);
    m_out.cidParts.insert(id, part.data);
}

} // namespace Tern
