#pragma once

#include "secrets/secretstore.h"

#include <functional>

namespace Tern {

/// The keychain with a session-only fallback: when the keychain reports no backend, the user
/// is asked for a password once per session and it stays in memory only; nothing is ever
/// written in plain text (issue 8, part 1).
class SessionSecretStore : public SecretStore
{
    Q_OBJECT
public:
    /// Asks the user for the password of key; an empty answer means "cancelled".
    using Asker = std::function<QString(const QString &key)>;

    /// backend is not owned and must outlive this store.
    explicit SessionSecretStore(SecretStore *backend, Asker asker, QObject *parent = nullptr);

    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

    /// True once the keychain said it does not exist: passwords are then kept in memory only.
    bool isMemoryOnly() const { return m_memoryOnly; }
    /// The notice the GUI shows while passwords are kept in memory only.
    static QString memoryOnlyNotice();

Q_SIGNALS:
    /// Emitted once, when the keychain is found missing.
    void memoryOnlyChanged(bool memoryOnly);

private:
    void becomeMemoryOnly();

    SecretStore *m_backend;
    MemorySecretStore m_memory;
    Asker m_asker;
    bool m_memoryOnly = false;
};

} // namespace Tern
