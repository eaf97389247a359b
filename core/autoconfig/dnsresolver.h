#pragma once

#include "resolver.h"

namespace Tern::Autoconfig {

/// The real resolver: QDnsLookup for SRV and MX, the system's host lookup for addresses.
/// With a nameserver set, every question goes to it (QDnsLookup::setNameserver with a port,
/// Qt 6.6; Windows ignores the port), addresses included, so tests can run a local DNS server.
class DnsResolver : public Resolver
{
public:
    DnsResolver() = default;
    DnsResolver(const QHostAddress &nameserver, quint16 port);

    void lookupSrv(const QString &name, QObject *context, SrvCallback done) override;
    void lookupMx(const QString &name, QObject *context, MxCallback done) override;
    void lookupHost(const QString &name, QObject *context, HostCallback done) override;

private:
    QHostAddress m_nameserver;
    quint16 m_port = 0;
};

} // namespace Tern::Autoconfig
