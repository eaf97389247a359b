#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// STATUS (RFC 9051 §6.3.11) of a mailbox that is not selected.
class StatusTask : public Task
{
    Q_OBJECT
public:
    /// Empty items: defaultItems() for this server.
    explicit StatusTask(const QString &mailbox, const QByteArrayList &items = {},
                        QObject *parent = nullptr);
    /// MESSAGES UIDNEXT UIDVALIDITY UNSEEN, plus HIGHESTMODSEQ (RFC 7162 §3.1.6) and
    /// SIZE (RFC 8438) when offered.
    static QByteArrayList defaultItems(const Capabilities &caps);

    const StatusData &result() const { return m_result; }
    /// One item's value, e.g. value("UIDNEXT").
    std::optional<quint64> value(const QByteArray &item) const;

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QString m_mailbox;
    QByteArrayList m_items;
    StatusData m_result;
};

} // namespace Tern::Imap
