#include "intropage.h"

#include "accountwizard.h"

#include <QFormLayout>
#include <QLineEdit>

namespace Tern {

IntroPage::IntroPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Your mail account"));
    setSubTitle(tr("Tern looks up the server settings from your address."));
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Your name"));
    m_email = new QLineEdit(this);
    m_email->setObjectName(QStringLiteral("email"));
    m_email->setAccessibleName(tr("E-mail address"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Your &name:"), m_name);
    form->addRow(tr("E-mail &address:"), m_email);
    form->addRow(tr("&Password:"), m_password);
    for (QLineEdit *edit : {m_name, m_email, m_password})
        connect(edit, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
}

bool IntroPage::isComplete() const
{
    const QString email = m_email->text().trimmed();
    const qsizetype at = email.indexOf(u'@');
    return at > 0 && at < email.size() - 1 && !m_password->text().isEmpty();
}

bool IntroPage::validatePage()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    w->draft().displayName = m_name->text().trimmed();
    w->draft().email = m_email->text().trimmed();
    w->setPassword(m_password->text());
    return true;
}

} // namespace Tern
