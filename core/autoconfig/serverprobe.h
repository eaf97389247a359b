#pragma once

#include "probesettings.h"
#include "serverconfig.h"
#include "common/linebuffer.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

namespace Tern {
class Transport;
}

namespace Tern::Autoconfig {

/// Checks that a host really runs a mail server on a port: connects (implicit TLS or plain),
/// reads the greeting, asks for capabilities (IMAP CAPABILITY, POP3 CAPA, SMTP EHLO) and, on a
/// STARTTLS port, checks that STARTTLS/STLS is offered and completes the handshake
/// (RFC 3501 §6.2.1, RFC 2595 §4, RFC 3207 §4). It never logs in.
class ServerProbe : public QObject
{
    Q_OBJECT
public:
    enum class Outcome {
        Pending,
        Secure,             ///< a mail server of that protocol, reached over verified TLS
        Insecure,           ///< a mail server, but no TLS on offer: found, never chosen
        CertificateProblem, ///< TLS, but the certificate is not trusted
        Failed,             ///< nothing, or not that protocol
    };

    ServerProbe(Protocol protocol, const QString &host, quint16 port, TlsMode mode,
                const ProbeSettings &settings, QObject *parent = nullptr);

    void start();
    /// Gives up at once (no finished() signal).
    void abort();

    Protocol protocol() const { return m_protocol; }
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }
    TlsMode mode() const { return m_mode; }
    Outcome outcome() const { return m_outcome; }
    /// What went wrong, or what was seen, for people.
    QString detail() const { return m_detail; }
    /// Capabilities (after TLS when STARTTLS was used), upper-cased.
    QStringList capabilities() const { return m_capabilities; }

Q_SIGNALS:
    void finished();

private:
    enum class Step { Idle, Connecting, Greeting, Capability, StartTls, Handshake,
                      CapabilityAfterTls, Done };

    void onConnected();
    void onEncrypted();
    void onReadyRead();
    void onFailed(const QString &message);
    void handleLine(const QByteArray &line);
    void handleGreeting(const QByteArray &line);
    void handleCapability(const QByteArray &line);
    void handleStartTlsReply(const QByteArray &line);
    void capabilitiesDone();
    void sendCommand(const QByteArray &command);
    void finish(Outcome outcome, const QString &detail, bool polite);
    void closeTransport();

    static constexpr int LingerMs = 2000;

    Protocol m_protocol;
    QString m_host;
    quint16 m_port;
    TlsMode m_mode;
    ProbeSettings m_settings;
    Transport *m_transport = nullptr;
    LineBuffer m_lines{16 * 1024};
    QTimer m_timer;
    Step m_step = Step::Idle;
    Outcome m_outcome = Outcome::Pending;
    QString m_detail;
    QStringList m_capabilities;
    QByteArray m_tag;
    int m_tagCounter = 0;
    bool m_multiline = false;
};

} // namespace Tern::Autoconfig
