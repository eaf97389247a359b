#include "fuzzentry.h"

#include "mime/htmlsanitizer.h"
#include "mime/messageparser.h"

#include <QByteArray>

#include <cstdlib>

namespace Tern::Mime {

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort(); // the fuzzer reports an abort as a finding
}

void checkSanitized(const QString &html)
{
    const QString out = HtmlSanitizer().sanitize(html).html;
    check(!out.contains(QLatin1StringView("<script"), Qt::CaseInsensitive));
    check(!out.contains(QLatin1StringView("<iframe"), Qt::CaseInsensitive));
    check(!out.contains(QLatin1StringView("<meta"), Qt::CaseInsensitive));
}

} // namespace

void fuzzMime(QByteArrayView data)
{
    const QByteArray raw = data.toByteArray();
    ParseOptions options;
    options.maxDepth = 8;
    const ParsedMessage m = parseMessage(raw, options);
    for (const MessagePart &a : m.attachments) {
        check(!a.fileName.isEmpty() || a.embedded);
        check(!a.fileName.contains(u'/') && !a.fileName.contains(u'\\'));
        check(!a.fileName.contains(QLatin1StringView("..")));
    }
    if (m.bodyIsHtml)
        checkSanitized(m.bodyText);
    checkSanitized(QString::fromUtf8(raw));
}

} // namespace Tern::Mime
