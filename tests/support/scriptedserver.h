#pragma once

#include <QByteArrayList>
#include <QObject>
#include <QSslCertificate>
#include <QTcpServer>

class QSslSocket;

namespace TernTest {

/// A fake mail server on 127.0.0.1, port 0, that follows a script: for the error paths and
/// attacks a real server will not produce. One connection at a time, script lines:
///   S: text     send text + CRLF          R: text   send raw text (\r \n \\ escapes, no CRLF)
///   C: text     expect this client line   C: *      accept any one client line
///   TLS         start server-side TLS     X         close the connection
///   W: ms       pause
/// A mismatch stops the script and is kept in error(); the test then fails on it.
class ScriptedServer : public QTcpServer
{
    Q_OBJECT
public:
    explicit ScriptedServer(const QString &script = QString(), QObject *parent = nullptr);

    void setScript(const QString &script);
    /// Whether the server starts with implicit TLS (like port 993/995/465).
    void setImplicitTls(bool on) { m_implicitTls = on; }
    quint16 port() const { return serverPort(); }
    /// Empty while everything matched.
    QString error() const { return m_error; }
    /// True when every step ran.
    bool isFinished() const { return m_step >= m_steps.size(); }
    QByteArrayList clientLines() const { return m_clientLines; }
    /// The CA that signed the server certificate: trust it in the client under test.
    static QList<QSslCertificate> caCertificates();

protected:
    void incomingConnection(qintptr handle) override;

private:
    struct Step {
        enum Kind { Send, Expect, ExpectAny, Tls, Close, Wait } kind;
        QByteArray data;
    };
    void advance();
    void onReadyRead();

    QList<Step> m_steps;
    qsizetype m_step = 0;
    QSslSocket *m_socket = nullptr;
    QByteArray m_buffer;
    QByteArrayList m_clientLines;
    QString m_error;
    bool m_implicitTls = false;
    bool m_waiting = false;
};

} // namespace TernTest
