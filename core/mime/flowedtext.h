#pragma once

#include <QString>

namespace Tern::Mime {

/// Joins the soft-broken lines of format=flowed text (RFC 3676 section 4.2) and removes
/// space-stuffing; quoted lines keep their ">" prefix, followed by one space, for display.
QString unflowText(const QString &text, bool delSp = false);

} // namespace Tern::Mime
