#pragma once

#include "imaptask.h"

#include <QDateTime>

namespace Tern::Imap {

/// APPEND (RFC 9051 §6.3.12) with flags and internal date; reports APPENDUID (RFC 4315 §3)
/// and refuses up front what exceeds APPENDLIMIT (RFC 7889).
class AppendTask : public Task
{
    Q_OBJECT
public:
    AppendTask(const QString &mailbox, const QByteArray &message,
               const QByteArrayList &flags = {}, const QDateTime &internalDate = {},
               QObject *parent = nullptr);

    /// A synchronising literal needs the "+" to itself; LITERAL+ needs no turn-taking.
    Concurrency concurrency() const override;
    /// From [APPENDUID uidvalidity uid]; 0 when the server did not say.
    quint32 uidValidity() const { return m_uidValidity; }
    quint32 uid() const { return m_uid; }
    /// RFC 9051 §9 date-time: "25-Nov-2026 03:10:00 +0000".
    static QByteArray formatDateTime(const QDateTime &when);

protected:
    void perform() override;
    void handleTagged(const StatusResponse &response) override;

private:
    QString m_mailbox;
    QByteArray m_message;
    QByteArrayList m_flags;
    QDateTime m_date;
    quint32 m_uidValidity = 0;
    quint32 m_uid = 0;
};

} // namespace Tern::Imap
