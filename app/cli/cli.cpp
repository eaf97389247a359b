#include "cli.h"

#include "accountcommands.h"
#include "profile.h"
#include "readcommands.h"
#include "sendcommands.h"
#include "synccommands.h"

#include "cache/database.h"
#include "secrets/keychainsecretstore.h"

#include <QFile>
#include <QMap>

#include <cstring>

namespace Tern {
namespace {

struct Entry {
    QString summary;
    Cli::Command command;
};

QMap<QString, Entry> &table()
{
    static QMap<QString, Entry> entries;
    return entries;
}

// Every command file registers itself here; later issues add theirs.
const QMap<QString, Entry> &commands()
{
    static const bool registered = [] {
        registerAccountCommands();
        registerReadCommands();
        registerSendCommands();
        registerSyncCommands();
        return true;
    }();
    Q_UNUSED(registered);
    return table();
}

} // namespace

void Cli::registerCommand(const QString &name, const QString &summary, Command command)
{
    table().insert(name, {summary, std::move(command)});
}

bool Cli::isCommandLine(int argc, char **argv)
{
    static const char *const names[] = {"account", "sync", "folders", "list", "send", "help"};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--profile") == 0) {
            ++i;
            continue;
        }
        if (argv[i][0] == '-')
            return false;
        for (const char *name : names) {
            if (std::strcmp(argv[i], name) == 0)
                return true;
        }
        return false;
    }
    return false;
}

QString CliContext::readPasswordFromStdin()
{
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return {};
    QString password = QString::fromUtf8(in.readAll());
    if (password.endsWith(QLatin1Char('\n')))
        password.chop(1);
    if (password.endsWith(QLatin1Char('\r')))
        password.chop(1);
    return password;
}

int Cli::run(QStringList args)
{
    args.removeFirst(); // program name
    QString profileDir;
    if (args.size() >= 2 && args.first() == QLatin1StringView("--profile")) {
        profileDir = args.at(1);
        args.remove(0, 2);
    }
    CliContext ctx;
    const auto &table = commands();
    if (args.isEmpty() || !table.contains(args.first())) {
        ctx.err << "usage: tern [--profile DIR] COMMAND [ARGS]\ncommands:\n";
        for (auto it = table.begin(); it != table.end(); ++it)
            ctx.err << "  " << it.key() << "\t" << it.value().summary << "\n";
        return args.isEmpty() || args.first() == QLatin1StringView("help") ? 0 : 2;
    }
    const Profile profile(profileDir);
    QString error;
    if (!profile.ensureExists(&error)) {
        ctx.err << "tern: " << error << "\n";
        return 1;
    }
    Database db(profile.databasePath(), QStringLiteral("cli"));
    if (!db.isOpen()) {
        ctx.err << "tern: cannot open the cache " << profile.databasePath() << ": "
                << db.errorString() << "\n";
        return 1;
    }
    KeychainSecretStore secrets;
    ctx.profileDir = profile.dir();
    ctx.db = &db;
    ctx.secrets = &secrets;
    const QString name = args.takeFirst();
    return table.value(name).command(ctx, args);
}

} // namespace Tern
