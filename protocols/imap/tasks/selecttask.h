#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// What SELECT/EXAMINE told us about a mailbox (RFC 9051 §6.3.2, RFC 7162 §3.1, §3.2.5).
struct MailboxInfo {
    quint32 exists = 0;
    quint32 recent = 0;
    quint32 uidValidity = 0;
    quint32 uidNext = 0;
    quint32 unseen = 0;
    quint64 highestModseq = 0;
    bool noModseq = false;
    bool readOnly = false;
    QByteArrayList flags;
    QByteArrayList permanentFlags;
    /// QRESYNC: messages changed since the known modseq, and the UIDs expunged since.
    QList<FetchData> changed;
    QList<quint32> vanished;
};

/// What the client already knows for QRESYNC (RFC 7162 §3.2.5).
struct QresyncState {
    quint32 uidValidity = 0;
    quint64 modseq = 0;
    /// Known UIDs as a sequence set, optional.
    QByteArray knownUids;
};

/// SELECT or EXAMINE, with (CONDSTORE) or (QRESYNC (...)) when possible.
class SelectTask : public Task
{
    Q_OBJECT
public:
    explicit SelectTask(const QString &mailbox, bool readOnly = false, QObject *parent = nullptr);
    /// Asks for HIGHESTMODSEQ (RFC 7162 §3.1.8); ignored when CONDSTORE is not offered.
    void setCondstore(bool on) { m_condstore = on; }
    /// Resynchronises in one round trip; used only once QRESYNC is enabled (RFC 7162 §3.2.3).
    void setQresync(const QresyncState &state) { m_qresync = state; }

    Concurrency concurrency() const override { return Concurrency::Exclusive; }
    const MailboxInfo &info() const { return m_info; }
    QString mailbox() const { return m_mailbox; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;
    void handleTagged(const StatusResponse &response) override;

private:
    void applyCode(const ResponseCode &code);

    QString m_mailbox;
    MailboxInfo m_info;
    std::optional<QresyncState> m_qresync;
    bool m_readOnly;
    bool m_condstore = false;
};

} // namespace Tern::Imap
