#include "connectionprobe.h"

#include <QTimer>

namespace Tern {

ConnectionProbe::ConnectionProbe(TransportFactory factory, QObject *parent)
    : QObject(parent), m_factory(std::move(factory))
{
}

ConnectionProbe::~ConnectionProbe() = default;

void ConnectionProbe::start(const QString &account, const Imap::ConnectionSettings &settings)
{
    m_done = false;
    m_data = {};
    m_data.account = account;
    m_data.host = settings.host;
    m_data.port = settings.port;
    m_data.security = settings.tls.mode == TlsMode::Implicit ? QStringLiteral("implicit TLS")
        : settings.tls.mode == TlsMode::StartTls             ? QStringLiteral("STARTTLS")
                                                             : QStringLiteral("none");
    // Wrap the transport to time the TCP connect and the STARTTLS handshake.
    auto factory = [this](const TlsPolicy &policy, QObject *parent) {
        Transport *t = m_factory(policy, parent);
        connect(t, &Transport::connected, this, [this] { m_data.connectMs = m_clock.elapsed(); });
        connect(t, &Transport::encrypted, this, [this] {
            if (m_tlsStart >= 0)
                m_data.tlsMs = m_clock.elapsed() - m_tlsStart;
        });
        return t;
    };
    m_connection = std::make_unique<Imap::Connection>(factory);
    Imap::Connection *c = m_connection.get();
    connect(c, &Imap::Connection::protocolLog, this, [this](const ProtocolLogLine &line) {
        if (line.direction == ProtocolLogLine::Direction::Sent && line.text.contains("STARTTLS"))
            m_tlsStart = m_clock.elapsed();
        m_data.log.append(line);
    });
    connect(c, &Imap::Connection::capabilitiesChanged, this, [this, c] {
        if (c->state() == Imap::Connection::State::NotAuthenticated)
            m_data.capabilitiesBefore = c->capabilities().list();
    });
    connect(c, &Imap::Connection::ready, this, [this, c] {
        m_data.loginMs = m_clock.elapsed() - qMax<qint64>(0, m_data.connectMs);
        m_data.capabilitiesAfter = c->capabilities().list();
        m_data.tls = c->tlsInfo();
        connect(c, &Imap::Connection::disconnected, this, &ConnectionProbe::done);
        c->logout();
    });
    connect(c, &Imap::Connection::failed, this, [this, c](const QString &message) {
        m_data.error = message;
        m_data.tls = c->tlsInfo();
        done();
    });
    m_clock.start();
    Imap::ConnectionSettings s = settings;
    s.keepAliveSeconds = 0;
    s.compress = false; // a compressed log would show nothing after COMPRESS
    c->open(s);
}

void ConnectionProbe::done()
{
    if (m_done)
        return;
    m_done = true;
    m_data.saslMechanism = ConnectionReport::mechanismFromLog(m_data.log);
    Q_EMIT finished(report());
    // The connection may be in the middle of emitting; delete it later.
    if (m_connection)
        m_connection.release()->deleteLater();
}

} // namespace Tern
