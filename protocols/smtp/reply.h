#pragma once

#include <QByteArrayList>
#include <QDebug>

#include <optional>

namespace Tern::Smtp {

/// One complete server reply: RFC 5321 §4.2 reply code, RFC 3463 enhanced status code (empty
/// when the server sent none) and the text of each line without code and separators.
struct Reply {
    int code = 0;
    QByteArray enhanced;
    QByteArrayList lines;

    /// 2xx and 3xx: the command went through (RFC 5321 §4.2.1).
    bool isPositive() const { return code >= 200 && code < 400; }
    /// 4xx: try again later.
    bool isTransient() const { return code >= 400 && code < 500; }
    /// 5xx: final.
    bool isPermanent() const { return code >= 500 && code < 600; }
    /// All lines as one readable text, for error messages.
    QString text() const;

    friend bool operator==(const Reply &, const Reply &) = default;
};

/// One parsed reply line, RFC 5321 §4.2: "Reply-code [ ( SP / "-" ) textstring ]".
struct ReplyLine {
    int code = 0;
    bool last = true;
    QByteArray text;

    friend bool operator==(const ReplyLine &, const ReplyLine &) = default;
};

/// Parses one line without its CRLF; nothing when it is not a valid reply line.
std::optional<ReplyLine> parseReplyLine(QByteArrayView line);

/// The RFC 3463 §2 status code "class.subject.detail" at the start of text, when its class
/// matches the reply code's first digit; empty otherwise. The code length goes to *length.
QByteArray parseEnhancedCode(QByteArrayView text, int replyCode, qsizetype *length = nullptr);

QDebug operator<<(QDebug debug, const Reply &reply);

} // namespace Tern::Smtp
