#include "pop3synccommand.h"

#include "cli.h"

#include "accounts/account.h"

namespace Tern {

int runPop3SyncCommand(CliContext &ctx, const Account &account, const QStringList &options)
{
    Q_UNUSED(options);
    ctx.err << "tern sync: POP3 accounts cannot be synchronised yet (" << account.name << ")\n";
    return 1;
}

} // namespace Tern
