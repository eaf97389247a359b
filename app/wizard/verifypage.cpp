#include "verifypage.h"

#include "accountwizard.h"
#include "certificatedetails.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Tern {

VerifyPage::VerifyPage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Checking the account"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("status"));
    m_status->setAccessibleName(tr("Verification result"));
    m_status->setWordWrap(true);
    m_certificate = new QPlainTextEdit(this);
    m_certificate->setObjectName(QStringLiteral("certificate"));
    m_certificate->setAccessibleName(tr("The server's certificate"));
    m_certificate->setReadOnly(true);
    m_pin = new QCheckBox(tr("&Trust this certificate for this account (pin it)"), this);
    m_pin->setObjectName(QStringLiteral("pin"));
    m_pin->setAccessibleName(tr("Trust and pin this certificate"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("Password"));
    m_retry = new QPushButton(tr("Try &again"), this);
    m_retry->setObjectName(QStringLiteral("retry"));
    m_retry->setAccessibleName(tr("Try again"));
    auto *layout = new QVBoxLayout(this);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_status, m_certificate, m_pin,
                                                           m_password, m_retry})
        layout->addWidget(widget);
    connect(m_retry, &QPushButton::clicked, this, &VerifyPage::retry);
    connect(&m_verifier, &AccountVerifier::progress, m_status, &QLabel::setText);
    connect(&m_verifier, &AccountVerifier::finished, this, &VerifyPage::onFinished);
}

void VerifyPage::initializePage()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    m_password->setText(w->password());
    m_pin->setChecked(false);
    retry();
}

void VerifyPage::cleanupPage()
{
    m_verifier.cancel();
    m_running = false;
}

void VerifyPage::retry()
{
    auto *w = qobject_cast<AccountWizard *>(wizard());
    if (m_pin->isChecked() && !m_result.chain.isEmpty()) {
        const QString digest = certificateSha256(m_result.chain.first());
        if (!w->draft().pinnedSha256.contains(digest))
            w->draft().pinnedSha256 << digest;
    }
    w->setPassword(m_password->text());
    m_result = AccountVerifier::Result();
    m_certificate->hide();
    m_pin->hide();
    m_pin->setChecked(false);
    m_password->hide();
    m_retry->hide();
    m_running = true;
    Q_EMIT completeChanged();
    m_verifier.start(w->draft(), w->password());
}

void VerifyPage::onFinished(const AccountVerifier::Result &result)
{
    m_running = false;
    m_result = result;
    const Account &a = qobject_cast<AccountWizard *>(wizard())->draft();
    const QString host = result.outgoing && a.smtp ? a.smtp->host : a.incoming.host;
    using Problem = AccountVerifier::Problem;
    switch (result.problem) {
    case Problem::None:
        m_status->setText(tr("Logged in to %1%2. Press Finish to add the account.")
                              .arg(a.incoming.host,
                                   a.smtp ? tr(" and %1").arg(a.smtp->host) : QString()));
        break;
    case Problem::WrongPassword:
        m_status->setText(tr("%1 refused the user name or password: %2\nCheck the password "
                             "and try again.").arg(host, result.message));
        m_password->show();
        break;
    case Problem::Unreachable:
        m_status->setText(tr("Cannot reach %1: %2").arg(host, result.message));
        break;
    case Problem::Certificate:
        m_status->setText(tr("The certificate of %1 is not trusted: %2\nOnly trust it if you "
                             "know it is your server's.").arg(host, result.message));
        m_certificate->setPlainText(certificateDetails(result.chain.first()));
        m_certificate->show();
        m_pin->show();
        break;
    case Problem::Other:
        m_status->setText(result.message);
        break;
    }
    m_retry->setVisible(!result.ok);
    Q_EMIT completeChanged();
}

bool VerifyPage::isComplete() const
{
    return !m_running && m_result.ok;
}

} // namespace Tern
