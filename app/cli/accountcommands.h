#pragma once

namespace Tern {

/// Registers `tern account add|list|remove`.
void registerAccountCommands();

} // namespace Tern
