#include "pop3synccommand.h"

#include "cli.h"

#include "accounts/account.h"
#include "cache/database.h"
#include "secrets/secretstore.h"
#include "sync/pop3fetcher.h"

#include <QElapsedTimer>
#include <QEventLoop>

namespace Tern {

int runPop3SyncCommand(CliContext &ctx, const Account &account, const QStringList &options)
{
    QString password;
    if (options.contains(QStringLiteral("--password-stdin"))) {
        password = CliContext::readPasswordFromStdin();
    } else {
        const auto r = ctx.secrets->readNow(account.secretKey(ServerUrl::Protocol::Pop3));
        if (!r.ok) {
            ctx.err << "tern sync: "
                    << (r.noBackend ? QStringLiteral("no keychain is available; pass "
                                                     "--password-stdin")
                                    : QStringLiteral("no password for %1 in the keychain: %2")
                                          .arg(account.name, r.error))
                    << Qt::endl;
            return 1;
        }
        password = r.secret;
    }
    QElapsedTimer timer;
    timer.start();
    Pop3Fetcher fetcher(ctx.db->db(), account, password);
    QObject::connect(&fetcher, &Pop3Fetcher::progress, [&](const QString &line) {
        ctx.out << account.name << ": " << line << Qt::endl;
    });
    bool ok = false;
    QString error;
    QEventLoop loop;
    QObject::connect(&fetcher, &Pop3Fetcher::finished, &loop,
                     [&](bool success, const QString &e) {
        ok = success;
        error = e;
        loop.quit();
    });
    fetcher.sync();
    loop.exec();
    const Pop3Fetcher::Report r = fetcher.report();
    ctx.out << "Inbox: " << r.inboxTotal << " messages, " << r.downloaded << " new, "
            << r.deletedOnServer << " deleted on server";
    if (r.headersOnly > 0)
        ctx.out << ", " << r.headersOnly << " headers only";
    if (r.failedMessages > 0)
        ctx.out << ", " << r.failedMessages << " could not be downloaded";
    ctx.out << Qt::endl;
    if (!ok) {
        ctx.err << "tern sync: " << account.name << ": " << error << Qt::endl;
        return 1;
    }
    ctx.out << account.name << ": " << fetcher.options().modeText() << " mode, done in "
            << timer.elapsed() << " ms" << Qt::endl;
    return 0;
}

} // namespace Tern
