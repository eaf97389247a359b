#pragma once

#include "connectionreport.h"
#include "imapconnection.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

namespace Tern {

/// The one-click connection report: opens a fresh IMAP connection with the account's
/// settings, records capabilities before and after login, TLS facts, the SASL mechanism,
/// timings and the (redacted) log, logs out, and emits finished() with the report text.
class ConnectionProbe : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionProbe(TransportFactory factory = defaultTransportFactory(),
                             QObject *parent = nullptr);
    ~ConnectionProbe() override;

    /// Starts the probe; finished() always follows, also when the connection fails.
    void start(const QString &account, const Imap::ConnectionSettings &settings);
    const ConnectionReportData &data() const { return m_data; }
    QString report() const { return ConnectionReport::format(m_data); }

Q_SIGNALS:
    void finished(const QString &report);

private:
    void done();

    TransportFactory m_factory;
    std::unique_ptr<Imap::Connection> m_connection;
    ConnectionReportData m_data;
    QElapsedTimer m_clock;
    qint64 m_tlsStart = -1;
    bool m_done = false;
};

} // namespace Tern
