#include "finding.h"

#include <algorithm>

namespace Tern::Autoconfig {

QString sourceName(Source source)
{
    switch (source) {
    case Source::IspXml: return QStringLiteral("ISP autoconfig XML (HTTPS)");
    case Source::WellKnownXml: return QStringLiteral("well-known autoconfig XML (HTTPS)");
    case Source::Srv: return QStringLiteral("DNS SRV records (RFC 6186)");
    case Source::MxIspXml: return QStringLiteral("MX domain's ISP autoconfig XML (HTTPS)");
    case Source::MxWellKnownXml:
        return QStringLiteral("MX domain's well-known autoconfig XML (HTTPS)");
    case Source::MxSrv: return QStringLiteral("MX domain's DNS SRV records");
    case Source::Guess: return QStringLiteral("guessed host names, probed");
    case Source::IspXmlHttp: return QStringLiteral("ISP autoconfig XML (plain HTTP)");
    case Source::WellKnownXmlHttp:
        return QStringLiteral("well-known autoconfig XML (plain HTTP)");
    case Source::MxIspXmlHttp:
        return QStringLiteral("MX domain's ISP autoconfig XML (plain HTTP)");
    case Source::MxWellKnownXmlHttp:
        return QStringLiteral("MX domain's well-known autoconfig XML (plain HTTP)");
    }
    return QString();
}

bool isInsecureSource(Source source)
{
    return source == Source::IspXmlHttp || source == Source::WellKnownXmlHttp
        || source == Source::MxIspXmlHttp || source == Source::MxWellKnownXmlHttp;
}

bool isDnsSource(Source source)
{
    return source == Source::Srv || source == Source::MxSrv || source == Source::MxIspXml
        || source == Source::MxWellKnownXml || source == Source::MxIspXmlHttp
        || source == Source::MxWellKnownXmlHttp;
}

QString outcomeName(Finding::Outcome outcome)
{
    switch (outcome) {
    case Finding::Outcome::Pending: return QStringLiteral("pending");
    case Finding::Outcome::Found: return QStringLiteral("found");
    case Finding::Outcome::Unusable: return QStringLiteral("found, but nothing usable");
    case Finding::Outcome::NotFound: return QStringLiteral("not found");
    case Finding::Outcome::Failed: return QStringLiteral("failed");
    case Finding::Outcome::TimedOut: return QStringLiteral("timed out");
    case Finding::Outcome::Skipped: return QStringLiteral("not needed");
    }
    return QString();
}

bool Finding::hasUsableIncoming() const
{
    return std::any_of(incoming.cbegin(), incoming.cend(),
                       [](const ServerConfig &s) { return s.isUsable(); });
}

void Finding::settleFromServers(const QString &emptyDetail)
{
    if (hasUsableIncoming()) {
        outcome = Outcome::Found;
    } else if (!incoming.isEmpty() || !outgoing.isEmpty()) {
        outcome = Outcome::Unusable;
        if (detail.isEmpty())
            detail = QStringLiteral("no usable incoming server");
    } else {
        outcome = Outcome::NotFound;
        if (detail.isEmpty())
            detail = emptyDetail;
    }
}

} // namespace Tern::Autoconfig
