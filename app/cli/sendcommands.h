#pragma once

namespace Tern {

/// Registers `tern send --account N --to A ... --subject S (--body-file F | --body-stdin)`,
/// `tern send --flush --account N` and `tern send --resend ID --account N`.
void registerSendCommands();

} // namespace Tern
