#pragma once

#include <QHostAddress>
#include <QList>
#include <QString>

#include <functional>

class QObject;

namespace Tern::Autoconfig {

/// One SRV record (RFC 2782). An empty target means "service not offered" (target ".").
struct SrvRecord {
    QString target;
    quint16 port = 0;
    quint16 priority = 0;
    quint16 weight = 0;
    bool operator==(const SrvRecord &) const = default;
};

/// One MX record (RFC 5321 §5.1).
struct MxRecord {
    QString exchange;
    quint16 preference = 0;
    bool operator==(const MxRecord &) const = default;
};

/// The DNS questions discovery asks, behind an interface so tests can answer them (and because
/// not every platform's QDnsLookup can use a nameserver on another port).
/// Callbacks run on the caller's thread; none runs once context is destroyed. An empty error
/// with no records means the name has no such records.
class Resolver
{
public:
    virtual ~Resolver() = default;

    using SrvCallback = std::function<void(const QList<SrvRecord> &, const QString &error)>;
    using MxCallback = std::function<void(const QList<MxRecord> &, const QString &error)>;
    using HostCallback = std::function<void(const QList<QHostAddress> &, const QString &error)>;

    virtual void lookupSrv(const QString &name, QObject *context, SrvCallback done) = 0;
    virtual void lookupMx(const QString &name, QObject *context, MxCallback done) = 0;
    /// A and AAAA addresses of a host name.
    virtual void lookupHost(const QString &name, QObject *context, HostCallback done) = 0;
};

/// Sorts SRV records for use: lowest priority first, then highest weight (RFC 2782's weighted
/// random choice made deterministic, so a user sees the same answer twice).
void sortSrvRecords(QList<SrvRecord> &records);

} // namespace Tern::Autoconfig
