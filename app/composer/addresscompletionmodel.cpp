#include "addresscompletionmodel.h"

#include "mime/addresslist.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>

namespace Tern {

AddressCompletionModel::AddressCompletionModel(QObject *parent)
    : QStringListModel(parent)
{
}

void AddressCompletionModel::load(const QSqlDatabase &db, int limit)
{
    struct Seen
    {
        QString display;
        int count = 0;
    };
    QHash<QString, Seen> byAddress;
    auto add = [&](const Mime::MailAddress &a, int count) {
        const QString key = a.address.trimmed().toLower();
        if (!key.contains(QLatin1Char('@')))
            return;
        Seen &seen = byAddress[key];
        if (seen.display.isEmpty() || (!a.name.isEmpty() && !seen.display.contains(u'<')))
            seen.display = Mime::formatAddress(a);
        seen.count += count;
    };

    // One query: distinct sender pairs and distinct recipient lists with their frequency.
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "SELECT from_name, from_addr, '' AS list, COUNT(*) FROM messages WHERE from_addr <> '' "
        "GROUP BY from_name, from_addr "
        "UNION ALL SELECT '', '', to_text, COUNT(*) FROM messages WHERE to_text <> '' "
        "GROUP BY to_text "
        "UNION ALL SELECT '', '', cc_text, COUNT(*) FROM messages WHERE cc_text <> '' "
        "GROUP BY cc_text"));
    if (q.exec()) {
        while (q.next()) {
            const int count = q.value(3).toInt();
            QList<Mime::MailAddress> found;
            if (!q.value(1).toString().isEmpty())
                found.append({q.value(0).toString(), q.value(1).toString()});
            else
                found = Mime::parseAddressList(q.value(2).toString());
            for (const Mime::MailAddress &a : std::as_const(found))
                add(a, count);
        }
    }

    QList<Seen> all = byAddress.values();
    std::sort(all.begin(), all.end(), [](const Seen &a, const Seen &b) {
        return a.count != b.count ? a.count > b.count : a.display < b.display;
    });
    QStringList list;
    for (qsizetype i = 0; i < all.size() && i < limit; ++i)
        list.append(all.at(i).display);
    setStringList(list);
}

} // namespace Tern
