#include "rowsnapshot.h"

#include <QJsonObject>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QSqlRecord>

namespace Tern {
namespace {

const QLatin1StringView blobKey("$blob");

} // namespace

QJsonArray snapshotRows(QSqlDatabase &db, const QString &table, const QString &where,
                        const QVariantList &values)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT * FROM ") + table + QStringLiteral(" WHERE ") + where);
    for (const QVariant &v : values)
        q.addBindValue(v);
    QJsonArray rows;
    if (!q.exec())
        return rows;
    while (q.next()) {
        const QSqlRecord rec = q.record();
        QJsonObject row;
        for (int i = 0; i < rec.count(); ++i) {
            const QVariant v = rec.value(i);
            if (v.isNull())
                continue;
            if (v.typeId() == QMetaType::QByteArray) {
                const QString base64 = QString::fromLatin1(v.toByteArray().toBase64());
                row.insert(rec.fieldName(i), QJsonObject{{blobKey, base64}});
            } else {
                row.insert(rec.fieldName(i), QJsonValue::fromVariant(v));
            }
        }
        rows.append(row);
    }
    return rows;
}

bool restoreRows(QSqlDatabase &db, const QString &table, const QJsonArray &rows,
                 const QJsonObject &overrides, QString *error)
{
    for (const QJsonValue &value : rows) {
        QJsonObject row = value.toObject();
        for (auto it = overrides.begin(); it != overrides.end(); ++it)
            row.insert(it.key(), it.value());
        QStringList names;
        QVariantList binds;
        for (auto it = row.begin(); it != row.end(); ++it) {
            names.append(it.key());
            if (it.value().isObject() && it.value().toObject().contains(blobKey)) {
                binds.append(QByteArray::fromBase64(
                    it.value().toObject().value(blobKey).toString().toLatin1()));
            } else {
                binds.append(it.value().toVariant());
            }
        }
        QSqlQuery q(db);
        QStringList marks(names.size(), QStringLiteral("?"));
        q.prepare(QStringLiteral("INSERT OR IGNORE INTO ") + table + QStringLiteral(" (")
                  + names.join(QLatin1Char(',')) + QStringLiteral(") VALUES (")
                  + marks.join(QLatin1Char(',')) + QLatin1Char(')'));
        for (const QVariant &v : std::as_const(binds))
            q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace Tern
