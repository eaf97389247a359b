#pragma once

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <memory>

namespace Tern {

class Database;
class SecretStore;

/// What every command of the command-line mode gets: the opened profile and the secrets.
struct CliContext {
    QString profileDir;
    Database *db = nullptr;
    SecretStore *secrets = nullptr;
    QTextStream out{stdout};
    QTextStream err{stderr};

    /// Reads a password from standard input (all of it, one trailing newline removed).
    static QString readPasswordFromStdin();
};

/// The command-line mode: `tern [--profile DIR] COMMAND ...`. Thin: each command drives the
/// same core classes the GUI uses.
class Cli
{
public:
    using Command = std::function<int(CliContext &, QStringList args)>;

    /// True when argv names a command (account, sync, ...) rather than starting the GUI.
    static bool isCommandLine(int argc, char **argv);
    /// Registers a top-level command; called by each command file.
    static void registerCommand(const QString &name, const QString &summary, Command command);

    int run(QStringList args);
};

} // namespace Tern
