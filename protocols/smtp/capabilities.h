#pragma once

#include "reply.h"

#include <QStringList>

namespace Tern::Smtp {

/// What the server announced in its EHLO reply (RFC 5321 §4.1.1.1).
struct Capabilities {
    bool esmtp = false;           ///< EHLO worked; false after a HELO fall-back
    bool startTls = false;        ///< RFC 3207
    bool pipelining = false;      ///< RFC 2920
    bool chunking = false;        ///< RFC 3030
    bool eightBitMime = false;    ///< RFC 6152
    bool smtpUtf8 = false;        ///< RFC 6531
    bool enhancedStatusCodes = false; ///< RFC 2034
    bool hasSize = false;         ///< RFC 1870
    qint64 sizeLimit = 0;         ///< 0: no fixed limit announced
    QStringList authMechanisms;   ///< RFC 4954 §3, upper case

    /// Reads the keyword lines of an EHLO reply; the first line is the server's name.
    static Capabilities fromEhlo(const Reply &reply);

    friend bool operator==(const Capabilities &, const Capabilities &) = default;
};

} // namespace Tern::Smtp
