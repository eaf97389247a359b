#include "guesser.h"

#include "resolver.h"
#include "serverprobe.h"

#include <algorithm>

namespace Tern::Autoconfig {
namespace {

/// Which protocols a guessed name suggests: imap.* only IMAP, mail.* and the bare domain all.
QList<Protocol> protocolsFor(const QString &host)
{
    if (host.startsWith(QLatin1StringView("imap.")))
        return {Protocol::Imap};
    if (host.startsWith(QLatin1StringView("pop.")) || host.startsWith(QLatin1StringView("pop3.")))
        return {Protocol::Pop3};
    if (host.startsWith(QLatin1StringView("smtp.")))
        return {Protocol::Smtp};
    return {Protocol::Imap, Protocol::Pop3, Protocol::Smtp};
}

} // namespace

Guesser::Guesser(Resolver *resolver, const ProbeSettings &settings, QObject *parent)
    : QObject(parent), m_resolver(resolver), m_settings(settings)
{
    m_result.source = Source::Guess;
}

QStringList Guesser::candidateHosts(const QString &domain)
{
    QStringList hosts;
    for (const char *prefix : {"imap.", "pop.", "pop3.", "mail.", "smtp."})
        hosts << QLatin1StringView(prefix) + domain;
    hosts << domain;
    return hosts;
}

void Guesser::start(const QString &email)
{
    m_email = email;
    m_domain = email.mid(email.lastIndexOf(QLatin1Char('@')) + 1);
    m_hosts = candidateHosts(m_domain);
    m_result.origin = m_hosts.join(QStringLiteral(", "));
    m_pendingLookups = int(m_hosts.size());
    for (const QString &host : std::as_const(m_hosts)) {
        m_resolver->lookupHost(host, this,
                               [this, host](const QList<QHostAddress> &addresses,
                                            const QString &) {
            onHostResolved(host, !addresses.isEmpty());
        });
    }
}

void Guesser::onHostResolved(const QString &host, bool exists)
{
    --m_pendingLookups;
    if (exists && !m_finished) {
        m_existing << host;
        startProbes(host);
    }
    checkDone();
}

void Guesser::startProbes(const QString &host)
{
    for (Protocol protocol : protocolsFor(host)) {
        for (TlsMode mode : {TlsMode::Implicit, TlsMode::StartTls}) {
            auto *probe = new ServerProbe(protocol, host, standardPort(protocol, mode), mode,
                                          m_settings, this);
            connect(probe, &ServerProbe::finished, this, &Guesser::checkDone);
            m_probes << probe;
            probe->start();
        }
    }
}

void Guesser::checkDone()
{
    if (m_finished || m_pendingLookups > 0)
        return;
    const bool probing = std::any_of(m_probes.cbegin(), m_probes.cend(), [](ServerProbe *p) {
        return p->outcome() == ServerProbe::Outcome::Pending;
    });
    if (probing)
        return;
    buildResult();
}

void Guesser::finishNow()
{
    if (m_finished)
        return;
    for (ServerProbe *p : std::as_const(m_probes)) {
        if (p->outcome() == ServerProbe::Outcome::Pending)
            p->abort();
    }
    buildResult();
}

void Guesser::buildResult()
{
    m_finished = true;
    // The protocol's own name (imap., pop., pop3., smtp.) before mail. before the bare domain.
    auto hostRank = [this](const ServerProbe *p) {
        const QString &host = p->host();
        const bool generic = host == m_domain || host.startsWith(QLatin1StringView("mail."));
        return (generic ? 100 : 0) + int(m_hosts.indexOf(host));
    };
    QList<ServerProbe *> done;
    for (ServerProbe *p : std::as_const(m_probes)) {
        if (p->outcome() != ServerProbe::Outcome::Pending)
            done << p;
    }
    // Best first: implicit TLS before STARTTLS, then by name.
    std::stable_sort(done.begin(), done.end(), [&](ServerProbe *a, ServerProbe *b) {
        if (a->mode() != b->mode())
            return a->mode() == TlsMode::Implicit;
        return hostRank(a) < hostRank(b);
    });
    const QString username = m_email;
    for (Protocol protocol : {Protocol::Imap, Protocol::Pop3, Protocol::Smtp}) {
        bool chosen = false;
        for (ServerProbe *p : std::as_const(done)) {
            if (p->protocol() != protocol)
                continue;
            const QString where = QStringLiteral("%1:%2").arg(p->host()).arg(p->port());
            switch (p->outcome()) {
            case ServerProbe::Outcome::Secure:
                if (!chosen) {
                    ServerConfig s{protocol, p->host(), p->port(), p->mode(), username,
                                   AuthMethod::PasswordCleartext, QString()};
                    (protocol == Protocol::Smtp ? m_result.outgoing : m_result.incoming) << s;
                    chosen = true;
                }
                break;
            case ServerProbe::Outcome::Insecure:
                m_result.notes << QStringLiteral("%1 (%2) found but insecure: %3")
                                      .arg(where, protocolName(protocol), p->detail());
                break;
            case ServerProbe::Outcome::CertificateProblem:
                m_result.notes << QStringLiteral("%1 (%2): %3")
                                      .arg(where, protocolName(protocol), p->detail());
                break;
            default:
                break;
            }
        }
    }
    if (m_existing.isEmpty())
        m_result.detail = QStringLiteral("none of the guessed host names exists");
    else
        m_result.detail = QStringLiteral("existing hosts: ")
            + m_existing.join(QStringLiteral(", "));
    if (!m_result.incoming.isEmpty() && m_result.outgoing.isEmpty())
        m_result.notes << QStringLiteral("no outgoing server answered");
    m_result.settleFromServers(m_result.detail);
    if (m_result.outcome == Finding::Outcome::NotFound && !m_existing.isEmpty()
        && !m_result.notes.isEmpty())
        m_result.outcome = Finding::Outcome::Unusable;
    Q_EMIT finished();
}

} // namespace Tern::Autoconfig
