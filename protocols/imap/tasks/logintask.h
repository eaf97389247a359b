#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// Logs in: AUTHENTICATE PLAIN (RFC 4959 SASL-IR when offered, RFC 4616) when the server
/// lists AUTH=PLAIN, else LOGIN unless LOGINDISABLED (RFC 9051 §6.2.2, §6.2.3).
class LoginTask : public Task
{
    Q_OBJECT
public:
    LoginTask(const QString &user, const QString &password, QObject *parent = nullptr);
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool needsAuthenticated() const override { return false; }

    /// Whether some allowed mechanism exists for these capabilities.
    static bool canLogIn(const Capabilities &caps);
    static QString unavailableReason(const Capabilities &caps);

protected:
    void perform() override;
    void handleContinuation(const ContinuationRequest &request) override;
    void handleTagged(const StatusResponse &response) override;

private:
    QString m_user;
    QString m_password;
    bool m_sentResponse = false;
};

} // namespace Tern::Imap
