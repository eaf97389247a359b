#include "accountwizard.h"

#include "intropage.h"
#include "serverspage.h"
#include "verifypage.h"

#include "accounts/accountstore.h"
#include "secrets/secretstore.h"

#include <QMessageBox>

namespace Tern {

AccountWizard::AccountWizard(QSqlDatabase &db, SecretStore *secrets,
                             const Autoconfig::Discovery::Settings &discovery, QWidget *parent)
    : QWizard(parent), m_db(db), m_secrets(secrets), m_discovery(discovery)
{
    setWindowTitle(tr("Add a mail account"));
    setAccessibleName(tr("Add a mail account"));
    setPage(IntroPageId, new IntroPage(this));
    setPage(ServersPageId, new ServersPage(this));
    setPage(VerifyPageId, new VerifyPage(this));
}

void AccountWizard::accept()
{
    Account account = m_draft;
    AccountStore store(m_db);
    // The address names the account; a second account for it gets a number.
    account.name = account.email;
    for (int n = 2; store.find(account.name); ++n)
        account.name = QStringLiteral("%1 (%2)").arg(account.email).arg(n);
    if (!store.add(account, &m_storeError)) {
        QMessageBox::warning(this, windowTitle(), m_storeError);
        return;
    }
    for (ServerUrl::Protocol proto : {account.incoming.protocol, ServerUrl::Protocol::Smtp}) {
        if (proto == ServerUrl::Protocol::Smtp && !account.smtp)
            continue;
        const auto r = m_secrets->writeNow(account.secretKey(proto), m_password);
        if (!r.ok) {
            QString ignored;
            store.remove(account.id, &ignored);
            m_storeError = tr("Cannot store the password in the keychain: %1").arg(r.error);
            QMessageBox::warning(this, windowTitle(), m_storeError);
            return;
        }
    }
    m_storeError.clear();
    m_draft = account;
    QWizard::accept();
    Q_EMIT accountCreated(account.id);
}

} // namespace Tern
