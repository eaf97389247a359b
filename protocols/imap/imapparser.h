#pragma once

#include "imapresponse.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

namespace Tern::Imap {

/// Caps that turn absurd input into a clean protocol error (Parser::Limits).
struct ParserLimits {
    qsizetype maxLineLength = 1024 * 1024;        // bytes of one response outside literals
    qsizetype maxLiteralSize = 256 * 1024 * 1024; // one literal, and all of one response's
    int maxDepth = 100;                           // nested parentheses
};

/// Incremental, bounded IMAP response parser (RFC 3501 §7, RFC 9051 §7). No socket: feed it
/// bytes in any chunking and take complete typed responses. Consumed bytes are dropped, so
/// memory depends on the largest response, never on the length of the stream.
class Parser
{
public:
    using Limits = ParserLimits;

    explicit Parser(Limits limits = Limits());

    /// Appends received bytes; nothing is parsed until next().
    void feed(QByteArrayView bytes);
    /// The next complete response; nullopt when more data is needed or after an error.
    std::optional<Response> next();
    /// True after a protocol error; sticky until reset().
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    /// Mailbox names are UTF-8 instead of mUTF-7 (after ENABLE UTF8=ACCEPT, RFC 6855, or
    /// IMAP4rev2).
    void setUtf8Mailboxes(bool on) { m_utf8 = on; }
    /// Drops every buffered byte and any error (after STARTTLS, RFC 3501 §6.2.1).
    void reset();
    /// Bytes received and not yet returned as a response.
    qsizetype bufferedBytes() const { return m_buffer.size() - m_start; }
    /// True when no partial response is buffered (a disconnect here loses nothing).
    bool atResponseBoundary() const { return bufferedBytes() == 0; }
    /// Marks the end of the stream: a partial response still buffered becomes an error.
    void finish();

private:
    enum class Frame { NeedMore, Complete, Error };
    Frame frame();
    bool startLiteral(qsizetype segmentEnd);
    void fail(const QString &message);

    Limits m_limits;
    QByteArray m_buffer;
    QList<QByteArray> m_cache; // short strings that repeat across responses (addresses)
    qsizetype m_start = 0;        // first byte of the current response
    qsizetype m_scan = 0;         // bytes of the current response already framed
    qsizetype m_segment = 0;      // first byte of the current line segment
    qsizetype m_lineBytes = 0;    // non-literal bytes of the current response so far
    qsizetype m_literalBytes = 0; // literal bytes of the current response so far
    qsizetype m_literalLeft = 0;
    bool m_literalBinary = false;
    bool m_utf8 = false;
    QString m_error;
};

} // namespace Tern::Imap
