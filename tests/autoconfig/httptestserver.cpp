#include "httptestserver.h"

#include <QTcpSocket>

HttpTestServer::HttpTestServer(QObject *parent) : QTcpServer(parent)
{
    listen(QHostAddress::LocalHost, 0);
}

void HttpTestServer::serve(const QString &path, const QByteArray &body)
{
    m_files.insert(path, body);
}

void HttpTestServer::hang(const QString &path)
{
    m_hanging.insert(path);
}

QUrl HttpTestServer::rewrite(const QUrl &url) const
{
    QUrl local;
    local.setScheme(QStringLiteral("http"));
    local.setHost(QStringLiteral("127.0.0.1"));
    local.setPort(serverPort());
    local.setPath(QLatin1Char('/') + url.scheme() + QLatin1Char('/') + url.host() + url.path());
    local.setQuery(url.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return local;
}

void HttpTestServer::incomingConnection(qintptr handle)
{
    auto *socket = new QTcpSocket(this);
    socket->setSocketDescriptor(handle);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
        QByteArray request = socket->property("request").toByteArray() + socket->readAll();
        socket->setProperty("request", request);
        if (!request.contains("\r\n\r\n"))
            return;
        const QList<QByteArray> words = request.left(request.indexOf("\r\n")).split(' ');
        const QString target = QString::fromLatin1(words.value(1));
        m_requests << target;
        const QString path = target.section(QLatin1Char('?'), 0, 0);
        if (m_hanging.contains(path))
            return; // never answer
        const auto it = m_files.constFind(path);
        const QByteArray status = it == m_files.cend() ? "404 Not Found" : "200 OK";
        const QByteArray body = it == m_files.cend() ? QByteArray("not here\n") : *it;
        socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/xml\r\nContent-Length: "
                      + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
        socket->disconnectFromHost();
    });
}
