// Benchmark, not a test: 1,000 small messages to u1 through Postfix submission (STARTTLS +
// AUTH) with Smtp::Client over one pipelined connection, beside a raw floor (a minimal client
// writing the same transaction bytes pipelined on one TLS connection and only reading
// replies) and beside msmtp (one process per message) when the dev root has it.
#include "mailfixture.h"
#include "smtptestutil.h"

#include "common/sasl.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSslSocket>

#include <cstdio>

using namespace Tern;
using namespace Tern::Smtp;
using TernTest::MailFixture;

namespace {

constexpr int MessageCount = 1000;
constexpr int MsmtpCount = 100;
constexpr int PerConnectionCount = 20;
constexpr int Rounds = 3;
const QString User = QStringLiteral("u1");
const QString Address = QStringLiteral("u1@example.test");

QByteArray message(int i)
{
    return "From: u1@example.test\r\nTo: u1@example.test\r\nSubject: bench "
        + QByteArray::number(i)
        + "\r\nMessage-ID: <bench-" + QByteArray::number(i) + "@example.test>\r\n"
          "Date: Wed, 25 Nov 2026 03:00:00 +0000\r\n\r\nA small benchmark message, number "
        + QByteArray::number(i) + ".\r\nIt has two lines.\r\n";
}

// The transactions exactly as Smtp::Client writes them to a PIPELINING + CHUNKING server.
QByteArray transactions(int count, int *replies)
{
    QByteArray out;
    *replies = 0;
    for (int i = 0; i < count; ++i) {
        const QByteArray m = message(i);
        if (i > 0) {
            out += "RSET\r\n";
            ++*replies;
        }
        out += "MAIL FROM:<u1@example.test> SIZE=" + QByteArray::number(m.size())
            + "\r\nRCPT TO:<u1@example.test>\r\nBDAT " + QByteArray::number(m.size())
            + " LAST\r\n" + m;
        *replies += 3;
    }
    return out;
}

// A blocking line reader; returns the final line of the next complete reply.
QByteArray readReply(QSslSocket &socket)
{
    while (true) {
        while (socket.canReadLine()) {
            const QByteArray line = socket.readLine();
            if (line.size() >= 4 && line[3] == ' ')
                return line.trimmed();
            if (line.size() < 4 || line[3] != '-')
                return "bad: " + line;
        }
        if (!socket.waitForReadyRead(60000))
            return "timeout";
    }
}

bool command(QSslSocket &socket, const QByteArray &line, const char *expect)
{
    socket.write(line + "\r\n");
    return readReply(socket).startsWith(expect);
}

// The floor: connect, STARTTLS, AUTH, one write of all transactions, read the replies.
double rawFloor(const MailFixture &fx, int *failures)
{
    int expected = 0;
    const QByteArray bytes = transactions(MessageCount, &expected);
    QElapsedTimer timer;
    timer.start();
    QSslSocket socket;
    auto conf = socket.sslConfiguration();
    conf.addCaCertificates(fx.caCertificates());
    socket.setSslConfiguration(conf);
    socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket.connectToHost(QStringLiteral("localhost"), fx.port("submission"));
    if (!socket.waitForConnected(10000) || !readReply(socket).startsWith("220")
        || !command(socket, "EHLO [127.0.0.1]", "250") || !command(socket, "STARTTLS", "220"))
        return -1;
    socket.startClientEncryption();
    if (!socket.waitForEncrypted(10000) || !command(socket, "EHLO [127.0.0.1]", "250")
        || !command(socket, "AUTH PLAIN " + Sasl::plainResponse(User, fx.password(User)), "235"))
        return -1;
    socket.write(bytes);
    for (int i = 0; i < expected; ++i) {
        if (!readReply(socket).startsWith("250"))
            ++*failures;
    }
    command(socket, "QUIT", "221");
    return timer.nsecsElapsed() / 1e9;
}

ClientSettings clientSettings(const MailFixture &fx)
{
    ClientSettings s;
    s.host = QStringLiteral("localhost");
    s.port = fx.port("submission");
    s.tls.mode = TlsMode::StartTls;
    s.tls.extraCaCertificates = fx.caCertificates();
    s.user = User;
    s.password = fx.password(User);
    return s;
}

// Sends messages first..first+count-1 over one connection; returns the seconds it took.
double clientRun(const MailFixture &fx, int first, int count, int *failures)
{
    Client smtp(clientSettings(fx), defaultTransportFactory());
    int done = 0;
    QObject::connect(&smtp, &Client::messageFinished, &smtp,
                     [&](quint64, const SendResult &r) {
                         ++done;
                         if (r.outcome != Outcome::Sent)
                             ++*failures;
                     });
    QEventLoop loop;
    QObject::connect(&smtp, &Client::closed, &loop, &QEventLoop::quit);
    QElapsedTimer timer;
    timer.start();
    for (int i = first; i < first + count; ++i)
        smtp.send(Envelope{Address, {Address}}, message(i));
    smtp.quit();
    loop.exec();
    const double seconds = timer.nsecsElapsed() / 1e9;
    if (done != count)
        *failures += count - done;
    return seconds;
}

// msmtp with a private rc file (so the password is on no command line), one process each.
double msmtp(const MailFixture &fx, int *failures)
{
    const QString rc = fx.dir() + QStringLiteral("/bench-msmtprc");
    QFile f(rc);
    if (!f.open(QIODevice::WriteOnly))
        return -1;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write("account bench\nhost localhost\nport " + QByteArray::number(fx.port("submission"))
            + "\ntls on\ntls_starttls on\ntls_trust_file " + fx.caFile().toUtf8()
            + "\nauth plain\nuser u1\npassword " + fx.password(User).toUtf8()
            + "\nfrom u1@example.test\n");
    f.close();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < MsmtpCount; ++i) {
        QProcess p;
        p.start(QStringLiteral("msmtp"), {QStringLiteral("-C"), rc, QStringLiteral("-a"),
                                          QStringLiteral("bench"), Address});
        if (!p.waitForStarted(10000))
            return -1;
        p.write(message(i));
        p.closeWriteChannel();
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            ++*failures;
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    QFile::remove(rc);
    return seconds;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);
    const QString dir = QDir::tempPath() + QStringLiteral("/tern-bench-smtp-")
        + QString::number(QCoreApplication::applicationPid());
    const MailFixture fx = MailFixture::startPrivate(dir);
    if (!fx.isValid()) {
        std::fprintf(stderr, "fixture: %s\n", qPrintable(fx.error()));
        return 1;
    }
    const qsizetype size = message(0).size();
    std::printf("SMTP submission: %d messages of ~%lld bytes to u1, Postfix on loopback, "
                "STARTTLS + AUTH PLAIN, one connection\n", MessageCount, qlonglong(size));

    double floorBest = 1e9;
    double clientBest = 1e9;
    int failures = 0;
    // Alternating which goes first: Postfix keeps delivering earlier runs' messages over LMTP
    // in the background (about a dozen a second here), which loads the machine for both alike.
    for (int round = 0; round < Rounds; ++round) {
        for (int turn = 0; turn < 2; ++turn) {
            const bool floorTurn = (turn + round) % 2 == 0;
            int f = 0;
            const double seconds = floorTurn ? rawFloor(fx, &f)
                                             : clientRun(fx, 0, MessageCount, &f);
            std::printf("  round %d %-34s %8.1f msg/s  %6.3f s  failures %d\n", round + 1,
                        floorTurn ? "raw floor (one pipelined write)"
                                  : "Tern Smtp::Client (pipelined)",
                        MessageCount / seconds, seconds, f);
            failures += f;
            (floorTurn ? floorBest : clientBest) = std::min(floorTurn ? floorBest : clientBest,
                                                            seconds);
        }
    }
    const double clientRate = MessageCount / clientBest;
    std::printf("  best: floor %.1f msg/s, client %.1f msg/s, client time / floor time %.2f\n",
                MessageCount / floorBest, clientRate, clientBest / floorBest);

    // The same client with one connection per message, as msmtp works.
    int perConnectionFailures = 0;
    double perConnectionSeconds = 0;
    for (int i = 0; i < PerConnectionCount; ++i)
        perConnectionSeconds += clientRun(fx, i, 1, &perConnectionFailures);
    std::printf("  Tern client, 1 connection per message, %d messages %6.1f msg/s  %6.2f s  "
                "failures %d\n", PerConnectionCount, PerConnectionCount / perConnectionSeconds,
                perConnectionSeconds, perConnectionFailures);
    failures += perConnectionFailures;

    QProcess probe;
    probe.start(QStringLiteral("msmtp"), {QStringLiteral("--version")});
    if (probe.waitForFinished(10000) && probe.exitCode() == 0) {
        int msmtpFailures = 0;
        const double msmtpSeconds = msmtp(fx, &msmtpFailures);
        const double msmtpRate = MsmtpCount / msmtpSeconds;
        std::printf("  msmtp, %d messages, 1 process each %6.1f msg/s  %6.2f s  failures %d"
                    "  (1000 extrapolated: %.1f s)\n",
                    MsmtpCount, msmtpRate, msmtpSeconds, msmtpFailures,
                    msmtpSeconds * MessageCount / MsmtpCount);
        std::printf("  Tern client / msmtp              %8.1fx\n", clientRate / msmtpRate);
    } else {
        std::printf("  msmtp: not available\n");
    }
    fx.stop();
    return failures > 0 ? 2 : 0;
}
