#pragma once

#include <QSqlDatabase>
#include <QStringListModel>

namespace Tern {

/// Addresses seen in the cache (senders, To and Cc), as "Name <addr>" strings for a
/// QCompleter; filled once by a single query.
class AddressCompletionModel : public QStringListModel
{
    Q_OBJECT
public:
    explicit AddressCompletionModel(QObject *parent = nullptr);

    /// Reloads from the messages table; at most limit distinct addresses, most frequent first.
    void load(const QSqlDatabase &db, int limit = 5000);
};

} // namespace Tern
