#include "dnsresolver.h"

#include <QDnsLookup>
#include <QHostInfo>
#include <QPointer>

#include <memory>

namespace Tern::Autoconfig {
namespace {

QString stripDot(QString name)
{
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name;
}

/// Non-existent names are an answer ("nothing here"), not a failure.
QString errorText(const QDnsLookup &lookup)
{
    if (lookup.error() == QDnsLookup::NoError || lookup.error() == QDnsLookup::NotFoundError)
        return QString();
    return lookup.errorString();
}

} // namespace

DnsResolver::DnsResolver(const QHostAddress &nameserver, quint16 port)
    : m_nameserver(nameserver), m_port(port)
{
}

template<typename Done>
static void runLookup(QDnsLookup::Type type, const QString &name, QObject *context,
                      const QHostAddress &nameserver, quint16 port, Done done)
{
    auto *lookup = new QDnsLookup(type, name, context);
    if (!nameserver.isNull())
        lookup->setNameserver(nameserver, port);
    QObject::connect(lookup, &QDnsLookup::finished, lookup, [lookup, done] {
        lookup->deleteLater();
        done(*lookup);
    });
    lookup->lookup();
}

void DnsResolver::lookupSrv(const QString &name, QObject *context, SrvCallback done)
{
    runLookup(QDnsLookup::SRV, name, context, m_nameserver, m_port,
              [done](const QDnsLookup &lookup) {
        QList<SrvRecord> records;
        for (const QDnsServiceRecord &r : lookup.serviceRecords()) {
            QString target = stripDot(r.target());
            records << SrvRecord{target, r.port(), r.priority(), r.weight()};
        }
        done(records, errorText(lookup));
    });
}

void DnsResolver::lookupMx(const QString &name, QObject *context, MxCallback done)
{
    runLookup(QDnsLookup::MX, name, context, m_nameserver, m_port,
              [done](const QDnsLookup &lookup) {
        QList<MxRecord> records;
        for (const QDnsMailExchangeRecord &r : lookup.mailExchangeRecords())
            records << MxRecord{stripDot(r.exchange()), r.preference()};
        done(records, errorText(lookup));
    });
}

void DnsResolver::lookupHost(const QString &name, QObject *context, HostCallback done)
{
    if (m_nameserver.isNull()) {
        QHostInfo::lookupHost(name, context, [done](const QHostInfo &info) {
            const bool missing = info.error() == QHostInfo::HostNotFound;
            done(info.addresses(), info.error() == QHostInfo::NoError || missing
                                       ? QString() : info.errorString());
        });
        return;
    }
    // Ask for A and AAAA together and answer once both are in.
    struct Pending {
        int left = 2;
        QList<QHostAddress> addresses;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    auto collect = [pending, done](const QDnsLookup &lookup) {
        for (const QDnsHostAddressRecord &r : lookup.hostAddressRecords())
            pending->addresses << r.value();
        if (pending->error.isEmpty())
            pending->error = errorText(lookup);
        if (--pending->left == 0)
            done(pending->addresses,
                 pending->addresses.isEmpty() ? pending->error : QString());
    };
    runLookup(QDnsLookup::A, name, context, m_nameserver, m_port, collect);
    runLookup(QDnsLookup::AAAA, name, context, m_nameserver, m_port, collect);
}

} // namespace Tern::Autoconfig
