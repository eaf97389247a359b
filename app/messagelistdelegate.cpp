#include "messagelistdelegate.h"

#include "models/messagelistmodel.h"
#include "models/modelroles.h"

#include <QDateTime>
#include <QIcon>

namespace Tern {

void MessageListDelegate::initStyleOption(QStyleOptionViewItem *option,
                                          const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.data(ModelRole::Unread).toBool())
        option->font.setBold(true);
    if (index.data(ModelRole::Deleted).toBool())
        option->font.setStrikeOut(true);
    switch (index.column()) {
    case MessageListModel::FlagsColumn:
        if (index.data(ModelRole::Flagged).toBool()) {
            const QIcon icon = QIcon::fromTheme(QStringLiteral("mail-flagged"));
            option->features |= QStyleOptionViewItem::HasDecoration;
            if (icon.isNull())
                option->text = QStringLiteral("\u2605"); // a star when the theme has no icon
            else
                option->icon = icon;
        }
        break;
    case MessageListModel::AttachmentColumn:
        if (index.data(ModelRole::HasAttachments).toBool()) {
            const QIcon icon = QIcon::fromTheme(QStringLiteral("mail-attachment"));
            if (icon.isNull()) {
                option->text = QStringLiteral("+");
            } else {
                option->icon = icon;
                option->features |= QStyleOptionViewItem::HasDecoration;
            }
        }
        break;
    case MessageListModel::DateColumn: {
        const QDateTime when = index.data(ModelRole::Date).toDateTime().toLocalTime();
        const QString time = option->locale.toString(when.time(), QLocale::ShortFormat);
        option->text = when.date() == QDate::currentDate()
            ? time
            : option->locale.toString(when.date(), QLocale::ShortFormat) + u' ' + time;
        break;
    }
    case MessageListModel::SizeColumn:
        option->text = option->locale.formattedDataSize(index.data(ModelRole::Size).toLongLong());
        option->displayAlignment = Qt::AlignRight | Qt::AlignVCenter;
        break;
    case MessageListModel::SubjectColumn:
        if (option->text.isEmpty())
            option->text = tr("(no subject)");
        break;
    default:
        break;
    }
}

} // namespace Tern
