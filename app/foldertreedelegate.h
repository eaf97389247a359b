#pragma once

#include <QStyledItemDelegate>

namespace Tern {

/// Presentation of FolderModel rows: role icons, and the unread count in bold after the name.
class FolderTreeDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};

} // namespace Tern
