#pragma once

#include "common/protocollog.h"
#include "common/transport.h"

#include <QByteArrayList>
#include <QList>
#include <QString>

namespace Tern {

/// What a connection report says about one account's connection; filled by ConnectionProbe
/// or from a running connection (ActivityWindow::connectionReport()).
struct ConnectionReportData {
    QString account;
    QString protocol = QStringLiteral("IMAP");
    QString host;
    quint16 port = 0;
    QString security; // "implicit TLS", "STARTTLS", "none"
    QByteArrayList capabilitiesBefore;
    QByteArrayList capabilitiesAfter;
    TlsInfo tls;
    QString saslMechanism;
    qint64 connectMs = -1; // TCP (and the handshake with implicit TLS)
    qint64 tlsMs = -1;     // STARTTLS handshake
    qint64 loginMs = -1;
    QString error;
    QList<ProtocolLogLine> log;
};

namespace ConnectionReport {

/// Lines of the log kept in a report.
inline constexpr int DefaultLogLines = 50;

/// A second line of defence over the engines' own redaction: LOGIN passwords,
/// AUTHENTICATE payloads and SASL continuation answers, and literal contents become "***".
QByteArray redact(const QByteArray &line);
/// The SASL mechanism (or "LOGIN") a log shows the client choosing, if any.
QString mechanismFromLog(const QList<ProtocolLogLine> &log);
/// Plain text for a support request: server, capabilities, TLS, certificates, timings and
/// the last logLines protocol lines, redacted.
QString format(const ConnectionReportData &data, int logLines = DefaultLogLines);

} // namespace ConnectionReport
} // namespace Tern
