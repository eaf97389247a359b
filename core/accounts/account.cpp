#include "account.h"

#include <QSslCertificate>

namespace Tern {

TlsPolicy Account::tlsPolicy(TlsMode mode) const
{
    TlsPolicy policy;
    policy.mode = mode;
    if (!caFile.isEmpty())
        policy.extraCaCertificates = QSslCertificate::fromPath(caFile, QSsl::Pem);
    for (const QString &hex : pinnedSha256)
        policy.pinnedSha256 << QByteArray::fromHex(hex.toLatin1());
    policy.allowPlaintextLogin = allowPlaintext;
    return policy;
}

QString Account::secretKey(ServerUrl::Protocol protocol) const
{
    const char *service = protocol == ServerUrl::Protocol::Smtp ? "smtp" : "incoming";
    return QStringLiteral("account-%1/%2").arg(id).arg(QLatin1StringView(service));
}

} // namespace Tern
