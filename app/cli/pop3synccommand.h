#pragma once

#include <QStringList>

namespace Tern {

struct Account;
struct CliContext;

/// `tern sync` for one POP3 account: downloads into its local folders and prints one progress
/// line per step. Returns the process exit code. Called by the sync command's dispatcher.
int runPop3SyncCommand(CliContext &ctx, const Account &account, const QStringList &options);

} // namespace Tern
