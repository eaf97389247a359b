#pragma once

#include "imapencoder.h"
#include "imaptask.h"

#include <optional>

namespace Tern::Imap {

/// A command whose only result is its status and the untagged data it collects: NOOP, CHECK,
/// CREATE, DELETE, RENAME, (UN)SUBSCRIBE, CLOSE, UNSELECT, EXPUNGE, UID EXPUNGE, NOTIFY.
class SimpleTask : public Task
{
    Q_OBJECT
public:
    explicit SimpleTask(const CommandBuilder &command,
                        Concurrency concurrency = Concurrency::Pipelined,
                        QObject *parent = nullptr);

    /// RFC 9051 §6.1.2
    static SimpleTask *noop();
    /// RFC 9051 §6.3.4
    static SimpleTask *create(const QString &mailbox, bool utf8 = false);
    /// RFC 9051 §6.3.5
    static SimpleTask *remove(const QString &mailbox, bool utf8 = false);
    /// RFC 9051 §6.3.6
    static SimpleTask *rename(const QString &from, const QString &to, bool utf8 = false);
    /// RFC 9051 §6.3.7, §6.3.8
    static SimpleTask *subscribe(const QString &mailbox, bool on, bool utf8 = false);
    /// CLOSE (RFC 9051 §6.4.1, expunges) or UNSELECT (RFC 3691, does not); ends Selected.
    static SimpleTask *close(bool expunge);
    /// EXPUNGE (RFC 9051 §6.4.3), or UID EXPUNGE of uids only (RFC 4315 §2.1).
    static SimpleTask *expunge(const QList<quint32> &uids = {});
    /// NOTIFY SET with raw event groups (RFC 5465 §3), or NOTIFY NONE when empty.
    static SimpleTask *notify(const QByteArray &eventGroups);

    bool needsSelected() const override { return m_needsSelected; }
    Concurrency concurrency() const override { return m_concurrency; }
    /// Every untagged response seen while the command ran.
    const QList<Response> &responses() const { return m_responses; }
    /// EXPUNGE sequence numbers and VANISHED uid sets seen, in order.
    QList<quint32> expungedSequenceNumbers() const;
    QList<quint32> vanishedUids() const;

protected:
    void perform() override;
    bool handleUntagged(const Response &response) override;
    void handleTagged(const StatusResponse &response) override;

private:
    CommandBuilder m_command;
    Concurrency m_concurrency;
    QList<Response> m_responses;
    std::optional<Connection::State> m_stateAfterOk;
    bool m_needsSelected = false;
};

} // namespace Tern::Imap
