#pragma once

#include <QString>

namespace Tern::Mime {

/// The output of HtmlSanitizer::sanitize.
struct SanitizedHtml
{
    QString html;
    bool hasRemoteContent = false; ///< http(s)/ftp/"//" images, backgrounds or CSS url()s seen
    bool remoteBlocked = false;    ///< and they were removed (allowRemote was false)
};

/// Rebuilds untrusted mail HTML as a whitelisted subset that QTextBrowser can show safely:
/// no scripts, frames, plugins, forms, meta refresh, base or link elements, event handlers,
/// javascript:/vbscript:/data: URLs (bar data:image/*), CSS @import or non-cid url().
/// Remote resources are reported and kept only when allowed; cid: references (RFC 2392) stay.
class HtmlSanitizer
{
public:
    /// Keep remote images, backgrounds and CSS url()s (the user clicked "load remote content").
    void setAllowRemote(bool allow) { m_allowRemote = allow; }
    bool allowRemote() const { return m_allowRemote; }

    /// Sanitises one HTML document or fragment.
    SanitizedHtml sanitize(const QString &html) const;

    /// CSS for a style attribute or element with url(), @import and expressions handled.
    QString sanitizeCss(const QString &css, bool *hasRemote) const;

    /// The visible text of the HTML (for quoting in replies): no markup, scripts or styles.
    static QString toPlainText(const QString &html);

private:
    bool m_allowRemote = false;
};

} // namespace Tern::Mime
