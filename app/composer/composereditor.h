#pragma once

#include <QImage>
#include <QTextEdit>

namespace Tern {

/// The composer's text editor: plain or rich text; pasted images are handed to the window
/// instead of being inserted as data: URLs or file paths.
class ComposerEditor : public QTextEdit
{
    Q_OBJECT
public:
    explicit ComposerEditor(QWidget *parent = nullptr);

    /// Inserts image at the cursor as <img src="cid:contentId">, kept as a document resource.
    void insertInlineImage(const QImage &image, const QByteArray &contentId);

Q_SIGNALS:
    /// An image arrived by paste or drop; the window decides inline image or attachment.
    void imagePasted(const QImage &image);

protected:
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;
};

} // namespace Tern
