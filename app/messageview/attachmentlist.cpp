#include "attachmentlist.h"

#include "mime/filenames.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QStandardPaths>

namespace Tern {

namespace {

// Defence in depth: the parser already sanitised the name, but nothing may leave the folder.
QString safeName(const Mime::MessagePart &part)
{
    return Mime::sanitizeFileName(QFileInfo(part.fileName).fileName(), part.mimeType);
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (!file.open(QIODevice::NewOnly | QIODevice::WriteOnly))
        return false;
    return file.write(data) == data.size() && file.flush();
}

} // namespace

AttachmentList::AttachmentList(QWidget *parent)
    : QTreeWidget(parent)
{
    setAccessibleName(tr("Attachments"));
    setColumnCount(3);
    setHeaderLabels({tr("Name"), tr("Size"), tr("Type")});
    setRootIsDecorated(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setContextMenuPolicy(Qt::CustomContextMenu);
    header()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        openAttachment(indexOfTopLevelItem(item));
    });
    connect(this, &QWidget::customContextMenuRequested, this, &AttachmentList::showContextMenu);
}

void AttachmentList::setAttachments(const QList<Mime::MessagePart> &parts)
{
    clear();
    m_parts = parts;
    m_tempDir.reset();
    const QLocale locale;
    for (const Mime::MessagePart &part : parts) {
        auto *item = new QTreeWidgetItem(this);
        item->setText(0, safeName(part));
        item->setText(1, locale.formattedDataSize(part.size));
        item->setText(2, part.mimeType);
        item->setData(1, Qt::UserRole, part.size);
        item->setToolTip(0, part.description);
    }
    setVisible(!parts.isEmpty());
}

QString AttachmentList::saveTo(int row, const QString &folder) const
{
    if (row < 0 || row >= m_parts.size())
        return QString();
    const QDir dir(folder);
    const QFileInfo name(safeName(m_parts[row]));
    QString path = dir.filePath(name.fileName());
    for (int n = 2; QFileInfo::exists(path) && n < 1000; ++n) {
        const QString suffix = name.completeSuffix();
        path = dir.filePath(name.baseName() + QStringLiteral(" (%1)").arg(n)
                            + (suffix.isEmpty() ? QString() : u'.' + suffix));
    }
    if (QFileInfo(path).absoluteDir() != QDir(dir.absolutePath()))
        return QString();
    return writeFile(path, m_parts[row].data) ? path : QString();
}

QString AttachmentList::temporaryCopy(int row)
{
    if (row < 0 || row >= m_parts.size())
        return QString();
    if (!m_tempDir) {
        m_tempDir = std::make_unique<QTemporaryDir>(
            QDir::tempPath() + QStringLiteral("/tern-attachments-XXXXXX"));
        if (!m_tempDir->isValid()) {
            m_tempDir.reset();
            return QString();
        }
    }
    // One folder per row keeps the original names when two attachments share one.
    const QString folder = m_tempDir->filePath(QString::number(row));
    const QString path = QDir(folder).filePath(safeName(m_parts[row]));
    if (QFileInfo::exists(path))
        return path;
    if (!QDir().mkpath(folder))
        return QString();
    return saveTo(row, folder);
}

void AttachmentList::openAttachment(int row)
{
    const QString path = temporaryCopy(row);
    if (!path.isEmpty())
        QDesktopServices::openUrl(QUrl::fromLocalFile(path));
}

void AttachmentList::saveAttachmentAs(int row)
{
    if (row < 0 || row >= m_parts.size())
        return;
    const QString downloads = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString target = QFileDialog::getSaveFileName(
        this, tr("Save Attachment"), QDir(downloads).filePath(safeName(m_parts[row])));
    if (target.isEmpty())
        return;
    QFile::remove(target); // the dialog already asked about replacing it
    writeFile(target, m_parts[row].data);
}

QStringList AttachmentList::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

QMimeData *AttachmentList::mimeData(const QList<QTreeWidgetItem *> &items) const
{
    // Temporary copies are made lazily, so the const drag hook reaches the mutable list.
    auto *self = const_cast<AttachmentList *>(this);
    QList<QUrl> urls;
    for (QTreeWidgetItem *item : items) {
        const QString path = self->temporaryCopy(indexOfTopLevelItem(item));
        if (!path.isEmpty())
            urls.append(QUrl::fromLocalFile(path));
    }
    if (urls.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setUrls(urls);
    return mime;
}

void AttachmentList::showContextMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = itemAt(pos);
    if (!item)
        return;
    const int row = indexOfTopLevelItem(item);
    QMenu menu(this);
    menu.addAction(tr("&Open"), this, [this, row] { openAttachment(row); });
    menu.addAction(tr("&Save As…"), this, [this, row] { saveAttachmentAs(row); });
    menu.exec(viewport()->mapToGlobal(pos));
}

} // namespace Tern
