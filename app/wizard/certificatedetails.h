#pragma once

#include <QSslCertificate>
#include <QString>

namespace Tern {

/// The facts a person needs to decide about a certificate: subject, issuer, SHA-256 digest
/// and validity period, one per line.
QString certificateDetails(const QSslCertificate &certificate);

/// The SHA-256 digest of a certificate in hex, as accounts pin it.
QString certificateSha256(const QSslCertificate &certificate);

} // namespace Tern
