#pragma once

#include <QByteArrayView>

namespace Tern::Imap {

/// The fuzz entry: parses data whole, then again in chunks chosen by its first byte, with
/// small limits so depth and size caps are reached; both runs must agree.
void fuzzParser(QByteArrayView data);

} // namespace Tern::Imap
