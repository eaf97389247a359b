#pragma once

#include <QByteArray>
#include <QList>
#include <QTcpServer>

/// A tiny HTTP server on 127.0.0.1 that counts GET requests and answers each with one PNG.
class HttpCounter : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpCounter(QObject *parent = nullptr);

    /// http://127.0.0.1:<port><path>
    QString url(const QString &path) const;
    int requestCount() const { return int(m_paths.size()); }
    const QList<QByteArray> &paths() const { return m_paths; }

    /// A small valid PNG of the given size.
    static QByteArray png(int width, int height);

private:
    void accept();

    QList<QByteArray> m_paths;
};
