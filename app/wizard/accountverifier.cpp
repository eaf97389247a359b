#include "accountverifier.h"

#include "common/ssltransport.h"
#include "imap/imapconnection.h"
#include "pop3/pop3client.h"
#include "smtp/client.h"

namespace Tern {

AccountVerifier::~AccountVerifier()
{
    cancel();
}

void AccountVerifier::cancel()
{
    m_done = true;
    if (m_client)
        m_client->deleteLater();
    m_client = nullptr;
}

TransportFactory AccountVerifier::recordingFactory()
{
    // Remembers the transport so a certificate failure can show the chain it saw.
    return [this](const TlsPolicy &policy, QObject *parent) -> Transport * {
        auto *transport = new SslTransport(policy, parent);
        transport->setTimeout(15000);
        m_transport = transport;
        m_transportError.clear();
        connect(transport, &Transport::failed, this,
                [this](const QString &message) { m_transportError = message; });
        return transport;
    };
}

void AccountVerifier::start(const Account &account, const QString &password)
{
    cancel();
    m_account = account;
    m_password = password;
    m_done = false;
    verifyIncoming();
}

void AccountVerifier::verifyIncoming()
{
    m_outgoing = false;
    const ServerUrl &in = m_account.incoming;
    Q_EMIT progress(tr("Logging in to %1:%2…").arg(in.host).arg(in.port));
    if (in.protocol == ServerUrl::Protocol::Pop3) {
        auto *client = new Pop3::Client(recordingFactory(), this);
        m_client = client;
        connect(client, &Pop3::Client::loggedIn, this, [this] { verifyOutgoing(); });
        connect(client, &Pop3::Client::failed, this,
                [this](Pop3::Error, const QString &m) { fail(m); });
        Pop3::Settings s;
        s.host = in.host;
        s.port = in.port;
        s.tls = m_account.tlsPolicy(in.tls);
        s.user = in.user;
        s.password = m_password;
        client->connectToServer(s);
        return;
    }
    auto *connection = new Imap::Connection(recordingFactory(), this);
    m_client = connection;
    connect(connection, &Imap::Connection::ready, this, [this] { verifyOutgoing(); });
    connect(connection, &Imap::Connection::failed, this, [this](const QString &m) { fail(m); });
    Imap::ConnectionSettings s;
    s.host = in.host;
    s.port = in.port;
    s.tls = m_account.tlsPolicy(in.tls);
    s.user = in.user;
    s.password = m_password;
    connection->open(s);
}

void AccountVerifier::verifyOutgoing()
{
    if (m_done)
        return;
    if (m_client) {
        m_client->disconnect(this);
        m_client->deleteLater();
    }
    if (!m_account.smtp) {
        succeed();
        return;
    }
    m_outgoing = true;
    const ServerUrl &out = *m_account.smtp;
    Q_EMIT progress(tr("Authenticating to %1:%2…").arg(out.host).arg(out.port));
    Smtp::ClientSettings s;
    s.host = out.host;
    s.port = out.port;
    s.tls = m_account.tlsPolicy(out.tls);
    s.user = out.user;
    s.password = m_password;
    auto *client = new Smtp::Client(s, recordingFactory(), this);
    m_client = client;
    // The client connects on its first message; Ready means AUTH succeeded (RFC 4954 §6).
    // The transaction is dropped before DATA, so nothing is ever delivered.
    connect(client, &Smtp::Client::stateChanged, this, [this](Smtp::Client::State state) {
        if (state == Smtp::Client::State::Ready)
            succeed();
    });
    connect(client, &Smtp::Client::sessionFailed, this, [this](const QString &m) { fail(m); });
    connect(client, &Smtp::Client::messageFinished, this,
            [this](quint64, const Smtp::SendResult &r) { fail(r.error); });
    Smtp::Envelope envelope;
    envelope.from = m_account.email;
    envelope.recipients = {m_account.email};
    client->send(envelope, QByteArrayLiteral("Subject: verification\r\n\r\nnot sent\r\n"));
}

void AccountVerifier::fail(const QString &message)
{
    if (m_done)
        return;
    Result r;
    r.outgoing = m_outgoing;
    r.message = message;
    const bool certificate = !m_transportError.isEmpty() && m_transport
        && !m_transport->isEncrypted() && !static_cast<SslTransport *>(m_transport.data())
                                               ->lastPeerChain().isEmpty();
    if (certificate) {
        r.problem = Problem::Certificate;
        r.chain = static_cast<SslTransport *>(m_transport.data())->lastPeerChain();
    } else if (!m_transportError.isEmpty()) {
        r.problem = Problem::Unreachable;
    } else {
        r.problem = Problem::WrongPassword;
    }
    cancel();
    Q_EMIT finished(r);
}

void AccountVerifier::succeed()
{
    if (m_done)
        return;
    cancel();
    Result r;
    r.ok = true;
    Q_EMIT finished(r);
}

} // namespace Tern
