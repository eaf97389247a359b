#include "outboxsender.h"

#include "cache/folderstore.h"

#include "imapconnection.h"
#include "tasks/appendtask.h"
#include "tasks/listtask.h"
#include "smtp/client.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

#include <utility>

namespace Tern {
namespace {

QJsonObject accountOptions(QSqlDatabase &db, qint64 accountId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT options FROM accounts WHERE id = ?"));
    q.addBindValue(accountId);
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

qint64 now()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

OutboxSender::OutboxSender(QSqlDatabase &db, const Account &account, const QString &smtpPassword,
                           QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_outbox(db)
    , m_account(account)
    , m_smtpPassword(smtpPassword)
    , m_imapPassword(smtpPassword)
    , m_smtpFactory(defaultTransportFactory())
    , m_imapFactory(defaultTransportFactory())
{
}

OutboxSender::~OutboxSender()
{
    delete m_imap;
}

OutboxSender::Report OutboxSender::flush(QSqlDatabase &db, const Account &account,
                                         const QString &password, bool force)
{
    Outbox(db).recoverInterrupted();
    OutboxSender sender(db, account, password);
    sender.setForce(force);
    Report report;
    QEventLoop loop;
    connect(&sender, &OutboxSender::finished, &loop, [&](const Report &r) {
        report = r;
        loop.quit();
    });
    sender.start();
    loop.exec();
    return report;
}

bool OutboxSender::serverFilesSent(QSqlDatabase &db, qint64 accountId)
{
    return accountOptions(db, accountId).value(QLatin1StringView("outbox")).toObject()
        .value(QLatin1StringView("serverFilesSent")).toBool(false);
}

bool OutboxSender::setServerFilesSent(QSqlDatabase &db, qint64 accountId, bool on)
{
    QJsonObject all = accountOptions(db, accountId);
    QJsonObject outbox = all.value(QLatin1StringView("outbox")).toObject();
    outbox.insert(QStringLiteral("serverFilesSent"), on);
    all.insert(QStringLiteral("outbox"), outbox);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE accounts SET options = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)));
    q.addBindValue(accountId);
    return q.exec() && q.numRowsAffected() == 1;
}

void OutboxSender::start()
{
    const QList<OutboxEntry> rows = m_outbox.due(m_account.id, now(), m_force);
    if (rows.isEmpty()) {
        m_smtpDone = true;
        QMetaObject::invokeMethod(this, &OutboxSender::finish, Qt::QueuedConnection);
        return;
    }
    if (!m_account.smtp) {
        m_report.sessionError = tr("account %1 has no SMTP server").arg(m_account.name);
        m_smtpDone = true;
        QMetaObject::invokeMethod(this, &OutboxSender::finish, Qt::QueuedConnection);
        return;
    }
    QList<qint64> ids;
    for (const OutboxEntry &e : rows)
        ids << e.id;
    // Durable before the first byte: a crash from here on is judged by send_step.
    if (!m_outbox.markSending(ids)) {
        m_report.sessionError = tr("cannot update the outbox");
        m_smtpDone = true;
        QMetaObject::invokeMethod(this, &OutboxSender::finish, Qt::QueuedConnection);
        return;
    }
    Smtp::ClientSettings settings;
    settings.host = m_account.smtp->host;
    settings.port = m_account.smtp->port;
    settings.tls = m_account.tlsPolicy(m_account.smtp->tls);
    settings.user = m_account.smtp->user;
    settings.password = m_smtpPassword;
    m_smtp = new Smtp::Client(settings, m_smtpFactory, this);
    connect(m_smtp, &Smtp::Client::messageFinished, this, &OutboxSender::onSmtpFinished);
    connect(m_smtp, &Smtp::Client::logLine, this, &OutboxSender::onSmtpLog);
    connect(m_smtp, &Smtp::Client::sessionFailed, this, [this](const QString &error) {
        m_report.sessionError = error;
    });
    connect(m_smtp, &Smtp::Client::closed, this, [this] {
        // Anything the client did not report stays sendable: never lost, never "sending".
        if (!m_smtp || m_smtp->pendingCount() > 0)
            return;
        const QList<quint64> left = m_rowOfClientId.keys();
        for (quint64 clientId : left) {
            Smtp::SendResult r;
            r.error = m_report.sessionError.isEmpty() ? tr("the connection was closed")
                                                      : m_report.sessionError;
            onSmtpFinished(clientId, r);
        }
    });
    Q_EMIT progress(tr("Sending %n message(s) through %1", nullptr, int(rows.size()))
                        .arg(settings.host));
    for (const OutboxEntry &e : rows) {
        const quint64 clientId = m_smtp->send(e.envelope, e.raw);
        m_rowOfClientId.insert(clientId, e.id);
        m_awaitingData.append(clientId);
        m_report.ids << e.id;
    }
    m_smtp->quit();
}

void OutboxSender::onSmtpLog(const ProtocolLogLine &line)
{
    // Transactions write DATA (or BDAT) in send order; a message refused before its DATA has
    // already been reported and left m_awaitingData, so the first one waiting is this one.
    if (line.direction != ProtocolLogLine::Direction::Sent || m_awaitingData.isEmpty())
        return;
    if (line.text != "DATA" && !line.text.startsWith("BDAT "))
        return;
    m_outbox.markDataStarted(m_rowOfClientId.value(m_awaitingData.takeFirst()));
}

void OutboxSender::onSmtpFinished(quint64 clientId, const Smtp::SendResult &result)
{
    const auto it = m_rowOfClientId.constFind(clientId);
    if (it == m_rowOfClientId.cend())
        return;
    const qint64 rowId = it.value();
    m_rowOfClientId.erase(it);
    m_awaitingData.removeOne(clientId);
    m_outbox.recordResult(rowId, result, now());
    switch (result.outcome) {
    case Smtp::Outcome::Sent:
        ++m_report.sent;
        m_toCopy << rowId;
        break;
    case Smtp::Outcome::TemporaryFailure:
        ++m_report.retry;
        break;
    case Smtp::Outcome::PermanentFailure:
        ++m_report.failed;
        break;
    case Smtp::Outcome::DeliveryUnknown:
        ++m_report.deliveryUnknown;
        break;
    }
    if (const std::optional<OutboxEntry> row = m_outbox.find(rowId))
        Q_EMIT messageFinished(*row);
    if (m_rowOfClientId.isEmpty() && !m_smtpDone) {
        m_smtpDone = true;
        QMetaObject::invokeMethod(this, &OutboxSender::smtpDone, Qt::QueuedConnection);
    }
}

void OutboxSender::smtpDone()
{
    if (m_toCopy.isEmpty())
        return finish();
    if (serverFilesSent(m_db, m_account.id)) {
        for (qint64 id : std::as_const(m_toCopy))
            m_outbox.recordSentCopy(id, QStringLiteral("skipped"));
        m_toCopy.clear();
        return finish();
    }
    if (m_account.incoming.protocol != ServerUrl::Protocol::Imap) {
        m_toCopy.clear();   // POP3 has no server folders; the copy stays in the outbox row
        return finish();
    }
    startSentCopies();
}

void OutboxSender::startSentCopies()
{
    m_imap = new Imap::Connection(m_imapFactory);
    connect(m_imap, &Imap::Connection::failed, this, [this](const QString &error) {
        m_report.sentCopyError = error;
        for (qint64 id : std::as_const(m_toCopy))
            m_outbox.recordSentCopy(id, tr("not copied to Sent: %1").arg(error));
        m_toCopy.clear();
        finish();
    });
    connect(m_imap, &Imap::Connection::ready, this, [this] {
        if (const auto folder = FolderStore(m_db).findByRole(m_account.id, QStringLiteral("sent")))
            return appendWithFolder(folder->path);
        // Not synced yet: RFC 6154 §2 special-use from LIST.
        auto *list = new Imap::ListTask();
        connect(list, &Imap::Task::finished, this, [this, list] {
            QString path;
            for (const Imap::ListData &m : list->mailboxes()) {
                if (m.attributes.contains("\\Sent")) {
                    path = m.mailbox;
                    break;
                }
            }
            appendWithFolder(path);
        });
        connect(list, &Imap::Task::failed, this, [this] { appendWithFolder(QString()); });
        m_imap->enqueue(list);
    });
    Imap::ConnectionSettings settings;
    settings.host = m_account.incoming.host;
    settings.port = m_account.incoming.port;
    settings.tls = m_account.tlsPolicy(m_account.incoming.tls);
    settings.user = m_account.incoming.user;
    settings.password = m_imapPassword;
    Q_EMIT progress(tr("Copying %n message(s) to the Sent folder", nullptr,
                       int(m_toCopy.size())));
    m_imap->open(settings);
}

void OutboxSender::appendWithFolder(const QString &folder)
{
    if (folder.isEmpty()) {
        m_report.sentCopyError = tr("the account has no Sent folder");
        for (qint64 id : std::as_const(m_toCopy))
            m_outbox.recordSentCopy(id, m_report.sentCopyError);
        m_toCopy.clear();
        return finish();
    }
    m_sentFolder = folder;
    appendAll();
}

void OutboxSender::appendAll()
{
    // All APPENDs queued at once: the connection pipelines them where LITERAL+ allows.
    const QList<qint64> ids = std::exchange(m_toCopy, {});
    for (qint64 id : ids) {
        const std::optional<OutboxEntry> row = m_outbox.find(id);
        if (!row)
            continue;
        ++m_appendsPending;
        // RFC 9051 §6.3.12: the copy is filed as read.
        auto *task = new Imap::AppendTask(m_sentFolder, row->raw, {QByteArray("\\Seen")});
        connect(task, &Imap::Task::finished, this, [this, id] {
            ++m_report.appended;
            m_outbox.recordSentCopy(id, QStringLiteral("appended"));
            appendDone();
        });
        connect(task, &Imap::Task::failed, this, [this, id](const QString &error) {
            m_report.sentCopyError = error;
            m_outbox.recordSentCopy(id, tr("not copied to Sent: %1").arg(error));
            appendDone();
        });
        m_imap->enqueue(task);
    }
    if (m_appendsPending == 0)
        appendDone();
}

void OutboxSender::appendDone()
{
    if (m_appendsPending > 0 && --m_appendsPending > 0)
        return;
    m_imap->logout();
    finish();
}

void OutboxSender::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished(m_report);
}

} // namespace Tern
