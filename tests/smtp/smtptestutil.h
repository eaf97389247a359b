#pragma once

#include "smtp/client.h"

#include "common/ssltransport.h"

#include <QTest>

namespace TernTest {

/// The real transport, recording every write so tests can compare exact client bytes.
class RecordingTransport : public Tern::SslTransport
{
public:
    RecordingTransport(const Tern::TlsPolicy &policy, QObject *parent, QByteArrayList *sink)
        : Tern::SslTransport(policy, parent), m_sink(sink)
    {
    }
    void write(const QByteArray &bytes) override
    {
        m_sink->append(bytes);
        Tern::SslTransport::write(bytes);
    }

private:
    QByteArrayList *m_sink;
};

/// A client under test with everything it reported.
struct SmtpRun {
    explicit SmtpRun(const Tern::Smtp::ClientSettings &settings)
        : client(settings, [this](const Tern::TlsPolicy &policy, QObject *parent) {
              ++connections;
              return static_cast<Tern::Transport *>(
                  new RecordingTransport(policy, parent, &writes));
          })
    {
        QObject::connect(&client, &Tern::Smtp::Client::messageFinished, &client,
                         [this](quint64 id, const Tern::Smtp::SendResult &r) {
                             results.insert(id, r);
                         });
        QObject::connect(&client, &Tern::Smtp::Client::sessionFailed, &client,
                         [this](const QString &e) { sessionErrors << e; });
        QObject::connect(&client, &Tern::Smtp::Client::logLine, &client,
                         [this](const Tern::ProtocolLogLine &l) { log << l; });
    }

    /// Everything written on all connections.
    QByteArray written() const { return writes.join(); }

    Tern::Smtp::Client client;
    QByteArrayList writes;
    int connections = 0;
    QHash<quint64, Tern::Smtp::SendResult> results;
    QStringList sessionErrors;
    QList<Tern::ProtocolLogLine> log;
};

} // namespace TernTest
