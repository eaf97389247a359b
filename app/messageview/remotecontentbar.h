#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Tern {

/// The bar above a message whose remote content was blocked: load once or always for a sender.
class RemoteContentBar : public QFrame
{
    Q_OBJECT
public:
    explicit RemoteContentBar(QWidget *parent = nullptr);

    /// Names the sender on the "always" button; hides that button when empty.
    void setSender(const QString &address);

    QPushButton *loadButton() const { return m_load; }
    QPushButton *alwaysButton() const { return m_always; }

Q_SIGNALS:
    void loadRequested();
    void alwaysRequested();

private:
    QLabel *m_text;
    QPushButton *m_load;
    QPushButton *m_always;
};

} // namespace Tern
