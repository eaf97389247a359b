#pragma once

#include "accounts/account.h"
#include "autoconfig/discovery.h"

#include <QWizard>

class QSqlDatabase;

namespace Tern {

class SecretStore;

/// The new-account wizard (issue 8, part 3): name, address and password → the settings
/// discovery found, editable → a real login to both servers → the account is stored.
class AccountWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId { IntroPageId, ServersPageId, VerifyPageId };

    /// db and secrets are not owned and must outlive the wizard.
    AccountWizard(QSqlDatabase &db, SecretStore *secrets,
                  const Autoconfig::Discovery::Settings &discovery, QWidget *parent = nullptr);

    /// The account as the pages build it; never holds the password.
    Account &draft() { return m_draft; }
    QString password() const { return m_password; }
    void setPassword(const QString &password) { m_password = password; }
    const Autoconfig::Discovery::Settings &discoverySettings() const { return m_discovery; }
    /// Why the last attempt to store the account failed (empty when it did not).
    QString storeError() const { return m_storeError; }

    /// Stores the account, its default identity and its passwords; then accountCreated().
    void accept() override;

Q_SIGNALS:
    /// The account exists now: the main window starts its first sync.
    void accountCreated(qint64 accountId);

private:
    QSqlDatabase &m_db;
    SecretStore *m_secrets;
    Autoconfig::Discovery::Settings m_discovery;
    Account m_draft;
    QString m_password;
    QString m_storeError;
};

} // namespace Tern
