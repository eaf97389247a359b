#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// FETCH / UID FETCH (RFC 9051 §6.4.5), with (CHANGEDSINCE m [VANISHED]) (RFC 7162 §3.1.4,
/// §3.2.6). Collects every FETCH response and VANISHED (EARLIER) set.
class FetchTask : public Task
{
    Q_OBJECT
public:
    /// set is a sequence set ("1:*", "4,7:9"); items the raw fetch attributes.
    FetchTask(const QByteArray &set, const QByteArrayList &items, bool uid = true,
              QObject *parent = nullptr);
    FetchTask(const QList<quint32> &ids, const QByteArrayList &items, bool uid = true,
              QObject *parent = nullptr);
    /// Only messages whose MODSEQ is above modseq; with vanished, also expunged UIDs.
    void setChangedSince(quint64 modseq, bool vanished = false);

    /// The items a message list wants, using each extension the server offers:
    /// MODSEQ (CONDSTORE), PREVIEW (RFC 8970), SAVEDATE (RFC 8514), EMAILID/THREADID (RFC 8474).
    static QByteArrayList summaryItems(const Capabilities &caps);
    /// One body part: BINARY.PEEK (RFC 3516, decoded by the server) when offered, else
    /// BODY.PEEK; section "" is the whole message.
    static QByteArray partItem(const Capabilities &caps, const QByteArray &section,
                               bool decode);

    bool needsSelected() const override { return true; }
    /// Sequence-number fetches must not overlap expunges (RFC 9051 §5.5).
    Concurrency concurrency() const override
    {
        return m_uid ? Concurrency::Pipelined : Concurrency::Exclusive;
    }
    const QList<FetchData> &results() const { return m_results; }
    QList<quint32> vanished() const { return m_vanished; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;

private:
    QByteArray m_set;
    QByteArrayList m_items;
    QList<FetchData> m_results;
    QList<quint32> m_vanished;
    quint64 m_changedSince = 0;
    bool m_uid;
    bool m_withVanished = false;
};

} // namespace Tern::Imap
