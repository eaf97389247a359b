#pragma once

#include "secretstore.h"

namespace Tern {

/// Secrets in the OS keychain through QtKeychain (Secret Service, macOS Keychain, Windows
/// Credential Store). QtKeychain's insecure plain-text fallback is never enabled.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(const QString &service = QStringLiteral("org.tern.Tern"),
                                 QObject *parent = nullptr);
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QString m_service;
};

} // namespace Tern
