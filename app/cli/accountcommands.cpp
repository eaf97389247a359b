#include "accountcommands.h"

#include "cli.h"
#include "wizard/autoaccount.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "secrets/secretstore.h"
#include "sync/pop3options.h"

#include <QCommandLineParser>
#include <QFileInfo>

namespace Tern {
namespace {

int addAuto(CliContext &ctx, const QCommandLineParser &p)
{
    AutoAddRequest request;
    request.name = p.value(QStringLiteral("name"));
    request.email = p.value(QStringLiteral("email"));
    request.displayName = p.value(QStringLiteral("display-name"));
    request.confirmed = p.isSet(QStringLiteral("yes"));
    if (request.name.isEmpty() || request.email.isEmpty() || p.isSet(QStringLiteral("imap"))
        || p.isSet(QStringLiteral("pop3")) || p.isSet(QStringLiteral("smtp"))) {
        ctx.err << "usage: tern account add --auto --name N --email A [--password-stdin] "
                   "[--ca-file FILE] [--yes]\n";
        return 2;
    }
    if (p.isSet(QStringLiteral("ca-file"))) {
        const QFileInfo ca(p.value(QStringLiteral("ca-file")));
        if (!ca.isReadable()) {
            ctx.err << "tern account add: cannot read the CA file " << ca.filePath() << "\n";
            return 2;
        }
        request.caFile = ca.absoluteFilePath();
    }
    if (p.isSet(QStringLiteral("password-stdin")))
        request.password = CliContext::readPasswordFromStdin();
    return addAccountAuto(ctx, request, {});
}

int addAccount(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions({
        {QStringLiteral("name"), QStringLiteral("Account name."), QStringLiteral("name")},
        {QStringLiteral("email"), QStringLiteral("E-mail address."), QStringLiteral("address")},
        {QStringLiteral("display-name"), QStringLiteral("Your name."), QStringLiteral("text")},
        {QStringLiteral("imap"), QStringLiteral("IMAP server URL."), QStringLiteral("url")},
        {QStringLiteral("pop3"), QStringLiteral("POP3 server URL."), QStringLiteral("url")},
        {QStringLiteral("smtp"), QStringLiteral("SMTP submission URL."), QStringLiteral("url")},
        {QStringLiteral("ca-file"), QStringLiteral("Also trust this CA (PEM)."), QStringLiteral("file")},
        {QStringLiteral("password-stdin"), QStringLiteral("Read the password from stdin.")},
        {QStringLiteral("allow-plaintext"),
         QStringLiteral("Allow sending the password over an unencrypted connection.")},
        {QStringLiteral("auto"),
         QStringLiteral("Discover the servers from the address and print what was found.")},
        {QStringLiteral("yes"),
         QStringLiteral("With --auto: use servers found over plain HTTP or DNS.")},
        {QStringLiteral("pop3-mode"),
         QStringLiteral("keep, delete, delete-after-days:N or delete-when-deleted."),
         QStringLiteral("mode")},
        {QStringLiteral("pop3-max-kb"),
         QStringLiteral("Download only the headers of larger messages."), QStringLiteral("kb")},
    });
    if (!p.parse(QStringList{QStringLiteral("tern-account-add")} + args)) {
        ctx.err << "tern account add: " << p.errorText() << "\n";
        return 2;
    }
    if (p.isSet(QStringLiteral("auto")))
        return addAuto(ctx, p);
    Account a;
    a.name = p.value(QStringLiteral("name"));
    a.email = p.value(QStringLiteral("email"));
    a.displayName = p.value(QStringLiteral("display-name"));
    a.allowPlaintext = p.isSet(QStringLiteral("allow-plaintext"));
    const QString incoming = p.isSet(QStringLiteral("imap")) ? p.value(QStringLiteral("imap"))
                                                             : p.value(QStringLiteral("pop3"));
    if (a.name.isEmpty() || a.email.isEmpty() || incoming.isEmpty()
        || (p.isSet(QStringLiteral("imap")) && p.isSet(QStringLiteral("pop3")))) {
        ctx.err << "usage: tern account add --name N --email A (--imap URL | --pop3 URL) "
                   "[--smtp URL] [--ca-file FILE] [--password-stdin] [--allow-plaintext]\n";
        return 2;
    }
    QString error;
    const auto url = ServerUrl::parse(incoming, &error);
    if (!url) {
        ctx.err << "tern account add: " << error << "\n";
        return 2;
    }
    a.incoming = *url;
    const bool wantImap = p.isSet(QStringLiteral("imap"));
    if ((a.incoming.protocol == ServerUrl::Protocol::Imap) != wantImap
        || a.incoming.protocol == ServerUrl::Protocol::Smtp) {
        ctx.err << "tern account add: " << incoming << " is not a "
                << (wantImap ? "IMAP" : "POP3") << " URL\n";
        return 2;
    }
    if (p.isSet(QStringLiteral("smtp"))) {
        a.smtp = ServerUrl::parse(p.value(QStringLiteral("smtp")), &error);
        if (!a.smtp || a.smtp->protocol != ServerUrl::Protocol::Smtp) {
            ctx.err << "tern account add: " << (error.isEmpty() ? QStringLiteral("not an SMTP URL") : error) << "\n";
            return 2;
        }
    }
    const bool plaintext = a.incoming.tls == TlsMode::None || (a.smtp && a.smtp->tls == TlsMode::None);
    if (plaintext && !a.allowPlaintext) {
        ctx.err << "tern account add: refusing an unencrypted server: passwords would cross the "
                   "network in clear text. Use imaps://, pop3s://, smtps:// or +starttls, or "
                   "pass --allow-plaintext if you really mean it.\n";
        return 2;
    }
    if (p.isSet(QStringLiteral("ca-file"))) {
        const QFileInfo ca(p.value(QStringLiteral("ca-file")));
        if (!ca.isReadable()) {
            ctx.err << "tern account add: cannot read the CA file " << ca.filePath() << "\n";
            return 2;
        }
        a.caFile = ca.absoluteFilePath();
    }
    if (a.incoming.user.isEmpty())
        a.incoming.user = a.email;
    if (a.smtp && a.smtp->user.isEmpty())
        a.smtp->user = a.incoming.user;

    QString password;
    if (p.isSet(QStringLiteral("password-stdin")))
        password = CliContext::readPasswordFromStdin();

    Pop3Options pop3;
    if (p.isSet(QStringLiteral("pop3-mode"))) {
        const auto mode = Pop3Options::parseMode(p.value(QStringLiteral("pop3-mode")), &error);
        if (!mode) {
            ctx.err << "tern account add: " << error << "\n";
            return 2;
        }
        pop3 = *mode;
    }
    pop3.maxKb = p.value(QStringLiteral("pop3-max-kb")).toInt();

    AccountStore store(ctx.db->db());
    if (!store.add(a, &error)) {
        ctx.err << "tern account add: " << error << "\n";
        return 1;
    }
    if (a.incoming.protocol == ServerUrl::Protocol::Pop3 && !pop3.write(ctx.db->db(), a.id)) {
        store.remove(a.id, &error);
        ctx.err << "tern account add: cannot store the POP3 options\n";
        return 1;
    }
    if (!password.isEmpty()) {
        for (ServerUrl::Protocol proto : {a.incoming.protocol, ServerUrl::Protocol::Smtp}) {
            if (proto == ServerUrl::Protocol::Smtp && !a.smtp)
                continue;
            const auto r = ctx.secrets->writeNow(a.secretKey(proto), password);
            if (!r.ok) {
                store.remove(a.id, &error);
                ctx.err << "tern account add: cannot store the password in the keychain: "
                        << r.error << " (passwords are never written to disk in plain text)\n";
                return 1;
            }
        }
    }
    ctx.out << "added account " << a.name << " (" << a.incoming.toString() << ")\n";
    return 0;
}

int listAccounts(CliContext &ctx)
{
    for (const Account &a : AccountStore(ctx.db->db()).list()) {
        ctx.out << a.name << "\t" << a.email << "\t" << a.incoming.toString();
        if (a.smtp)
            ctx.out << "\t" << a.smtp->toString();
        ctx.out << "\n";
    }
    return 0;
}

int removeAccount(CliContext &ctx, const QStringList &args)
{
    if (args.size() != 1) {
        ctx.err << "usage: tern account remove NAME\n";
        return 2;
    }
    AccountStore store(ctx.db->db());
    const auto a = store.find(args.first());
    if (!a) {
        ctx.err << "tern account remove: no account named " << args.first() << "\n";
        return 1;
    }
    for (ServerUrl::Protocol proto : {a->incoming.protocol, ServerUrl::Protocol::Smtp}) {
        const auto r = ctx.secrets->removeNow(a->secretKey(proto));
        if (!r.ok && !r.noBackend) {
            ctx.err << "tern account remove: cannot remove the password: " << r.error << "\n";
            return 1;
        }
    }
    QString error;
    if (!store.remove(a->id, &error)) {
        ctx.err << "tern account remove: " << error << "\n";
        return 1;
    }
    ctx.out << "removed account " << a->name << "\n";
    return 0;
}

} // namespace

void registerAccountCommands()
{
    Cli::registerCommand(QStringLiteral("account"),
                         QStringLiteral("add, list or remove accounts"),
                         [](CliContext &ctx, QStringList args) {
        const QString sub = args.isEmpty() ? QString() : args.takeFirst();
        if (sub == QLatin1StringView("add"))
            return addAccount(ctx, args);
        if (sub == QLatin1StringView("list"))
            return listAccounts(ctx);
        if (sub == QLatin1StringView("remove"))
            return removeAccount(ctx, args);
        ctx.err << "usage: tern account add|list|remove ...\n";
        return 2;
    });
}

} // namespace Tern
