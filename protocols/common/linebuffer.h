#pragma once

#include <QByteArray>

#include <optional>

namespace Tern {

/// Splits a byte stream into CRLF-terminated lines with a hard cap on line length, for the
/// line-based protocols (SMTP, POP3). A bare LF also ends a line: lenient reading, strict writing.
class LineBuffer
{
public:
    explicit LineBuffer(qsizetype maxLineLength = 64 * 1024) : m_max(maxLineLength) {}

    void feed(const QByteArray &bytes) { m_buffer.append(bytes); }
    /// The next complete line without its line ending, or nothing if more bytes are needed.
    std::optional<QByteArray> takeLine();
    /// True once a line grew past the cap: the peer is broken or hostile.
    bool overflowed() const { return m_overflowed; }
    /// Bytes received but not yet returned as a line.
    qsizetype pending() const { return m_buffer.size() - m_pos; }
    void clear();

private:
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_max;
    bool m_overflowed = false;
};

} // namespace Tern
