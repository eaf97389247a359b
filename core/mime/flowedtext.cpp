#include "flowedtext.h"

#include <QStringList>

namespace Tern::Mime {

QString unflowText(const QString &text, bool delSp)
{
    QStringList out;
    QString paragraph;
    int paragraphDepth = -1; // quote depth of the open paragraph, -1 when none is open
    auto flush = [&] {
        if (paragraphDepth < 0)
            return;
        out.append(paragraphDepth > 0 ? QString(paragraphDepth, u'>') + u' ' + paragraph
                                      : paragraph);
        paragraph.clear();
        paragraphDepth = -1;
    };
    QString normalized = text;
    normalized.replace(QLatin1StringView("\r\n"), QLatin1StringView("\n"));
    const QStringList lines = normalized.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString &raw = lines.at(i);
        int depth = 0;
        while (depth < raw.size() && raw.at(depth) == u'>')
            ++depth;
        QString line = raw.mid(depth);
        if (line.startsWith(u' '))
            line.remove(0, 1); // space-stuffing (section 4.4)
        if (paragraphDepth >= 0 && depth != paragraphDepth)
            flush(); // a change of quote depth ends a paragraph (section 4.5)
        // Section 4.3: the signature separator "-- " is never a soft break.
        const bool soft = line.endsWith(u' ') && line != QLatin1StringView("-- ");
        if (soft && delSp)
            line.chop(1);
        paragraph += line;
        paragraphDepth = depth;
        if (!soft || i + 1 == lines.size())
            flush();
    }
    flush();
    return out.join(u'\n');
}

} // namespace Tern::Mime
