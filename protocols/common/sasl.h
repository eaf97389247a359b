#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Tern::Sasl {

/// Mechanisms Tern can use, strongest first when several are offered.
enum class Mechanism { Plain, Login, None };

/// The best mechanism out of a server's list (IMAP AUTH=, SMTP AUTH, POP3 SASL).
Mechanism choose(const QStringList &offered);
QByteArray name(Mechanism mechanism);

/// RFC 4616 PLAIN initial response, base64: authzid NUL authcid NUL password.
QByteArray plainResponse(const QString &user, const QString &password,
                         const QString &authzid = QString());

} // namespace Tern::Sasl
