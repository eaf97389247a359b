#pragma once

#include <QByteArray>
#include <QString>

namespace Tern::Mime {

/// Decodes an unstructured header value with RFC 2047 encoded words (any charset KMime knows)
/// into Unicode, e.g. an IMAP ENVELOPE subject.
QString decodeUnstructured(const QByteArray &raw);

} // namespace Tern::Mime
