#include "messagebrowser.h"

#include <QDesktopServices>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QScrollBar>
#include <QTextDocument>
#include <QTimer>

namespace Tern {

namespace {

constexpr qint64 maxRemoteBytes = 10 * 1024 * 1024;
constexpr int maxRemoteFetches = 100; // per message: a tracking wall cannot flood the network

// Valid but empty: QTextDocument reads local files itself when a resource comes back null.
QVariant blocked()
{
    return QVariant(QByteArray());
}

} // namespace

MessageBrowser::MessageBrowser(QWidget *parent)
    : QTextBrowser(parent)
    , m_network(new QNetworkAccessManager(this))
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setAccessibleName(tr("Message body"));
    connect(this, &QTextBrowser::anchorClicked, this, &MessageBrowser::openLink);
    connect(m_network, &QNetworkAccessManager::finished, this, &MessageBrowser::fetchFinished);
}

void MessageBrowser::setMessageHtml(const QString &html, const QHash<QString, QByteArray> &cids)
{
    if (html != m_html || cids.keys() != m_cidParts.keys()) {
        m_fetched.clear();
        m_requestCount = 0;
    }
    m_html = html;
    m_cidParts = cids;
    setHtml(m_html);
}

void MessageBrowser::setRemoteAllowed(bool allowed)
{
    m_remoteAllowed = allowed;
}

bool MessageBrowser::isOpenableLink(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid()
        && (scheme == QLatin1StringView("http") || scheme == QLatin1StringView("https")
            || scheme == QLatin1StringView("mailto"));
}

void MessageBrowser::openLink(const QUrl &url)
{
    if (url.scheme().isEmpty() && url.hasFragment()) {
        scrollToAnchor(url.fragment());
        return;
    }
    if (isOpenableLink(url))
        QDesktopServices::openUrl(url);
}

QVariant MessageBrowser::loadResource(int type, const QUrl &name)
{
    const QString scheme = name.scheme().toLower();
    if (scheme == QLatin1StringView("cid")) {
        // RFC 2392: the cid URL is the Content-ID, URL-encoded, without angle brackets.
        const QString id = QUrl::fromPercentEncoding(name.path(QUrl::FullyEncoded).toLatin1());
        const auto it = m_cidParts.constFind(id);
        if (it == m_cidParts.constEnd() || type != QTextDocument::ImageResource)
            return blocked();
        const QImage image = QImage::fromData(*it);
        return image.isNull() ? blocked() : QVariant(image);
    }
    const bool remote = scheme == QLatin1StringView("http")
        || scheme == QLatin1StringView("https");
    if (!remote || !m_remoteAllowed || type != QTextDocument::ImageResource)
        return blocked(); // never QTextBrowser::loadResource: it would read local files
    const auto it = m_fetched.constFind(name);
    if (it != m_fetched.constEnd())
        return it->isNull() ? blocked() : QVariant(*it);
    fetch(name);
    return blocked();
}

void MessageBrowser::fetch(const QUrl &url)
{
    if (m_pending.contains(url) || m_requestCount >= maxRemoteFetches)
        return;
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    QNetworkReply *reply = m_network->get(request);
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply](qint64 received, qint64) {
        if (received > maxRemoteBytes)
            reply->abort();
    });
    m_pending.insert(url);
    ++m_requestCount;
}

void MessageBrowser::fetchFinished(QNetworkReply *reply)
{
    reply->deleteLater();
    const QUrl url = reply->request().url();
    m_pending.remove(url);
    QImage image;
    if (reply->error() == QNetworkReply::NoError && m_remoteAllowed)
        image = QImage::fromData(reply->read(maxRemoteBytes));
    m_fetched.insert(url, image); // a failed fetch is not retried on every layout
    if (!m_refreshQueued) {
        m_refreshQueued = true;
        QTimer::singleShot(0, this, &MessageBrowser::refresh);
    }
    Q_EMIT remoteResourceFinished(url);
}

void MessageBrowser::refresh()
{
    // setHtml drops the document's resource cache; loadResource answers from m_fetched.
    m_refreshQueued = false;
    const int scroll = verticalScrollBar()->value();
    setHtml(m_html);
    verticalScrollBar()->setValue(scroll);
}

} // namespace Tern
