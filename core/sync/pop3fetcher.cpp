#include "pop3fetcher.h"

#include "cache/folderstore.h"

#include <QDateTime>

#include <algorithm>

namespace Tern {

Pop3Fetcher::Pop3Fetcher(QSqlDatabase &db, const Account &account, const QString &password,
                         TransportFactory factory, QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_account(account)
    , m_password(password)
    , m_factory(std::move(factory))
    , m_options(Pop3Options::read(db, account.id))
    , m_store(db, account.id)
{
}

Pop3Fetcher::~Pop3Fetcher() = default;

void Pop3Fetcher::sync()
{
    start(Job::Sync);
}

void Pop3Fetcher::fetchFull(qint64 messageId)
{
    m_fullMessageId = messageId;
    start(Job::FetchFull);
}

void Pop3Fetcher::abort()
{
    if (m_client)
        m_client->abort();
}

void Pop3Fetcher::start(Job job)
{
    m_job = job;
    m_report = {};
    m_haveList = m_haveUidl = m_quitting = false;
    m_outstanding = 0;
    m_sizes.clear();
    m_uidls.clear();
    m_headersOnly.clear();
    m_buffer.clear();
    m_running = true;
    m_inbox = m_store.ensureInbox();
    m_report.inboxId = m_inbox;
    if (m_inbox == 0) {
        finish(false, QStringLiteral("cannot create the local Inbox: ") + m_store.lastError());
        return;
    }
    if (m_client) {
        // start() may run from a handler of the old client's signals.
        m_client->disconnect(this);
        m_client.release()->deleteLater();
    }
    m_client = std::make_unique<Pop3::Client>(m_factory);
    using Pop3::Client;
    connect(m_client.get(), &Client::listReceived, this,
            [this](const QList<Pop3::ListEntry> &entries) {
        for (const Pop3::ListEntry &e : entries)
            m_sizes.insert(e.msgNo, e.size);
        m_haveList = true;
        onListing();
    });
    connect(m_client.get(), &Client::uidlReceived, this,
            [this](const QList<Pop3::UidlEntry> &entries) {
        for (const Pop3::UidlEntry &e : entries)
            m_uidls.insert(e.msgNo, e.uid);
        m_haveUidl = true;
        onListing();
    });
    connect(m_client.get(), &Client::messageData, this, &Pop3Fetcher::onMessageData);
    connect(m_client.get(), &Client::messageComplete, this, &Pop3Fetcher::onMessageComplete);
    connect(m_client.get(), &Client::markedDeleted, this, [this](int) { commandDone(); });
    connect(m_client.get(), &Client::commandFailed, this, &Pop3Fetcher::onCommandFailed);
    connect(m_client.get(), &Client::updateFinished, this, &Pop3Fetcher::onUpdateFinished);
    connect(m_client.get(), &Client::failed, this, &Pop3Fetcher::onFailed);

    Pop3::Settings s;
    s.host = m_account.incoming.host;
    s.tls = m_account.tlsPolicy(m_account.incoming.tls);
    s.port = m_account.incoming.port != 0 ? m_account.incoming.port
                                          : (s.tls.mode == TlsMode::Implicit ? 995 : 110);
    s.user = m_account.incoming.user;
    s.password = m_password;
    m_client->connectToServer(s);
    // Queued now, sent (pipelined when offered) as soon as TRANSACTION is reached.
    m_client->list();
    m_client->uidl();
}

void Pop3Fetcher::onListing()
{
    if (!m_haveList || !m_haveUidl)
        return;
    if (m_job == Job::Sync)
        planSync();
    else
        planFetchFull();
}

bool Pop3Fetcher::shouldDelete(const Pop3Seen &seen, qint64 now) const
{
    switch (m_options.mode) {
    case Pop3Options::Mode::Keep:
        return false;
    case Pop3Options::Mode::Delete:
        // A headers-only message still needs its server copy.
        return !seen.partial;
    case Pop3Options::Mode::DeleteAfterDays:
        return !seen.partial && seen.downloadedAt + qint64(m_options.days) * 86400 <= now;
    case Pop3Options::Mode::DeleteWhenDeleted:
        return !seen.existsLocally;
    }
    return false;
}

void Pop3Fetcher::planSync()
{
    const QHash<QByteArray, Pop3Seen> seen = m_store.seen();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_report.onServer = int(m_uidls.size());
    QSet<QByteArray> listed;
    int fresh = 0;
    int toDelete = 0;
    QList<int> numbers = m_uidls.keys();
    std::sort(numbers.begin(), numbers.end());
    for (int msgNo : std::as_const(numbers)) {
        const QByteArray uidl = m_uidls.value(msgNo);
        listed.insert(uidl);
        const auto it = seen.constFind(uidl);
        if (it != seen.cend()) {
            // Committed earlier (perhaps by a session that died before QUIT): only DELE.
            if (shouldDelete(*it, now)) {
                m_client->remove(msgNo);
                ++m_outstanding;
                ++toDelete;
            }
            continue;
        }
        const qint64 size = m_sizes.value(msgNo);
        if (m_options.maxKb > 0 && size > qint64(m_options.maxKb) * 1024) {
            m_headersOnly.insert(msgNo);
            m_client->top(msgNo, 0);
        } else {
            m_client->retrieve(msgNo);
        }
        ++m_outstanding;
        ++fresh;
    }
    // UIDLs the server no longer lists are gone there, whoever removed them.
    QList<QByteArray> vanished;
    for (const Pop3Seen &s : seen) {
        if (!s.deletedOnServer && !listed.contains(s.uidl))
            vanished << s.uidl;
    }
    m_store.markDeletedOnServer(vanished);
    Q_EMIT progress(QStringLiteral("%1 messages on the server, %2 new, %3 to delete")
                        .arg(m_report.onServer).arg(fresh).arg(toDelete));
    if (m_outstanding == 0) {
        ++m_outstanding;
        commandDone();
    }
}

void Pop3Fetcher::planFetchFull()
{
    const QByteArray uidl = m_store.uidlOf(m_fullMessageId);
    const int msgNo = m_uidls.key(uidl, 0);
    if (uidl.isEmpty() || msgNo == 0) {
        finish(false, QStringLiteral("message %1 is no longer on the server")
                          .arg(m_fullMessageId));
        m_client->abort();
        return;
    }
    m_client->retrieve(msgNo);
    ++m_outstanding;
}

void Pop3Fetcher::onMessageData(int, const QByteArray &chunk)
{
    m_buffer += chunk;
}

void Pop3Fetcher::onMessageComplete(int msgNo)
{
    const QByteArray raw = std::exchange(m_buffer, {});
    const QByteArray uidl = m_uidls.value(msgNo);
    bool deletable = false;
    if (m_job == Job::Sync) {
        const bool complete = !m_headersOnly.contains(msgNo);
        if (m_store.commitMessage(m_inbox, uidl, raw, m_sizes.value(msgNo), complete) == 0) {
            // Not committed: never DELE it; drop the session so nothing is deleted.
            finish(false, QStringLiteral("cannot store a downloaded message: ")
                              + m_store.lastError());
            m_client->abort();
            return;
        }
        ++m_report.downloaded;
        if (!complete)
            ++m_report.headersOnly;
        deletable = complete
            && (m_options.mode == Pop3Options::Mode::Delete
                || (m_options.mode == Pop3Options::Mode::DeleteAfterDays
                    && m_options.days == 0));
    } else {
        if (!m_store.completeMessage(m_fullMessageId, raw)) {
            finish(false, m_store.lastError());
            m_client->abort();
            return;
        }
        ++m_report.downloaded;
        deletable = m_options.mode == Pop3Options::Mode::Delete;
    }
    if (deletable) {
        // Committed above: the server copy may go now (removed only after QUIT's +OK).
        m_client->remove(msgNo);
        ++m_outstanding;
    }
    commandDone();
}

void Pop3Fetcher::onCommandFailed(Pop3::Command command, int msgNo, const QString &text)
{
    if (command == Pop3::Command::Retr || command == Pop3::Command::Top) {
        m_buffer.clear();
        ++m_report.failedMessages;
        Q_EMIT progress(QStringLiteral("message %1 could not be downloaded").arg(msgNo));
    } else if (command == Pop3::Command::List || command == Pop3::Command::Uidl) {
        finish(false, QStringLiteral("the server refused %1: %2")
                          .arg(command == Pop3::Command::List ? QStringLiteral("LIST")
                                                              : QStringLiteral("UIDL"),
                               text));
        m_client->abort();
        return;
    }
    commandDone();
}

void Pop3Fetcher::commandDone()
{
    if (!m_running || --m_outstanding > 0 || m_quitting)
        return;
    m_quitting = true;
    m_client->quit();
}

void Pop3Fetcher::onUpdateFinished(const QList<int> &deleted)
{
    QList<QByteArray> uidls;
    for (int msgNo : deleted)
        uidls << m_uidls.value(msgNo);
    // Only now, after QUIT's +OK, are they known to be gone (RFC 1939 §6).
    if (!m_store.markDeletedOnServer(uidls)) {
        finish(false, m_store.lastError());
        return;
    }
    m_report.deletedOnServer = int(uidls.size());
    finish(true);
}

void Pop3Fetcher::onFailed(Pop3::Error error, const QString &message)
{
    if (error == Pop3::Error::QuitUnconfirmed) {
        finish(false, QStringLiteral("the server did not confirm QUIT; deletions are retried "
                                     "next time: ") + message);
        return;
    }
    finish(false, message);
}

void Pop3Fetcher::finish(bool ok, const QString &error)
{
    if (!m_running)
        return;
    m_running = false;
    m_report.inboxTotal = 0;
    if (auto inbox = FolderStore(m_db).find(m_inbox))
        m_report.inboxTotal = inbox->total;
    Q_EMIT finished(ok, error);
}

} // namespace Tern
