#include "imapparser.h"

namespace Tern::Imap {

Parser::Parser(Limits limits) : m_limits(limits) {}
void Parser::feed(QByteArrayView bytes) { m_buffer.append(bytes); }
std::optional<Response> Parser::next() { return std::nullopt; }
void Parser::reset() { m_buffer.clear(); m_start = 0; m_error.clear(); }
void Parser::finish() {}

} // namespace Tern::Imap
