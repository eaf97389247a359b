#include "srvlookup.h"

#include <iterator>

namespace Tern::Autoconfig {
namespace {

struct ServiceInfo {
    const char *label;
    Protocol protocol;
    TlsMode tls;
};

// In order of preference: the order the servers are listed in the result.
constexpr ServiceInfo services[] = {
    {"_imaps._tcp.", Protocol::Imap, TlsMode::Implicit},
    {"_imap._tcp.", Protocol::Imap, TlsMode::StartTls},
    {"_pop3s._tcp.", Protocol::Pop3, TlsMode::Implicit},
    {"_pop3._tcp.", Protocol::Pop3, TlsMode::StartTls},
    {"_submissions._tcp.", Protocol::Smtp, TlsMode::Implicit},
    {"_submission._tcp.", Protocol::Smtp, TlsMode::StartTls},
};
constexpr int serviceCount = int(std::size(services));

} // namespace

SrvLookup::SrvLookup(Resolver *resolver, Source source, QObject *parent)
    : QObject(parent), m_resolver(resolver)
{
    m_result.source = source;
}

void SrvLookup::start(const QString &domain, const QString &email)
{
    m_email = email;
    m_perService.resize(serviceCount);
    m_pending = serviceCount;
    QStringList names;
    for (int i = 0; i < serviceCount; ++i) {
        const QString name = QLatin1StringView(services[i].label) + domain;
        names << name;
        m_resolver->lookupSrv(name, this,
                              [this, i](const QList<SrvRecord> &records, const QString &error) {
            onAnswer(i, records, error);
        });
    }
    m_result.origin = names.join(QStringLiteral(", "));
}

void SrvLookup::onAnswer(int index, QList<SrvRecord> records, const QString &error)
{
    const ServiceInfo &service = services[index];
    const QString name = QLatin1StringView(service.label).chopped(1);
    if (!error.isEmpty())
        m_errors << name + QStringLiteral(": ") + error;
    sortSrvRecords(records);
    for (const SrvRecord &r : std::as_const(records)) {
        if (r.target.isEmpty() || r.target == QLatin1StringView(".")) {
            m_result.notes << QStringLiteral("%1 says the service is not offered").arg(name);
            break;
        }
        if (r.port == 0)
            continue;
        m_perService[index] << ServerConfig{service.protocol, r.target.toLower(), r.port,
                                            service.tls, m_email,
                                            AuthMethod::PasswordCleartext, QString()};
    }
    if (--m_pending > 0)
        return;
    for (int i = 0; i < serviceCount; ++i) {
        for (const ServerConfig &s : std::as_const(m_perService[i]))
            (s.protocol == Protocol::Smtp ? m_result.outgoing : m_result.incoming) << s;
    }
    if (!m_result.incoming.isEmpty() && m_result.outgoing.isEmpty())
        m_result.notes << QStringLiteral("no submission service announced");
    m_result.settleFromServers(m_errors.isEmpty() ? QStringLiteral("no SRV records")
                                                  : m_errors.join(QStringLiteral("; ")));
    if (m_result.outcome == Finding::Outcome::NotFound && !m_errors.isEmpty())
        m_result.outcome = Finding::Outcome::Failed;
    Q_EMIT finished();
}

} // namespace Tern::Autoconfig
