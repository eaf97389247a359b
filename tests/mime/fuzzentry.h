#pragma once

#include <QByteArrayView>

namespace Tern::Mime {

/// The fuzz entry: parses data as a message with a small depth cap, sanitises the chosen body
/// and data itself as HTML, and checks the invariants that must hold for any input.
void fuzzMime(QByteArrayView data);

} // namespace Tern::Mime
