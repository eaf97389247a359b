#pragma once

#include <QString>

namespace Tern {

/// A null QString binds as SQL NULL; the cache's text columns are NOT NULL, so bind this.
inline QString sqlText(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

} // namespace Tern
