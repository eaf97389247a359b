// Benchmark (not a test): download every INBOX message of a private fixture's alice (keep
// mode, pipelined) with Pop3::Client, beside a raw floor (one TLS connection, all RETRs
// written at once, bytes read and thrown away) and, when installed, fetchmail.
//   bench_pop3 [messages=10000] [dir=/tmp/tern-bench-pop3] [rounds=2] [notools]
#include "common/ssltransport.h"
#include "mailfixture.h"
#include "pop3/pop3client.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QStandardPaths>

#include <cstdio>

using namespace Tern;
using TernTest::MailFixture;

namespace {

struct Result {
    double ms = -1;
    qint64 bytes = 0;
    int messages = 0;
    QString error;
};

Pop3::Settings aliceSettings(const MailFixture &fx)
{
    Pop3::Settings s;
    s.host = fx.host();
    s.port = fx.port("pop3s");
    s.tls.mode = TlsMode::Implicit;
    s.tls.extraCaCertificates = fx.caCertificates();
    s.user = QStringLiteral("alice");
    s.password = fx.password(QStringLiteral("alice"));
    if (qEnvironmentVariableIsSet("TERN_POP3_WINDOW"))
        s.pipelineWindow = qEnvironmentVariableIntValue("TERN_POP3_WINDOW");
    return s;
}

Result runEngine(const MailFixture &fx)
{
    Result r;
    QEventLoop loop;
    Pop3::Client client(defaultTransportFactory());
    QObject::connect(&client, &Pop3::Client::listReceived, &client,
                     [&](const QList<Pop3::ListEntry> &entries) {
                         for (const Pop3::ListEntry &e : entries)
                             client.retrieve(e.msgNo);
                         client.quit();
                     });
    QObject::connect(&client, &Pop3::Client::messageData, &client,
                     [&](int, const QByteArray &chunk) { r.bytes += chunk.size(); });
    QObject::connect(&client, &Pop3::Client::messageComplete, &client,
                     [&](int) { ++r.messages; });
    QObject::connect(&client, &Pop3::Client::updateFinished, &loop, &QEventLoop::quit);
    QObject::connect(&client, &Pop3::Client::failed, &loop,
                     [&](Pop3::Error, const QString &message) {
                         r.error = message;
                         loop.quit();
                     });
    QElapsedTimer t;
    t.start();
    client.connectToServer(aliceSettings(fx));
    client.list();
    loop.exec();
    r.ms = double(t.nsecsElapsed()) / 1e6;
    return r;
}

// The floor: what any client must at least do to get the same bytes over one connection.
Result runFloor(const MailFixture &fx, int count)
{
    Result r;
    QElapsedTimer t;
    t.start();
    QSslSocket s;
    auto conf = s.sslConfiguration();
    conf.addCaCertificates(fx.caCertificates());
    s.setSslConfiguration(conf);
    s.connectToHostEncrypted(fx.host(), fx.port("pop3s"));
    if (!s.waitForEncrypted(10000)) {
        r.error = s.errorString();
        return r;
    }
    auto readLine = [&]() -> QByteArray {
        while (!s.canReadLine()) {
            if (!s.waitForReadyRead(10000))
                return {};
        }
        return s.readLine();
    };
    readLine();
    s.write("USER alice\r\nPASS " + fx.password(QStringLiteral("alice")).toUtf8() + "\r\n");
    if (!readLine().startsWith("+OK") || !readLine().startsWith("+OK")) {
        r.error = QStringLiteral("login failed");
        return r;
    }
    QByteArray commands;
    for (int n = 1; n <= count; ++n)
        commands += "RETR " + QByteArray::number(n) + "\r\n";
    commands += "QUIT\r\n";
    s.write(commands);
    // Every answer ends in "\r\n.\r\n"; stuffed lines start with "..", so "\n.\r\n" is
    // only ever a terminator. Keep 3 bytes across reads for a split marker.
    QByteArray tail;
    static char buffer[256 * 1024];
    while (r.messages < count) {
        if (s.bytesAvailable() == 0 && !s.waitForReadyRead(30000)) {
            r.error = QStringLiteral("floor: read timed out");
            return r;
        }
        const qint64 got = s.read(buffer, sizeof buffer);
        if (got <= 0)
            continue;
        r.bytes += got;
        // A marker split across reads lies in the last 3 bytes before plus the first 3 now.
        r.messages += QByteArray(tail + QByteArrayView(buffer, qMin<qint64>(3, got)))
                          .count("\n.\r\n");
        const QByteArrayView data(buffer, got);
        for (qsizetype at = data.indexOf("\n.\r\n"); at >= 0;
             at = data.indexOf("\n.\r\n", at + 4))
            ++r.messages;
        tail = QByteArray(buffer + qMax<qint64>(0, got - 3), qMin<qint64>(3, got));
    }
    readLine(); // QUIT's reply
    r.ms = double(t.nsecsElapsed()) / 1e6;
    return r;
}

Result runTool(const QString &program, const QStringList &args, const QString &dir)
{
    Result r;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), dir);
    env.insert(QStringLiteral("FETCHMAILHOME"), dir);
    p.setProcessEnvironment(env);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    if (!p.waitForFinished(30 * 60 * 1000)) {
        r.error = program + QStringLiteral(" did not finish");
        return r;
    }
    r.ms = double(t.nsecsElapsed()) / 1e6;
    const QByteArray output = p.readAll();
    // "720 messages for alice at localhost (1443802 octets)."
    static const QRegularExpression summary(
        QStringLiteral("(\\d+) messages? for .*\\((\\d+) octets\\)"));
    const QRegularExpressionMatch m = summary.match(QString::fromUtf8(output));
    r.messages = m.captured(1).toInt();
    r.bytes = m.captured(2).toLongLong();
    // fetchmail exits 0 when it fetched mail; anything else is a failed run.
    if (p.exitCode() != 0)
        r.error = QStringLiteral("%1 exited with %2: %3")
                      .arg(program).arg(p.exitCode())
                      .arg(QString::fromUtf8(output.right(600)));
    return r;
}

Result runFetchmail(const MailFixture &fx, const QString &dir)
{
    const QString rc = dir + QStringLiteral("/fetchmailrc");
    QFile f(rc);
    f.open(QIODevice::WriteOnly);
    f.write("set no bouncemail\npoll localhost port " + QByteArray::number(fx.port("pop3s"))
            + " protocol POP3 auth password\n  user \"alice\" password \""
            + fx.password(QStringLiteral("alice")).toUtf8() + "\" is \"bench\" here\n"
            + "  ssl sslcertck sslcertfile \"" + fx.caFile().toUtf8() + "\" sslproto TLS1.2+\n"
            + "  keep fetchall no rewrite mda \"cat >/dev/null\"\n");
    f.close();
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    return runTool(QStringLiteral("fetchmail"),
                   {QStringLiteral("-f"), rc, QStringLiteral("--nodetach"),
                    QStringLiteral("--idfile"), dir + QStringLiteral("/fetchids")},
                   dir);
}

void print(const char *name, const Result &r, const Result &floor)
{
    if (!r.error.isEmpty()) {
        std::printf("%-22s failed: %s\n", name, qPrintable(r.error));
        return;
    }
    const double mb = double(r.bytes) / (1024.0 * 1024.0);
    std::printf("%-22s %9.0f ms  %7.1f MB  %6d msgs  %7.1f MB/s  %5.2fx floor\n", name, r.ms,
                mb, r.messages, r.ms > 0 ? mb / (r.ms / 1000.0) : 0.0,
                floor.ms > 0 ? r.ms / floor.ms : 0.0);
    std::fflush(stdout);
}

Result best(const Result &a, const Result &b)
{
    if (!a.error.isEmpty())
        return b;
    if (!b.error.isEmpty())
        return a;
    return a.ms <= b.ms ? a : b;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const int generated = args.value(1, QStringLiteral("10000")).toInt();
    const QString dir = args.value(2, QStringLiteral("/tmp/tern-bench-pop3"));
    const int rounds = qMax(1, args.value(3, QStringLiteral("2")).toInt());
    const bool tools = args.value(4) != QLatin1StringView("notools");
    QDir(dir).removeRecursively();

    QElapsedTimer setup;
    setup.start();
    const MailFixture fx = MailFixture::startPrivate(dir, generated);
    if (!fx.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(fx.error()));
        return 1;
    }
    std::printf("fixture with %d generated messages for alice ready in %.1f s\n", generated,
                double(setup.elapsed()) / 1000.0);

    // Warm the server's caches once, then alternate and keep each contender's best round.
    const Result warm = runEngine(fx);
    if (!warm.error.isEmpty()) {
        std::fprintf(stderr, "engine: %s\n", qPrintable(warm.error));
        fx.stop();
        return 1;
    }
    std::printf("POP3 sees %d messages in INBOX\n", warm.messages);
    Result floor;
    Result engine;
    for (int round = 0; round < rounds; ++round) {
        floor = round ? best(floor, runFloor(fx, warm.messages)) : runFloor(fx, warm.messages);
        engine = round ? best(engine, runEngine(fx)) : runEngine(fx);
    }

    std::printf("\n%-22s %12s  %10s  %11s  %10s\n", "contender", "time", "bytes", "messages",
                "rate");
    print("raw floor (pipelined)", floor, floor);
    print("Tern Pop3::Client", engine, floor);
    const QString toolDir = dir + QStringLiteral("/tools");
    QDir().mkpath(toolDir);
    if (tools && !QStandardPaths::findExecutable(QStringLiteral("fetchmail")).isEmpty())
        print("fetchmail (keep, mda)", runFetchmail(fx, toolDir), floor);

    fx.stop();
    return 0;
}
