#pragma once

#include "parsedmessage.h"

#include <QByteArray>

namespace Tern::Mime {

/// How parseMessage chooses among alternatives and bounds its work.
struct ParseOptions
{
    bool preferHtml = true; ///< pick text/html over text/plain in multipart/alternative
    int maxDepth = 100;     ///< multipart/message nesting beyond this is not descended into
};

/// Parses raw RFC 5322 bytes (CRLF or LF) for display; never fails, see rawFallback.
ParsedMessage parseMessage(const QByteArray &raw, const ParseOptions &options = {});

} // namespace Tern::Mime
