#pragma once

#include "accounts/account.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>

namespace Tern {

class Transport;

/// Tests an account before it is saved, as the IETF autoconfig draft asks: logs in to the
/// incoming server (IMAP or POP3), then authenticates to the outgoing one (SMTP AUTH,
/// RFC 4954) without sending anything.
class AccountVerifier : public QObject
{
    Q_OBJECT
public:
    enum class Problem { None, WrongPassword, Unreachable, Certificate, Other };
    Q_ENUM(Problem)

    struct Result {
        bool ok = false;
        Problem problem = Problem::None;
        /// Which server failed: the incoming one or the outgoing one.
        bool outgoing = false;
        QString message;
        /// The chain the server presented, for a certificate problem.
        QList<QSslCertificate> chain;
    };

    using QObject::QObject;
    ~AccountVerifier() override;

    /// Starts verifying; finished() follows. The password never appears in any message.
    void start(const Account &account, const QString &password);
    void cancel();

Q_SIGNALS:
    void progress(const QString &text);
    void finished(const Tern::AccountVerifier::Result &result);

private:
    TransportFactory recordingFactory();
    void verifyIncoming();
    void verifyOutgoing();
    void fail(const QString &message);
    void succeed();

    Account m_account;
    QString m_password;
    QPointer<QObject> m_client;
    QPointer<Transport> m_transport;
    QString m_transportError;
    bool m_outgoing = false;
    bool m_done = true;
};

} // namespace Tern

Q_DECLARE_METATYPE(Tern::AccountVerifier::Result)
