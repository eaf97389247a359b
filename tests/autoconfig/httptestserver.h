#pragma once

#include <QByteArrayList>
#include <QHash>
#include <QSet>
#include <QTcpServer>
#include <QUrl>

/// A small HTTP/1.1 server on 127.0.0.1 for the autoconfig documents: canned files by path,
/// 404 for anything else, and paths that never answer (to hit discovery's time-out).
class HttpTestServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpTestServer(QObject *parent = nullptr);

    void serve(const QString &path, const QByteArray &body);
    void hang(const QString &path);
    /// Request targets received so far (path and query).
    QStringList requests() const { return m_requests; }
    /// https://host/path?q → http://127.0.0.1:port/https/host/path?q, so one plain server
    /// stands in for every host and scheme.
    QUrl rewrite(const QUrl &url) const;

protected:
    void incomingConnection(qintptr handle) override;

private:
    QHash<QString, QByteArray> m_files;
    QSet<QString> m_hanging;
    QStringList m_requests;
};
