#include "plaintexthtml.h"

#include <QRegularExpression>
#include <QStringList>

namespace Tern {

int quoteLevel(QStringView line)
{
    int level = 0;
    for (const QChar c : line) {
        if (c == u'>')
            ++level;
        else if (c != u' ')
            break;
    }
    return level;
}

QString quoteColor(int level)
{
    static const char *const colours[] = {"#1f5fbf", "#2e8b57", "#b8620f", "#8b3a8b"};
    if (level <= 0)
        return QString();
    return QLatin1StringView(colours[(level - 1) % 4]);
}

namespace {

QString linkify(const QString &line)
{
    // Only schemes that are safe to hand to a browser or mail composer become links.
    static const QRegularExpression url(
        QStringLiteral(R"((?:https?://|mailto:)[^\s<>"']+)"),
        QRegularExpression::CaseInsensitiveOption);
    QString out;
    qsizetype last = 0;
    auto it = url.globalMatch(line);
    while (it.hasNext()) {
        const auto match = it.next();
        QString link = match.captured(0);
        while (!link.isEmpty() && QStringLiteral(".,;:!?)]}").contains(link.back()))
            link.chop(1);
        if (link.endsWith(u':') || link.endsWith(QLatin1StringView("//")))
            continue;
        out += line.mid(last, match.capturedStart(0) - last).toHtmlEscaped();
        const QString escaped = link.toHtmlEscaped();
        out += QLatin1StringView("<a href=\"") + escaped + QLatin1StringView("\">") + escaped
            + QLatin1StringView("</a>");
        last = match.capturedStart(0) + link.size();
    }
    out += line.mid(last).toHtmlEscaped();
    return out;
}

} // namespace

QString plainTextToHtml(const QString &text)
{
    QString out = QStringLiteral("<div style=\"white-space: pre-wrap; font-family: monospace\">");
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(u'\r'))
            line.chop(1);
        const int level = quoteLevel(line);
        const QString body = linkify(line);
        if (level > 0) {
            out += QLatin1StringView("<span style=\"color:") + quoteColor(level)
                + QLatin1StringView("\">") + body + QLatin1StringView("</span>");
        } else {
            out += body;
        }
        if (i + 1 < lines.size())
            out += QLatin1StringView("<br>");
    }
    out += QLatin1StringView("</div>");
    return out;
}

} // namespace Tern
