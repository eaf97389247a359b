// Benchmark (not a test): MessageListModel over a 100,000-message folder in a temporary cache.
// Prints time to first rows, to re-sort, to switch to threads, update costs and peak RSS.
// The cache is filled by this program, then measured in a fresh child process so the fill
// does not count towards the peak RSS.
#include "testcache.h"

#include "models/flagwriter.h"
#include "models/messagelistmodel.h"
#include "models/modelroles.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>

#include <cstdio>

using namespace Tern;

namespace {

constexpr int Messages = 100'000;

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLong();
    }
    return -1;
}

void readFirstRows(const MessageListModel &model, int rows)
{
    for (int r = 0; r < std::min(rows, model.rowCount()); ++r) {
        for (int c = 0; c < MessageListModel::ColumnCount; ++c) {
            model.index(r, c).data();
            model.index(r, c).data(ModelRole::Unread);
        }
    }
}

void report(const char *what, QElapsedTimer &timer)
{
    std::printf("%-48s %8.1f ms\n", what, double(timer.nsecsElapsed()) / 1e6);
    timer.restart();
}

int measure(const QString &path)
{
    QElapsedTimer timer;
    timer.start();
    Database db(path, QStringLiteral("bench"));
    report("open cache", timer);
    {
        // The floor: the same id query into a plain vector, no model around it.
        QSqlQuery raw(db.db());
        raw.setForwardOnly(true);
        raw.exec(QStringLiteral("SELECT id FROM messages WHERE folder_id = 1 "
                                "ORDER BY date DESC, id DESC"));
        std::vector<qint64> ids;
        while (raw.next())
            ids.push_back(raw.value(0).toLongLong());
        report("raw floor: ids in date order into a vector", timer);
        raw.exec(QStringLiteral("SELECT id FROM messages WHERE folder_id = 1 "
                                "ORDER BY subject COLLATE NOCASE, date, id"));
        ids.clear();
        while (raw.next())
            ids.push_back(raw.value(0).toLongLong());
        report("raw floor: ids in subject order into a vector", timer);
    }
    MessageListModel model(db);
    model.setFolder(1);
    readFirstRows(model, 50);
    report("first 50 rows (construct, load ids, read page)", timer);
    for (int r = 0; r < model.rowCount(); r += 25)
        model.index(r, MessageListModel::SubjectColumn).data();
    report("scroll all 100k rows (every 25th row)", timer);
    model.sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
    readFirstRows(model, 50);
    report("re-sort by subject + first 50 rows", timer);
    model.sort(MessageListModel::CorrespondentColumn, Qt::AscendingOrder);
    readFirstRows(model, 50);
    report("re-sort by correspondent + first 50 rows", timer);
    model.sort(MessageListModel::DateColumn, Qt::DescendingOrder);
    readFirstRows(model, 50);
    report("re-sort by date + first 50 rows", timer);
    model.setThreaded(true);
    readFirstRows(model, 50);
    report("switch to threaded + first 50 rows", timer);
    std::printf("  threads shown at the top level: %d\n", model.rowCount());
    model.setThreaded(false);
    readFirstRows(model, 50);
    report("switch back to flat + first 50 rows", timer);
    const qint64 first = model.index(0, 0).data(ModelRole::MessageId).toLongLong();
    QString error;
    writeFlags(db, {first}, MessageFlag::Flagged, 0, &error);
    timer.restart();
    model.messagesChanged({first});
    report("flag change notice (one row)", timer);
    QSqlQuery q(db.db());
    q.exec(QStringLiteral("INSERT INTO messages (folder_id, uid, date, subject) "
                          "VALUES (1, 999999, 1800000000, 'new')"));
    const qint64 added = q.lastInsertId().toLongLong();
    timer.restart();
    model.messagesAdded({added});
    report("one new message notice (re-read ids, diff)", timer);
    std::printf("queries %d, page reads %d\n", model.queryCount(), model.pageLoadCount());
    std::printf("peak RSS %.1f MiB\n", double(peakRssKiB()) / 1024.0);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args[1] == QLatin1StringView("--measure"))
        return measure(args[2]);

    TestCache cache;
    const qint64 account = cache.addAccount(QStringLiteral("Bench"));
    const qint64 inbox = cache.addFolder(account, QStringLiteral("INBOX"));
    QElapsedTimer timer;
    timer.start();
    cache.fillSynthetic(inbox, Messages);
    // Threads of up to four messages for two thirds of the folder.
    cache.exec(QStringLiteral("UPDATE messages SET thread_id = (id + 3) / 4 WHERE id % 3 <> 0"));
    std::printf("%d messages written in %.0f ms (setup, not measured below)\n", Messages,
                double(timer.elapsed()));
    const QString path = cache.db().path();
    std::fflush(stdout);
    return QProcess::execute(app.applicationFilePath(), {QStringLiteral("--measure"), path});
}
