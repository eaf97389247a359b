#pragma once

#include "accounts/account.h"
#include "autoconfig/autoconfigresult.h"
#include "autoconfig/discovery.h"

#include <optional>

namespace Tern {

struct CliContext;

/// Turns discovery's winning finding into an account (first usable incoming and outgoing
/// server); nothing, with a reason in error, when no usable incoming server was found.
std::optional<Account> accountFromResult(const Autoconfig::AutoconfigResult &result,
                                         QString *error);

/// True when the settings came over plain HTTP or unsigned DNS: the IETF autoconfig draft
/// asks to confirm with the user before a password is sent to such servers.
bool needsConfirmation(const Autoconfig::AutoconfigResult &result);

/// What `tern account add --auto` was asked to do.
struct AutoAddRequest {
    QString name;
    QString email;
    QString displayName;
    QString caFile;
    QString password;
    /// The user confirmed servers found through plain HTTP or DNS.
    bool confirmed = false;
};

/// `tern account add --auto`: discovers, prints describe(), adds the best account and stores
/// the password in the keychain. Returns the process exit code.
int addAccountAuto(CliContext &ctx, const AutoAddRequest &request,
                   const Autoconfig::Discovery::Settings &settings);

} // namespace Tern
