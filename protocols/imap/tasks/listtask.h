#pragma once

#include "imaptask.h"

#include <QHash>

namespace Tern::Imap {

/// LIST (RFC 9051 §6.3.9) or LSUB, with RETURN (SPECIAL-USE STATUS (...)) when the server
/// offers SPECIAL-USE (RFC 6154 §2) and LIST-STATUS (RFC 5819).
class ListTask : public Task
{
    Q_OBJECT
public:
    explicit ListTask(const QString &reference = QString(),
                      const QString &pattern = QStringLiteral("*"), QObject *parent = nullptr);
    /// LSUB instead of LIST (subscribed folders only, RFC 3501 §6.3.9).
    void setSubscribedOnly(bool on) { m_lsub = on; }
    /// Ask for STATUS of every folder in the same round trip when LIST-STATUS is offered.
    void setWithStatus(bool on) { m_withStatus = on; }

    const QList<ListData> &mailboxes() const { return m_mailboxes; }
    /// Per mailbox name, when LIST-STATUS was used.
    const QHash<QString, StatusData> &statuses() const { return m_statuses; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QString m_reference;
    QString m_pattern;
    QList<ListData> m_mailboxes;
    QHash<QString, StatusData> m_statuses;
    bool m_lsub = false;
    bool m_withStatus = true;
};

} // namespace Tern::Imap
