#pragma once

#include <QWizardPage>

class QLineEdit;

namespace Tern {

/// The wizard's first page: the user's name, address and password.
class IntroPage : public QWizardPage
{
    Q_OBJECT
public:
    explicit IntroPage(QWidget *parent = nullptr);
    bool isComplete() const override;
    bool validatePage() override;

private:
    QLineEdit *m_name;
    QLineEdit *m_email;
    QLineEdit *m_password;
};

} // namespace Tern
