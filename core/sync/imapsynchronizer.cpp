#include "imapsynchronizer.h"

#include "fetchconversion.h"
#include "imapserverops.h"
#include "journal.h"
#include "journalreplayer.h"

#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "mime/messageparser.h"
#include "mime/parsedmessage.h"

#include <imapconnection.h>
#include <tasks/enabletask.h>
#include <tasks/fetchtask.h>
#include <tasks/listtask.h>
#include <tasks/selecttask.h>

#include <QRegularExpression>
#include <QSqlQuery>

namespace Tern {

// State of the folder being synchronised.
struct ImapSynchronizer::FolderRun {
    FolderInfo folder;
    CachedFolderState cached;
    ServerFolderState server;
    QList<SyncAction> plan;
    qsizetype next = 0;     // first action not finished
    qsizetype launched = 0; // first header fetch not sent yet
    int inFlight = 0;
    FolderReport report;
};

namespace {

// Header fetches kept in flight: the next batch streams in while this one is written.
constexpr int fetchWindow = 3;
constexpr int bodyBatch = 50;

bool isSelectable(const QStringList &attributes)
{
    for (const QString &a : attributes) {
        if (a.compare(QLatin1StringView("\\Noselect"), Qt::CaseInsensitive) == 0
            || a.compare(QLatin1StringView("\\NonExistent"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return true;
}

QString indexText(const QByteArray &raw)
{
    const Mime::ParsedMessage parsed = Mime::parseMessage(raw, {false, 50});
    if (!parsed.bodyIsHtml)
        return parsed.bodyText;
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    return QString(parsed.bodyText).replace(tags, QStringLiteral(" "));
}

} // namespace

ImapSynchronizer::ImapSynchronizer(QSqlDatabase &db, const Account &account,
                                   const QString &password, TransportFactory factory,
                                   QObject *parent)
    : QObject(parent)
    , m_db(db)
    , m_account(account)
    , m_connection(std::make_unique<Imap::Connection>(std::move(factory)))
    , m_ops(std::make_unique<ImapServerOps>(*m_connection))
    , m_password(password)
{
    connect(m_connection.get(), &Imap::Connection::ready, this, &ImapSynchronizer::onReady);
    connect(m_connection.get(), &Imap::Connection::failed, this, &ImapSynchronizer::fail);
    connect(m_connection.get(), &Imap::Connection::disconnected, this, [this] {
        fail(tr("The server closed the connection"));
    });
}

ImapSynchronizer::~ImapSynchronizer() = default;

void ImapSynchronizer::start(const Options &options)
{
    m_options = options;
    Imap::ConnectionSettings settings;
    settings.host = m_account.incoming.host;
    settings.port = m_account.incoming.port;
    settings.tls = m_account.tlsPolicy(m_account.incoming.tls);
    settings.user = m_account.incoming.user;
    settings.password = m_password;
    settings.compress = true;
    Q_EMIT progress(tr("Connecting to %1:%2").arg(settings.host).arg(settings.port));
    m_connection->open(settings);
}

void ImapSynchronizer::onReady()
{
    const auto &caps = m_connection->capabilities();
    if (!caps.has("QRESYNC") || !caps.hasEnable()) {
        replayJournal();
        return;
    }
    auto *enable = new Imap::EnableTask({"QRESYNC"});
    connect(enable, &Imap::Task::finished, this, [this, enable] {
        m_qresync = enable->enabled().contains("QRESYNC");
        replayJournal();
    });
    connect(enable, &Imap::Task::failed, this, [this] { replayJournal(); });
    m_connection->enqueue(enable);
}

void ImapSynchronizer::replayJournal()
{
    auto journal = std::make_shared<Journal>(m_db);
    auto replayer = std::make_shared<JournalReplayer>(*journal, *m_ops);
    replayer->run(m_account.id, [this, journal, replayer](const JournalReplayer::Summary &s) {
        if (s.done + s.resolved + s.failed > 0) {
            Q_EMIT progress(tr("Replayed %1 offline changes (%2 conflicts resolved, %3 refused)")
                                .arg(s.done + s.resolved).arg(s.resolved).arg(s.failed));
        }
        if (s.stopped) {
            fail(tr("Could not replay offline changes: %1").arg(s.error));
            return;
        }
        // Let the replayer unwind before it is released.
        QMetaObject::invokeMethod(this, [this] { listFolders(); }, Qt::QueuedConnection);
    });
}

void ImapSynchronizer::listFolders()
{
    auto *list = new Imap::ListTask();
    connect(list, &Imap::Task::failed, this, &ImapSynchronizer::fail);
    connect(list, &Imap::Task::finished, this, [this, list] {
        QList<ServerFolder> folders;
        for (const Imap::ListData &l : list->mailboxes()) {
            ServerFolder f;
            f.path = l.mailbox;
            f.delimiter = QString::fromUtf8(l.delimiter);
            for (const QByteArray &a : l.attributes)
                f.attributes << QString::fromUtf8(a);
            folders << f;
        }
        FolderStore store(m_db);
        if (!store.syncFolderList(m_account.id, folders)) {
            fail(tr("Cannot store the folder list: %1").arg(store.lastError()));
            return;
        }
        m_folders.clear();
        for (const FolderInfo &f : store.list(m_account.id)) {
            if (!f.isLocal && isSelectable(f.attributes))
                m_folders << f;
        }
        m_folderIndex = -1;
        nextFolder();
    });
    m_connection->enqueue(list);
}

CachedFolderState ImapSynchronizer::cachedState(qint64 folderId) const
{
    CachedFolderState cached;
    if (const auto folder = FolderStore(m_db).find(folderId)) {
        cached.uidvalidity = folder->uidvalidity;
        cached.uidnext = folder->uidnext;
        cached.highestmodseq = folder->highestmodseq;
    }
    const auto flags = MessageStore(m_db).flagsOf(folderId);
    for (auto it = flags.begin(); it != flags.end(); ++it)
        cached.messages.insert(it.key(), it.value().flags);
    return cached;
}

void ImapSynchronizer::nextFolder()
{
    if (++m_folderIndex >= m_folders.size()) {
        if (m_options.bodies) {
            m_folderIndex = -1;
            nextBodyFolder();
        } else {
            complete();
        }
        return;
    }
    m_run = std::make_unique<FolderRun>();
    m_run->folder = m_folders.at(m_folderIndex);
    m_run->report.path = m_run->folder.path;
    m_run->cached = cachedState(m_run->folder.id);
    selectFolder();
}

void ImapSynchronizer::selectFolder()
{
    auto *select = new Imap::SelectTask(m_run->folder.path, true);
    const CachedFolderState &cached = m_run->cached;
    const bool useQresync = m_qresync && cached.uidvalidity > 0 && cached.highestmodseq > 0;
    if (useQresync)
        select->setQresync({quint32(cached.uidvalidity), quint64(cached.highestmodseq), {}});
    else
        select->setCondstore(m_connection->capabilities().has("CONDSTORE"));
    connect(select, &Imap::Task::failed, this, &ImapSynchronizer::fail);
    connect(select, &Imap::Task::finished, this, [this, select, useQresync] {
        const Imap::MailboxInfo &info = select->info();
        ServerFolderState &server = m_run->server;
        server.uidvalidity = info.uidValidity;
        server.uidnext = info.uidNext;
        server.highestmodseq = qint64(info.highestModseq);
        server.exists = info.exists;
        server.qresync = m_qresync && !info.noModseq;
        if (useQresync && qint64(info.uidValidity) == m_run->cached.uidvalidity) {
            ServerChanges changes;
            for (const Imap::FetchData &f : info.changed) {
                if (f.uid && f.flags)
                    changes.changed.insert(*f.uid, MessageFlags::fromImap(*f.flags));
            }
            for (quint32 uid : info.vanished)
                changes.vanished << uid;
            server.changes = changes;
        }
        m_run->plan = planFolderSync(m_run->cached, server, m_options.batchSize);
        runPlan();
    });
    m_connection->enqueue(select);
}

void ImapSynchronizer::runPlan()
{
    FolderRun &run = *m_run;
    MessageStore messages(m_db);
    while (run.next < run.plan.size()) {
        const SyncAction &a = run.plan.at(run.next);
        bool ok = true;
        switch (a.type) {
        case SyncAction::Type::ResetFolder:
            ok = messages.resetFolder(run.folder.id, a.uidvalidity);
            run.report.reset = true;
            break;
        case SyncAction::Type::UpdateFlags:
            ok = messages.updateFlags(run.folder.id, a.flags);
            run.report.flagChanges += a.flags.size();
            break;
        case SyncAction::Type::Expunge:
            ok = messages.expunge(run.folder.id, a.uids);
            run.report.expunged += a.uids.size();
            break;
        case SyncAction::Type::SaveState:
            ok = FolderStore(m_db).setSyncState(run.folder.id, a.uidvalidity, a.uidnext,
                                                a.highestmodseq);
            break;
        case SyncAction::Type::FetchHeaders:
            run.launched = std::max(run.launched, run.next);
            launchHeaderFetches();
            return;
        case SyncAction::Type::FetchFlags:
            fetchFlags(a);
            return;
        }
        if (!ok) {
            fail(tr("Cannot update the cache for %1: %2").arg(run.folder.path, messages.lastError()));
            return;
        }
        ++run.next;
    }
    finishFolder();
}

void ImapSynchronizer::launchHeaderFetches()
{
    FolderRun &run = *m_run;
    QByteArrayList items = Imap::FetchTask::summaryItems(m_connection->capabilities());
    items << referencesFetchItem();
    while (run.inFlight < fetchWindow && run.launched < run.plan.size()
           && run.plan.at(run.launched).type == SyncAction::Type::FetchHeaders) {
        const SyncAction a = run.plan.at(run.launched++);
        Imap::FetchTask *fetch = nullptr;
        if (!a.uids.isEmpty()) {
            QList<quint32> ids;
            for (qint64 uid : a.uids)
                ids << quint32(uid);
            fetch = new Imap::FetchTask(ids, items);
        } else {
            const QByteArray last = a.last == 0 ? QByteArray("*") : QByteArray::number(a.last);
            fetch = new Imap::FetchTask(QByteArray::number(a.first) + ':' + last, items);
        }
        ++run.inFlight;
        const qint64 floor = a.uids.isEmpty() ? a.first : 0;
        connect(fetch, &Imap::Task::failed, this, &ImapSynchronizer::fail);
        connect(fetch, &Imap::Task::finished, this, [this, fetch, floor] {
            FolderRun &r = *m_run;
            QList<MessageHeader> headers;
            headers.reserve(fetch->results().size());
            for (const Imap::FetchData &f : fetch->results()) {
                // "n:*" also returns the highest uid when it is below n (RFC 9051 §6.4.8).
                if (f.uid && qint64(*f.uid) >= floor)
                    headers << headerFromFetch(f);
            }
            MessageStore store(m_db);
            if (!headers.isEmpty() && !store.upsertHeaders(r.folder.id, headers)) {
                fail(tr("Cannot store messages of %1: %2").arg(r.folder.path, store.lastError()));
                return;
            }
            r.report.added += headers.size();
            --r.inFlight;
            ++r.next;
            if (r.next < r.launched)
                launchHeaderFetches();
            else
                runPlan();
        });
        m_connection->enqueue(fetch);
    }
}

void ImapSynchronizer::fetchFlags(const SyncAction &action)
{
    QByteArrayList items{"UID", "FLAGS"};
    if (m_connection->capabilities().has("CONDSTORE"))
        items << "MODSEQ";
    const QByteArray last = action.last <= 0 ? QByteArray("*") : QByteArray::number(action.last);
    auto *fetch = new Imap::FetchTask(QByteArray::number(std::max<qint64>(action.first, 1)) + ':'
                                          + last, items);
    const qint64 since = action.changedSince;
    if (since > 0)
        fetch->setChangedSince(quint64(since), m_qresync);
    connect(fetch, &Imap::Task::failed, this, &ImapSynchronizer::fail);
    connect(fetch, &Imap::Task::finished, this, [this, fetch, since] {
        FolderRun &run = *m_run;
        QHash<qint64, MessageFlags> flags;
        for (const Imap::FetchData &f : fetch->results()) {
            if (f.uid && f.flags)
                flags.insert(*f.uid, MessageFlags::fromImap(*f.flags));
        }
        if (since > 0) {
            ServerChanges changes;
            changes.changed = flags;
            for (quint32 uid : fetch->vanished())
                changes.vanished << uid;
            run.server.changes = changes;
        } else {
            run.server.allFlags = flags;
        }
        run.cached = cachedState(run.folder.id);
        run.plan = planFolderSync(run.cached, run.server, m_options.batchSize);
        run.next = 0;
        run.launched = 0;
        runPlan();
    });
    m_connection->enqueue(fetch);
}

void ImapSynchronizer::finishFolder()
{
    FolderRun &run = *m_run;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT count(*) FROM messages WHERE folder_id = ?"));
    q.addBindValue(run.folder.id);
    if (q.exec() && q.next())
        run.report.total = q.value(0).toLongLong();
    Q_EMIT folderSynced(run.report);
    nextFolder();
}

void ImapSynchronizer::nextBodyFolder()
{
    while (++m_folderIndex < m_folders.size()) {
        const FolderInfo &folder = m_folders.at(m_folderIndex);
        QSqlQuery q(m_db);
        q.prepare(QStringLiteral("SELECT m.uid FROM messages m LEFT JOIN bodies b "
                                 "ON b.message_id = m.id WHERE m.folder_id = ? AND m.uid > 0 "
                                 "AND b.message_id IS NULL ORDER BY m.uid"));
        q.addBindValue(folder.id);
        m_bodyUids.clear();
        if (q.exec()) {
            while (q.next())
                m_bodyUids << q.value(0).toLongLong();
        }
        if (m_bodyUids.isEmpty())
            continue;
        auto *select = new Imap::SelectTask(folder.path, true);
        connect(select, &Imap::Task::failed, this, &ImapSynchronizer::fail);
        connect(select, &Imap::Task::finished, this, &ImapSynchronizer::fetchBodyBatch);
        m_connection->enqueue(select);
        return;
    }
    complete();
}

void ImapSynchronizer::fetchBodyBatch()
{
    if (m_bodyUids.isEmpty()) {
        nextBodyFolder();
        return;
    }
    const FolderInfo folder = m_folders.at(m_folderIndex);
    QList<quint32> ids;
    for (qint64 uid : m_bodyUids.mid(0, bodyBatch))
        ids << quint32(uid);
    m_bodyUids.remove(0, std::min<qsizetype>(bodyBatch, m_bodyUids.size()));
    auto *fetch = new Imap::FetchTask(ids, {"UID", "BODY.PEEK[]"});
    connect(fetch, &Imap::Task::failed, this, &ImapSynchronizer::fail);
    connect(fetch, &Imap::Task::finished, this, [this, fetch, folder] {
        MessageStore store(m_db);
        qint64 stored = 0;
        for (const Imap::FetchData &f : fetch->results()) {
            if (!f.uid || f.sections.isEmpty())
                continue;
            const qint64 id = store.messageId(folder.id, *f.uid);
            const QByteArray &raw = f.sections.first().data;
            if (id > 0 && store.storeBody(id, raw, indexText(raw)))
                ++stored;
        }
        Q_EMIT progress(tr("%1: %n bodies downloaded", nullptr, int(stored)).arg(folder.path));
        fetchBodyBatch();
    });
    m_connection->enqueue(fetch);
}

void ImapSynchronizer::fail(const QString &error)
{
    if (m_done)
        return;
    m_done = true;
    m_connection->abort(error);
    Q_EMIT finished(false, error);
}

void ImapSynchronizer::complete()
{
    if (m_done)
        return;
    m_done = true;
    disconnect(m_connection.get(), nullptr, this, nullptr);
    m_connection->logout();
    Q_EMIT finished(true, QString());
}

} // namespace Tern
