#include "journalreplayer.h"

#include "journal.h"

#include <QJsonArray>

namespace Tern {
namespace {

QList<qint64> serverUids(const QJsonObject &payload)
{
    // Placeholders (<= 0) whose real uid never became known have nothing to act on.
    QList<qint64> out;
    for (const QJsonValue &v : payload.value(QStringLiteral("uids")).toArray()) {
        if (v.toInteger() > 0)
            out.append(v.toInteger());
    }
    return out;
}

QString text(const JournalOp &op, const char *key)
{
    return op.payload.value(QLatin1StringView(key)).toString();
}

FolderRef folderOf(const JournalOp &op)
{
    return {text(op, "folder"), op.payload.value(QStringLiteral("uidvalidity")).toInteger()};
}

QStringList strings(const JournalOp &op, const char *key)
{
    QStringList out;
    for (const QJsonValue &v : op.payload.value(QLatin1StringView(key)).toArray())
        out.append(v.toString());
    return out;
}

bool usesUids(JournalOp::Kind kind)
{
    return kind == JournalOp::Kind::Flags || kind == JournalOp::Kind::Move
        || kind == JournalOp::Kind::Copy || kind == JournalOp::Kind::Expunge;
}

} // namespace

JournalReplayer::JournalReplayer(Journal &journal, MailServerOps &server)
    : m_journal(journal), m_server(server)
{
}

void JournalReplayer::run(qint64 accountId, std::function<void(const Summary &)> finished)
{
    m_accountId = accountId;
    m_finished = std::move(finished);
    m_summary = {};
    m_running = true;
    m_waiting = false;
    next();
}

void JournalReplayer::finish()
{
    m_running = false;
    if (m_finished)
        m_finished(m_summary);
}

void JournalReplayer::next()
{
    // A loop rather than recursion: a server that answers synchronously (the fake, a cached
    // answer) would otherwise nest one call per entry.
    while (m_running && !m_waiting) {
        const std::optional<JournalOp> entry = m_journal.nextOperation(m_accountId);
        if (!entry) {
            finish();
            return;
        }
        const JournalOp &op = *entry;
        const QList<qint64> uids = serverUids(op.payload);
        if (usesUids(op.kind) && uids.isEmpty()) {
            const auto gone = ServerResult::failure(ServerResult::Status::NotFound, {});
            if (!m_journal.markDone(op.id, gone)) {
                m_summary.stopped = true;
                m_summary.error = m_journal.lastError();
                finish();
                return;
            }
            ++m_summary.resolved;
            continue;
        }
        m_waiting = true;
        m_inDispatch = true;
        if (op.state == JournalOp::State::Sent) {
            verify(op, uids);
        } else if (m_journal.markSent(op.id)) {
            send(op, uids);
        } else {
            m_waiting = false;
            m_summary.stopped = true;
            m_summary.error = m_journal.lastError();
            m_inDispatch = false;
            finish();
            return;
        }
        m_inDispatch = false;
    }
}

MailServerOps::Callback JournalReplayer::resultFor(const JournalOp &op)
{
    return [this, op](const ServerResult &r) { handle(op, r); };
}

void JournalReplayer::send(const JournalOp &op, const QList<qint64> &uids)
{
    switch (op.kind) {
    case JournalOp::Kind::Flags:
        m_server.storeFlags(folderOf(op), uids, strings(op, "add"), strings(op, "remove"),
                            resultFor(op));
        return;
    case JournalOp::Kind::Move:
        m_server.moveMessages(folderOf(op), uids, text(op, "target"), resultFor(op));
        return;
    case JournalOp::Kind::Copy:
        m_server.copyMessages(folderOf(op), uids, text(op, "target"), resultFor(op));
        return;
    case JournalOp::Kind::Expunge:
        m_server.expungeMessages(folderOf(op), uids, resultFor(op));
        return;
    case JournalOp::Kind::CreateFolder:
        m_server.createFolder(text(op, "path"), resultFor(op));
        return;
    case JournalOp::Kind::RenameFolder:
        m_server.renameFolder(text(op, "from"), text(op, "to"), resultFor(op));
        return;
    case JournalOp::Kind::DeleteFolder:
        m_server.deleteFolder(text(op, "path"), resultFor(op));
        return;
    case JournalOp::Kind::Append:
        m_server.appendMessage(text(op, "folder"), m_journal.appendData(op),
                               strings(op, "flags"),
                               op.payload.value(QStringLiteral("internalDate")).toInteger(),
                               resultFor(op));
        return;
    }
}

void JournalReplayer::verify(const JournalOp &op, const QList<qint64> &uids)
{
    auto onError = [this, op](const ServerResult &r) {
        if (r.status == ServerResult::Status::Ok)
            return false;
        handle(op, r);
        return true;
    };
    switch (op.kind) {
    case JournalOp::Kind::Flags:
    case JournalOp::Kind::Expunge:
    case JournalOp::Kind::DeleteFolder:
        send(op, uids); // idempotent
        return;
    case JournalOp::Kind::Move:
        m_server.existingUids(folderOf(op), uids, [=, this](const ServerResult &r) {
            if (onError(r))
                return;
            if (r.uids.isEmpty())
                handle(op, ServerResult::ok()); // all moved before the crash, uids unknown
            else
                send(op, r.uids);
        });
        return;
    case JournalOp::Kind::Copy:
    case JournalOp::Kind::Append: {
        const bool copy = op.kind == JournalOp::Kind::Copy;
        const QStringList ids = copy ? strings(op, "messageIds")
                                     : QStringList{text(op, "messageId")};
        const QString folder = text(op, copy ? "target" : "folder");
        if (ids.join(QString()).isEmpty()) {
            send(op, uids); // nothing to recognise the message by: COPY/APPEND again
            return;
        }
        m_server.findByMessageId(folder, ids, [=, this](const ServerResult &r) {
            if (onError(r))
                return;
            // COPY and APPEND are atomic: one copy found means the command took effect.
            ServerResult found = ServerResult::ok();
            found.uidvalidity = r.uidvalidity;
            const QList<qint64> sources = copy ? serverUids(op.payload) : QList<qint64>{0};
            for (qsizetype i = 0; i < r.uids.size() && i < sources.size(); ++i) {
                if (r.uids[i] > 0)
                    found.uidMap.insert(sources[i], r.uids[i]);
            }
            if (found.uidMap.isEmpty())
                send(op, uids);
            else
                handle(op, found);
        });
        return;
    }
    case JournalOp::Kind::CreateFolder:
    case JournalOp::Kind::RenameFolder: {
        const bool create = op.kind == JournalOp::Kind::CreateFolder;
        m_server.folderExists(text(op, create ? "path" : "to"), [=, this](const ServerResult &r) {
            if (onError(r))
                return;
            if (r.exists)
                handle(op, ServerResult::ok());
            else
                send(op, uids);
        });
        return;
    }
    }
}

void JournalReplayer::handle(const JournalOp &op, const ServerResult &result)
{
    bool ok = true;
    switch (result.status) {
    case ServerResult::Status::Ok:
        ok = m_journal.markDone(op.id, result);
        ++m_summary.done;
        break;
    case ServerResult::Status::NotFound:
        ok = m_journal.markDone(op.id, result);
        ++m_summary.resolved;
        break;
    case ServerResult::Status::Permanent:
        ok = m_journal.markFailed(op.id, result.error, true);
        ++m_summary.failed;
        break;
    case ServerResult::Status::Transient:
        m_journal.markFailed(op.id, result.error, false);
        m_summary.stopped = true;
        m_summary.error = result.error;
        m_running = false;
        break;
    }
    if (!ok) {
        m_summary.stopped = true;
        m_summary.error = m_journal.lastError();
        m_running = false;
    }
    m_waiting = false;
    if (!m_running) {
        finish();
        return;
    }
    if (!m_inDispatch)
        next();
}

} // namespace Tern
