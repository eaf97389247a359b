#include "migrations.h"

#include "transaction.h"

#include <QSqlError>
#include <QSqlQuery>

namespace Tern {
namespace {

// Each migration is a list of statements. Never edit a migration that has shipped: append one.
// Flags are a bitmask (see core/cache/messageflags.h once it exists): 1 \Seen, 2 \Answered,
// 4 \Flagged, 8 \Deleted, 16 \Draft; other keywords are kept as text.
const char *const migration1[] = {
    R"(CREATE TABLE accounts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        email TEXT NOT NULL,
        display_name TEXT NOT NULL DEFAULT '',
        incoming_url TEXT NOT NULL,
        smtp_url TEXT NOT NULL DEFAULT '',
        ca_file TEXT NOT NULL DEFAULT '',
        allow_plaintext INTEGER NOT NULL DEFAULT 0,
        pinned_sha256 TEXT NOT NULL DEFAULT '',
        options TEXT NOT NULL DEFAULT '{}',
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ))",
    R"(CREATE TABLE identities (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL,
        reply_to TEXT NOT NULL DEFAULT '',
        signature TEXT NOT NULL DEFAULT '',
        is_default INTEGER NOT NULL DEFAULT 0
    ))",
    R"(CREATE TABLE folders (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        delimiter TEXT NOT NULL DEFAULT '/',
        role TEXT NOT NULL DEFAULT '',
        attributes TEXT NOT NULL DEFAULT '',
        subscribed INTEGER NOT NULL DEFAULT 1,
        is_local INTEGER NOT NULL DEFAULT 0,
        uidvalidity INTEGER NOT NULL DEFAULT 0,
        uidnext INTEGER NOT NULL DEFAULT 0,
        highestmodseq INTEGER NOT NULL DEFAULT 0,
        total INTEGER NOT NULL DEFAULT 0,
        unread INTEGER NOT NULL DEFAULT 0,
        synced_at INTEGER NOT NULL DEFAULT 0,
        UNIQUE (account_id, path)
    ))",
    R"(CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        folder_id INTEGER NOT NULL REFERENCES folders(id) ON DELETE CASCADE,
        uid INTEGER NOT NULL,
        flags INTEGER NOT NULL DEFAULT 0,
        keywords TEXT NOT NULL DEFAULT '',
        modseq INTEGER NOT NULL DEFAULT 0,
        internaldate INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        date INTEGER NOT NULL DEFAULT 0,
        subject TEXT NOT NULL DEFAULT '',
        from_name TEXT NOT NULL DEFAULT '',
        from_addr TEXT NOT NULL DEFAULT '',
        to_text TEXT NOT NULL DEFAULT '',
        cc_text TEXT NOT NULL DEFAULT '',
        message_id TEXT NOT NULL DEFAULT '',
        in_reply_to TEXT NOT NULL DEFAULT '',
        refs TEXT NOT NULL DEFAULT '',
        thread_id INTEGER NOT NULL DEFAULT 0,
        has_attachments INTEGER NOT NULL DEFAULT 0,
        preview TEXT NOT NULL DEFAULT '',
        bodystructure BLOB,
        email_id TEXT NOT NULL DEFAULT '',
        UNIQUE (folder_id, uid)
    ))",
    "CREATE INDEX messages_by_date ON messages (folder_id, date)",
    "CREATE INDEX messages_by_msgid ON messages (message_id)",
    "CREATE INDEX messages_by_thread ON messages (thread_id)",
    R"(CREATE TABLE bodies (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
        raw BLOB NOT NULL,
        complete INTEGER NOT NULL DEFAULT 1,
        fetched_at INTEGER NOT NULL DEFAULT (unixepoch())
    ))",
    R"(CREATE TABLE journal (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL DEFAULT (unixepoch())
    ))",
    R"(CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        message_id_header TEXT NOT NULL,
        envelope_from TEXT NOT NULL,
        recipients TEXT NOT NULL,
        raw BLOB NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued',
        recipient_results TEXT NOT NULL DEFAULT '',
        last_error TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL DEFAULT (unixepoch()),
        sent_at INTEGER NOT NULL DEFAULT 0
    ))",
    R"(CREATE TABLE pop3_seen (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        uidl TEXT NOT NULL,
        message_id INTEGER,
        downloaded_at INTEGER NOT NULL DEFAULT (unixepoch()),
        deleted_on_server INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, uidl)
    ))",
    R"(CREATE VIRTUAL TABLE messages_fts USING fts5(
        subject, addresses, body, content='', contentless_delete=1,
        tokenize='unicode61 remove_diacritics 2'
    ))",
};

// Migration 2: thread links, counters and the full-text index kept in step by triggers, so
// every writer (sync, journal, models) keeps folders.total/unread and messages_fts right.
// Thread ids are per-account groups: thread_refs maps every Message-ID seen (as a message's
// own id or referenced by one) to its thread, so an orphan's parent arriving later merges.
const char *const migration2[] = {
    R"(CREATE TABLE thread_refs (
        account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        msgid TEXT NOT NULL,
        thread_id INTEGER NOT NULL,
        PRIMARY KEY (account_id, msgid)
    ) WITHOUT ROWID)",
    "CREATE INDEX thread_refs_by_thread ON thread_refs (thread_id)",
    R"(CREATE TABLE counters (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID)",
    "INSERT INTO counters (name, value) VALUES ('thread_id', 0)",
    "ALTER TABLE journal ADD COLUMN permanent INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE journal ADD COLUMN sent_at INTEGER NOT NULL DEFAULT 0",
    "CREATE INDEX journal_by_account ON journal (account_id, state, id)",
    R"(CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
        UPDATE folders SET total = total + 1, unread = unread + ((new.flags & 1) = 0)
            WHERE id = new.folder_id;
        INSERT INTO messages_fts (rowid, subject, addresses, body) VALUES (new.id, new.subject,
            new.from_name || ' ' || new.from_addr || ' ' || new.to_text || ' ' || new.cc_text,
            '');
    END)",
    R"(CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
        UPDATE folders SET total = total - 1, unread = unread - ((old.flags & 1) = 0)
            WHERE id = old.folder_id;
        DELETE FROM messages_fts WHERE rowid = old.id;
    END)",
    R"(CREATE TRIGGER messages_au_counts AFTER UPDATE OF flags, folder_id ON messages
        WHEN old.flags != new.flags OR old.folder_id != new.folder_id BEGIN
        UPDATE folders SET total = total - 1, unread = unread - ((old.flags & 1) = 0)
            WHERE id = old.folder_id;
        UPDATE folders SET total = total + 1, unread = unread + ((new.flags & 1) = 0)
            WHERE id = new.folder_id;
    END)",
    // Existing rows (written before migration 2) get counts and index entries once.
    R"(UPDATE folders SET
        total = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id),
        unread = (SELECT count(*) FROM messages m WHERE m.folder_id = folders.id
                  AND (m.flags & 1) = 0))",
    "INSERT INTO messages_fts (messages_fts) VALUES ('delete-all')",
    R"(INSERT INTO messages_fts (rowid, subject, addresses, body)
        SELECT id, subject, from_name || ' ' || from_addr || ' ' || to_text || ' ' || cc_text, ''
        FROM messages)",
};

// Migration 3: the outbox remembers how far a send got (so a crash while sending never resends
// blindly), when a 4xx retry is due, and what became of the Sent copy.
const char *const migration3[] = {
    "ALTER TABLE outbox ADD COLUMN send_step TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE outbox ADD COLUMN sent_copy TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX outbox_by_account ON outbox (account_id, state, id)",
};

struct Migration {
    const char *const *statements;
    int count;
};

const Migration migrations[] = {
    {migration1, int(std::size(migration1))},
    {migration2, int(std::size(migration2))},
    {migration3, int(std::size(migration3))},
};

int userVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
        return q.value(0).toInt();
    return -1;
}

} // namespace

int latestSchemaVersion()
{
    return int(std::size(migrations));
}

bool migrateTo(QSqlDatabase &db, int target, QString *error)
{
    const int current = userVersion(db);
    if (current < 0) {
        *error = QStringLiteral("cannot read the schema version: %1").arg(db.lastError().text());
        return false;
    }
    if (current > latestSchemaVersion()) {
        *error = QStringLiteral("the cache was written by a newer Tern (schema %1, this one "
                                "knows %2)").arg(current).arg(latestSchemaVersion());
        return false;
    }
    for (int v = current + 1; v <= target; ++v) {
        Transaction tx(db);
        if (!tx.isActive()) {
            *error = QStringLiteral("cannot start migration %1: %2").arg(v).arg(db.lastError().text());
            return false;
        }
        const Migration &m = migrations[v - 1];
        QSqlQuery q(db);
        for (int i = 0; i < m.count; ++i) {
            if (!q.exec(QString::fromUtf8(m.statements[i]))) {
                *error = QStringLiteral("migration %1 failed: %2").arg(v).arg(q.lastError().text());
                return false;
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(v)) || !tx.commit()) {
            *error = QStringLiteral("migration %1 could not be committed").arg(v);
            return false;
        }
    }
    return true;
}

bool migrate(QSqlDatabase &db, QString *error)
{
    return migrateTo(db, latestSchemaVersion(), error);
}

} // namespace Tern
