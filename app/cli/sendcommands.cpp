#include "sendcommands.h"

#include "cli.h"

#include "accounts/accountstore.h"
#include "cache/database.h"
#include "mime/messagecomposer.h"
#include "secrets/secretstore.h"
#include "sync/outboxsender.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Tern {
namespace {

QString option(const char *name)
{
    return QString::fromLatin1(name);
}

QList<Mime::MailAddress> addresses(const QStringList &list)
{
    QList<Mime::MailAddress> out;
    for (const QString &a : list)
        out << Mime::MailAddress{QString(), a};
    return out;
}

void printEntry(CliContext &ctx, const OutboxEntry &e)
{
    ctx.out << "outbox #" << e.id << " <" << e.messageId << ">: "
            << OutboxEntry::stateName(e.state) << Qt::endl;
    const QJsonArray results = QJsonDocument::fromJson(e.recipientResults.toUtf8()).array();
    for (const QJsonValue &v : results) {
        const QJsonObject r = v.toObject();
        ctx.out << "  " << r.value(QLatin1StringView("address")).toString() << ": "
                << (r.value(QLatin1StringView("accepted")).toBool() ? "accepted" : "refused")
                << " (" << r.value(QLatin1StringView("code")).toInt() << ' '
                << r.value(QLatin1StringView("text")).toString() << ')' << Qt::endl;
    }
    if (!e.lastError.isEmpty())
        ctx.out << "  " << e.lastError << Qt::endl;
    if (!e.sentCopy.isEmpty() && e.sentCopy != QLatin1StringView("appended"))
        ctx.out << "  Sent copy: " << e.sentCopy << Qt::endl;
}

// Composes the message from the options; returns the outbox row or 0.
qint64 queueMessage(CliContext &ctx, const QCommandLineParser &p, const Account &account)
{
    Mime::MessageDraft draft;
    draft.from = Mime::MailAddress{account.displayName, account.email};
    draft.to = addresses(p.values(option("to")));
    draft.cc = addresses(p.values(option("cc")));
    draft.bcc = addresses(p.values(option("bcc")));
    draft.subject = p.value(option("subject"));
    QFile body;
    const bool opened = p.isSet(option("body-stdin"))
                            ? body.open(stdin, QIODevice::ReadOnly)
                            : (body.setFileName(p.value(option("body-file"))),
                               body.open(QIODevice::ReadOnly));
    if (!opened) {
        ctx.err << "tern send: cannot read the body: " << body.errorString() << Qt::endl;
        return 0;
    }
    draft.plainBody = QString::fromUtf8(body.readAll());
    for (const QString &file : p.values(option("attach"))) {
        if (!QFileInfo(file).isReadable()) {
            ctx.err << "tern send: cannot read attachment " << file << Qt::endl;
            return 0;
        }
        Mime::DraftAttachment a;
        a.filePath = file;
        draft.attachments << a;
    }
    const Mime::ComposedMessage m = Mime::MessageComposer().compose(draft);
    if (!m.ok()) {
        ctx.err << "tern send: " << m.error << Qt::endl;
        return 0;
    }
    QString error;
    const qint64 id = Outbox(ctx.db->db()).enqueue(
        account.id, m.bytes, Smtp::Envelope{m.envelopeFrom, m.recipients}, &error);
    if (id == 0)
        ctx.err << "tern send: " << error << Qt::endl;
    else
        ctx.out << "queued as outbox #" << id << " <" << QString::fromLatin1(m.messageId) << '>'
                << Qt::endl;
    return id;
}

int sendCommand(CliContext &ctx, const QStringList &args)
{
    QCommandLineParser p;
    p.addOptions({
        {option("account"), QStringLiteral("The sending account."), QStringLiteral("name")},
        {option("to"), QStringLiteral("A recipient (repeatable)."), QStringLiteral("address")},
        {option("cc"), QStringLiteral("A Cc recipient (repeatable)."), QStringLiteral("address")},
        {option("bcc"), QStringLiteral("A Bcc recipient (repeatable)."), QStringLiteral("addr")},
        {option("subject"), QStringLiteral("The subject."), QStringLiteral("text")},
        {option("body-file"), QStringLiteral("Plain-text body from a file."), QStringLiteral("F")},
        {option("body-stdin"), QStringLiteral("Plain-text body from standard input.")},
        {option("attach"), QStringLiteral("Attach a file (repeatable)."), QStringLiteral("file")},
        {option("password-stdin"), QStringLiteral("Read the password from stdin.")},
        {option("flush"), QStringLiteral("Send everything waiting in the outbox.")},
        {option("resend"), QStringLiteral("Send a failed or delivery-unknown message again "
                                          "(same Message-ID)."), QStringLiteral("id")},
    });
    if (!p.parse(QStringList{QStringLiteral("tern-send")} + args)) {
        ctx.err << "tern send: " << p.errorText() << "\n";
        return 2;
    }
    const bool flush = p.isSet(option("flush")) || p.isSet(option("resend"));
    if (!p.isSet(option("account"))
        || (!flush && (p.values(option("to")).isEmpty() || !p.isSet(option("subject"))
                       || p.isSet(option("body-file")) == p.isSet(option("body-stdin"))))) {
        ctx.err << "tern send: needs --account N and either --flush, --resend ID, or --to A "
                   "--subject S and one of --body-file F, --body-stdin\n";
        return 2;
    }
    if (p.isSet(option("body-stdin")) && p.isSet(option("password-stdin"))) {
        ctx.err << "tern send: --body-stdin and --password-stdin both need standard input\n";
        return 2;
    }
    const auto account = AccountStore(ctx.db->db()).find(p.value(option("account")));
    if (!account) {
        ctx.err << "tern send: no account named " << p.value(option("account")) << "\n";
        return 1;
    }
    if (!account->smtp) {
        ctx.err << "tern send: account " << account->name << " has no SMTP server\n";
        return 1;
    }
    Outbox outbox(ctx.db->db());
    outbox.recoverInterrupted();
    qint64 mine = 0;
    if (p.isSet(option("resend"))) {
        QString error;
        mine = p.value(option("resend")).toLongLong();
        if (!outbox.resend(mine, &error)) {
            ctx.err << "tern send: " << error << Qt::endl;
            return 1;
        }
    } else if (!flush && (mine = queueMessage(ctx, p, *account)) == 0) {
        return 1;
    }
    QString password;
    if (p.isSet(option("password-stdin"))) {
        password = CliContext::readPasswordFromStdin();
    } else {
        const auto r = ctx.secrets->readNow(account->secretKey(ServerUrl::Protocol::Smtp));
        if (!r.ok) {
            ctx.err << "tern send: no SMTP password (" << r.error << "); the message stays "
                       "queued; pass --password-stdin\n";
            return 1;
        }
        password = r.secret;
    }
    OutboxSender sender(ctx.db->db(), *account, password);
    sender.setForce(flush);
    OutboxSender::Report report;
    QEventLoop loop;
    QObject::connect(&sender, &OutboxSender::progress, [&](const QString &line) {
        ctx.out << line << Qt::endl;
    });
    QObject::connect(&sender, &OutboxSender::finished, &loop,
                     [&](const OutboxSender::Report &r) {
        report = r;
        loop.quit();
    });
    sender.start();
    loop.exec();
    if (!report.sessionError.isEmpty())
        ctx.err << "tern send: " << report.sessionError << Qt::endl;
    if (!report.sentCopyError.isEmpty())
        ctx.err << "tern send: Sent copy: " << report.sentCopyError << Qt::endl;
    bool allSent = true;
    for (qint64 id : std::as_const(report.ids)) {
        const std::optional<OutboxEntry> e = outbox.find(id);
        if (!e)
            continue;
        printEntry(ctx, *e);
        allSent = allSent && e->state == OutboxEntry::State::Sent;
    }
    if (mine != 0 && !report.ids.contains(mine))
        allSent = false;
    if (const auto e = outbox.find(mine); e && e->state == OutboxEntry::State::Retry)
        ctx.out << "not sent yet: outbox #" << mine << " stays queued; it goes out with "
                   "tern send --flush or the next tern sync" << Qt::endl;
    ctx.out << report.sent << " sent, " << report.retry << " queued for retry, "
            << report.failed << " failed, " << report.deliveryUnknown << " delivery unknown"
            << Qt::endl;
    return allSent ? 0 : 1;
}

} // namespace

void registerSendCommands()
{
    Cli::registerCommand(QStringLiteral("send"),
                         QStringLiteral("compose and send a message through the outbox"),
                         [](CliContext &ctx, QStringList args) { return sendCommand(ctx, args); });
}

} // namespace Tern
