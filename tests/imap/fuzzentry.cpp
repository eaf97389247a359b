#include "fuzzentry.h"

#include "imapencoder.h"
#include "imapparser.h"

#include <cstdlib>

namespace Tern::Imap {

namespace {

QList<Response> parseAll(QByteArrayView data, qsizetype chunk, Parser::Limits limits)
{
    Parser parser(limits);
    QList<Response> out;
    for (qsizetype pos = 0; pos < data.size(); pos += chunk) {
        parser.feed(data.sliced(pos, qMin(chunk, data.size() - pos)));
        while (auto r = parser.next())
            out.append(std::move(*r));
    }
    for (const Response &r : out) {
        if (const auto *list = std::get_if<ListData>(&r))
            encodeMailboxName(list->mailbox); // exercises the encoder on decoded names
        if (const auto *vanished = std::get_if<VanishedData>(&r))
            expandSequenceSet(vanished->uids, 100000);
    }
    return out;
}

} // namespace

void fuzzParser(QByteArrayView data)
{
    if (data.isEmpty())
        return;
    Parser::Limits limits;
    limits.maxLineLength = 64 * 1024;
    limits.maxLiteralSize = 1024 * 1024;
    limits.maxDepth = 20;
    const qsizetype chunk = qsizetype(uchar(data[0]) % 17) + 1;
    const QList<Response> whole = parseAll(data, data.size(), limits);
    const QList<Response> chunked = parseAll(data, chunk, limits);
    // Chunking must never change the result.
    if (!(whole == chunked))
        std::abort();
    const QString decoded = decodeMailboxName(data);
    if (decodeMailboxName(encodeMailboxName(decoded)) != decoded)
        std::abort();
}

} // namespace Tern::Imap
