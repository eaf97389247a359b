#pragma once

#include "transport.h"

#include <QSslSocket>
#include <QTimer>

namespace Tern {

/// The real transport: a QSslSocket that verifies the server's certificate against the system
/// roots plus the policy's extra CAs, and accepts an otherwise untrusted certificate only when
/// its SHA-256 digest is pinned for the account.
class SslTransport : public Transport
{
    Q_OBJECT
public:
    explicit SslTransport(const TlsPolicy &policy, QObject *parent = nullptr);

    void connectToHost(const QString &host, quint16 port, bool implicitTls) override;
    void startTls() override;
    void write(const QByteArray &bytes) override;
    QByteArray readAll() override;
    void close() override;
    bool isEncrypted() const override;
    TlsInfo tlsInfo() const override;

    /// The chain the server presented on the last attempt, also after a certificate failure,
    /// so the user can inspect and pin it.
    QList<QSslCertificate> lastPeerChain() const { return m_lastChain; }
    /// Socket connect and read time-out in milliseconds.
    void setTimeout(int ms) { m_timeoutMs = ms; }

private:
    void onSslErrors(const QList<QSslError> &errors);
    void onError(QAbstractSocket::SocketError error);
    void markEstablished();

    QSslSocket m_socket;
    QTimer m_connectTimer;
    TlsPolicy m_policy;
    QString m_host;
    QList<QSslCertificate> m_lastChain;
    QString m_certificateProblem;
    bool m_implicit = false;
    bool m_closing = false;
    bool m_established = false;
    int m_timeoutMs = 30000;
};

} // namespace Tern
