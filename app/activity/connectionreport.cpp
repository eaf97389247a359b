#include "connectionreport.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRegularExpression>
#include <QSslCipher>

namespace Tern::ConnectionReport {
namespace {

QString certLine(const QSslCertificate &cert)
{
    const QString subject = cert.subjectDisplayName();
    const QString issuer = cert.issuerDisplayName();
    return QStringLiteral("  - subject: %1\n    issuer: %2\n    valid: %3 to %4\n"
                          "    SHA-256: %5\n")
        .arg(subject.isEmpty() ? cert.subjectInfo(QSslCertificate::CommonName).join(u", ")
                               : subject,
             issuer, cert.effectiveDate().toString(Qt::ISODate),
             cert.expiryDate().toString(Qt::ISODate),
             QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex(':')));
}

QString ms(qint64 value)
{
    return value < 0 ? QStringLiteral("n/a") : QStringLiteral("%1 ms").arg(value);
}

} // namespace

QByteArray redact(const QByteArray &line)
{
    static const QRegularExpression login(
        QStringLiteral(R"(^(\S+\s+LOGIN\s+("(?:[^"\\]|\\.)*"|\S+)\s+).*$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression auth(
        QStringLiteral(R"(^(\S+\s+AUTHENTICATE\s+\S+)\s+(?!\*\*\*$).*$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression smtpAuth(
        QStringLiteral(R"(^(AUTH\s+\S+)\s+(?!\*\*\*$).*$)"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression pass(QStringLiteral(R"(^(PASS)\s+.*$)"),
                                         QRegularExpression::CaseInsensitiveOption);
    // A literal's announcement ends the line; what follows it is message content.
    static const QRegularExpression literal(QStringLiteral(R"((\{\d+\+?\})\s*\S.*$)"));
    QString text = QString::fromUtf8(line);
    QRegularExpressionMatch m;
    if ((m = login.match(text)).hasMatch()) {
        if (!text.endsWith(u"***"))
            text = m.captured(1) + QStringLiteral("***");
    } else if ((m = auth.match(text)).hasMatch()) {
        text = m.captured(1) + QStringLiteral(" ***");
    } else if ((m = smtpAuth.match(text)).hasMatch()) {
        text = m.captured(1) + QStringLiteral(" ***");
    } else if ((m = pass.match(text)).hasMatch()) {
        text = m.captured(1) + QStringLiteral(" ***");
    }
    text.replace(literal, QStringLiteral("\\1 ***"));
    return text.toUtf8();
}

QString mechanismFromLog(const QList<ProtocolLogLine> &log)
{
    static const QRegularExpression auth(
        QStringLiteral(R"(^(?:\S+\s+)?(?:AUTHENTICATE|AUTH)\s+(\S+))"),
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression login(QStringLiteral(R"(^\S+\s+LOGIN\s)"),
                                          QRegularExpression::CaseInsensitiveOption);
    for (const ProtocolLogLine &line : log) {
        if (line.direction != ProtocolLogLine::Direction::Sent)
            continue;
        const QString text = QString::fromUtf8(line.text);
        if (const auto m = auth.match(text); m.hasMatch())
            return m.captured(1).toUpper();
        if (login.match(text).hasMatch())
            return QStringLiteral("LOGIN (IMAP command)");
    }
    return {};
}

QString format(const ConnectionReportData &d, int logLines)
{
    QString out;
    out += QStringLiteral("Tern connection report\n");
    out += QStringLiteral("Generated: %1\n")
               .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    out += QStringLiteral("Account: %1\n").arg(d.account);
    out += QStringLiteral("Server: %1 %2:%3 (%4)\n")
               .arg(d.protocol, d.host).arg(d.port).arg(d.security);
    if (!d.error.isEmpty())
        out += QStringLiteral("Error: %1\n").arg(d.error);
    out += QStringLiteral("\nCapabilities before login: %1\n")
               .arg(QString::fromUtf8(d.capabilitiesBefore.join(' ')));
    out += QStringLiteral("Capabilities after login: %1\n")
               .arg(QString::fromUtf8(d.capabilitiesAfter.join(' ')));
    out += QStringLiteral("SASL mechanism: %1\n")
               .arg(d.saslMechanism.isEmpty() ? QStringLiteral("n/a") : d.saslMechanism);
    out += QStringLiteral("\nTLS: %1\n").arg(d.tls.encrypted ? QStringLiteral("yes")
                                                             : QStringLiteral("no"));
    if (d.tls.encrypted) {
        out += QStringLiteral("TLS version: %1\nCipher: %2\nCertificate chain:\n")
                   .arg(d.tls.protocol, d.tls.cipher);
        for (const QSslCertificate &cert : d.tls.peerChain)
            out += certLine(cert);
    }
    out += QStringLiteral("\nTimings: connect %1, TLS %2, login %3\n")
               .arg(ms(d.connectMs), ms(d.tlsMs), ms(d.loginMs));
    const qsizetype first = qMax<qsizetype>(0, d.log.size() - logLines);
    out += QStringLiteral("\nLast %1 protocol lines (credentials and contents removed):\n")
               .arg(d.log.size() - first);
    for (qsizetype i = first; i < d.log.size(); ++i) {
        const ProtocolLogLine &line = d.log.at(i);
        const char *dir = line.direction == ProtocolLogLine::Direction::Sent ? "C: "
            : line.direction == ProtocolLogLine::Direction::Received       ? "S: "
                                                                           : "-- ";
        out += line.when.toString(u"HH:mm:ss.zzz") + QLatin1Char(' ')
            + QLatin1StringView(dir) + QString::fromUtf8(redact(line.text)) + QLatin1Char('\n');
    }
    return out;
}

} // namespace Tern::ConnectionReport
