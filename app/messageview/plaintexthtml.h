#pragma once

#include <QString>
#include <QStringView>

namespace Tern {

/// How many ">" quote markers (RFC 3676 section 4.5) open this line, spaces between allowed.
int quoteLevel(QStringView line);

/// Escapes plain text as HTML: quoted lines coloured by depth, http(s) and mailto links made
/// clickable, line breaks and runs of spaces kept.
QString plainTextToHtml(const QString &text);

/// The text colour used for a quote depth (0 = not quoted).
QString quoteColor(int level);

} // namespace Tern
