#include "networkhttpfetcher.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <memory>

namespace Tern::Autoconfig {

NetworkHttpFetcher::NetworkHttpFetcher(QNetworkAccessManager *manager) : m_manager(manager)
{
}

void NetworkHttpFetcher::get(const QUrl &url, QObject *context, Callback done)
{
    QNetworkRequest request(m_rewriter ? m_rewriter(url) : url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute,
                         QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    request.setMaximumRedirectsAllowed(5);
    QNetworkReply *reply = m_manager->get(request);
    // Deleting the context deletes the reply, which aborts it without calling done.
    reply->setParent(context);
    const qint64 maxSize = m_maxSize;
    auto tooLarge = std::make_shared<bool>(false);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply, maxSize, tooLarge](qint64 received, qint64 total) {
        if (received > maxSize || total > maxSize) {
            *tooLarge = true;
            reply->abort();
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done, tooLarge] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (*tooLarge) {
            done(status, QByteArray(), QStringLiteral("the document is too large"));
            return;
        }
        const QByteArray body = reply->readAll();
        if (reply->error() != QNetworkReply::NoError) {
            const QString error = status > 0 ? QStringLiteral("HTTP %1").arg(status)
                                             : reply->errorString();
            done(status, body, error);
            return;
        }
        done(status, body, QString());
    });
}

} // namespace Tern::Autoconfig
