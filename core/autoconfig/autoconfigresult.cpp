#include "autoconfigresult.h"

namespace Tern::Autoconfig {

QString AutoconfigResult::describe() const
{
    QStringList out;
    out << QStringLiteral("Auto-configuration for %1").arg(email);
    if (!error.isEmpty()) {
        out << QStringLiteral("Error: ") + error;
        return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
    }
    const bool haveServers = !best.incoming.isEmpty() || !best.outgoing.isEmpty();
    if (found) {
        out << QStringLiteral("Found through: ") + sourceName(best.source);
        out << QStringLiteral("  from ") + best.origin;
    } else if (haveServers) {
        out << QStringLiteral("Nothing usable found; the best candidate came from: ")
                + sourceName(best.source);
        out << QStringLiteral("  from ") + best.origin;
    } else {
        out << QStringLiteral("Nothing found: enter the settings by hand.");
    }
    if (haveServers) {
        if (!best.displayName.isEmpty())
            out << QStringLiteral("Provider: ") + best.displayName;
        for (const ServerConfig &s : best.incoming)
            out << QStringLiteral("Incoming: ") + s.toString();
        for (const ServerConfig &s : best.outgoing)
            out << QStringLiteral("Outgoing: ") + s.toString();
        if (best.outgoing.isEmpty())
            out << QStringLiteral("Outgoing: none found");
        for (const QString &note : best.notes)
            out << QStringLiteral("Note: ") + note;
        if (insecureSource)
            out << QStringLiteral("Warning: these settings came over plain HTTP; confirm the "
                                  "server names before a password is sent to them.");
        if (fromDns)
            out << QStringLiteral("Warning: these settings came from unsigned DNS records; "
                                  "check the server names.");
    }
    if (!mxHost.isEmpty())
        out << QStringLiteral("MX host: %1 (provider domain %2)").arg(mxHost, mxDomain);
    out << QStringLiteral("Steps (best first, %1 ms):").arg(elapsedMs);
    int n = 0;
    for (const Finding &f : attempts) {
        QString line = QStringLiteral("  %1. %2: %3").arg(++n).arg(sourceName(f.source),
                                                               outcomeName(f.outcome));
        if (!f.detail.isEmpty())
            line += QStringLiteral(" (") + f.detail + QLatin1Char(')');
        if (!f.origin.isEmpty())
            line += QStringLiteral(" <- ") + f.origin;
        out << line;
        if (!(haveServers && f.source == best.source))
            for (const QString &note : f.notes)
                out << QStringLiteral("       note: ") + note;
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace Tern::Autoconfig
