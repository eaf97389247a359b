#include "autoaccount.h"

#include "cli/cli.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "secrets/secretstore.h"

namespace Tern {

using namespace Autoconfig;

std::optional<Account> accountFromResult(const AutoconfigResult &result, QString *error)
{
    if (!result.error.isEmpty()) {
        *error = result.error;
        return std::nullopt;
    }
    if (!result.found || !result.best.hasUsableIncoming()) {
        *error = QStringLiteral("no usable incoming server was found for %1").arg(result.email);
        return std::nullopt;
    }
    Account a;
    a.email = result.email;
    for (const ServerConfig &s : result.best.incoming) {
        if (s.isUsable()) {
            a.incoming = s.toServerUrl();
            break;
        }
    }
    for (const ServerConfig &s : result.best.outgoing) {
        if (s.isUsable()) {
            a.smtp = s.toServerUrl();
            break;
        }
    }
    if (a.incoming.user.isEmpty())
        a.incoming.user = a.email;
    if (a.smtp && a.smtp->user.isEmpty())
        a.smtp->user = a.incoming.user;
    return a;
}

bool needsConfirmation(const AutoconfigResult &result)
{
    return result.insecureSource || result.fromDns;
}

int addAccountAuto(CliContext &ctx, const AutoAddRequest &request,
                   const Discovery::Settings &settings)
{
    const AutoconfigResult result = discover(request.email, settings);
    ctx.out << result.describe() << "\n";
    QString error;
    auto account = accountFromResult(result, &error);
    if (!account) {
        ctx.err << "tern account add: " << error << "\n";
        return 1;
    }
    if (needsConfirmation(result) && !request.confirmed) {
        ctx.err << "tern account add: these settings came "
                << (result.insecureSource ? "over plain HTTP" : "from unsigned DNS records")
                << ", which anyone on the network path could forge. Check the server names "
                   "above and pass --yes to use them.\n";
        return 3;
    }
    account->name = request.name;
    account->displayName = request.displayName;
    account->caFile = request.caFile;
    AccountStore store(ctx.db->db());
    if (!store.add(*account, &error)) {
        ctx.err << "tern account add: " << error << "\n";
        return 1;
    }
    if (!request.password.isEmpty()) {
        for (ServerUrl::Protocol proto : {account->incoming.protocol, ServerUrl::Protocol::Smtp}) {
            if (proto == ServerUrl::Protocol::Smtp && !account->smtp)
                continue;
            const auto r = ctx.secrets->writeNow(account->secretKey(proto), request.password);
            if (!r.ok) {
                store.remove(account->id, &error);
                ctx.err << "tern account add: cannot store the password in the keychain: "
                        << r.error << " (passwords are never written to disk in plain text)\n";
                return 1;
            }
        }
    }
    ctx.out << "added account " << account->name << " (" << account->incoming.toString();
    if (account->smtp)
        ctx.out << ", " << account->smtp->toString();
    ctx.out << ")\n";
    return 0;
}

} // namespace Tern
