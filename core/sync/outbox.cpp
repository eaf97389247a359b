#include "outbox.h"

#include "cache/sqlvalue.h"
#include "cache/transaction.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

#include <iterator>

namespace Tern {
namespace {

const char *const stateNames[] = {"queued", "sending", "sent", "failed", "delivery_unknown",
                                  "retry"};
const char *const stepNames[] = {"", "before_data", "data"};

const QString columns = QStringLiteral(
    "id, account_id, message_id_header, envelope_from, recipients, raw, state, send_step, "
    "recipient_results, last_error, attempts, next_attempt_at, sent_at, sent_copy");

QString recipientsJson(const QList<Smtp::RecipientResult> &results)
{
    QJsonArray list;
    for (const Smtp::RecipientResult &r : results) {
        QJsonObject o;
        o.insert(QStringLiteral("address"), r.address);
        o.insert(QStringLiteral("code"), r.reply.code);
        o.insert(QStringLiteral("enhanced"), QString::fromLatin1(r.reply.enhanced));
        o.insert(QStringLiteral("text"), r.reply.text());
        o.insert(QStringLiteral("accepted"), r.accepted);
        o.insert(QStringLiteral("permanent"), r.permanent);
        list.append(o);
    }
    return QString::fromUtf8(QJsonDocument(list).toJson(QJsonDocument::Compact));
}

// Who did not get the message, by address, for the row's last_error.
QString refusedSummary(const QList<Smtp::RecipientResult> &results)
{
    QStringList parts;
    for (const Smtp::RecipientResult &r : results) {
        if (!r.accepted)
            parts << QStringLiteral("%1: %2 %3").arg(r.address).arg(r.reply.code)
                         .arg(r.reply.text());
    }
    return parts.join(QStringLiteral("; "));
}

} // namespace

QString OutboxEntry::stateName(State state)
{
    return QString::fromLatin1(stateNames[int(state)]);
}

std::optional<OutboxEntry::State> OutboxEntry::stateFromName(const QString &name)
{
    for (int i = 0; i < int(std::size(stateNames)); ++i) {
        if (name == QLatin1StringView(stateNames[i]))
            return State(i);
    }
    return std::nullopt;
}

qint64 Outbox::enqueue(qint64 accountId, const QByteArray &raw, const Smtp::Envelope &envelope,
                       QString *error)
{
    const QString why = envelope.validate();
    if (!why.isEmpty()) {
        *error = why;
        return 0;
    }
    if (envelope.recipients.isEmpty()) {
        *error = QStringLiteral("the message has no recipients");
        return 0;
    }
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO outbox (account_id, message_id_header, envelope_from, "
                             "recipients, raw, state) VALUES (?, ?, ?, ?, ?, 'queued')"));
    q.addBindValue(accountId);
    q.addBindValue(sqlText(messageIdOf(raw)));
    q.addBindValue(sqlText(envelope.from));
    q.addBindValue(envelope.recipients.join(QLatin1Char('\n')));
    q.addBindValue(raw);
    if (!tx.isActive() || !q.exec() || !tx.commit()) {
        *error = QStringLiteral("cannot store the message in the outbox: %1")
                     .arg(q.lastError().text());
        return 0;
    }
    return q.lastInsertId().toLongLong();
}

QList<OutboxEntry> Outbox::select(const QString &where, const QVariantList &values) const
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT ") + columns + QStringLiteral(" FROM outbox WHERE ") + where
              + QStringLiteral(" ORDER BY id"));
    for (const QVariant &v : values)
        q.addBindValue(v);
    QList<OutboxEntry> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        OutboxEntry e;
        e.id = q.value(0).toLongLong();
        e.accountId = q.value(1).toLongLong();
        e.messageId = q.value(2).toString();
        e.envelope.from = q.value(3).toString();
        e.envelope.recipients = q.value(4).toString().split(QLatin1Char('\n'),
                                                             Qt::SkipEmptyParts);
        e.raw = q.value(5).toByteArray();
        e.state = OutboxEntry::stateFromName(q.value(6).toString())
                      .value_or(OutboxEntry::State::Failed);
        const QString step = q.value(7).toString();
        e.step = step == QLatin1StringView(stepNames[2]) ? OutboxEntry::Step::DataStarted
                 : step == QLatin1StringView(stepNames[1]) ? OutboxEntry::Step::BeforeData
                                                           : OutboxEntry::Step::None;
        e.recipientResults = q.value(8).toString();
        e.lastError = q.value(9).toString();
        e.attempts = q.value(10).toInt();
        e.nextAttemptAt = q.value(11).toLongLong();
        e.sentAt = q.value(12).toLongLong();
        e.sentCopy = q.value(13).toString();
        out.append(e);
    }
    return out;
}

std::optional<OutboxEntry> Outbox::find(qint64 id) const
{
    const QList<OutboxEntry> rows = select(QStringLiteral("id = ?"), {id});
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first();
}

QList<OutboxEntry> Outbox::list(qint64 accountId) const
{
    return select(QStringLiteral("account_id = ?"), {accountId});
}

QList<OutboxEntry> Outbox::due(qint64 accountId, qint64 now, bool force) const
{
    return select(QStringLiteral("account_id = ? AND (state = 'queued' OR (state = 'retry' "
                                 "AND (? OR next_attempt_at <= ?)))"),
                  {accountId, force ? 1 : 0, now});
}

bool Outbox::setState(qint64 id, const QString &assignments, const QVariantList &values)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE outbox SET ") + assignments + QStringLiteral(" WHERE id = ?"));
    for (const QVariant &v : values)
        q.addBindValue(v);
    q.addBindValue(id);
    return q.exec() && q.numRowsAffected() == 1;
}

bool Outbox::markSending(const QList<qint64> &ids)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return false;
    for (qint64 id : ids) {
        if (!setState(id, QStringLiteral("state = 'sending', send_step = 'before_data', "
                                         "attempts = attempts + 1"), {}))
            return false;
    }
    return tx.commit();
}

bool Outbox::markDataStarted(qint64 id)
{
    return setState(id, QStringLiteral("send_step = 'data'"), {});
}

bool Outbox::recordResult(qint64 id, const Smtp::SendResult &result, qint64 now)
{
    const std::optional<OutboxEntry> row = find(id);
    if (!row)
        return false;
    QString state;
    QString error = result.error;
    qint64 next = 0;
    switch (result.outcome) {
    case Smtp::Outcome::Sent:
        state = QStringLiteral("sent");
        // Some recipients may have been refused; the message went to the others.
        error = refusedSummary(result.recipients);
        break;
    case Smtp::Outcome::TemporaryFailure:
        state = QStringLiteral("retry");
        next = now + backoffSeconds(row->attempts);
        break;
    case Smtp::Outcome::PermanentFailure:
        state = QStringLiteral("failed");
        break;
    case Smtp::Outcome::DeliveryUnknown:
        state = QStringLiteral("delivery_unknown");
        break;
    }
    if (result.outcome != Smtp::Outcome::Sent && error.isEmpty())
        error = result.reply.code ? QStringLiteral("%1 %2").arg(result.reply.code)
                                        .arg(result.reply.text())
                                  : QStringLiteral("the message could not be sent");
    // RFC 5321 §4.2.5: recipients that got 4xx while others accepted are retried later with
    // the same bytes (same Message-ID) in a row of their own.
    QStringList later;
    if (result.outcome == Smtp::Outcome::Sent) {
        for (const Smtp::RecipientResult &r : result.recipients) {
            if (!r.accepted && !r.permanent)
                later << r.address;
        }
    }
    Transaction tx(m_db);
    if (!tx.isActive())
        return false;
    if (!later.isEmpty()) {
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("INSERT INTO outbox (account_id, message_id_header, "
                                 "envelope_from, recipients, raw, state, last_error, attempts, "
                                 "next_attempt_at) VALUES (?, ?, ?, ?, ?, 'retry', ?, ?, ?)"));
        for (const QVariant &v : QVariantList{row->accountId, sqlText(row->messageId),
                                              sqlText(row->envelope.from),
                                              later.join(QLatin1Char('\n')), row->raw,
                                              sqlText(error), row->attempts,
                                              now + backoffSeconds(row->attempts)})
            q.addBindValue(v);
        if (!q.exec())
            return false;
    }
    return setState(id, QStringLiteral("state = ?, send_step = '', recipient_results = ?, "
                                       "last_error = ?, next_attempt_at = ?, sent_at = ?"),
                    {state, recipientsJson(result.recipients), sqlText(error), next,
                     result.outcome == Smtp::Outcome::Sent ? now : 0})
        && tx.commit();
}

bool Outbox::recordSentCopy(qint64 id, const QString &what)
{
    return setState(id, QStringLiteral("sent_copy = ?"), {sqlText(what)});
}

bool Outbox::resend(qint64 id, QString *error)
{
    const std::optional<OutboxEntry> row = find(id);
    if (!row) {
        *error = QStringLiteral("no message %1 in the outbox").arg(id);
        return false;
    }
    using S = OutboxEntry::State;
    if (row->state != S::Failed && row->state != S::DeliveryUnknown && row->state != S::Retry) {
        *error = QStringLiteral("message %1 is %2, not failed").arg(id)
                     .arg(OutboxEntry::stateName(row->state));
        return false;
    }
    return setState(id, QStringLiteral("state = 'queued', next_attempt_at = 0"), {});
}

int Outbox::recoverInterrupted()
{
    Transaction tx(m_db);
    QSqlQuery q(m_db);
    // The server may have the whole message: the user decides (never resent blindly).
    if (!tx.isActive()
        || !q.exec(QStringLiteral("UPDATE outbox SET state = 'delivery_unknown', send_step = '', "
                                  "last_error = 'interrupted while sending: the server may "
                                  "have accepted it' WHERE state = 'sending' AND "
                                  "send_step = 'data'")))
        return 0;
    int touched = q.numRowsAffected();
    if (!q.exec(QStringLiteral("UPDATE outbox SET state = 'queued', send_step = '' "
                               "WHERE state = 'sending'")))
        return 0;
    touched += q.numRowsAffected();
    return tx.commit() ? touched : 0;
}

qint64 Outbox::backoffSeconds(int attempts)
{
    return qMin<qint64>(3600, 60LL << qBound(0, attempts - 1, 6));
}

QString Outbox::messageIdOf(const QByteArray &raw)
{
    // Header fields end at the first empty line (RFC 5322 §2.1); unfold continuation lines.
    const qsizetype end = raw.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = raw.left(end < 0 ? raw.size() : end).split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (!lines[i].toLower().startsWith("message-id:"))
            continue;
        QByteArray value = lines[i].mid(11);
        while (i + 1 < lines.size() && (lines[i + 1].startsWith(' ')
                                        || lines[i + 1].startsWith('\t')))
            value += lines[++i];
        value = value.replace('\r', "").trimmed();
        if (value.startsWith('<') && value.endsWith('>'))
            value = value.mid(1, value.size() - 2);
        return QString::fromLatin1(value);
    }
    return QString();
}

} // namespace Tern
