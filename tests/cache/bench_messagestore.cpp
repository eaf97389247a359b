// Not a test: inserts 100,000 synthetic headers into a fresh cache and prints rows/s.
#include "cache/database.h"
#include "cache/folderstore.h"
#include "cache/messagestore.h"
#include "cache/transaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>

using namespace Tern;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const int total = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int batchSize = argc > 2 ? QByteArray(argv[2]).toInt() : 1000;
    QTemporaryDir dir;
    Database db(dir.filePath(QStringLiteral("bench.sqlite")), QStringLiteral("bench"));
    if (!db.isOpen()) {
        std::fprintf(stderr, "%s\n", qPrintable(db.errorString()));
        return 1;
    }
    QSqlQuery(db.db()).exec(QStringLiteral("INSERT INTO accounts (id, name, email, incoming_url) "
                                           "VALUES (1, 'a', 'a@x', 'imaps://x')"));
    // For profiling: statements to run first, '|'-separated.
    for (const QString &sql : qEnvironmentVariable("TERN_BENCH_PRE").split(QLatin1Char('|'),
                                                                          Qt::SkipEmptyParts))
        QSqlQuery(db.db()).exec(sql);
    qint64 folder = 0;
    {
        Transaction tx(db.db());
        folder = FolderStore(db.db()).upsert(tx, 1, {QStringLiteral("INBOX"), {}, {}, true});
        tx.commit();
    }
    if (qEnvironmentVariableIsSet("TERN_BENCH_RAW")) {
        // The floor: the same rows through one bare prepared INSERT.
        QElapsedTimer t;
        t.start();
        Transaction tx(db.db());
        QSqlQuery q(db.db());
        q.prepare(QStringLiteral("INSERT INTO messages (folder_id, uid, subject, message_id) "
                                 "VALUES (?, ?, ?, ?)"));
        for (int uid = 1; uid <= total; ++uid) {
            q.bindValue(0, folder);
            q.bindValue(1, uid);
            q.bindValue(2, QStringLiteral("subject %1").arg(uid));
            q.bindValue(3, QStringLiteral("<%1@x>").arg(uid));
            q.exec();
        }
        tx.commit();
        std::printf("raw: %.0f rows/s\n", total / (t.nsecsElapsed() / 1e9));
        return 0;
    }
    MessageStore store(db.db());
    QList<MessageHeader> batch;
    QElapsedTimer timer;
    timer.start();
    for (int uid = 1; uid <= total; ++uid) {
        MessageHeader h;
        h.uid = uid;
        h.flags = MessageFlags(uid % 3 ? quint32(MessageFlags::Seen) : 0u, {});
        h.date = 1600000000 + uid * 37;
        h.internalDate = h.date;
        h.size = 2000 + uid % 5000;
        h.subject = QStringLiteral("Re: status report number %1 for the project").arg(uid % 5000);
        h.fromName = QStringLiteral("Sender %1").arg(uid % 300);
        h.fromAddr = QStringLiteral("sender%1@example.org").arg(uid % 300);
        h.toText = QStringLiteral("alice@example.org");
        if (!qEnvironmentVariableIsSet("TERN_BENCH_NOIDS"))
            h.messageId = QStringLiteral("<%1@bench.example.org>").arg(uid);
        if (uid % 4 && !qEnvironmentVariableIsSet("TERN_BENCH_NOIDS"))
            h.inReplyTo = QStringLiteral("<%1@bench.example.org>").arg(uid - uid % 4);
        h.bodyStructure = QByteArray("(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL "
                                     "\"quoted-printable\" 1234 40 NIL NIL NIL NIL)");
        batch.append(h);
        if (batch.size() == batchSize || uid == total) {
            if (!store.upsertHeaders(folder, batch)) {
                std::fprintf(stderr, "insert failed: %s\n", qPrintable(store.lastError()));
                return 1;
            }
            batch.clear();
        }
    }
    const double insertSecs = timer.nsecsElapsed() / 1e9;
    timer.restart();
    const auto page = store.list(folder, 200);
    const double listMs = timer.nsecsElapsed() / 1e6;
    std::printf("inserted %d rows in %.2f s: %.0f rows/s (batches of %d)\n", total, insertSecs,
                total / insertSecs, batchSize);
    std::printf("first page of %lld rows in %.2f ms\n", qlonglong(page.size()), listMs);
    return 0;
}
