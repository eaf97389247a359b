#include "appendtask.h"

#include "imapencoder.h"

namespace Tern::Imap {

AppendTask::AppendTask(const QString &mailbox, const QByteArray &message,
                       const QByteArrayList &flags, const QDateTime &internalDate,
                       QObject *parent)
    : Task(parent), m_mailbox(mailbox), m_message(message), m_flags(flags), m_date(internalDate)
{
}

Task::Concurrency AppendTask::concurrency() const
{
    return connection() && caps().hasLiteralPlus() ? Concurrency::Pipelined
                                                   : Concurrency::Exclusive;
}

QByteArray AppendTask::formatDateTime(const QDateTime &when)
{
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime local = when.toOffsetFromUtc(when.offsetFromUtc());
    const int offset = local.offsetFromUtc() / 60;
    const int absOffset = offset < 0 ? -offset : offset;
    QByteArray out = QByteArray::number(local.date().day()).rightJustified(2, '0') + '-'
        + months[local.date().month() - 1] + '-' + QByteArray::number(local.date().year()) + ' '
        + local.time().toString(QStringLiteral("HH:mm:ss")).toLatin1() + ' '
        + (offset < 0 ? '-' : '+') + QByteArray::number(absOffset / 60).rightJustified(2, '0')
        + QByteArray::number(absOffset % 60).rightJustified(2, '0');
    return out;
}

void AppendTask::perform()
{
    if (const auto limit = caps().appendLimit(); limit && quint64(m_message.size()) > *limit) {
        fail(tr("The message (%1 bytes) is larger than the server accepts (%2 bytes)")
                 .arg(m_message.size())
                 .arg(*limit));
        return;
    }
    CommandBuilder cmd("APPEND");
    cmd.mailbox(m_mailbox, utf8());
    if (!m_flags.isEmpty())
        cmd.list(m_flags);
    if (m_date.isValid())
        cmd.string(formatDateTime(m_date));
    // BINARY (RFC 3516 §4.4) lets 8-bit and NUL bytes through as literal8.
    const bool binary = m_message.contains('\0') && caps().hasBinary();
    cmd.literal(m_message, binary);
    send(cmd);
}

void AppendTask::handleTagged(const StatusResponse &response)
{
    if (response.code && response.code->name == "APPENDUID") {
        m_uidValidity = quint32(response.code->numbers.value(0));
        m_uid = expandSequenceSet(response.code->text).value(0);
    }
    Task::handleTagged(response);
}

} // namespace Tern::Imap
