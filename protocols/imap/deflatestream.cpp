#include "deflatestream.h"

#include <zlib.h>

namespace Tern::Imap {

struct DeflateStream::Streams {
    z_stream out{};
    z_stream in{};
    bool outOk = false;
    bool inOk = false;
};

DeflateStream::DeflateStream(qsizetype maxInflatedChunk)
    : m_z(std::make_unique<Streams>()), m_maxChunk(maxInflatedChunk)
{
    // Negative window bits select raw deflate, as RFC 4978 §3 requires.
    m_z->outOk = deflateInit2(&m_z->out, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8,
                              Z_DEFAULT_STRATEGY) == Z_OK;
    m_z->inOk = inflateInit2(&m_z->in, -15) == Z_OK;
    if (!m_z->outOk || !m_z->inOk)
        m_error = QStringLiteral("zlib initialisation failed");
}

DeflateStream::~DeflateStream()
{
    if (m_z->outOk)
        deflateEnd(&m_z->out);
    if (m_z->inOk)
        inflateEnd(&m_z->in);
}

QByteArray DeflateStream::deflate(QByteArrayView plain)
{
    QByteArray out;
    if (hasError())
        return out;
    z_stream &z = m_z->out;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.data()));
    z.avail_in = uInt(plain.size());
    char buffer[16384];
    do {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        const int rc = ::deflate(&z, Z_SYNC_FLUSH);
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_error = QStringLiteral("deflate failed");
            return {};
        }
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
    } while (z.avail_out == 0);
    m_plainOut += quint64(plain.size());
    m_compressedOut += quint64(out.size());
    return out;
}

QByteArray DeflateStream::inflate(QByteArrayView compressed)
{
    QByteArray out;
    if (hasError())
        return out;
    z_stream &z = m_z->in;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(compressed.data()));
    z.avail_in = uInt(compressed.size());
    char buffer[16384];
    while (z.avail_in > 0 || z.avail_out == 0) {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        const int rc = ::inflate(&z, Z_SYNC_FLUSH);
        if (rc == Z_BUF_ERROR && z.avail_out == sizeof buffer)
            break; // no progress possible: every input byte was consumed
        if (rc != Z_OK && rc != Z_BUF_ERROR) {
            m_error = rc == Z_STREAM_END ? QStringLiteral("compressed stream ended")
                                         : QStringLiteral("corrupt compressed data");
            return {};
        }
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
        if (out.size() > m_maxChunk) {
            m_error = QStringLiteral("compressed data expands beyond the limit");
            return {};
        }
    }
    m_compressedIn += quint64(compressed.size());
    m_plainIn += quint64(out.size());
    return out;
}

} // namespace Tern::Imap
