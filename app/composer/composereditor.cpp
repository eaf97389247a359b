#include "composereditor.h"

#include <QMimeData>
#include <QTextCursor>
#include <QTextImageFormat>
#include <QUrl>

namespace Tern {

ComposerEditor::ComposerEditor(QWidget *parent)
    : QTextEdit(parent)
{
    setObjectName(QStringLiteral("composerBody"));
    setAccessibleName(tr("Message text"));
}

void ComposerEditor::insertInlineImage(const QImage &image, const QByteArray &contentId)
{
    const QUrl url(QStringLiteral("cid:") + QString::fromLatin1(contentId));
    document()->addResource(QTextDocument::ImageResource, url, image);
    QTextImageFormat format;
    format.setName(url.toString());
    format.setWidth(image.width());
    format.setHeight(image.height());
    textCursor().insertImage(format);
}

bool ComposerEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasImage() || QTextEdit::canInsertFromMimeData(source);
}

void ComposerEditor::insertFromMimeData(const QMimeData *source)
{
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        if (!image.isNull()) {
            Q_EMIT imagePasted(image);
            return;
        }
    }
    if (acceptRichText()) {
        QTextEdit::insertFromMimeData(source);
        return;
    }
    // Plain mode: only text, never HTML or remote images.
    if (source->hasText())
        textCursor().insertText(source->text());
}

} // namespace Tern
