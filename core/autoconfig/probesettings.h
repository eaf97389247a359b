#pragma once

#include "common/transport.h"

#include <QHash>
#include <QString>

#include <functional>

namespace Tern::Autoconfig {

/// How the guessing step reaches servers. The defaults are the product's; tests map the
/// standard ports and host names onto the fixture's servers on 127.0.0.1.
struct ProbeSettings {
    /// Trust for the TLS handshakes (extra CAs); the mode is chosen per probe.
    TlsPolicy tls;
    /// Standard port → port actually dialled (tests only). Results keep the standard port.
    QHash<quint16, quint16> portMap;
    /// Host name → name or address actually dialled and verified (tests only).
    std::function<QString(const QString &host)> connectHost;
    /// Whole-probe limit: connect, greeting, capabilities and STARTTLS.
    int timeoutMs = 10000;
    /// EHLO argument: an address literal reveals nothing about the user's machine.
    QString ehloName = QStringLiteral("[127.0.0.1]");
    /// Makes the transports; empty means SslTransport.
    TransportFactory transportFactory;

    quint16 dialPort(quint16 port) const { return portMap.value(port, port); }
    QString dialHost(const QString &host) const { return connectHost ? connectHost(host) : host; }
};

} // namespace Tern::Autoconfig
