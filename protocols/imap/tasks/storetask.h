#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// STORE / UID STORE (RFC 9051 §6.4.6) with (UNCHANGEDSINCE m) (RFC 7162 §3.1.3).
class StoreTask : public Task
{
    Q_OBJECT
public:
    enum class Mode { Add, Remove, Replace };

    StoreTask(const QList<quint32> &ids, Mode mode, const QByteArrayList &flags,
              bool uid = true, QObject *parent = nullptr);
    /// Without the FETCH echo of the new flags (.SILENT).
    void setSilent(bool on) { m_silent = on; }
    /// Only where the message's MODSEQ is not above modseq; others come back in modified().
    void setUnchangedSince(quint64 modseq) { m_unchangedSince = modseq; }

    bool needsSelected() const override { return true; }
    Concurrency concurrency() const override
    {
        return m_uid ? Concurrency::Pipelined : Concurrency::Exclusive;
    }
    const QList<FetchData> &results() const { return m_results; }
    /// IDs the server did not change because they were modified meanwhile ([MODIFIED]).
    QList<quint32> modified() const { return m_modified; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;
    void handleTagged(const StatusResponse &response) override;

private:
    QList<quint32> m_ids;
    QByteArrayList m_flags;
    QList<FetchData> m_results;
    QList<quint32> m_modified;
    quint64 m_unchangedSince = 0;
    Mode m_mode;
    bool m_uid;
    bool m_silent = false;
};

} // namespace Tern::Imap
