#pragma once

#include <QLineEdit>

class QAbstractItemModel;
class QCompleter;

namespace Tern {

/// An address field (To, Cc, Bcc) that completes the address being typed after the last
/// comma from a model of known addresses.
class AddressLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    explicit AddressLineEdit(QWidget *parent = nullptr);

    void setCompletionModel(QAbstractItemModel *model);
    QCompleter *completer() const { return m_completer; }

    /// The text after the last separator, which completion replaces.
    QString currentSegment() const;

private:
    void updateCompletion(const QString &text);
    void insertCompletion(const QString &completion);

    QCompleter *m_completer = nullptr;
};

} // namespace Tern
