#pragma once

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace Tern {

/// Where passwords live: only here, never in the database, settings or logs.
/// Asynchronous, because the OS keychain answers over D-Bus (or its platform equivalent).
class SecretStore : public QObject
{
    Q_OBJECT
public:
    struct Result {
        bool ok = false;
        QString secret;      // for read
        QString error;       // user-facing, never contains the secret
        bool notFound = false;
        bool noBackend = false; // no keychain service: ask the user, keep it in memory only
    };
    using Callback = std::function<void(const Result &)>;

    using QObject::QObject;
    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, Callback done) = 0;
    virtual void remove(const QString &key, Callback done) = 0;

    /// Blocking helpers for the command line: run a local event loop until the answer.
    Result readNow(const QString &key);
    Result writeNow(const QString &key, const QString &secret);
    Result removeNow(const QString &key);
};

/// Keeps secrets for this session only; used when no keychain exists, and in unit tests.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QHash<QString, QString> m_secrets;
};

} // namespace Tern
