#include "pop3options.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>

namespace Tern {

std::optional<Pop3Options> Pop3Options::parseMode(const QString &text, QString *error)
{
    Pop3Options o;
    static const QString afterDays = QStringLiteral("delete-after-days:");
    if (text == QLatin1StringView("keep")) {
        o.mode = Mode::Keep;
    } else if (text == QLatin1StringView("delete")) {
        o.mode = Mode::Delete;
    } else if (text == QLatin1StringView("delete-when-deleted")) {
        o.mode = Mode::DeleteWhenDeleted;
    } else if (text.startsWith(afterDays)) {
        bool ok = false;
        o.mode = Mode::DeleteAfterDays;
        o.days = text.mid(afterDays.size()).toInt(&ok);
        if (!ok || o.days < 0) {
            *error = QStringLiteral("delete-after-days needs a number of days, e.g. "
                                    "delete-after-days:7");
            return std::nullopt;
        }
    } else {
        *error = QStringLiteral("unknown POP3 mode %1 (keep, delete, delete-after-days:N, "
                                "delete-when-deleted)").arg(text);
        return std::nullopt;
    }
    return o;
}

QString Pop3Options::modeText() const
{
    switch (mode) {
    case Mode::Keep:
        return QStringLiteral("keep");
    case Mode::Delete:
        return QStringLiteral("delete");
    case Mode::DeleteAfterDays:
        return QStringLiteral("delete-after-days:%1").arg(days);
    case Mode::DeleteWhenDeleted:
        return QStringLiteral("delete-when-deleted");
    }
    return {};
}

namespace {

QJsonObject accountOptions(QSqlDatabase &db, qint64 accountId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT options FROM accounts WHERE id = ?"));
    q.addBindValue(accountId);
    if (!q.exec() || !q.next())
        return {};
    return QJsonDocument::fromJson(q.value(0).toString().toUtf8()).object();
}

} // namespace

Pop3Options Pop3Options::read(QSqlDatabase &db, qint64 accountId)
{
    const QJsonObject pop3 = accountOptions(db, accountId).value(QLatin1StringView("pop3"))
                                 .toObject();
    QString error;
    Pop3Options o = parseMode(pop3.value(QLatin1StringView("mode")).toString(
                                  QStringLiteral("keep")), &error)
                        .value_or(Pop3Options{});
    o.maxKb = qMax(0, pop3.value(QLatin1StringView("maxKb")).toInt());
    return o;
}

bool Pop3Options::write(QSqlDatabase &db, qint64 accountId) const
{
    QJsonObject all = accountOptions(db, accountId);
    QJsonObject pop3;
    pop3.insert(QStringLiteral("mode"), modeText());
    pop3.insert(QStringLiteral("maxKb"), maxKb);
    all.insert(QStringLiteral("pop3"), pop3);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE accounts SET options = ? WHERE id = ?"));
    q.addBindValue(QString::fromUtf8(QJsonDocument(all).toJson(QJsonDocument::Compact)));
    q.addBindValue(accountId);
    return q.exec() && q.numRowsAffected() == 1;
}

} // namespace Tern
