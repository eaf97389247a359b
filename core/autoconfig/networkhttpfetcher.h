#pragma once

#include "httpfetcher.h"

#include <functional>

class QNetworkAccessManager;

namespace Tern::Autoconfig {

/// The real fetcher: QNetworkAccessManager, no cookies, no redirect from HTTPS to HTTP, and a
/// cap on the body size. A URL rewriter lets tests send every request to a local server.
class NetworkHttpFetcher : public HttpFetcher
{
public:
    /// manager is not owned; it must outlive the fetcher. It has to live on the caller's thread.
    explicit NetworkHttpFetcher(QNetworkAccessManager *manager);

    void get(const QUrl &url, QObject *context, Callback done) override;

    /// Maps each URL before it is fetched, e.g. https://autoconfig.x.test/... to a local server.
    void setUrlRewriter(std::function<QUrl(const QUrl &)> rewriter)
    {
        m_rewriter = std::move(rewriter);
    }
    void setMaxSize(qint64 bytes) { m_maxSize = bytes; }

private:
    QNetworkAccessManager *m_manager;
    std::function<QUrl(const QUrl &)> m_rewriter;
    qint64 m_maxSize = 512 * 1024;
};

} // namespace Tern::Autoconfig
