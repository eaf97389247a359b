#pragma once

namespace Tern {

/// Registers `tern sync [--account N] [--bodies] [--password-stdin]`.
void registerSyncCommands();

} // namespace Tern
