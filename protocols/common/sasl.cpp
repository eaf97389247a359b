#include "sasl.h"

namespace Tern::Sasl {

Mechanism choose(const QStringList &offered)
{
    auto has = [&](const char *m) {
        return offered.contains(QLatin1StringView(m), Qt::CaseInsensitive);
    };
    if (has("PLAIN"))
        return Mechanism::Plain;
    if (has("LOGIN"))
        return Mechanism::Login;
    return Mechanism::None;
}

QByteArray name(Mechanism mechanism)
{
    switch (mechanism) {
    case Mechanism::Plain: return "PLAIN";
    case Mechanism::Login: return "LOGIN";
    case Mechanism::None: break;
    }
    return {};
}

QByteArray plainResponse(const QString &user, const QString &password, const QString &authzid)
{
    QByteArray raw = authzid.toUtf8();
    raw.append('\0').append(user.toUtf8()).append('\0').append(password.toUtf8());
    return raw.toBase64();
}

} // namespace Tern::Sasl
