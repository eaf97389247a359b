#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Tern::Imap {

/// COMPRESS=DEFLATE (RFC 4978): raw deflate (RFC 1951, no zlib header) in both directions,
/// every write flushed with Z_SYNC_FLUSH so the peer can decode it at once (§4).
class DeflateStream
{
public:
    /// maxInflatedChunk bounds what one inflate() call may return, against decompression bombs.
    explicit DeflateStream(qsizetype maxInflatedChunk = 64 * 1024 * 1024);
    ~DeflateStream();
    DeflateStream(const DeflateStream &) = delete;
    DeflateStream &operator=(const DeflateStream &) = delete;

    /// Compresses outgoing bytes and flushes them to a byte boundary.
    QByteArray deflate(QByteArrayView plain);
    /// Decompresses incoming bytes; on corrupt input returns nothing and sets the error.
    QByteArray inflate(QByteArrayView compressed);
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Totals for the connection report: bytes before and after compression.
    quint64 plainBytesOut() const { return m_plainOut; }
    quint64 compressedBytesOut() const { return m_compressedOut; }
    quint64 compressedBytesIn() const { return m_compressedIn; }
    quint64 plainBytesIn() const { return m_plainIn; }

private:
    struct Streams;
    std::unique_ptr<Streams> m_z;
    QString m_error;
    qsizetype m_maxChunk;
    quint64 m_plainOut = 0;
    quint64 m_compressedOut = 0;
    quint64 m_compressedIn = 0;
    quint64 m_plainIn = 0;
};

} // namespace Tern::Imap
