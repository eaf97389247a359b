#include "readcommands.h"

#include "cli.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "cache/folderstore.h"
#include "cache/messagestore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QTimeZone>

namespace Tern {
namespace {

const QCommandLineOption accountOption(QStringLiteral("account"),
                                       QStringLiteral("Only this account."),
                                       QStringLiteral("name"));

/// The accounts a command looks at: the one named with --account, or all of them.
std::optional<QList<Account>> selectAccounts(CliContext &ctx, const QCommandLineParser &p,
                                             const char *command)
{
    AccountStore store(ctx.db->db());
    if (!p.isSet(accountOption))
        return store.list();
    const auto account = store.find(p.value(accountOption));
    if (!account) {
        ctx.err << "tern " << command << ": no account named " << p.value(accountOption) << "\n";
        return std::nullopt;
    }
    return QList<Account>{*account};
}

int listFolders(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(accountOption);
    if (!p.parse(QStringList{QStringLiteral("tern-folders")} + args)
        || !p.positionalArguments().isEmpty()) {
        ctx.err << "usage: tern folders [--account NAME]\n";
        return 2;
    }
    const auto accounts = selectAccounts(ctx, p, "folders");
    if (!accounts)
        return 1;
    FolderStore folders(ctx.db->db());
    for (const Account &a : *accounts) {
        if (accounts->size() > 1)
            ctx.out << "# " << a.name << "\n";
        for (const FolderInfo &f : folders.list(a.id)) {
            ctx.out << f.path << "\t" << (f.role.isEmpty() ? QStringLiteral("-") : f.role) << "\t"
                    << f.unread << "/" << f.total << "\n";
        }
    }
    return 0;
}

int listMessages(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser p;
    p.addOption(accountOption);
    p.addOption({QStringLiteral("limit"), QStringLiteral("At most N messages, newest first."),
                 QStringLiteral("N")});
    const bool parsed = p.parse(QStringList{QStringLiteral("tern-list")} + args);
    bool limitOk = true;
    const int limit = parsed && p.isSet(QStringLiteral("limit"))
        ? p.value(QStringLiteral("limit")).toInt(&limitOk)
        : -1;
    if (!parsed || p.positionalArguments().size() != 1 || !limitOk || limit < -1) {
        ctx.err << "usage: tern list FOLDER [--limit N] [--account NAME]\n";
        return 2;
    }
    const QString path = p.positionalArguments().first();
    const auto accounts = selectAccounts(ctx, p, "list");
    if (!accounts)
        return 1;
    FolderStore folders(ctx.db->db());
    QList<FolderInfo> matches;
    for (const Account &a : *accounts) {
        if (const auto f = folders.find(a.id, path))
            matches.append(*f);
    }
    if (matches.isEmpty()) {
        ctx.err << "tern list: no folder " << path << " in the cache (run tern sync first?)\n";
        return 1;
    }
    if (matches.size() > 1) {
        ctx.err << "tern list: several accounts have a folder " << path
                << "; choose one with --account\n";
        return 2;
    }
    // One query for the whole page: no per-row lookups.
    for (const MessageSummary &m : MessageStore(ctx.db->db()).list(matches.first().id, limit)) {
        const QString from = m.fromName.isEmpty()
            ? m.fromAddr
            : m.fromName + QStringLiteral(" <") + m.fromAddr + QLatin1Char('>');
        ctx.out << m.uid << "\t"
                << QDateTime::fromSecsSinceEpoch(m.date, QTimeZone::UTC).toString(Qt::ISODate)
                << "\t" << m.flags.letters() << "\t" << from << "\t" << m.subject << "\n";
    }
    return 0;
}

} // namespace

void registerReadCommands()
{
    Cli::registerCommand(QStringLiteral("folders"),
                         QStringLiteral("list cached folders: path, role, unread/total"),
                         [](CliContext &ctx, QStringList args) { return listFolders(ctx, args); });
    Cli::registerCommand(QStringLiteral("list"),
                         QStringLiteral("list a cached folder's messages, newest first"),
                         [](CliContext &ctx, QStringList args) {
                             return listMessages(ctx, args);
                         });
}

} // namespace Tern
