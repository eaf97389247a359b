#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

class QObject;

namespace Tern::Autoconfig {

/// HTTP GET for the autoconfig documents, behind an interface so tests can serve them.
class HttpFetcher
{
public:
    virtual ~HttpFetcher() = default;

    /// status is the HTTP status (0 when no response came); error is empty on a 2xx answer.
    using Callback = std::function<void(int status, const QByteArray &body, const QString &error)>;

    /// Fetches url; done is not called once context is destroyed (the request is aborted).
    virtual void get(const QUrl &url, QObject *context, Callback done) = 0;
};

} // namespace Tern::Autoconfig
