#pragma once

#include "serverconfig.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Tern::Autoconfig {

/// Where settings came from, in rank order: a lower value wins when several steps succeed.
/// Thunderbird's order (ISP XML, MX domain, guessing) with RFC 6186 SRV records after the XML;
/// settings fetched over plain HTTP rank last because anyone on the path can forge them.
enum class Source {
    IspXml,          ///< https://autoconfig.<domain>/mail/config-v1.1.xml
    WellKnownXml,    ///< https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml
    Srv,             ///< RFC 6186 SRV records of the domain
    MxIspXml,        ///< the ISP XML of the MX host's domain
    MxWellKnownXml,  ///< the well-known XML of the MX host's domain
    MxSrv,           ///< SRV records of the MX host's domain
    Guess,           ///< guessed host names, probed with a greeting and capability check
    IspXmlHttp,      ///< as IspXml over plain HTTP
    WellKnownXmlHttp,
    MxIspXmlHttp,
    MxWellKnownXmlHttp,
};
constexpr int SourceCount = int(Source::MxWellKnownXmlHttp) + 1;

/// A short name of a source for people, e.g. "ISP autoconfig XML (HTTPS)".
QString sourceName(Source source);
/// Settings that came over plain HTTP: ask before a password goes to these servers.
bool isInsecureSource(Source source);
/// Settings that came from unsigned DNS (SRV or MX): show the server names prominently.
bool isDnsSource(Source source);

/// What one step of discovery did and found.
struct Finding {
    enum class Outcome { Pending, Found, Unusable, NotFound, Failed, TimedOut, Skipped };

    Source source = Source::IspXml;
    /// The URL, DNS names or host names the step asked.
    QString origin;
    Outcome outcome = Outcome::Pending;
    /// Why it failed or what it saw, for people.
    QString detail;
    QString displayName;
    /// Best first (sortByPreference); servers with a problem come last.
    QList<ServerConfig> incoming;
    QList<ServerConfig> outgoing;
    QStringList notes;

    bool hasUsableIncoming() const;
    bool isSettled() const { return outcome != Outcome::Pending; }
    /// Sets outcome to Found, Unusable or NotFound from the servers present.
    void settleFromServers(const QString &emptyDetail);
};

/// "found", "not found", "timed out", ...
QString outcomeName(Finding::Outcome outcome);

} // namespace Tern::Autoconfig
