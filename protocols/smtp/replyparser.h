#pragma once

#include "reply.h"

#include "common/linebuffer.h"

#include <QString>

namespace Tern::Smtp {

/// Turns the server's byte stream into complete replies, RFC 5321 §4.2.1 multiline replies
/// included. Bounded: lines are capped by the LineBuffer and a reply by a line count.
class ReplyParser
{
public:
    explicit ReplyParser(qsizetype maxLineLength = 4096, int maxLines = 1000);

    void feed(const QByteArray &bytes) { m_buffer.feed(bytes); }
    /// The next complete reply, or nothing when more bytes are needed or after an error.
    std::optional<Reply> next();
    /// The server sent something that is not SMTP; the connection cannot be trusted further.
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Forgets everything buffered, e.g. before a STARTTLS handshake (RFC 3207 §4.2).
    void clear();

private:
    LineBuffer m_buffer;
    Reply m_partial;
    QString m_error;
    int m_maxLines;
};

} // namespace Tern::Smtp
