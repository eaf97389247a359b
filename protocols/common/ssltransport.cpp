#include "ssltransport.h"

#include <QCryptographicHash>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTimer>

namespace Tern {

TransportFactory defaultTransportFactory()
{
    return [](const TlsPolicy &policy, QObject *parent) -> Transport * {
        return new SslTransport(policy, parent);
    };
}

SslTransport::SslTransport(const TlsPolicy &policy, QObject *parent)
    : Transport(parent), m_socket(this), m_policy(policy)
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    conf.setProtocol(QSsl::TlsV1_2OrLater);
    if (!policy.extraCaCertificates.isEmpty())
        conf.addCaCertificates(policy.extraCaCertificates);
    m_socket.setSslConfiguration(conf);
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);

    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        m_closing = true;
        m_socket.abort();
        Q_EMIT failed(tr("Timed out connecting to %1").arg(m_host));
    });
    connect(&m_socket, &QSslSocket::connected, this, [this] {
        if (!m_implicit)
            markEstablished();
    });
    connect(&m_socket, &QSslSocket::encrypted, this, [this] {
        m_lastChain = m_socket.peerCertificateChain();
        if (m_implicit) {
            m_implicit = false;
            markEstablished();
        } else {
            Q_EMIT encrypted();
        }
    });
    connect(&m_socket, &QSslSocket::readyRead, this, &Transport::readyRead);
    connect(&m_socket, &QSslSocket::disconnected, this, [this] {
        if (!m_closing)
            Q_EMIT disconnected();
    });
    connect(&m_socket, &QSslSocket::sslErrors, this, &SslTransport::onSslErrors);
    connect(&m_socket, &QSslSocket::errorOccurred, this, &SslTransport::onError);
}

void SslTransport::connectToHost(const QString &host, quint16 port, bool implicitTls)
{
    m_host = host;
    m_implicit = implicitTls;
    m_closing = false;
    m_established = false;
    m_certificateProblem.clear();
    m_connectTimer.start(m_timeoutMs);
    if (implicitTls)
        m_socket.connectToHostEncrypted(host, port);
    else
        m_socket.connectToHost(host, port);
}

void SslTransport::startTls()
{
    // Whatever arrived in plaintext after the server's go-ahead is an injection attempt.
    m_socket.readAll();
    m_socket.startClientEncryption();
}

void SslTransport::write(const QByteArray &bytes)
{
    m_socket.write(bytes);
}

QByteArray SslTransport::readAll()
{
    return m_socket.readAll();
}

void SslTransport::close()
{
    m_closing = true;
    m_socket.disconnectFromHost();
    if (m_socket.state() != QAbstractSocket::UnconnectedState)
        m_socket.abort();
}

bool SslTransport::isEncrypted() const
{
    return m_socket.isEncrypted();
}

TlsInfo SslTransport::tlsInfo() const
{
    TlsInfo info;
    info.encrypted = m_socket.isEncrypted();
    const QSslCipher cipher = m_socket.sessionCipher();
    info.cipher = cipher.name();
    switch (m_socket.sessionProtocol()) {
    case QSsl::TlsV1_2: info.protocol = QStringLiteral("TLS 1.2"); break;
    case QSsl::TlsV1_3: info.protocol = QStringLiteral("TLS 1.3"); break;
    default: info.protocol = cipher.protocolString(); break;
    }
    info.peerChain = m_socket.peerCertificateChain();
    return info;
}

void SslTransport::onSslErrors(const QList<QSslError> &errors)
{
    m_lastChain = m_socket.peerCertificateChain();
    const QByteArray digest = m_socket.peerCertificate().digest(QCryptographicHash::Sha256);
    if (!digest.isEmpty() && m_policy.pinnedSha256.contains(digest)) {
        m_socket.ignoreSslErrors(errors);
        return;
    }
    QStringList texts;
    for (const QSslError &e : errors)
        texts << e.errorString();
    m_certificateProblem = tr("The certificate of %1 is not trusted: %2")
                               .arg(m_host, texts.join(QStringLiteral("; ")));
}

void SslTransport::markEstablished()
{
    m_connectTimer.stop();
    m_established = true;
    Q_EMIT connected();
}

void SslTransport::onError(QAbstractSocket::SocketError error)
{
    if (m_closing)
        return;
    // A close by the server after we were connected is reported by disconnected().
    if (error == QAbstractSocket::RemoteHostClosedError && m_established
        && m_certificateProblem.isEmpty())
        return;
    m_closing = true;
    m_connectTimer.stop();
    const QString message = !m_certificateProblem.isEmpty()
        ? m_certificateProblem
        : tr("Connection to %1 failed: %2").arg(m_host, m_socket.errorString());
    m_socket.abort();
    Q_EMIT failed(message);
}

} // namespace Tern
