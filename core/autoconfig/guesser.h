#pragma once

#include "finding.h"
#include "probesettings.h"

#include <QList>
#include <QObject>

namespace Tern::Autoconfig {

class Resolver;
class ServerProbe;

/// The last step: guesses imap./pop./pop3./mail./smtp. host names and the bare domain, keeps
/// those that resolve, and probes their standard ports, implicit TLS (993/995/465) preferred
/// over STARTTLS (143/110/587) as RFC 8314 §5.1 asks. A server without TLS is reported as
/// "found but insecure" and never chosen.
class Guesser : public QObject
{
    Q_OBJECT
public:
    Guesser(Resolver *resolver, const ProbeSettings &settings, QObject *parent = nullptr);

    /// Starts guessing for the address email (user@domain).
    void start(const QString &email);
    /// Stops waiting: pending probes are dropped and the result is built from those done.
    void finishNow();
    Finding result() const { return m_result; }
    bool isFinished() const { return m_finished; }

    /// The host names tried for a domain, in order of preference.
    static QStringList candidateHosts(const QString &domain);

Q_SIGNALS:
    void finished();

private:
    void onHostResolved(const QString &host, bool exists);
    void startProbes(const QString &host);
    void checkDone();
    void buildResult();

    Resolver *m_resolver;
    ProbeSettings m_settings;
    QString m_email;
    QString m_domain;
    QStringList m_hosts;
    QStringList m_existing;
    int m_pendingLookups = 0;
    QList<ServerProbe *> m_probes;
    Finding m_result;
    bool m_finished = false;
};

} // namespace Tern::Autoconfig
