#pragma once

#include <QHostAddress>
#include <QProcess>
#include <QStringList>

/// dnsmasq on 127.0.0.1 and a free port, authoritative for *.test with only the records given
/// (dnsmasq options such as --srv-host=..., --mx-host=..., --address=/name/127.0.0.1).
class DnsmasqServer
{
public:
    DnsmasqServer() = default;
    ~DnsmasqServer();

    /// Starts dnsmasq and waits until it answers; false with error() on failure.
    bool start(const QStringList &records);
    QString error() const { return m_error; }
    QHostAddress address() const { return QHostAddress(QHostAddress::LocalHost); }
    quint16 port() const { return m_port; }

private:
    QProcess m_process;
    quint16 m_port = 0;
    QString m_error;
};
