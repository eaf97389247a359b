#pragma once

#include <QString>

namespace Tern::Mime {

/// A file name safe to save under: path separators replaced, no "..", no control or
/// bidi-override characters, at most 200 characters, never empty (fallback + an extension
/// for mimeType).
QString sanitizeFileName(const QString &name, const QString &mimeType = QString());

} // namespace Tern::Mime
