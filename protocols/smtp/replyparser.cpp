#include "replyparser.h"

namespace Tern::Smtp {

ReplyParser::ReplyParser(qsizetype maxLineLength, int maxLines)
    : m_buffer(maxLineLength), m_maxLines(maxLines)
{
}

std::optional<Reply> ReplyParser::next()
{
    while (m_error.isEmpty()) {
        const std::optional<QByteArray> raw = m_buffer.takeLine();
        if (!raw) {
            if (m_buffer.overflowed())
                m_error = QStringLiteral("The server sent an overlong reply line");
            return std::nullopt;
        }
        const std::optional<ReplyLine> line = parseReplyLine(*raw);
        if (!line) {
            m_error = QStringLiteral("The server sent a malformed reply: ")
                + QString::fromUtf8(raw->left(80));
            return std::nullopt;
        }
        QByteArray text = line->text;
        if (m_partial.lines.isEmpty()) {
            m_partial.code = line->code;
            qsizetype length = 0;
            m_partial.enhanced = parseEnhancedCode(text, line->code, &length);
            if (length > 0)
                text = text.mid(length + 1);
        } else if (line->code != m_partial.code) {
            m_error = QStringLiteral("The server changed the reply code within a reply");
            return std::nullopt;
        } else if (!m_partial.enhanced.isEmpty() && text.startsWith(m_partial.enhanced)
                   && (text.size() == m_partial.enhanced.size()
                       || text.at(m_partial.enhanced.size()) == ' ')) {
            // RFC 2034 §3: every line of a multiline reply repeats the status code.
            text = text.mid(m_partial.enhanced.size() + 1);
        }
        m_partial.lines.append(text);
        if (m_partial.lines.size() > m_maxLines) {
            m_error = QStringLiteral("The server sent an overlong reply");
            return std::nullopt;
        }
        if (line->last)
            return std::exchange(m_partial, Reply());
    }
    return std::nullopt;
}

void ReplyParser::clear()
{
    m_buffer.clear();
    m_partial = Reply();
    m_error.clear();
}

} // namespace Tern::Smtp
