#pragma once

#include <QByteArray>

#include <optional>

namespace Tern {

class Database;

/// The raw RFC 5322 source of a message if its body is in the cache (bodies table).
std::optional<QByteArray> cachedMessageSource(Database &db, qint64 messageId);

} // namespace Tern
