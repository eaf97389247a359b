#pragma once

#include "imapparser.h"

#include <QDebug>
#include <QRandomGenerator>

#include <optional>

// Feeds bytes through a Parser in a chosen chunking and collects what comes out.
namespace ParserHarness {

struct Outcome {
    QList<Tern::Imap::Response> responses;
    bool error = false;
    QString errorString;
    qsizetype maxBuffered = 0;
};

/// chunk > 0: fixed-size chunks; chunk == 0: random sizes from seed; chunk < 0: all at once.
inline Outcome run(QByteArrayView input, int chunk, quint32 seed = 1,
                   Tern::Imap::Parser::Limits limits = {}, bool utf8 = false)
{
    Outcome out;
    Tern::Imap::Parser parser(limits);
    parser.setUtf8Mailboxes(utf8);
    QRandomGenerator random(seed);
    qsizetype pos = 0;
    while (pos < input.size() && !parser.hasError()) {
        qsizetype n = chunk > 0 ? chunk : chunk < 0 ? input.size() : random.bounded(1, 64);
        n = qMin(n, input.size() - pos);
        parser.feed(input.sliced(pos, n));
        pos += n;
        while (auto response = parser.next())
            out.responses.append(std::move(*response));
        out.maxBuffered = qMax(out.maxBuffered, parser.bufferedBytes());
    }
    parser.finish(); // the stream ends here: a partial response is an error
    out.error = parser.hasError();
    out.errorString = parser.errorString();
    return out;
}

inline QString dump(const QList<Tern::Imap::Response> &responses)
{
    QString text;
    QDebug debug(&text);
    for (const auto &r : responses)
        debug << r << "\n";
    return text;
}

} // namespace ParserHarness
