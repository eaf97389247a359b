#pragma once

#include "smtp/envelope.h"
#include "smtp/sendresult.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

#include <optional>

namespace Tern {

/// One message in the outbox, as stored in the cache's outbox table.
struct OutboxEntry {
    enum class State { Queued, Sending, Sent, Failed, DeliveryUnknown, Retry };
    /// How far a send got; a row found in Sending after a crash is judged by it.
    enum class Step { None, BeforeData, DataStarted };

    qint64 id = 0;
    qint64 accountId = 0;
    QString messageId;         ///< without angle brackets
    Smtp::Envelope envelope;
    QByteArray raw;
    State state = State::Queued;
    Step step = Step::None;
    QString recipientResults;  ///< JSON list: address, code, text, accepted, permanent
    QString lastError;
    int attempts = 0;
    qint64 nextAttemptAt = 0;
    qint64 sentAt = 0;
    QString sentCopy;          ///< "", "appended", "skipped" or why the APPEND failed

    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
};

/// The durable queue of messages to send (DESIGN.md "SMTP"): a row is committed before the
/// first byte goes to a server, and nothing leaves the table unless the user removes it.
/// queued → sending → sent | failed | delivery_unknown | retry. Works on the caller's
/// connection; every write is one transaction.
class Outbox
{
public:
    explicit Outbox(QSqlDatabase &db) : m_db(db) {}

    /// Stores a composed message; returns its row id, or 0 with error set.
    qint64 enqueue(qint64 accountId, const QByteArray &raw, const Smtp::Envelope &envelope,
                   QString *error);
    std::optional<OutboxEntry> find(qint64 id) const;
    QList<OutboxEntry> list(qint64 accountId) const;
    /// Rows to send now: queued, and retry rows whose back-off is over (all of them if force).
    QList<OutboxEntry> due(qint64 accountId, qint64 now, bool force = false) const;

    /// Marks rows as being sent, before the SMTP session starts.
    bool markSending(const QList<qint64> &ids);
    /// The client wrote DATA/BDAT for this row: from now on a crash means delivery unknown.
    bool markDataStarted(qint64 id);
    /// Records how a send ended (RFC 5321 §4.2.1: 4xx retry later, 5xx final).
    bool recordResult(qint64 id, const Smtp::SendResult &result, qint64 now);
    /// Records what became of the Sent-folder copy.
    bool recordSentCopy(qint64 id, const QString &what);
    /// On the user's word: a failed, retry or delivery-unknown row goes back to queued with
    /// the same bytes, so the same Message-ID.
    bool resend(qint64 id, QString *error);
    /// At start-up: rows left in sending by a crash become delivery_unknown when DATA was
    /// reached, queued otherwise. Returns how many rows were touched.
    int recoverInterrupted();

    /// Seconds to wait before retry number attempts (1, 2, ...): 1, 2, 4 ... minutes, max 1h.
    static qint64 backoffSeconds(int attempts);
    /// The Message-ID header of raw bytes, without angle brackets.
    static QString messageIdOf(const QByteArray &raw);

private:
    QList<OutboxEntry> select(const QString &where, const QVariantList &values) const;
    bool setState(qint64 id, const QString &assignments, const QVariantList &values);

    QSqlDatabase &m_db;
};

} // namespace Tern
