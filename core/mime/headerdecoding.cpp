#include "headerdecoding.h"

#include <KMime/Headers>

namespace Tern::Mime {

QString decodeUnstructured(const QByteArray &raw)
{
    KMime::Headers::Subject header;
    header.from7BitString(raw);
    return header.asUnicodeString();
}

} // namespace Tern::Mime
