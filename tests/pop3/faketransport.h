#pragma once

#include "common/transport.h"

#include <QTimer>

namespace TernTest {

/// A transport with no socket: the test hands it the server's bytes in any slicing
/// (fakeReading) and reads back what the client wrote (written). TLS is only pretended.
class FakeTransport : public Tern::Transport
{
    Q_OBJECT
public:
    using Transport::Transport;

    void connectToHost(const QString &, quint16, bool implicitTls) override
    {
        m_encrypted = implicitTls;
        QTimer::singleShot(0, this, &Transport::connected);
    }
    void startTls() override
    {
        m_incoming.clear();
        m_encrypted = true;
        QTimer::singleShot(0, this, &Transport::encrypted);
    }
    void write(const QByteArray &bytes) override { written += bytes; }
    QByteArray readAll() override { return std::exchange(m_incoming, QByteArray()); }
    void close() override { closed = true; }
    bool isEncrypted() const override { return m_encrypted; }
    Tern::TlsInfo tlsInfo() const override { return {}; }

    /// The server sent these bytes.
    void fakeReading(const QByteArray &bytes)
    {
        m_incoming += bytes;
        Q_EMIT readyRead();
    }
    /// The server closed the connection.
    void fakeDisconnect() { Q_EMIT disconnected(); }

    QByteArray written;
    bool closed = false;

private:
    QByteArray m_incoming;
    bool m_encrypted = false;
};

} // namespace TernTest
