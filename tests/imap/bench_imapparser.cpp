// Benchmark (not a test): parses a generated 100,000-message
// "UID FETCH 1:* (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE)" response and prints
// MB/s and responses/s beside a raw floor that only finds the line ends (memchr) in the same
// bytes, fed in the same chunks. Usage: bench_imapparser [messages] [runs]
#include "imapparser.h"

#include <QFile>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <variant>

using namespace Tern::Imap;

namespace {

// CPU time of this thread: on a shared, loaded machine wall time measures the neighbours.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

constexpr qsizetype chunkSize = 64 * 1024; // what a socket read typically returns

QByteArray address(const QByteArray &name, const QByteArray &mailbox, const QByteArray &host)
{
    return "((\"" + name + "\" NIL \"" + mailbox + "\" \"" + host + "\"))";
}

// One of `people` correspondents: real folders repeat senders, but not only four of them.
QByteArray person(int i, int people)
{
    const QByteArray n = QByteArray::number(i % people);
    return address("Person " + n + " Example", "person" + n, "host" + n + ".example.org");
}

QByteArray generate(int messages)
{
    QByteArray out;
    out.reserve(qsizetype(messages) * 1100);
    const QByteArray alternative =
        "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" 1234 40 NIL "
        "NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" "
        "4567 80 NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"=_alt\") NIL NIL NIL";
    for (int i = 1; i <= messages; ++i) {
        const QByteArray n = QByteArray::number(i);
        out += "* " + n + " FETCH (UID " + QByteArray::number(i * 3) + " FLAGS (\\Seen"
            + (i % 7 == 0 ? " \\Flagged $Label1" : "") + ") INTERNALDATE \""
            + QByteArray::number(1 + i % 28).rightJustified(2, '0')
            + "-Jul-2024 02:44:25 +0200\" RFC822.SIZE " + QByteArray::number(4000 + i % 9000)
            + " ENVELOPE (\"Wed, 17 Jul 2024 02:23:25 +0200\" ";
        if (i % 10 == 0) {
            const QByteArray subject = "=?utf-8?q?Gr=C3=BC=C3=9Fe?= \"quoted\" subject " + n;
            out += '{' + QByteArray::number(subject.size()) + "}\r\n" + subject;
        } else {
            out += "\"Re: [list] Subject number " + n + " about \\\"things\\\"\"";
        }
        const QByteArray from = person(i * 7, 2000);
        out += ' ' + from + ' ' + from + ' ' + from + ' '
            + "((NIL NIL \"me\" \"example.com\")(\"Carol\" NIL \"carol\" \"example.net\")) "
            + (i % 3 == 0 ? person(i, 5000) : QByteArray("NIL"))
            + " NIL \"<parent" + n + "@example.org>\" \"<msg" + n + "@example.org>\") "
            + "BODYSTRUCTURE (";
        if (i % 5 == 0) {
            out += "(" + alternative + ")(\"APPLICATION\" \"PDF\" (\"NAME\" \"report " + n
                + ".pdf\") NIL NIL \"BASE64\" 123456 NIL (\"ATTACHMENT\" (\"FILENAME\" \"report "
                + n + ".pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"=_mixed\") NIL NIL NIL";
        } else {
            out += alternative;
        }
        out += "))\r\n";
    }
    out += "A5 OK Fetch completed (0.123 + 0.000 + 0.122 secs).\r\n";
    return out;
}

long peakRssKiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

struct Result {
    double seconds = 0;
    qsizetype responses = 0;
    qsizetype maxBuffered = 0;
};

Result scanFloor(const QByteArray &data)
{
    const double start = cpuSeconds();
    Result r;
    for (qsizetype pos = 0; pos < data.size(); pos += chunkSize) {
        const char *p = data.constData() + pos;
        const char *end = p + qMin(chunkSize, data.size() - pos);
        while ((p = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p))))) {
            ++r.responses;
            ++p;
        }
    }
    r.seconds = cpuSeconds() - start;
    return r;
}

Result parse(const QByteArray &data, qsizetype &fetches)
{
    const double start = cpuSeconds();
    Result r;
    Parser parser;
    fetches = 0;
    for (qsizetype pos = 0; pos < data.size(); pos += chunkSize) {
        parser.feed(QByteArrayView(data).sliced(pos, qMin(chunkSize, data.size() - pos)));
        while (auto response = parser.next()) {
            ++r.responses;
            if (const auto *f = std::get_if<FetchData>(&*response); f && f->bodyStructure)
                ++fetches;
        }
        r.maxBuffered = qMax(r.maxBuffered, parser.bufferedBytes());
    }
    if (parser.hasError())
        std::fprintf(stderr, "parse error: %s\n", qPrintable(parser.errorString()));
    r.seconds = cpuSeconds() - start;
    return r;
}

} // namespace

int main(int argc, char **argv)
{
    const int messages = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const QByteArray data = generate(messages);
    const double mb = double(data.size()) / 1e6;
    const long rssBefore = peakRssKiB();
    std::printf("%d messages, %.1f MB, %d runs (best of, thread CPU time), %lld-byte chunks\n", messages, mb, runs,
                static_cast<long long>(chunkSize));

    Result floorBest, parseBest;
    qsizetype fetches = 0;
    for (int run = 0; run < runs; ++run) {
        const Result f = scanFloor(data);
        const Result p = parse(data, fetches);
        if (run == 0 || f.seconds < floorBest.seconds)
            floorBest = f;
        if (run == 0 || p.seconds < parseBest.seconds)
            parseBest = p;
    }
    const long rssAfter = peakRssKiB();
    std::printf("raw floor (memchr CRLF): %8.0f MB/s  %10.0f lines/s\n",
                mb / floorBest.seconds, double(floorBest.responses) / floorBest.seconds);
    std::printf("parser:                  %8.1f MB/s  %10.0f responses/s  (%lld responses, "
                "%lld FETCH with BODYSTRUCTURE)\n",
                mb / parseBest.seconds, double(parseBest.responses) / parseBest.seconds,
                static_cast<long long>(parseBest.responses), static_cast<long long>(fetches));
    std::printf("parser max buffered: %lld bytes; peak RSS %ld KiB with the input in memory, "
                "%ld KiB after parsing (+%ld KiB)\n",
                static_cast<long long>(parseBest.maxBuffered), rssBefore, rssAfter,
                rssAfter - rssBefore);
    return parseBest.responses == messages + 1 && fetches == messages ? 0 : 1;
}
