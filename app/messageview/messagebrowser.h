#pragma once

#include <QByteArray>
#include <QHash>
#include <QImage>
#include <QSet>
#include <QTextBrowser>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace Tern {

/// A QTextBrowser for untrusted mail: it loads only cid: parts (RFC 2392) of the message and,
/// once the user allows it, http(s) images fetched asynchronously; never local files.
class MessageBrowser : public QTextBrowser
{
    Q_OBJECT
public:
    explicit MessageBrowser(QWidget *parent = nullptr);

    /// Shows sanitised HTML; cidParts maps Content-IDs (without brackets) to decoded bytes.
    void setMessageHtml(const QString &html, const QHash<QString, QByteArray> &cidParts);
    /// Allows http(s) image fetches for the current message.
    void setRemoteAllowed(bool allowed);
    bool remoteAllowed() const { return m_remoteAllowed; }
    /// Remote fetches started since the last setMessageHtml with new content.
    int remoteRequestCount() const { return m_requestCount; }

    /// Serves cid: parts and allowed remote images only (the default would read local files).
    QVariant loadResource(int type, const QUrl &name) override;

    /// Links the view may hand to the desktop: http, https and mailto.
    static bool isOpenableLink(const QUrl &url);

Q_SIGNALS:
    /// A remote image arrived (or failed) and the document was refreshed.
    void remoteResourceFinished(const QUrl &url);

private:
    void fetch(const QUrl &url);
    void fetchFinished(QNetworkReply *reply);
    void refresh();
    void openLink(const QUrl &url);

    QNetworkAccessManager *m_network = nullptr;
    QString m_html;
    QHash<QString, QByteArray> m_cidParts;
    QHash<QUrl, QImage> m_fetched;
    QSet<QUrl> m_pending;
    bool m_remoteAllowed = false;
    bool m_refreshQueued = false;
    int m_requestCount = 0;
};

} // namespace Tern
