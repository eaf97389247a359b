#include "certificatedetails.h"

#include <QCoreApplication>

namespace Tern {

QString certificateSha256(const QSslCertificate &certificate)
{
    return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex());
}

QString certificateDetails(const QSslCertificate &certificate)
{
    const auto tr = [](const char *text) {
        return QCoreApplication::translate("Tern::CertificateDetails", text);
    };
    const QString digest = QString::fromLatin1(
        certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
    return tr("Subject: %1\nIssuer: %2\nSHA-256: %3\nValid from %4 until %5")
        .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName(), digest,
             certificate.effectiveDate().toString(Qt::ISODate),
             certificate.expiryDate().toString(Qt::ISODate));
}

} // namespace Tern
