#include "synccommands.h"

#include "cli.h"
#include "pop3synccommand.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "secrets/secretstore.h"
#include "sync/imapsynchronizer.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>

namespace Tern {
namespace {

QString passwordFor(CliContext &ctx, const Account &account, bool fromStdin, QString *error)
{
    if (fromStdin)
        return CliContext::readPasswordFromStdin();
    const auto r = ctx.secrets->readNow(account.secretKey(account.incoming.protocol));
    if (!r.ok)
        *error = r.noBackend ? QStringLiteral("no keychain is available; pass --password-stdin")
                             : QStringLiteral("no password for %1 in the keychain: %2")
                                   .arg(account.name, r.error);
    return r.secret;
}

int syncImap(CliContext &ctx, const Account &account, const QString &password, bool bodies)
{
    QElapsedTimer timer;
    timer.start();
    ImapSynchronizer sync(ctx.db->db(), account, password);
    qint64 folders = 0;
    qint64 total = 0;
    qint64 added = 0;
    QObject::connect(&sync, &ImapSynchronizer::progress, [&](const QString &line) {
        ctx.out << account.name << ": " << line << Qt::endl;
    });
    QObject::connect(&sync, &ImapSynchronizer::folderSynced,
                     [&](const ImapSynchronizer::FolderReport &r) {
        ++folders;
        total += r.total;
        added += r.added;
        ctx.out << r.path << ": " << r.total << " messages, " << r.added << " new, "
                << r.flagChanges << " flag changes, " << r.expunged << " expunged"
                << (r.reset ? ", UIDVALIDITY changed: refetched" : "") << Qt::endl;
    });
    bool ok = false;
    QString error;
    QEventLoop loop;
    QObject::connect(&sync, &ImapSynchronizer::finished, &loop, [&](bool success, const QString &e) {
        ok = success;
        error = e;
        loop.quit();
    });
    ImapSynchronizer::Options options;
    options.bodies = bodies;
    sync.start(options);
    loop.exec();
    if (!ok) {
        ctx.err << "tern sync: " << account.name << ": " << error << Qt::endl;
        return 1;
    }
    ctx.out << account.name << ": synchronised " << folders << " folders, " << total
            << " messages (" << added << " new) in " << timer.elapsed() << " ms" << Qt::endl;
    return 0;
}

int syncCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("account"), QStringLiteral("Only this account."), QStringLiteral("name")},
        {QStringLiteral("bodies"), QStringLiteral("Also download message bodies.")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from stdin.")},
    });
    if (!p.parse(QStringList{QStringLiteral("tern-sync")} + args)) {
        ctx.err << "tern sync: " << p.errorText() << "\n";
        return 2;
    }
    QList<Account> accounts = AccountStore(ctx.db->db()).list();
    if (p.isSet(QStringLiteral("account"))) {
        const QString name = p.value(QStringLiteral("account"));
        accounts.removeIf([&](const Account &a) { return a.name != name; });
        if (accounts.isEmpty()) {
            ctx.err << "tern sync: no account named " << name << "\n";
            return 1;
        }
    }
    if (accounts.isEmpty()) {
        ctx.err << "tern sync: no accounts; add one with tern account add\n";
        return 1;
    }
    const bool fromStdin = p.isSet(QStringLiteral("password-stdin"));
    if (fromStdin && accounts.size() > 1) {
        ctx.err << "tern sync: --password-stdin needs --account\n";
        return 2;
    }
    int status = 0;
    for (const Account &account : accounts) {
        if (account.incoming.protocol == ServerUrl::Protocol::Pop3) {
            status |= runPop3SyncCommand(ctx, account, args);
            continue;
        }
        QString error;
        const QString password = passwordFor(ctx, account, fromStdin, &error);
        if (!error.isEmpty()) {
            ctx.err << "tern sync: " << error << "\n";
            status = 1;
            continue;
        }
        status |= syncImap(ctx, account, password, p.isSet(QStringLiteral("bodies")));
    }
    return status;
}

} // namespace

void registerSyncCommands()
{
    Cli::registerCommand(QStringLiteral("sync"),
                         QStringLiteral("synchronise accounts with their servers"),
                         [](CliContext &ctx, QStringList args) { return syncCommand(ctx, args); });
}

} // namespace Tern
