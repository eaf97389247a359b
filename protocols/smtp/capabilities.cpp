#include "capabilities.h"

namespace Tern::Smtp {

Capabilities Capabilities::fromEhlo(const Reply &reply)
{
    Capabilities caps;
    caps.esmtp = true;
    for (qsizetype i = 1; i < reply.lines.size(); ++i) {
        const QByteArrayList words = reply.lines.at(i).simplified().split(' ');
        QByteArray keyword = words.value(0).toUpper();
        QByteArrayList params = words.mid(1);
        // Some old servers still write "AUTH=PLAIN LOGIN".
        if (keyword.startsWith("AUTH=")) {
            params.prepend(keyword.mid(5));
            keyword = "AUTH";
        }
        if (keyword == "STARTTLS") {
            caps.startTls = true;
        } else if (keyword == "PIPELINING") {
            caps.pipelining = true;
        } else if (keyword == "CHUNKING") {
            caps.chunking = true;
        } else if (keyword == "8BITMIME") {
            caps.eightBitMime = true;
        } else if (keyword == "SMTPUTF8") {
            caps.smtpUtf8 = true;
        } else if (keyword == "ENHANCEDSTATUSCODES") {
            caps.enhancedStatusCodes = true;
        } else if (keyword == "SIZE") {
            caps.hasSize = true;
            bool ok = false;
            const qint64 limit = params.value(0).toLongLong(&ok);
            caps.sizeLimit = ok && limit > 0 ? limit : 0;
        } else if (keyword == "AUTH") {
            for (const QByteArray &mechanism : std::as_const(params)) {
                const QString name = QString::fromLatin1(mechanism.toUpper());
                if (!name.isEmpty() && !caps.authMechanisms.contains(name))
                    caps.authMechanisms.append(name);
            }
        }
    }
    return caps;
}

} // namespace Tern::Smtp
