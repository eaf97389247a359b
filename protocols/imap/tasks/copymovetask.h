#pragma once

#include "imaptask.h"

namespace Tern::Imap {

/// UID COPY (RFC 9051 §6.4.7) or UID MOVE (RFC 6851); without MOVE, the RFC 6851 §3.3
/// fallback: COPY, STORE +FLAGS.SILENT (\Deleted), then UID EXPUNGE (UIDPLUS) or EXPUNGE.
class CopyMoveTask : public Task
{
    Q_OBJECT
public:
    enum class Mode { Copy, Move };

    CopyMoveTask(Mode mode, const QList<quint32> &uids, const QString &destination,
                 QObject *parent = nullptr);

    bool needsSelected() const override { return true; }
    Concurrency concurrency() const override
    {
        return m_mode == Mode::Copy ? Concurrency::Pipelined : Concurrency::Exclusive;
    }
    /// From COPYUID (RFC 4315 §3): destination UIDVALIDITY and source -> destination UIDs.
    quint32 destinationUidValidity() const { return m_uidValidity; }
    QList<QPair<quint32, quint32>> uidMap() const { return m_map; }
    /// Which way the move went: "MOVE", "COPY+UID EXPUNGE" or "COPY+EXPUNGE".
    QByteArray method() const { return m_method; }

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;
    void handleTagged(const StatusResponse &response) override;

private:
    enum class Step { Copy, Store, Expunge };
    void takeCopyUid(const ResponseCode &code);

    QList<quint32> m_uids;
    QString m_destination;
    QList<QPair<quint32, quint32>> m_map;
    QByteArray m_method;
    quint32 m_uidValidity = 0;
    Mode m_mode;
    Step m_step = Step::Copy;
};

} // namespace Tern::Imap
