#pragma once

#include "mime/parsedmessage.h"

#include <QTemporaryDir>
#include <QTreeWidget>

#include <memory>

namespace Tern {

/// The attachments of a message (name, size, type): open, save, or drag out as files.
class AttachmentList : public QTreeWidget
{
    Q_OBJECT
public:
    explicit AttachmentList(QWidget *parent = nullptr);

    /// Replaces the list; parts carry sanitised file names from the MIME parser.
    void setAttachments(const QList<Mime::MessagePart> &parts);
    const QList<Mime::MessagePart> &attachments() const { return m_parts; }

    /// Writes attachment row into folder (never outside it, never over a file); the path or "".
    QString saveTo(int row, const QString &folder) const;
    /// A temporary copy of attachment row for opening or dragging; "" on failure.
    QString temporaryCopy(int row);
    /// Opens attachment row with the desktop's handler for its type.
    void openAttachment(int row);
    /// Asks for a file name and saves attachment row there.
    void saveAttachmentAs(int row);

    /// Drag source: file URLs of temporary copies (QDrag::exec cannot be driven by QTest).
    QMimeData *mimeData(const QList<QTreeWidgetItem *> &items) const override;
    QStringList mimeTypes() const override;

private:
    void showContextMenu(const QPoint &pos);

    QList<Mime::MessagePart> m_parts;
    std::unique_ptr<QTemporaryDir> m_tempDir;
};

} // namespace Tern
