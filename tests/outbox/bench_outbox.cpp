// Benchmark (not a test): 1,000 small messages queued in the outbox and sent by OutboxSender
// over one pipelined submission connection (STARTTLS + AUTH) to a private Postfix. Timed from
// the first enqueue to the last recorded result, with and without the IMAP Sent copies.
#include "mailfixture.h"
#include "outboxtestutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Tern;
using TernTest::MailFixture;

namespace {

constexpr int MessageCount = 1000;

QByteArray message(int run, int i)
{
    const QByteArray token = "bench-" + QByteArray::number(run) + '-' + QByteArray::number(i);
    return "From: u1@example.test\r\nTo: u2@example.test\r\nSubject: " + token
        + "\r\nMessage-ID: <" + token + "@example.test>\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/plain; charset=us-ascii\r\n\r\nA small benchmark message.\r\n";
}

// Returns seconds, or a negative number when not every message was sent.
double run(Database &db, const Account &a, const QString &password, int round, bool copy,
           int *appended)
{
    OutboxSender::setServerFilesSent(db.db(), a.id, !copy);
    QElapsedTimer timer;
    timer.start();
    Outbox outbox(db.db());
    QString why;
    for (int i = 0; i < MessageCount; ++i) {
        if (outbox.enqueue(a.id, message(round, i), {a.email, {QStringLiteral("u2@example.test")}},
                           &why) == 0)
            return -1;
    }
    const double queued = timer.nsecsElapsed() / 1e9;
    const OutboxSender::Report r = TernTest::runSender(db, a, password);
    const double seconds = timer.nsecsElapsed() / 1e9;
    *appended = r.appended;
    std::printf("  %-36s %8.1f msg/s  %6.3f s (enqueue %5.3f s)  sent %d  Sent copies %d\n",
                copy ? "outbox + APPEND to Sent" : "outbox, server files Sent",
                MessageCount / seconds, seconds, queued, r.sent, r.appended);
    return r.sent == MessageCount ? seconds : -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const QString dir = QDir::tempPath() + QStringLiteral("/tern-bench-outbox-")
        + QString::number(QCoreApplication::applicationPid());
    const MailFixture fx = MailFixture::startPrivate(dir);
    if (!fx.isValid()) {
        std::fprintf(stderr, "fixture: %s\n", qPrintable(fx.error()));
        return 1;
    }
    int status = 0;
    {
        Database db(dir + QStringLiteral("/cache.sqlite"), QStringLiteral("bench"));
        Account a;
        a.name = QStringLiteral("u1");
        a.email = QStringLiteral("u1@example.test");
        a.caFile = fx.caFile();
        a.incoming = ServerUrl{ServerUrl::Protocol::Imap, TlsMode::Implicit,
                               QStringLiteral("localhost"), fx.port("imaps"), a.name};
        a.smtp = ServerUrl{ServerUrl::Protocol::Smtp, TlsMode::StartTls,
                           QStringLiteral("localhost"), fx.port("submission"), a.name};
        a = TernTest::addAccount(db, a);
        std::printf("Outbox: %d small messages u1 -> u2, Postfix on loopback, STARTTLS + AUTH, "
                    "one connection\n", MessageCount);
        const QString password = fx.password(a.name);
        double best = 1e9;
        for (int round = 0; round < 3; ++round) {
            int appended = 0;
            const double s = run(db, a, password, round, false, &appended);
            if (s < 0)
                status = 1;
            else
                best = std::min(best, s);
        }
        int appended = 0;
        if (run(db, a, password, 3, true, &appended) < 0 || appended != MessageCount)
            status = 1;
        std::printf("  best without Sent copies: %.1f msg/s\n", MessageCount / best);
    }
    fx.stop();
    return status;
}
