#pragma once

#include <QList>
#include <QObject>
#include <QSslCertificate>
#include <QSslError>

#include <functional>

namespace Tern {

/// How a connection is secured. RFC 8314 §3: implicit TLS is preferred over STARTTLS.
enum class TlsMode { Implicit, StartTls, None };

/// What a connection trusts and allows, decided per account.
struct TlsPolicy {
    TlsMode mode = TlsMode::Implicit;
    /// Extra trusted roots, e.g. a self-hosted server's private CA (--ca-file).
    QList<QSslCertificate> extraCaCertificates;
    /// SHA-256 digests of leaf certificates the user accepted and pinned for this account.
    QList<QByteArray> pinnedSha256;
    /// The only way a password may cross an unencrypted connection: the user's explicit opt-in.
    bool allowPlaintextLogin = false;
};

/// Facts about the secured session, for the connection report.
struct TlsInfo {
    bool encrypted = false;
    QString protocol;
    QString cipher;
    QList<QSslCertificate> peerChain;
};

/// A byte stream to one server. The product uses SslTransport; tests use a fake.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    /// Connects; with implicitTls the TLS handshake runs first and connected() follows it.
    virtual void connectToHost(const QString &host, quint16 port, bool implicitTls) = 0;
    /// Starts TLS on an open plain connection (after STARTTLS/STLS). Bytes received before
    /// are dropped first: RFC 3207 §4.2, RFC 2595 §3.1, and the STARTTLS injection attack.
    virtual void startTls() = 0;
    virtual void write(const QByteArray &bytes) = 0;
    virtual QByteArray readAll() = 0;
    virtual void close() = 0;
    virtual bool isEncrypted() const = 0;
    virtual TlsInfo tlsInfo() const = 0;

Q_SIGNALS:
    /// TCP is up (plain), or the implicit TLS handshake has completed.
    void connected();
    /// startTls() completed.
    void encrypted();
    void readyRead();
    void disconnected();
    /// Anything fatal: refused, time-out, TLS or certificate failure, with a user-facing text.
    void failed(const QString &message);
};

/// Makes a transport for a connection; accounts get the real one, tests a fake.
using TransportFactory = std::function<Transport *(const TlsPolicy &policy, QObject *parent)>;

/// The product's factory: SslTransport.
TransportFactory defaultTransportFactory();

} // namespace Tern
