#include "keychainsecretstore.h"

#include <qt6keychain/keychain.h>

namespace Tern {
namespace {

SecretStore::Result resultOf(QKeychain::Job *job)
{
    SecretStore::Result r;
    r.ok = job->error() == QKeychain::NoError;
    r.notFound = job->error() == QKeychain::EntryNotFound;
    r.noBackend = job->error() == QKeychain::NoBackendAvailable;
    if (!r.ok)
        r.error = job->errorString();
    return r;
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new JobType(service, parent);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &service, QObject *parent)
    : SecretStore(parent), m_service(service)
{
}

void KeychainSecretStore::read(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [job, done] {
        Result r = resultOf(job);
        if (r.ok)
            r.secret = job->textData();
        done(r);
    });
    job->start();
}

void KeychainSecretStore::write(const QString &key, const QString &secret, Callback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, key, this);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this, [job, done] { done(resultOf(job)); });
    job->start();
}

void KeychainSecretStore::remove(const QString &key, Callback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, key, this);
    connect(job, &QKeychain::Job::finished, this, [job, done] {
        Result r = resultOf(job);
        if (r.notFound)
            r.ok = true; // removing what is not there is success
        done(r);
    });
    job->start();
}

} // namespace Tern
