#include "addresslist.h"

namespace Tern::Mime {

namespace {

QString withoutControls(QString s)
{
    s.remove(QLatin1Char('\r'));
    s.remove(QLatin1Char('\n'));
    s.remove(QChar(0));
    return s;
}

QString unquote(QString name)
{
    name = name.trimmed();
    if (name.size() >= 2 && name.startsWith(QLatin1Char('"')) && name.endsWith(QLatin1Char('"'))) {
        name = name.mid(1, name.size() - 2);
        name.replace(QLatin1StringView("\\\""), QLatin1StringView("\""));
        name.replace(QLatin1StringView("\\\\"), QLatin1StringView("\\"));
    }
    return name.trimmed();
}

MailAddress parseOne(const QString &item)
{
    const QString s = item.trimmed();
    const qsizetype open = s.lastIndexOf(QLatin1Char('<'));
    const qsizetype close = s.lastIndexOf(QLatin1Char('>'));
    if (open >= 0 && close > open)
        return {unquote(s.left(open)), s.mid(open + 1, close - open - 1).trimmed()};
    return {QString(), s};
}

} // namespace

QList<MailAddress> parseAddressList(const QString &text)
{
    const QString clean = withoutControls(text);
    QList<MailAddress> out;
    QString current;
    bool quoted = false;
    bool escaped = false;
    int angle = 0;
    auto flush = [&] {
        const MailAddress a = parseOne(current);
        if (!a.address.isEmpty())
            out.append(a);
        current.clear();
    };
    for (const QChar c : clean) {
        if (escaped) {
            escaped = false;
        } else if (quoted && c == QLatin1Char('\\')) {
            escaped = true;
        } else if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (!quoted && c == QLatin1Char('<')) {
            ++angle;
        } else if (!quoted && c == QLatin1Char('>')) {
            angle = qMax(0, angle - 1);
        } else if (!quoted && angle == 0 && (c == QLatin1Char(',') || c == QLatin1Char(';'))) {
            flush();
            continue;
        }
        current.append(c);
    }
    flush();
    return out;
}

QString formatAddress(const MailAddress &address)
{
    const QString name = withoutControls(address.name).trimmed();
    const QString addr = withoutControls(address.address).trimmed();
    if (name.isEmpty())
        return addr;
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    bool needsQuotes = false;
    for (const QChar c : name)
        needsQuotes = needsQuotes || specials.contains(c);
    if (!needsQuotes)
        return name + QLatin1StringView(" <") + addr + QLatin1Char('>');
    QString q = name;
    q.replace(QLatin1Char('\\'), QLatin1StringView("\\\\"));
    q.replace(QLatin1Char('"'), QLatin1StringView("\\\""));
    return QLatin1Char('"') + q + QLatin1StringView("\" <") + addr + QLatin1Char('>');
}

QString formatAddressList(const QList<MailAddress> &addresses)
{
    QStringList parts;
    for (const MailAddress &a : addresses)
        parts.append(formatAddress(a));
    return parts.join(QLatin1StringView(", "));
}

} // namespace Tern::Mime
