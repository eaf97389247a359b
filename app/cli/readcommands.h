#pragma once

namespace Tern {

/// Registers `tern folders` and `tern list FOLDER`: read-only views of the cache.
void registerReadCommands();

} // namespace Tern
