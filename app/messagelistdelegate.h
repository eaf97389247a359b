#pragma once

#include <QStyledItemDelegate>

namespace Tern {

/// Presentation of MessageListModel rows: unread in bold, deleted struck out, flag and
/// attachment icons, dates and sizes in the user's locale (today's dates as a time only).
class MessageListDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Tern
