#include "filenames.h"

#include <QMimeDatabase>

namespace Tern::Mime {

namespace {

bool isUnsafe(QChar c)
{
    const char16_t u = c.unicode();
    if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
        return true;
    // Bidi overrides can make "evil\u202Efdp.exe" look like "evilexe.pdf".
    if ((u >= 0x200e && u <= 0x200f) || (u >= 0x202a && u <= 0x202e)
        || (u >= 0x2066 && u <= 0x2069) || u == 0xfeff)
        return true;
    return c.category() == QChar::Other_Control || c.category() == QChar::Other_Surrogate;
}

} // namespace

QString sanitizeFileName(const QString &name, const QString &mimeType)
{
    QString out;
    out.reserve(name.size());
    for (const QChar c : name) {
        if (isUnsafe(c))
            continue;
        // Path separators of every platform, and characters Windows refuses in names.
        if (QStringView(u"/\\:*?\"<>|").contains(c))
            out.append(u'_');
        else
            out.append(c);
    }
    while (out.contains(QLatin1StringView("..")))
        out.replace(QLatin1StringView(".."), QLatin1StringView("."));
    // Leading dots hide files and trailing dots or spaces vanish on Windows.
    while (!out.isEmpty() && (out.front() == u'.' || out.front().isSpace()))
        out.remove(0, 1);
    while (!out.isEmpty() && (out.back() == u'.' || out.back().isSpace()))
        out.chop(1);
    if (out.size() > 200) {
        const qsizetype dot = out.lastIndexOf(u'.');
        const QString suffix = dot > 0 && out.size() - dot <= 16 ? out.mid(dot) : QString();
        out = out.left(200 - suffix.size()) + suffix;
    }
    if (out.isEmpty()) {
        out = QStringLiteral("attachment");
        if (!mimeType.isEmpty()) {
            const QString suffix = QMimeDatabase().mimeTypeForName(mimeType).preferredSuffix();
            if (!suffix.isEmpty())
                out += u'.' + suffix;
        }
    }
    return out;
}

} // namespace Tern::Mime
