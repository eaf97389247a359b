#include "foldertreedelegate.h"

#include "models/modelroles.h"

#include <QApplication>
#include <QHash>
#include <QIcon>
#include <QStyle>

namespace Tern {

void FolderTreeDelegate::initStyleOption(QStyleOptionViewItem *option,
                                         const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    const auto kind = ItemKind(index.data(ModelRole::ItemKind).toInt());
    QString iconName;
    QStyle::StandardPixmap fallback = QStyle::SP_DirIcon;
    if (kind == ItemKind::Account) {
        iconName = QStringLiteral("folder-remote");
        fallback = QStyle::SP_DriveNetIcon;
        option->font.setBold(true);
    } else {
        static const QHash<QString, QString> icons = {
            {QStringLiteral("inbox"), QStringLiteral("mail-folder-inbox")},
            {QStringLiteral("drafts"), QStringLiteral("document-edit")},
            {QStringLiteral("sent"), QStringLiteral("mail-folder-sent")},
            {QStringLiteral("archive"), QStringLiteral("folder-archive")},
            {QStringLiteral("junk"), QStringLiteral("mail-mark-junk")},
            {QStringLiteral("trash"), QStringLiteral("user-trash")},
        };
        iconName = icons.value(index.data(ModelRole::FolderRole).toString(),
                               QStringLiteral("folder"));
        if (index.data(ModelRole::FolderRole).toString() == QLatin1StringView("trash"))
            fallback = QStyle::SP_TrashIcon;
        const int unread = index.data(ModelRole::UnreadCount).toInt();
        if (unread > 0) {
            option->text += QStringLiteral(" (%1)").arg(option->locale.toString(unread));
            option->font.setBold(true);
        }
    }
    QIcon icon = QIcon::fromTheme(iconName);
    if (icon.isNull())
        icon = QApplication::style()->standardIcon(fallback);
    option->icon = icon;
    option->features |= QStyleOptionViewItem::HasDecoration;
}

} // namespace Tern
