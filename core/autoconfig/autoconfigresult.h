#pragma once

#include "finding.h"

#include <QList>
#include <QString>

namespace Tern::Autoconfig {

/// What discovery found for an address, where it came from, and what every step did.
struct AutoconfigResult {
    QString email;
    QString domain;
    /// Set when discovery could not even start (e.g. not an e-mail address).
    QString error;
    /// True when some step found a usable incoming server; best is then that step's finding.
    bool found = false;
    /// The winning step (highest rank with a usable server); when nothing usable was found,
    /// the highest-ranked step that found servers at all, so the wizard can offer to ask.
    Finding best;
    /// The settings came over plain HTTP: ask before a password goes to these servers.
    bool insecureSource = false;
    /// The settings came from unsigned DNS (SRV or MX): show the server names prominently.
    bool fromDns = false;
    /// Every step in rank order, with its outcome.
    QList<Finding> attempts;
    /// The MX host asked in step 3 and the domain derived from it (empty if none).
    QString mxHost;
    QString mxDomain;
    qint64 elapsedMs = 0;

    /// The source of the settings (meaningful when found).
    Source source() const { return best.source; }
    /// A multi-line text for people: what was found, from where, and what every step did
    /// (`tern account add --auto` prints it). Never contains a password: none is involved.
    QString describe() const;
};

} // namespace Tern::Autoconfig
