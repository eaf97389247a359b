#pragma once

#include "imaptask.h"

#include <QTimer>

namespace Tern::Imap {

/// IDLE (RFC 2177): waits for the server's push until stop() or until another task is queued,
/// and re-issues itself before the 30-minute server time-out (§3: every 29 minutes).
class IdleTask : public Task
{
    Q_OBJECT
public:
    explicit IdleTask(QObject *parent = nullptr);
    /// How often IDLE is ended and restarted; 29 minutes unless a test says otherwise.
    void setRenewInterval(int ms) { m_renew.setInterval(ms); }
    /// Sends DONE; finished() follows the server's OK.
    void stop() { interrupt(); }

    bool needsSelected() const override { return true; }
    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    bool isInterruptible() const override { return true; }
    /// How many IDLE commands were sent (1 + renewals).
    int rounds() const { return m_rounds; }

Q_SIGNALS:
    /// The server accepted IDLE ("+ idling"): pushes arrive from now on.
    void idling();

protected:
    void perform() override;
    void handleContinuation(const ContinuationRequest &request) override;
    void handleTagged(const StatusResponse &response) override;
    void interrupt() override;

private:
    void sendDone();

    QTimer m_renew;
    int m_rounds = 0;
    bool m_idling = false;
    bool m_doneSent = false;
    bool m_stopping = false;
};

} // namespace Tern::Imap
